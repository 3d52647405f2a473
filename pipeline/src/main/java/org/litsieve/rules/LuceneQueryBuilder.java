package org.litsieve.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Compiles a {@link QueryNode} into a Lucene {@link Query} over the fields {@code Screener}
 * indexes.
 *
 * <p>Words go through the same analysis as records ({@link ScreeningAnalyzer}): a pattern that the
 * tokenizer splits ({@code well-being}, {@code t-stag*}) becomes a phrase. Wildcard words are
 * lower-cased and folded but never stemmed. Phrases and proximity compile to span queries.
 * Proximity is compiled so that Lucene's lazy span matching is exact: every operand is grouped by
 * its span length, and {@code A NEAR/n B} becomes, for each gap g = 0..n and each order allowed,
 * an ordered span query "A, exactly g positions, B". So a match needs two separate occurrences,
 * and nested proximity measures from the whole inner match.
 *
 * <p>Failure behaviour: none for models from the parsers; {@code heading.exp} without a MeSH tree
 * (or for a heading the tree does not know) matches the heading itself and adds a warning.
 */
public final class LuceneQueryBuilder {
  static {
    // wildcards over a batch of 2,000 records, and proximity expanded per gap, can exceed
    // Lucene's default limit of 1,024 clauses; the limit is process-wide
    if (org.apache.lucene.search.IndexSearcher.getMaxClauseCount() < 1 << 20) {
      org.apache.lucene.search.IndexSearcher.setMaxClauseCount(1 << 20);
    }
  }

  // analysers are thread-safe and costly to warm up: share them
  private static final ScreeningAnalyzer PLAIN = new ScreeningAnalyzer(false);
  private static final ScreeningAnalyzer STEMMING = new ScreeningAnalyzer(true);
  private final ScreeningAnalyzer plain = PLAIN;
  private final ScreeningAnalyzer analyzer;
  private final boolean stemming;
  private final MeshTree mesh;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param stemming whether words are stemmed (as the records are)
   * @param mesh the MeSH tree for explosion, or null
   */
  public LuceneQueryBuilder(boolean stemming, MeshTree mesh) {
    this.stemming = stemming;
    this.analyzer = stemming ? STEMMING : PLAIN;
    this.mesh = mesh;
  }

  /** Warnings from the builds so far (explosion without a tree). */
  public List<String> warnings() {
    return List.copyOf(new LinkedHashSet<>(warnings));
  }

  /** Compiles {@code q}, searching {@code defaultFields} where it names no field. */
  public Query build(QueryNode q, List<String> defaultFields) {
    return bool(q, defaultFields);
  }

