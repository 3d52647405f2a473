package org.litsieve.output;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes screened records as BibTeX ({@code included.bib}) for Zotero, JabRef, EndNote, Mendeley
 * and LaTeX.
 *
 * <p>Each entry has a unique citation key: first author's surname, year and first significant
 * title word, ASCII only ({@code smith2019peer}); keys that collide get {@code a}, {@code b}, … in
 * the order of the records. Fields: {@code author} ("Surname, Given and …"; an organisation as
 * one braced name), {@code title}, {@code journal}, {@code year}, {@code volume}, {@code number},
 * {@code pages} ({@code 73--76}), {@code doi}, {@code issn}/{@code isbn}, {@code url},
 * {@code language}, {@code abstract}, {@code keywords} (keywords, then each outcome tag as
 * {@code litsieve:TAG}, comma-separated), {@code pmid}, and a {@code note} with the decision,
 * reason, tags and record id. Text is UTF-8; BibTeX's special characters ({@code \ { } $ & % # _
 * ~ ^}) are escaped, and words with inner capitals (COVID-19, mHealth) are braced so BibTeX styles
 * keep their case. Line ends are {@code \n}.
 *
 * <p>Failure behaviour: none; every record writes (a record without authors gets the key
 * {@code anon…}).
 */
public final class BibtexFormat {
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern NOT_ASCII_ALNUM = Pattern.compile("[^A-Za-z0-9]");
  private static final Pattern LEADING_NON_ALNUM = Pattern.compile("^[^\\p{L}\\p{N}]+");
  private static final Pattern AND = Pattern.compile("(?i).*\\band\\b.*");

  private BibtexFormat() {}

  /** All entries, keyed uniquely, in the given order. */
  public static String render(List<ScreenedRecord> records) {
    StringBuilder b = new StringBuilder();
    List<String> keys = keys(records);
    for (int i = 0; i < records.size(); i++) {
      b.append(entry(records.get(i), keys.get(i)));
    }
    return b.toString();
  }

  /** Unique keys for the records, in their order. */
  public static List<String> keys(List<ScreenedRecord> records) {
    List<String> bases = new ArrayList<>();
    for (ScreenedRecord s : records) {
      bases.add(baseKey(s.record()));
    }
    return keysFromBases(bases);
  }

  /** Unique keys for records whose {@link #baseKey}s are {@code bases}, in their order. */
  static List<String> keysFromBases(List<String> bases) {
    Map<String, Integer> count = new HashMap<>();
    for (String base : bases) {
      count.merge(base, 1, Integer::sum);
    }
    Set<String> used = new LinkedHashSet<>();
    Map<String, Integer> next = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (String base : bases) {
      String key = base;
      if (count.get(base) > 1 || used.contains(key)) {
        do {
          key = base + suffix(next.merge(base, 1, Integer::sum) - 1);
        } while (used.contains(key) || count.containsKey(key));
      }
      used.add(key);
      keys.add(key);
    }
    return keys;
  }

  /** a, b, …, z, aa, ab, … */
  private static String suffix(int i) {
    StringBuilder s = new StringBuilder();
    i++;
    while (i > 0) {
      i--;
      s.insert(0, (char) ('a' + i % 26));
      i /= 26;
    }
    return s.toString();
  }

  private static final Set<String> STOP = Set.of("a", "an", "the", "of", "on", "in", "and", "for",
      "to", "with", "from", "by", "at", "is", "are", "what", "how", "why", "does", "do");

  /** {@code surnameYEARword}, ASCII letters and digits only. */
  static String baseKey(BibRecord r) {
    String surname = ascii(r.firstAuthorSurname()).toLowerCase(Locale.ROOT);
    if (surname.isEmpty()) {
      surname = "anon";
    }
    String word = "";
    for (String w : NOT_WORD.split(r.title())) {
      String a = ascii(w).toLowerCase(Locale.ROOT);
      if (a.length() > 2 && !STOP.contains(a)) {
        word = a;
        break;
      }
    }
    return surname + (r.year() > 0 ? Integer.toString(r.year()) : "") + word;
  }

  private static String ascii(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    return NOT_ASCII_ALNUM.matcher(d).replaceAll("");
  }

