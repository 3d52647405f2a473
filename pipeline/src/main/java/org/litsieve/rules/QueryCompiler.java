package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Query;

/**
 * Compiles a block's query text into the query model and a Lucene {@link Query}.
 *
 * <p>The text is in one of three syntaxes ({@link Syntax}): litsieve's own language
 * ({@link NativeQueryParser}), PubMed ({@link PubMedTranslator}) or an Ovid MEDLINE multi-line
 * strategy ({@link OvidTranslator}). All three give a {@link QueryNode}, which
 * {@link LuceneQueryBuilder} compiles with the same analysis chain that indexes records.
 *
 * <p>Failure behaviour: a query that cannot be used throws {@link QueryException} with the 1-based
 * line and column inside the query text; usable queries may carry {@link QueryWarning}s.
 */
public final class QueryCompiler {
  private final ScreeningAnalyzer analyzer;
  private final boolean stemming;
  private final MeshTree mesh;

  public QueryCompiler(boolean stemming) {
    this(stemming, null);
  }

  /** With a MeSH tree for explosion (may be null). */
  public QueryCompiler(boolean stemming, MeshTree mesh) {
    this.stemming = stemming;
    this.analyzer = new ScreeningAnalyzer(stemming);
    this.mesh = mesh;
  }

  /** The analyser records must be indexed with. */
  public ScreeningAnalyzer analyzer() {
    return analyzer;
  }

  /**
   * The syntax a block's query is written in, named by the block's key: the registry of
   * {@link QueryTranslator}s.
   */
  public enum Syntax {
    /** litsieve's language: key {@code query}. */
    LITSIEVE("query", "litsieve", text -> {
      NativeQueryParser.Result r = NativeQueryParser.parse(text);
      return new ParsedQuery(r.query(), r.warnings());
    }),
    /** PubMed's: key {@code pubmed}. */
    PUBMED("pubmed", "PubMed", PubMedTranslator::translate),
    /** An Ovid MEDLINE multi-line strategy: key {@code ovid}. */
    OVID("ovid", "Ovid", OvidTranslator::translate),
    /** Embase.com: key {@code embase}. */
    EMBASE("embase", "Embase", DatabaseTranslator.EMBASE),
    /** EBSCOhost (CINAHL, APA PsycInfo): key {@code ebsco}. */
    EBSCO("ebsco", "EBSCOhost", DatabaseTranslator.EBSCO),
    /** Scopus advanced search: key {@code scopus}. */
    SCOPUS("scopus", "Scopus", DatabaseTranslator.SCOPUS),
    /** Web of Science advanced search: key {@code wos}. */
    WOS("wos", "Web of Science", DatabaseTranslator.WOS),
    /** The Cochrane Library's search manager: key {@code cochrane}. */
    COCHRANE("cochrane", "Cochrane Library", DatabaseTranslator.COCHRANE);

    private final String key;
    private final String label;
    private final QueryTranslator translator;

    Syntax(String key, String label, QueryTranslator translator) {
      this.key = key;
      this.label = label;
      this.translator = translator;
    }

    /** The block key that selects this syntax. */
    public String key() {
      return key;
    }

    /** The syntax's name for people, e.g. {@code Web of Science}. */
    public String label() {
      return label;
    }

    /** What reads this syntax. */
    public QueryTranslator translator() {
      return translator;
    }

    /** The syntax for a block key, or null. */
    public static Syntax ofKey(String key) {
      for (Syntax s : values()) {
        if (s.key.equals(key)) {
          return s;
        }
      }
      return null;
    }
  }

  /** A compiled query: its model, its Lucene query and every warning. */
  public record Compiled(QueryNode model, Query lucene, List<QueryWarning> warnings) {}

  /** Parses (and, for PubMed and Ovid, translates) without compiling. */
  public static ParsedQuery parse(Syntax syntax, String text) throws QueryException {
    if (text == null || text.isBlank()) {
      throw new QueryException("the query is empty", 1, 1);
    }
    QueryLimits.length(text);
    ParsedQuery parsed = syntax.translator().translate(text);
    QueryLimits.check(parsed.model());
    return parsed;
  }

  /** Parses and compiles {@code text}, searching {@code defaultFields} where it names none. */
  public Compiled compile(Syntax syntax, String text, List<String> defaultFields) throws QueryException {
    ParsedQuery p = parse(syntax, text);
    LuceneQueryBuilder builder = new LuceneQueryBuilder(stemming, mesh);
    Query q = builder.build(p.model(), defaultFields);
    List<QueryWarning> warnings = new ArrayList<>(p.warnings());
    for (String w : builder.warnings()) {
      int at = locate(text, w);
      int[] lc = QueryException.lineColumn(text, at);
      warnings.add(new QueryWarning(lc[0], lc[1], w));
    }
    return new Compiled(p.model(), q, List.copyOf(warnings));
  }

  /** Compiles a query in litsieve's language. */
  public Query compile(String text, List<String> defaultFields) throws QueryException {
    return compile(Syntax.LITSIEVE, text, defaultFields).lucene();
  }

  /** Points a builder warning at the heading it names, when the text contains it. */
  private static int locate(String text, String warning) {
    int q1 = warning.indexOf('\'');
    int q2 = q1 < 0 ? -1 : warning.indexOf('\'', q1 + 1);
    if (q2 > q1 + 1) {
      int at = text.toLowerCase(Locale.ROOT).indexOf(warning.substring(q1 + 1, q2).toLowerCase(Locale.ROOT));
      if (at >= 0) {
        return at;
      }
    }
    return 0;
  }
}
