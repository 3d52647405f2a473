package org.litsieve.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the query language: seeded random queries (rendered as text) and random
 * records; every (query, record) answer from the real path (parser → model → Lucene spans over
 * an index built like the Screener's) must equal the answer of the small reference evaluator
 * below, which works on the generated query tree and the generated words directly and shares no
 * code with the production parser or compiler.
 */
class QueryDifferentialTest {
  static final String[] VOCAB = {"peer", "peers", "support", "supporter", "train", "training",
      "trainer", "mental", "health", "care", "carer", "woman", "women", "well", "being", "cafe",
      "recovery", "not", "x"};
  static final String[] FIELDS = {"title", "abstract", "keywords"};
  static final int ROUNDS = 250;
  static final int QUERIES_PER_ROUND = 40;
  static final int DOCS_PER_ROUND = 30;

  // ---------------------------------------------------------------- the reference's query tree

  interface Q {}

  /** A word: literal or glob (* any, *N up to N, ? one). {@code compound} = two words joined by '-'. */
  record W(String pattern, String second) implements Q {}

  record P(List<String> words) implements Q {}

  record And(List<Q> c) implements Q {}

  record Or(List<Q> c) implements Q {}

  record Not(Q in, Q out) implements Q {}

  record Near(Q l, Q r, int n, boolean ordered) implements Q {}

  record Fld(String alias, List<String> fields, Q q) implements Q {}

  record Year(int from, int to) implements Q {}

  record Doc(List<List<List<String>>> fields, int year, String[] text) {}

  // ---------------------------------------------------------------- generators

  final Random rnd = new Random(20240611L);

  String pattern() {
    String w = VOCAB[rnd.nextInt(VOCAB.length - 2)];
    switch (rnd.nextInt(6)) {
      case 0:
        return w.substring(0, Math.min(w.length(), 2 + rnd.nextInt(3))) + "*";
      case 1: {
        int i = rnd.nextInt(w.length());
        return w.substring(0, i) + "?" + w.substring(i + 1);
      }
      case 2: {
        int i = 1 + rnd.nextInt(w.length() - 1);
        return w.substring(0, i) + "*" + (1 + rnd.nextInt(2)) + w.substring(Math.min(w.length(), i + rnd.nextInt(2)));
      }
      default:
        return w;
    }
  }

  Q leaf() {
    int k = rnd.nextInt(10);
    if (k < 6) {
      return new W(pattern(), null);
    }
    if (k < 7) {
      return new W(VOCAB[rnd.nextInt(VOCAB.length)], VOCAB[rnd.nextInt(VOCAB.length)]);
    }
    List<String> words = new ArrayList<>();
    int n = 2 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) {
      words.add(rnd.nextInt(4) == 0 ? pattern() : VOCAB[rnd.nextInt(VOCAB.length)]);
    }
    return new P(words);
  }

  Q proxOperand(int depth) {
    int k = rnd.nextInt(depth > 0 ? 6 : 4);
    if (k < 3) {
      return leaf();
    }
    if (k == 3) {
      return new Or(List.of(leaf(), leaf()));
    }
    return new Near(proxOperand(depth - 1), proxOperand(depth - 1), rnd.nextInt(4), rnd.nextBoolean());
  }

  Q query(int depth) {
    int k = depth <= 0 ? 0 : rnd.nextInt(9);
    switch (k) {
      case 0:
      case 1:
        return leaf();
      case 2:
        return new And(List.of(query(depth - 1), query(depth - 1)));
      case 3:
        return new Or(List.of(query(depth - 1), query(depth - 1), query(depth - 1)));
      case 4:
        return new Not(query(depth - 1), query(depth - 1));
      case 5:
      case 6:
        return new Near(proxOperand(1), proxOperand(1), rnd.nextInt(5), rnd.nextBoolean());
      case 7: {
        int f = rnd.nextInt(3);
        String alias = f == 0 ? "ti" : f == 1 ? "ab" : "tiab";
        List<String> fields = f == 0 ? List.of("title") : f == 1 ? List.of("abstract") : List.of("title", "abstract");
        return new Fld(alias, fields, query(depth - 1));
      }
      default: {
        int from = 1990 + rnd.nextInt(30);
        return new Year(from, from + rnd.nextInt(10));
      }
    }
  }

  String render(String word) {
    String w = word;
    if (w.equals("cafe") && rnd.nextBoolean()) {
      w = "café";
    }
    switch (rnd.nextInt(5)) {
      case 0:
        return w.toUpperCase(Locale.ROOT);
      case 1:
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
      default:
        return w;
    }
  }

  String op(String name) {
    return rnd.nextBoolean() ? name : name.toLowerCase(Locale.ROOT);
  }

  int level(Q q) {
    if (q instanceof Or) {
      return 1;
    } else if (q instanceof And) {
      return 2;
    } else if (q instanceof Not) {
      return 3;
    } else if (q instanceof Near) {
      return 4;
    }
    return 5;
  }

  /** Renders with parentheses where the documented precedence needs them, and sometimes more. */
  String text(Q q, int minLevel) {
    String s = textOf(q);
    return level(q) < minLevel || (level(q) < 5 && rnd.nextInt(3) == 0) ? "(" + s + ")" : s;
  }

  String textOf(Q q) {
    if (q instanceof W w) {
      String t = w.second() == null ? render(w.pattern()) : render(w.pattern()) + "-" + render(w.second());
      boolean reserved = t.equalsIgnoreCase("not") || t.toLowerCase(Locale.ROOT).startsWith("not-");
      return reserved ? "\"" + t + "\"" : t;
    } else if (q instanceof P p) {
      List<String> r = new ArrayList<>();
      for (String w : p.words()) {
        r.add(render(w));
      }
      return "\"" + String.join(" ", r) + "\"";
    } else if (q instanceof And a) {
      return text(a.c().get(0), 3) + " " + op("AND") + " " + text(a.c().get(1), 3);
    } else if (q instanceof Or o) {
      StringBuilder b = new StringBuilder(text(o.c().get(0), 2));
      for (int i = 1; i < o.c().size(); i++) {
        b.append(rnd.nextInt(3) == 0 ? " " : " " + op("OR") + " ").append(text(o.c().get(i), 2));
      }
      return b.toString();
    } else if (q instanceof Not n) {
      return text(n.in(), 3) + " " + op("NOT") + " " + text(n.out(), 4);
    } else if (q instanceof Near n) {
      return text(n.l(), 4) + " " + op(n.ordered() ? "W" : "NEAR") + "/" + n.n() + " " + text(n.r(), 5);
    } else if (q instanceof Fld f) {
      return f.alias() + ":" + text(f.q(), 5);
    } else {
      Year y = (Year) q;
      return "year:" + y.from() + "-" + y.to();
    }
  }

  Doc doc() {
    List<List<List<String>>> fields = new ArrayList<>();
    String[] texts = new String[3];
    for (int f = 0; f < 3; f++) {
      int values = f == 2 ? rnd.nextInt(4) : 1;
      int words = f == 0 ? 2 + rnd.nextInt(7) : f == 1 ? rnd.nextInt(22) : 1 + rnd.nextInt(3);
      List<List<String>> vs = new ArrayList<>();
      List<String> rendered = new ArrayList<>();
      for (int v = 0; v < values; v++) {
        List<String> toks = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
          String w = VOCAB[rnd.nextInt(VOCAB.length)];
          toks.add(w);
          if (i > 0) {
            String[] seps = {" ", " ", " ", "-", ", ", ". ", " (", ") ", "; "};
            b.append(seps[rnd.nextInt(seps.length)]);
          }
          b.append(render(w));
        }
        if (!toks.isEmpty()) {
          vs.add(toks);
          rendered.add(b.toString());
        }
      }
      fields.add(vs);
      texts[f] = String.join("\u0001", rendered);
    }
    int year = rnd.nextInt(5) == 0 ? 0 : 1985 + rnd.nextInt(40);
    return new Doc(fields, year, texts);
  }

  // ---------------------------------------------------------------- the reference evaluator

  static boolean glob(String p, String s) {
    if (p.isEmpty()) {
      return s.isEmpty();
    }
    char c = p.charAt(0);
    if (c == '*') {
      int d = p.length() > 1 && Character.isDigit(p.charAt(1)) ? 2 : 1;
      int limit = d > 1 ? Integer.parseInt(p.substring(1, d)) : Integer.MAX_VALUE;
      for (int k = 0; k <= Math.min(limit, s.length()); k++) {
        if (glob(p.substring(d), s.substring(k))) {
          return true;
        }
      }
      return false;
    }
    if (s.isEmpty()) {
      return false;
    }
    return (c == '?' || c == s.charAt(0)) && glob(p.substring(1), s.substring(1));
  }

  /** Spans [start, end) of the words of {@code seq} in {@code toks}, consecutive. */
  static List<int[]> sequence(List<String> seq, List<String> toks) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i + seq.size() <= toks.size(); i++) {
      boolean ok = true;
      for (int j = 0; j < seq.size() && ok; j++) {
        ok = glob(seq.get(j), toks.get(i + j));
      }
      if (ok) {
        out.add(new int[] {i, i + seq.size()});
      }
    }
    return out;
  }

  static List<int[]> spans(Q q, List<String> toks) {
    if (q instanceof W w) {
      return sequence(w.second() == null ? List.of(w.pattern()) : List.of(w.pattern(), w.second()), toks);
    } else if (q instanceof P p) {
      return sequence(p.words(), toks);
    } else if (q instanceof Or o) {
      List<int[]> out = new ArrayList<>();
      for (Q c : o.c()) {
        out.addAll(spans(c, toks));
      }
      return out;
    } else {
      Near n = (Near) q;
      List<int[]> out = new ArrayList<>();
      List<int[]> ls = spans(n.l(), toks);
      List<int[]> rs = spans(n.r(), toks);
      for (int[] a : ls) {
        for (int[] b : rs) {
          if (b[0] >= a[1] && b[0] - a[1] <= n.n()) {
            out.add(new int[] {a[0], b[1]});
          }
          if (!n.ordered() && a[0] >= b[1] && a[0] - b[1] <= n.n()) {
            out.add(new int[] {b[0], a[1]});
          }
        }
      }
      return out;
    }
  }

  static boolean eval(Q q, Doc d, List<String> fields) {
    if (q instanceof And a) {
      return a.c().stream().allMatch(c -> eval(c, d, fields));
    } else if (q instanceof Or o) {
      return o.c().stream().anyMatch(c -> eval(c, d, fields));
    } else if (q instanceof Not n) {
      return eval(n.in(), d, fields) && !eval(n.out(), d, fields);
    } else if (q instanceof Fld f) {
      return eval(f.q(), d, f.fields());
    } else if (q instanceof Year y) {
      return d.year() > 0 && d.year() >= y.from() && d.year() <= y.to();
    }
    for (String f : fields) {
      int fi = List.of(FIELDS).indexOf(f);
      for (List<String> value : d.fields().get(fi)) {
        if (!spans(q, value).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- the test

  /** Writes a generated query in one syntax, or returns null when that syntax cannot say it. */
  interface Renderer {
    String render(Q q);
  }

  /** How a database syntax writes the generated constructs ({@link #dialectText}). */
  record Dialect(QueryCompiler.Syntax syntax, String and, String or, String not, String near, String next,
      boolean nextNeedsZero, String title, String abs, String tiab, boolean suffixFields, String years,
      boolean parenthesiseAll, int[] levels, String bounded) {}

  static final Dialect EMBASE = new Dialect(QueryCompiler.Syntax.EMBASE, "AND", "OR", "NOT", "NEAR/%d", "NEXT/%d",
      false, ":ti", ":ab", ":ti,ab", true, "[%d-%d]/py", false, new int[] {1, 2, 3, 4}, "$");
  static final Dialect EBSCO = new Dialect(QueryCompiler.Syntax.EBSCO, "AND", "OR", "NOT", "N%d", "W%d",
      false, "TI", "AB", null, false, null, true, new int[] {1, 1, 1, 2}, "#");
  static final Dialect SCOPUS = new Dialect(QueryCompiler.Syntax.SCOPUS, "AND", "OR", "AND NOT", "W/%d", "PRE/%d",
      false, "TITLE", "ABS", "TITLE-ABS", false, "(PUBYEAR > %d AND PUBYEAR < %d)", false,
      new int[] {4, 2, 1, 3}, null);
  static final Dialect WOS = new Dialect(QueryCompiler.Syntax.WOS, "AND", "OR", "NOT", "NEAR/%d", null,
      false, "TI=", "AB=", null, false, "PY=%d-%d", false, new int[] {1, 2, 3, 5}, "$");
  static final Dialect COCHRANE = new Dialect(QueryCompiler.Syntax.COCHRANE, "AND", "OR", "NOT", "NEAR/%d", "NEXT",
      true, ":ti", ":ab", ":ti,ab", true, null, false, new int[] {1, 2, 3, 4}, null);

  /** Binding level of a node in a dialect: levels = {OR, AND, NOT, NEAR}; leaves bind tightest. */
  static int level(Dialect d, Q q) {
    return q instanceof Or ? d.levels()[0] : q instanceof And ? d.levels()[1] : q instanceof Not ? d.levels()[2]
        : q instanceof Near ? d.levels()[3] : 9;
  }

  /** {@code q} in the dialect's syntax, with parentheses where its precedence needs them. */
  String dialectText(Dialect d, Q q, int minLevel) {
    String s = dialectOf(d, q);
    if (s == null) {
      return null;
    }
    int l = level(d, q);
    boolean wrap = l < 9 && (d.parenthesiseAll() || l < minLevel || rnd.nextInt(3) == 0);
    return wrap ? "(" + s + ")" : s;
  }

  String dialectWord(Dialect d, String w) {
    if (w.matches(".*\\*\\d.*")) {
      if (d.bounded() == null || !w.matches(".*\\*1.*") || w.matches(".*\\*[2-9].*")) {
        return null;
      }
      w = w.replace("*1", d.bounded());
    }
    return render(w);
  }

  String dialectOf(Dialect d, Q q) {
    if (q instanceof W w) {
      String a = dialectWord(d, w.pattern());
      if (a == null) {
        return null;
      }
      String t = w.second() == null ? a : a + "-" + render(w.second());
      boolean reserved = t.equalsIgnoreCase("not") || t.toLowerCase(Locale.ROOT).startsWith("not-");
      return reserved ? "\"" + t + "\"" : t;
    } else if (q instanceof P p) {
      List<String> r = new ArrayList<>();
      for (String w : p.words()) {
        String x = dialectWord(d, w);
        if (x == null) {
          return null;
        }
        r.add(x);
      }
      return "\"" + String.join(" ", r) + "\"";
    } else if (q instanceof And || q instanceof Or) {
      List<Q> c = q instanceof And a ? a.c() : ((Or) q).c();
      int l = level(d, q);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < c.size(); i++) {
        // left-associative: a right operand of the same level needs parentheses
        String x = dialectText(d, c.get(i), i == 0 ? l : l + 1);
        if (x == null) {
          return null;
        }
        b.append(i == 0 ? "" : " " + op(q instanceof And ? d.and() : d.or()) + " ").append(x);
      }
      return b.toString();
    } else if (q instanceof Not n) {
      String a = dialectText(d, n.in(), level(d, q));
      String b = dialectText(d, n.out(), level(d, q) + 1);
      return a == null || b == null ? null : a + " " + op(d.not()) + " " + b;
    } else if (q instanceof Near n) {
      String opText;
      if (!n.ordered()) {
        opText = String.format(d.near(), n.n());
      } else if (d.next() == null || d.nextNeedsZero() && n.n() != 0) {
        return null;
      } else {
        opText = String.format(d.next(), n.n());
      }
      String a = dialectText(d, n.l(), level(d, q));
      String b = dialectText(d, n.r(), level(d, q) + 1);
      // EBSCOhost's N3/W3 are capitals (lower case they are words)
      String written = d.syntax() == QueryCompiler.Syntax.EBSCO ? opText : op(opText);
      return a == null || b == null ? null : a + " " + written + " " + b;
    } else if (q instanceof Fld f) {
      String code = f.alias().equals("ti") ? d.title() : f.alias().equals("ab") ? d.abs() : d.tiab();
      String inner = code == null ? null : dialectOf(d, f.q());
      if (inner == null) {
        return null;
      }
      if (d.suffixFields()) {
        return "(" + inner + ")" + code;
      }
      return code.endsWith("=") ? code + "(" + inner + ")" : code + " (" + inner + ")";
    } else {
      Year y = (Year) q;
      if (d.years() == null) {
        return null;
      }
      return d.syntax() == QueryCompiler.Syntax.SCOPUS ? String.format(d.years(), y.from() - 1, y.to() + 1)
          : String.format(d.years(), y.from(), y.to());
    }
  }

  /**
   * {@code q} in PubMed syntax, or null: every compound operand in parentheses (PubMed reads
   * left to right), groups tagged {@code [ti]}, {@code [ab]}, {@code [tiab]}, proximity as
   * {@code "a b"[tiab:~N]} inside a title or title/abstract group (PubMed has no other), years
   * as {@code 2000:2010[dp]}. {@code ?} and bounded truncation are not PubMed syntax.
   */
  String pubmedText(Q q, String context) {
    if (q instanceof W w) {
      if (w.pattern().matches(".*(\\?|\\*\\d).*")) {
        return null;
      }
      String t = w.second() == null ? render(w.pattern()) : render(w.pattern()) + "-" + render(w.second());
      return t.equalsIgnoreCase("not") || t.toLowerCase(Locale.ROOT).startsWith("not-") ? "\"" + t + "\"" : t;
    } else if (q instanceof P p) {
      List<String> r = new ArrayList<>();
      for (String w : p.words()) {
        if (w.matches(".*(\\?|\\*\\d).*")) {
          return null;
        }
        r.add(render(w));
      }
      return "\"" + String.join(" ", r) + "\"";
    } else if (q instanceof And || q instanceof Or || q instanceof Not) {
      List<Q> c = q instanceof And a ? a.c() : q instanceof Or o ? o.c() : List.of(((Not) q).in(), ((Not) q).out());
      String name = q instanceof And ? "AND" : q instanceof Or ? "OR" : "NOT";
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < c.size(); i++) {
        String x = pubmedText(c.get(i), context);
        if (x == null) {
          return null;
        }
        boolean compound = c.get(i) instanceof And || c.get(i) instanceof Or || c.get(i) instanceof Not;
        b.append(i == 0 ? "" : " " + op(name) + " ").append(compound ? "(" + x + ")" : x);
      }
      return b.toString();
    } else if (q instanceof Near n) {
      if (n.ordered() || !(context.equals("ti") || context.equals("tiab"))
          || !(n.l() instanceof W l) || !(n.r() instanceof W r) || l.second() != null || r.second() != null
          || l.pattern().matches(".*(\\?|\\*\\d).*") || r.pattern().matches(".*(\\?|\\*\\d).*")
          || l.pattern().equals("not") || r.pattern().equals("not")) {
        return null;
      }
      return "\"" + render(l.pattern()) + " " + render(r.pattern()) + "\"[" + context + ":~" + n.n() + "]";
    } else if (q instanceof Fld f) {
      String inner = pubmedText(f.q(), f.alias());
      return inner == null ? null : "(" + inner + ")[" + f.alias() + "]";
    } else {
      Year y = (Year) q;
      return y.from() + ":" + y.to() + "[dp]";
    }
  }

  /** The generated queries in PubMed syntax (the subset PubMed can say) against the reference. */
  @Test
  void pubmedAgreesWithTheReferenceEvaluator() throws Exception {
    compare(QueryCompiler.Syntax.PUBMED, ROUNDS / 25, q -> pubmedText(q, ""));
  }

  @Test
  void luceneAgreesWithTheReferenceEvaluator() throws Exception {
    compare(QueryCompiler.Syntax.LITSIEVE, ROUNDS, q -> text(q, 0));
  }

  /**
   * The same generated queries, written in each database syntax with its own operators, proximity,
   * field codes, wildcards and precedence (a query the syntax cannot say is drawn again), against
   * the same reference evaluator.
   */
  @Test
  void everyDatabaseSyntaxAgreesWithTheReferenceEvaluator() throws Exception {
    for (Dialect d : List.of(EMBASE, EBSCO, SCOPUS, WOS, COCHRANE)) {
      compare(d.syntax(), ROUNDS / 25, q -> dialectText(d, q, 0));
    }
  }

  void compare(QueryCompiler.Syntax syntax, int rounds, Renderer renderer) throws Exception {
    FieldType type = new FieldType();
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.setTokenized(true);
    type.freeze();
    QueryCompiler compiler = new QueryCompiler(false);
    List<String> defaults = List.of(FIELDS);
    long cases = 0;
    long matches = 0;
    int queries = 0;
    List<String> failures = new ArrayList<>();
    int disagreements = 0;
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      List<Doc> docs = new ArrayList<>();
      try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(compiler.analyzer()))) {
          for (int i = 0; i < DOCS_PER_ROUND; i++) {
            Doc d = doc();
            docs.add(d);
            Document doc = new Document();
            for (int f = 0; f < 3; f++) {
              for (String v : d.text()[f].isEmpty() ? new String[0] : d.text()[f].split("\u0001")) {
                doc.add(new Field(FIELDS[f], v, type));
              }
            }
            if (d.year() > 0) {
              doc.add(new IntPoint(Fields.YEAR, d.year()));
            }
            w.addDocument(doc);
          }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          for (int k = 0; k < QUERIES_PER_ROUND; k++) {
            Q q = query(3);
            String text = renderer.render(q);
            for (int tries = 0; text == null && tries < 1000; tries++) {
              q = query(3);
              text = renderer.render(q);
            }
            Query lucene;
            try {
              lucene = compiler.compile(syntax, text, defaults).lucene();
            } catch (QueryException e) {
              throw new AssertionError(syntax.key() + ": " + text + ": " + e.getMessage(), e);
            }
            BitSet got = new BitSet();
            for (ScoreDoc sd : searcher.search(lucene, DOCS_PER_ROUND).scoreDocs) {
              got.set(sd.doc);
            }
            queries++;
            for (int i = 0; i < docs.size(); i++) {
              cases++;
              boolean expected = eval(q, docs.get(i), defaults);
              matches += expected ? 1 : 0;
              disagreements += expected != got.get(i) ? 1 : 0;
              if (expected != got.get(i) && failures.size() < 5) {
                failures.add(syntax.key() + " query " + text + "\n  model " + q + "\n  record " + String.join(" | ", docs.get(i).text())
                    + " (" + docs.get(i).year() + ")\n  reference " + expected + ", Lucene " + got.get(i));
              }
            }
          }
        }
      }
    }
    System.out.printf(syntax.key() + " differential test: %d queries x %d records = %d cases, %d matches, %d disagreements (%.1f s)%n",
        queries, DOCS_PER_ROUND, cases, matches, disagreements, (System.nanoTime() - started) / 1e9);
    assertTrue(cases >= 10_000 * rounds / ROUNDS, "enough cases: " + cases);
    assertTrue(matches > cases / 20 && matches < cases * 19 / 20, "the generator gives both answers often: " + matches);
    assertEquals(List.of(), failures, String.join("\n", failures));
  }
}