  /** One entry with the given key, followed by a blank line. */
  public static String entry(ScreenedRecord s, String key) {
    BibRecord r = s.record();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("author", authors(r.authors()));
    f.put("title", protectCase(escape(r.title())));
    String type = type(r);
    String container = r.journal().isEmpty() ? r.journalAbbrev() : r.journal();
    f.put(type.equals("article") ? "journal" : type.equals("incollection") || type.equals("inproceedings")
        ? "booktitle" : "howpublished", escape(container));
    f.put("year", r.year() > 0 ? Integer.toString(r.year()) : "");
    f.put("volume", escape(r.volume()));
    f.put("number", escape(r.issue()));
    String[] pages = RisFormat.splitPages(r.pages());
    f.put("pages", escape(pages[1].isEmpty() ? pages[0] : pages[0] + "--" + pages[1]));
    f.put("doi", escape(r.doi()));
    f.put(r.issn().isEmpty() ? "isbn" : "issn", escape(r.issn().isEmpty() ? r.isbn() : r.issn()));
    f.put("url", escapeUrl(r.url().isEmpty() && !r.doi().isEmpty() ? "https://doi.org/" + r.doi() : r.url()));
    f.put("language", escape(r.language()));
    f.put("abstract", escape(r.abstractText()));
    Set<String> keywords = new LinkedHashSet<>();
    for (String k : r.keywords()) {
      keywords.add(k.replace(',', ' ').strip());
    }
    for (BlockMatch t : s.tags()) {
      keywords.add("litsieve:" + t.name());
    }
    keywords.remove("");
    f.put("keywords", escape(String.join(", ", keywords)));
    f.put("pmid", escape(r.pmid()));
    List<String> note = new ArrayList<>();
    note.add("litsieve decision: " + s.decision().label());
    if (!s.reason().isEmpty()) {
      note.add("reason: " + s.reason());
    }
    if (!s.tags().isEmpty()) {
      note.add("outcome tags: " + String.join(", ", s.tags().stream().map(BlockMatch::name).toList()));
    }
    note.add("record id: " + s.recordId());
    f.put("note", escape(String.join("; ", note)));

    StringBuilder b = new StringBuilder(1024);
    b.append('@').append(type).append('{').append(key).append(",\n");
    for (Map.Entry<String, String> e : f.entrySet()) {
      String v = oneLine(e.getValue());
      if (!v.isEmpty()) {
        b.append("  ").append(e.getKey()).append(" = {").append(v).append("},\n");
      }
    }
    b.append("}\n\n");
    return b.toString();
  }

  /** The BibTeX entry type for a record's RIS-style type. */
  static String type(BibRecord r) {
    switch (r.type().toUpperCase(Locale.ROOT)) {
      case "BOOK":
        return "book";
      case "CHAP":
        return "incollection";
      case "CONF":
      case "CPAPER":
        return "inproceedings";
      case "THES":
        return "phdthesis";
      case "RPRT":
        return "techreport";
      case "UNPB":
        return "unpublished";
      default:
        return r.journal().isEmpty() && r.journalAbbrev().isEmpty() ? "misc" : "article";
    }
  }

  /** "Surname, Given and Other, Name"; a name without a comma is an organisation, braced whole. */
  static String authors(List<String> authors) {
    List<String> out = new ArrayList<>();
    for (String a : authors) {
      String name = escape(a.strip());
      if (name.isEmpty()) {
        continue;
      }
      if (!name.contains(",") || AND.matcher(name).matches()) {
        name = "{" + name + "}";
      }
      out.add(name);
    }
    return String.join(" and ", out);
  }

  /** The value on one line: line breaks and the spaces around them become one space; stripped. */
  private static String oneLine(String v) {
    if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v.strip(); // most values: no regex needed
    }
    return LINE_BREAKS.matcher(v).replaceAll(" ").strip();
  }

  /** Escapes BibTeX's special characters; other Unicode is kept (the file is UTF-8). */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          b.append("\\textbackslash{}");
          break;
        case '{':
        case '}':
        case '$':
        case '&':
        case '%':
        case '#':
        case '_':
          b.append('\\').append(c);
          break;
        case '~':
          b.append("\\textasciitilde{}");
          break;
        case '^':
          b.append("\\textasciicircum{}");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /** URLs keep their characters; only braces and backslashes, which would end the field, go. */
  static String escapeUrl(String url) {
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D");
  }

  /** Braces words with a capital after their first letter (COVID-19, mHealth) to keep their case. */
  static String protectCase(String escapedTitle) {
    StringBuilder b = new StringBuilder(escapedTitle.length() + 8);
    String[] tokens = escapedTitle.split(" ", -1);
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      if (i > 0) {
        b.append(' ');
      }
      String letters = LEADING_NON_ALNUM.matcher(token).replaceFirst("");
      if (letters.length() > 1 && token.indexOf('\\') < 0
          && letters.substring(1).chars().anyMatch(Character::isUpperCase)) {
        b.append('{').append(token).append('}');
      } else {
        b.append(token);
      }
    }
    return b.toString();
  }
}