  private Query bool(QueryNode q, List<String> fields) {
    if (q instanceof QueryNode.And a) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (QueryNode c : a.clauses()) {
        b.add(bool(c, fields), BooleanClause.Occur.MUST);
      }
      return b.build();
    } else if (q instanceof QueryNode.Or o) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (QueryNode c : o.clauses()) {
        b.add(bool(c, fields), BooleanClause.Occur.SHOULD);
      }
      return b.build();
    } else if (q instanceof QueryNode.Not n) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(bool(n.include(), fields), BooleanClause.Occur.MUST);
      b.add(bool(n.exclude(), fields), BooleanClause.Occur.MUST_NOT);
      return b.build();
    } else if (q instanceof QueryNode.InFields f) {
      return bool(f.query(), f.fields());
    } else if (q instanceof QueryNode.Years y) {
      return IntPoint.newRangeQuery(Fields.YEAR, y.from() == null ? 1 : y.from(),
          y.to() == null ? Integer.MAX_VALUE : y.to());
    } else if (q instanceof QueryNode.Heading h) {
      return heading(h);
    } else if (q instanceof QueryNode.Author a) {
      return author(a);
    } else if (q instanceof QueryNode.Term t) {
      List<Tok> toks = tokens(t.pattern());
      return anyField(fields, f -> text(f, f.equals(Fields.LANGUAGE) ? tokens(language(t.pattern())) : toks));
    } else if (q instanceof QueryNode.Phrase p) {
      List<Tok> all = new ArrayList<>();
      for (String w : p.words()) {
        all.addAll(tokens(w));
      }
      return anyField(fields, f -> text(f, all));
    } else {
      QueryNode.Near n = (QueryNode.Near) q;
      return anyField(fields, f -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (List<SpanQuery> group : spans(n, f).values()) {
          for (SpanQuery s : group) {
            b.add(s, BooleanClause.Occur.SHOULD);
          }
        }
        return b.build();
      });
    }
  }

  private interface PerField {
    Query build(String field);
  }

  private static Query anyField(List<String> fields, PerField build) {
    if (fields.size() == 1) {
      return build.build(fields.get(0));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String f : fields) {
      b.add(build.build(f), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  private Query heading(QueryNode.Heading h) {
    String field = h.major() ? Fields.HEADING_MAJOR : Fields.HEADING_EXACT;
    Set<String> names = new LinkedHashSet<>();
    names.add(Fields.headingKey(h.name()));
    if (h.explode()) {
      if (mesh == null) {
        warnings.add("heading '" + h.name() + "' is exploded, but no MeSH descriptor file is configured "
            + "(mesh.descriptors): only the heading itself is matched");
      } else {
        List<String> below = mesh.explode(h.name());
        if (below == null) {
          warnings.add("heading '" + h.name() + "' is not in the MeSH descriptor file: only the heading itself is matched");
        } else {
          for (String d : below) {
            names.add(Fields.headingKey(d));
          }
        }
      }
    }
    if (names.size() == 1) {
      return new TermQuery(new Term(field, names.iterator().next()));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String n : names) {
      b.add(new TermQuery(new Term(field, n)), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  /**
   * A language word as the records' canonical name ({@code eng} → {@code english}), which
   * {@code Screener} indexes beside the language as written; patterns stay as they are.
   */
  private static String language(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 ? pattern : Languages.canonical(pattern);
  }

  private static Query author(QueryNode.Author a) {
    String field = switch (a.place()) {
      case ANY -> Fields.AUTHOR_NAME;
      case FIRST -> Fields.AUTHOR_FIRST;
      case LAST -> Fields.AUTHOR_LAST;
    };
    List<String> patterns = AuthorNames.patterns(a);
    if (patterns.isEmpty()) {
      return new MatchNoDocsQuery("no author name");
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String p : patterns) {
      b.add(a.moreInitials() ? new RegexpQuery(new Term(field, p)) : new TermQuery(new Term(field, p)),
          BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ words

  /** One analysed word: its text, or (when {@code wildcard}) a pattern with *, *N and ?. */
  record Tok(String text, boolean wildcard) {}

  private static final String STAR = "zqzstarzqz";
  private static final String ONE = "zqzonezqz";
  private static final String UPTO = "zqzupto";
  private static final String UPTO_END = "zqzq";

  /** Analyses a word pattern into tokens, as the records are analysed. */
  List<Tok> tokens(String pattern) {
    StringBuilder marked = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1))) {
          marked.append(UPTO).append(pattern.charAt(i + 1)).append(UPTO_END);
          i++;
        } else {
          marked.append(STAR);
        }
      } else if (c == '?') {
        marked.append(ONE);
      } else {
        marked.append(c);
      }
    }
    List<Tok> out = new ArrayList<>();
    for (String t : analyse(plain, marked.toString())) {
      if (t.contains("zqz")) {
        String p = t.replace(STAR, "*").replace(ONE, "?").replaceAll(UPTO + "(\\d)" + UPTO_END, "*$1");
        out.add(new Tok(p, true));
      } else if (stemming) {
        List<String> stemmed = analyse(analyzer, t);
        out.add(new Tok(stemmed.isEmpty() ? t : stemmed.get(0), false));
      } else {
        out.add(new Tok(t, false));
      }
    }
    return out;
  }

  private static List<String> analyse(ScreeningAnalyzer a, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream(Fields.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Query text(String field, List<Tok> toks) {
    if (toks.isEmpty()) {
      return new MatchNoDocsQuery("no searchable words");
    }
    if (toks.size() == 1) {
      Tok t = toks.get(0);
      return t.wildcard() ? multiTerm(field, t.text()) : new TermQuery(new Term(field, t.text()));
    }
    if (toks.stream().noneMatch(Tok::wildcard)) {
      PhraseQuery.Builder b = new PhraseQuery.Builder();
      for (Tok t : toks) {
        b.add(new Term(field, t.text()));
      }
      return b.build();
    }
    return spanPhrase(field, toks);
  }

  /** The Lucene query for one wildcard token. */
  static MultiTermQuery multiTerm(String field, String pattern) {
    int star = pattern.indexOf('*');
    boolean bounded = pattern.matches(".*\\*\\d.*");
    if (!bounded && pattern.indexOf('?') < 0 && star == pattern.length() - 1) {
      return new PrefixQuery(new Term(field, pattern.substring(0, star)));
    }
    if (!bounded) {
      return new WildcardQuery(new Term(field, pattern));
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        boolean digit = i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1));
        re.append(digit ? ".{0," + pattern.charAt(i + 1) + "}" : ".*");
        i += digit ? 1 : 0;
      } else if (c == '?') {
        re.append('.');
      } else if (Character.isLetterOrDigit(c)) {
        re.append(c);
      } else {
        re.append('\\').append(c);
      }
    }
    return new RegexpQuery(new Term(field, re.toString()));
  }

  private static SpanQuery spanToken(String field, Tok t) {
    return t.wildcard()
        ? new SpanMultiTermQueryWrapper<>(multiTerm(field, t.text()))
        : new SpanTermQuery(new Term(field, t.text()));
  }

  private static SpanQuery spanPhrase(String field, List<Tok> toks) {
    if (toks.size() == 1) {
      return spanToken(field, toks.get(0));
    }
    SpanNearQuery.Builder b = new SpanNearQuery.Builder(field, true).setSlop(0);
    for (Tok t : toks) {
      b.addClause(spanToken(field, t));
    }
    return b.build();
  }

  // ------------------------------------------------------------------ proximity

  /** Span queries for {@code q} in {@code field}, grouped by the (fixed) length of their matches. */
  private Map<Integer, List<SpanQuery>> spans(QueryNode q, String field) {
    Map<Integer, List<SpanQuery>> out = new TreeMap<>();
    if (q instanceof QueryNode.Term t) {
      add(out, field, tokens(t.pattern()));
    } else if (q instanceof QueryNode.Phrase p) {
      List<Tok> all = new ArrayList<>();
      for (String w : p.words()) {
        all.addAll(tokens(w));
      }
      add(out, field, all);
    } else if (q instanceof QueryNode.Or o) {
      for (QueryNode c : o.clauses()) {
        spans(c, field).forEach((len, list) -> out.computeIfAbsent(len, k -> new ArrayList<>()).addAll(list));
      }
    } else if (q instanceof QueryNode.Near n) {
      Map<Integer, List<SpanQuery>> left = spans(n.left(), field);
      Map<Integer, List<SpanQuery>> right = spans(n.right(), field);
      for (Map.Entry<Integer, List<SpanQuery>> l : left.entrySet()) {
        SpanQuery a = or(l.getValue());
        for (Map.Entry<Integer, List<SpanQuery>> r : right.entrySet()) {
          SpanQuery b = or(r.getValue());
          for (int g = 0; g <= n.maxBetween(); g++) {
            int len = l.getKey() + g + r.getKey();
            out.computeIfAbsent(len, k -> new ArrayList<>()).add(sequence(field, a, g, b));
            if (!n.ordered()) {
              out.get(len).add(sequence(field, b, g, a));
            }
          }
        }
      }
    } else {
      throw new IllegalArgumentException("not allowed inside proximity: " + QueryPrinter.print(q));
    }
    return out;
  }

  private static void add(Map<Integer, List<SpanQuery>> out, String field, List<Tok> toks) {
    if (!toks.isEmpty()) {
      out.computeIfAbsent(toks.size(), k -> new ArrayList<>()).add(spanPhrase(field, toks));
    }
  }

  private static SpanQuery or(List<SpanQuery> list) {
    return list.size() == 1 ? list.get(0) : new SpanOrQuery(list.toArray(new SpanQuery[0]));
  }

  private static SpanQuery sequence(String field, SpanQuery a, int gap, SpanQuery b) {
    SpanNearQuery.Builder s = new SpanNearQuery.Builder(field, true).setSlop(0).addClause(a);
    if (gap > 0) {
      s.addGap(gap);
    }
    return s.addClause(b).build();
  }
}
