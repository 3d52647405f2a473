package org.litsieve.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The searchable fields of a record and the aliases a query may use for them.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>aliases</th><th>holds</th></tr>
 * <tr><td>title</td><td>ti</td><td>the title</td></tr>
 * <tr><td>abstract</td><td>ab</td><td>the abstract</td></tr>
 * <tr><td>keywords</td><td>kw</td><td>author keywords and subject headings</td></tr>
 * <tr><td>ot</td><td>other.terms</td><td>author keywords only (PubMed's other terms)</td></tr>
 * <tr><td>mesh</td><td>mh, sh</td><td>subject headings (MeSH, Emtree, thesaurus terms)</td></tr>
 * <tr><td>pt</td><td>type</td><td>publication types</td></tr>
 * <tr><td>au</td><td>author</td><td>authors</td></tr>
 * <tr><td>so</td><td>journal, source</td><td>journal title and abbreviation</td></tr>
 * <tr><td>la</td><td>language</td><td>language</td></tr>
 * </table>
 *
 * <p>{@code tiab} stands for title or abstract.
 */
public final class Fields {
  public static final String TITLE = "title";
  public static final String ABSTRACT = "abstract";
  public static final String KEYWORDS = "keywords";
  /** Author keywords only, without subject headings (PubMed's "other terms", {@code [ot]}). */
  public static final String OTHER_TERMS = "ot";
  public static final String MESH = "mesh";
  public static final String PUBLICATION_TYPE = "pt";
  public static final String AUTHOR = "au";
  public static final String SOURCE = "so";
  public static final String LANGUAGE = "la";

  /** Every canonical field, in display order. */
  public static final List<String> ALL =
      List.of(TITLE, ABSTRACT, KEYWORDS, OTHER_TERMS, MESH, PUBLICATION_TYPE, AUTHOR, SOURCE, LANGUAGE);

  /**
   * Hidden index field: each subject heading as one whole-value token (see {@link #headingKey}),
   * for {@code heading:} queries. Not a name a query can use.
   */
  public static final String HEADING_EXACT = "mesh_heading";
  /** Hidden index field: like {@link #HEADING_EXACT}, only the headings marked major ({@code *}). */
  public static final String HEADING_MAJOR = "mesh_major";
  /**
   * Hidden index field: each author as whole-name keys ({@code AuthorNames.keys}), for
   * {@code au.name:} queries and PubMed's {@code [au]}. Not a name a query can use.
   */
  public static final String AUTHOR_NAME = "au_name";
  /** Hidden index field: like {@link #AUTHOR_NAME}, the first author only ({@code [1au]}). */
  public static final String AUTHOR_FIRST = "au_first";
  /** Hidden index field: like {@link #AUTHOR_NAME}, the last author only ({@code [lastau]}). */
  public static final String AUTHOR_LAST = "au_last";
  /** Hidden index field: the publication year as a point, for {@code year:} ranges. */
  public static final String YEAR = "year";

  /** The fields a block searches when neither it nor the file's defaults say otherwise. */
  public static final List<String> DEFAULT = List.of(TITLE, ABSTRACT, KEYWORDS);

  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    for (String f : ALL) {
      ALIASES.put(f, List.of(f));
    }
    ALIASES.put("ti", List.of(TITLE));
    ALIASES.put("ab", List.of(ABSTRACT));
    ALIASES.put("tiab", List.of(TITLE, ABSTRACT));
    ALIASES.put("kw", List.of(KEYWORDS));
    ALIASES.put("other.terms", List.of(OTHER_TERMS));
    ALIASES.put("mh", List.of(MESH));
    ALIASES.put("sh", List.of(MESH));
    ALIASES.put("type", List.of(PUBLICATION_TYPE));
    ALIASES.put("author", List.of(AUTHOR));
    ALIASES.put("journal", List.of(SOURCE));
    ALIASES.put("source", List.of(SOURCE));
    ALIASES.put("language", List.of(LANGUAGE));
  }

  private Fields() {}

  /** The canonical fields a name or alias stands for, or null if the name is unknown. */
  public static List<String> resolve(String nameOrAlias) {
    return nameOrAlias == null ? null : ALIASES.get(nameOrAlias.toLowerCase(Locale.ROOT));
  }

  /**
   * The comparable form of a subject heading: the descriptor without a leading {@code *} and
   * without subheadings ({@code /diagnosis}), lower case, accents folded, and every run of
   * punctuation or spaces made one space: {@code "*Neoplasms, Second Primary/diagnosis"} →
   * {@code neoplasms second primary}.
   */
  public static String headingKey(String heading) {
    String h = heading.strip();
    while (h.startsWith("*")) {
      h = h.substring(1);
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    return fold(h);
  }

  /** Lower case, accents folded, punctuation runs made one space, trimmed. */
  static String fold(String s) {
    char[] in = s.toLowerCase(Locale.ROOT).toCharArray();
    char[] out = new char[in.length * 4];
    int n = org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
    StringBuilder b = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < n; i++) {
      char c = out[i];
      if (Character.isLetterOrDigit(c)) {
        if (space && b.length() > 0) {
          b.append(' ');
        }
        b.append(c);
        space = false;
      } else {
        space = true;
      }
    }
    return b.toString();
  }

  /** The shortest alias for a set of canonical fields, as {@link QueryPrinter} writes it. */
  public static String alias(List<String> fields) {
    if (fields.equals(List.of(TITLE, ABSTRACT))) {
      return "tiab";
    }
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(switch (f) {
        case TITLE -> "ti";
        case ABSTRACT -> "ab";
        case KEYWORDS -> "kw";
        case MESH -> "mh";
        default -> f;
      });
    }
    return b.toString();
  }

  /** Every accepted name, for error messages. */
  public static String known() {
    return String.join(", ", ALIASES.keySet());
  }
}
