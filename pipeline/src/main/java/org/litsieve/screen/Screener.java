package org.litsieve.screen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.AuthorNames;
import org.litsieve.rules.Fields;
import org.litsieve.rules.Languages;
import org.litsieve.rules.QueryCompiler;
import org.litsieve.rules.QueryException;
import org.litsieve.rules.Rules;
import org.litsieve.rules.ScreeningAnalyzer;

/**
 * Screens records against a rules file, one record at a time. Plain Java, built once per worker:
 * the constructor compiles every query (and rewrites once those whose rewriting needs no index);
 * {@link #screen} indexes an eligible record on its own in a Lucene {@link MemoryIndex}, runs the
 * blocks' queries on it, and collects the evidence (field, matched text and offsets) of each
 * block that matched from the same index, so matching and evidence can never disagree.
 *
 * <p>A one-record index replaced a batch index of 2,000 records: most records match some block,
 * and reading evidence from a batch index (or rebuilding a one-record index for it) cost more
 * than the batch saved (docs/performance.md). It also needs no grouping in Beam.
 *
 * <p>Order of decisions: eligibility criteria, then exclude blocks, then include blocks (all must
 * match for include; missing up to {@code review.max_missing_include_blocks} sends a record to
 * review), then outcome tags for included and review records.
 *
 * <p>Not thread-safe: use one per thread.
 */
public final class Screener {
  /** Indexed fields: the searchable ones, then the hidden whole-heading fields. */
  private static final List<String> INDEXED = indexed();

  private static List<String> indexed() {
    List<String> all = new ArrayList<>(Fields.ALL);
    all.add(Fields.HEADING_EXACT);
    all.add(Fields.HEADING_MAJOR);
    all.add(Fields.AUTHOR_NAME);
    all.add(Fields.AUTHOR_FIRST);
    all.add(Fields.AUTHOR_LAST);
    return List.copyOf(all);
  }

  /** Places in {@link #INDEXED} of the fields whose values take work to make ({@link #fieldValues}). */
  private static final int KEYWORDS = INDEXED.indexOf(Fields.KEYWORDS);
  private static final int MESH = INDEXED.indexOf(Fields.MESH);
  private static final int SOURCE = INDEXED.indexOf(Fields.SOURCE);
  private static final int LANGUAGE = INDEXED.indexOf(Fields.LANGUAGE);
  private static final int HEADINGS = INDEXED.indexOf(Fields.HEADING_EXACT);
  private static final int AUTHOR_NAMES = INDEXED.indexOf(Fields.AUTHOR_NAME);
  private static final int FIRST_AUTHOR = INDEXED.indexOf(Fields.AUTHOR_FIRST);
  private static final int LAST_AUTHOR = INDEXED.indexOf(Fields.AUTHOR_LAST);

  private final Rules rules;
  private final Eligibility eligibility;
  private final ScreeningAnalyzer analyzer;
  private final List<Compiled> include;
  private final List<Compiled> exclude;
  private final List<Compiled> tags;
  private final BlockPrefilter prefilter;
  /** Per field of {@link #INDEXED}: whether some block's query looks at it (the others are not indexed). */
  private final boolean[] queried;
  /**
   * The one-record index, emptied ({@link MemoryIndex#reset}) for each record so that its buffers
   * are reused: a new index per record allocated about 55 KB of pool blocks each time, 4.6 GB of
   * the 40 GB a 100k-record run allocated. Only valid until the next record is indexed.
   */
  private final MemoryIndex memoryIndex;
  /** Buffer bytes the index keeps between records: more than a long record with its abstract needs. */
  private static final long REUSED_BYTES = 4L << 20;

  /**
   * A block's compiled query. {@code base} is the query rewritten once when rewriting does not
   * depend on the index ({@code independent}), else the query as compiled (span queries with
   * truncation expand to the terms of the index they are rewritten on, so those are rewritten for
   * each record). A block whose base is a plain disjunction is kept as its {@code clauses}, so
   * that only the clauses whose terms a record has are run on it ({@link BlockPrefilter} numbers
   * them from {@code firstClause}); any other block is one clause, itself.
   */
  /**
   * A block's query: its base query, whether that is the same rewritten against any record
   * ({@link #readerIndependent}), its clauses' place in the prefilter's list, and, for such a
   * block, the rewritten disjunctions of the subsets of its clauses that records have needed (by
   * the mask of the clauses kept; at most {@link #MAX_SUBSETS}): building and rewriting one per
   * record was a tenth of the queries' time.
   */
  private record Compiled(String name, Query base, boolean independent, int firstClause, List<Query> clauses,
      Map<Long, Query> subsets) {}

  /** At most this many clause subsets of one block are kept rewritten. */
  private static final int MAX_SUBSETS = 4096;

  /** One record to screen and the id it will carry. */
  public record Input(String recordId, BibRecord record) {}

  /**
   * Compiles the rules' queries.
   *
   * @throws IllegalArgumentException if a query does not compile (rules that went through
   *     {@code RulesLoader} always do)
   */
  public Screener(Rules rules) {
    this.rules = rules;
    this.eligibility = new Eligibility(rules.eligibility());
    QueryCompiler compiler = new QueryCompiler(rules.stemming(), meshTree(rules));
    this.analyzer = compiler.analyzer();
    List<Query> clauses = new ArrayList<>();
    this.include = compile(compiler, rules.include(), clauses);
    this.exclude = compile(compiler, rules.exclude(), clauses);
    this.tags = compile(compiler, rules.tags(), clauses);
    this.prefilter = new BlockPrefilter(clauses, INDEXED);
    this.queried = queriedFields(clauses);
    // the public way to a MemoryIndex that keeps its buffers on reset(): an empty document
    this.memoryIndex = MemoryIndex.fromDocument(List.of(), analyzer, true, false, REUSED_BYTES);
  }

  private static org.litsieve.rules.MeshTree meshTree(Rules rules) {
    if (rules.meshDescriptors().isEmpty()) {
      return null;
    }
    java.nio.file.Path parent = java.nio.file.Path.of(rules.fileName()).toAbsolutePath().getParent();
    java.nio.file.Path file = parent == null ? java.nio.file.Path.of(rules.meshDescriptors())
        : parent.resolve(rules.meshDescriptors());
    try {
      return org.litsieve.rules.MeshTree.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MeSH descriptor file " + file, e);
    }
  }

  /** A searcher over an empty index, to rewrite the queries whose rewriting needs no terms. */
  private static final IndexSearcher EMPTY = new MemoryIndex().createSearcher();

  /** Which of {@link #INDEXED} the queries look at, under any clause (negated ones too). */
  private static boolean[] queriedFields(List<Query> queries) {
    boolean[] out = new boolean[INDEXED.size()];
    QueryVisitor fields = new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        int f = INDEXED.indexOf(field);
        if (f >= 0) {
          out[f] = true;
        }
        return true;
      }

      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        return this;
      }
    };
    queries.forEach(q -> q.visit(fields));
    return out;
  }

  /** Whether no part of the query expands terms against an index when rewritten. */
  private static boolean readerIndependent(Query q) {
    boolean[] dependent = {false};
    q.visit(new QueryVisitor() {
      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        if (parent instanceof SpanMultiTermQueryWrapper<?>) {
          dependent[0] = true;
        }
        return this;
      }

      @Override
      public void consumeTermsMatching(Query query, String field,
          java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
        if (!(query instanceof MultiTermQuery m)
            || (m.getRewriteMethod() != MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE
                && m.getRewriteMethod() != MultiTermQuery.CONSTANT_SCORE_REWRITE)) {
          dependent[0] = true;
        }
      }
    });
    return !dependent[0];
  }

  private static List<Compiled> compile(QueryCompiler compiler, List<Rules.Block> blocks, List<Query> clauses) {
    List<Compiled> out = new ArrayList<>();
    for (Rules.Block b : blocks) {
      try {
        Query q = compiler.compile(b.syntax(), b.query(), b.fields()).lucene();
        boolean independent = readerIndependent(q);
        Query base = independent ? EMPTY.rewrite(q) : q;
        List<Query> parts = disjuncts(base);
        out.add(new Compiled(b.name(), base, independent, clauses.size(), parts, new HashMap<>()));
        clauses.addAll(parts);
      } catch (QueryException e) {
        throw new IllegalArgumentException("block " + b.name() + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("rewriting block " + b.name() + " failed", e); // no I/O: an empty MemoryIndex
      }
    }
    return out;
  }

  /** The clauses of a plain disjunction (SHOULD clauses only, none required); else the query alone. */
  private static List<Query> disjuncts(Query q) {
    if (q instanceof BooleanQuery bq && bq.getMinimumNumberShouldMatch() == 0 && bq.clauses().size() > 1
        && bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
      return bq.clauses().stream().map(BooleanClause::getQuery).toList();
    }
    return List.of(q);
  }

  /** Screens a batch; the result has one entry per input, in input order. */
  public List<ScreenedRecord> screen(List<Input> batch) {
    List<ScreenedRecord> out = new ArrayList<>(batch.size());
    for (Input in : batch) {
      out.add(screen(in));
    }
    return out;
  }

  /** Screens one record. */
  public ScreenedRecord screen(Input in) {
    Optional<String> reason = eligibility.check(in.record());
    if (reason.isPresent()) {
      return new ScreenedRecord(in.recordId(), in.record(), Decision.EXCLUDE,
          ScreenedRecord.STAGE_ELIGIBILITY, reason.get(), List.of(), List.of());
    }
    Indexed doc = index(in.record());
    List<BlockMatch> excluded = run(doc, exclude);
    List<BlockMatch> included = run(doc, include);
    Decided d = decide(excluded, included);
    List<BlockMatch> tagHits = d.decision() == Decision.EXCLUDE ? List.of() : run(doc, tags);
    List<BlockMatch> blocks = new ArrayList<>(included);
    blocks.addAll(excluded);
    return new ScreenedRecord(in.recordId(), in.record(), d.decision(), d.stage(), d.reason(), blocks, tagHits);
  }

  /**
   * One block's result for {@link #everyBlock}.
   *
   * @param section {@code include}, {@code exclude} or {@code tags}
   * @param name the block's name
   * @param matched whether its query matched
   * @param hits the evidence (empty when it did not match)
   */
  public record BlockResult(String section, String name, boolean matched, List<Hit> hits) {}

  /**
   * Runs every block on one record, whatever the screening order would skip (eligibility is not
   * applied), for {@code explain}. Results are in file order: include, exclude, tags.
   */
  public List<BlockResult> everyBlock(BibRecord record) {
    Indexed doc = index(record);
    String[] sections = {"include", "exclude", "tags"};
    List<List<Compiled>> lists = List.of(include, exclude, tags);
    List<BlockResult> out = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<BlockMatch> hits = run(doc, lists.get(s));
      for (Compiled c : lists.get(s)) {
        BlockMatch m = hits.stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
        out.add(new BlockResult(sections[s], c.name(), m != null, m == null ? List.of() : m.hits()));
      }
    }
    return out;
  }

  /** Runs every block on each record (no eligibility); one list per record, in file order. */
  public List<List<BlockResult>> everyBlock(List<BibRecord> records) {
    List<List<BlockResult>> out = new ArrayList<>(records.size());
    for (BibRecord r : records) {
      out.add(everyBlock(r));
    }
    return out;
  }

  /**
   * One record indexed on its own: its one-document searcher and its fields' joined texts (for
   * offsets). Valid until the next record is indexed (the index is reused).
   */
  private record Indexed(IndexSearcher searcher, LeafReaderContext leaf, String[] joined, boolean[] candidates) {}

  private Indexed index(BibRecord r) {
    List<List<String>> values = fieldValues(r, queried);
    String[] joined = new String[values.size()];
    MemoryIndex index = memoryIndex;
    index.reset();
    for (int f = 0; f < values.size(); f++) {
      if (!queried[f]) {
        joined[f] = "";
        continue; // no block looks at this field
      }
      joined[f] = String.join(ScreeningAnalyzer.VALUE_SEPARATOR, values.get(f));
      // one addField per value: the analyser's position gap keeps phrases inside one value, and
      // its offset gap makes offsets index into the joined text
      for (String v : values.get(f)) {
        index.addField(INDEXED.get(f), v, analyzer);
      }
    }
    if (r.year() > 0) {
      index.addField(new IntPoint(Fields.YEAR, r.year()), analyzer);
    }
    IndexSearcher searcher = index.createSearcher();
    searcher.setQueryCache(null);
    LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
    try {
      return new Indexed(searcher, leaf, joined, prefilter.candidates(leaf.reader()));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e); // MemoryIndex does no I/O
    }
  }

  private record Decided(Decision decision, String stage, String reason) {}

  private Decided decide(List<BlockMatch> excluded, List<BlockMatch> included) {
    if (!excluded.isEmpty()) {
      return new Decided(Decision.EXCLUDE, ScreenedRecord.STAGE_KEYWORDS,
          "exclude block: " + excluded.get(0).name());
    }
    List<String> missing = new ArrayList<>();
    for (Compiled c : include) {
      if (included.stream().noneMatch(m -> m.name().equals(c.name()))) {
        missing.add(c.name());
      }
    }
    if (missing.isEmpty()) {
      return new Decided(Decision.INCLUDE, ScreenedRecord.STAGE_FINAL, "");
    }
    if (missing.size() <= rules.maxMissingIncludeBlocks() && !included.isEmpty()) {
      return new Decided(Decision.REVIEW, ScreenedRecord.STAGE_KEYWORDS,
          "review: missing include block " + missing.get(0));
    }
    return new Decided(Decision.EXCLUDE, ScreenedRecord.STAGE_KEYWORDS,
        "missing include block: " + missing.get(0));
  }

  /** The queries that match the record, in the queries' order, each with its evidence. */
  private static List<BlockMatch> run(Indexed doc, List<Compiled> queries) {
    List<BlockMatch> out = new ArrayList<>(2);
    try {
      for (Compiled c : queries) {
        Query q = candidateQuery(c, doc.candidates(), doc.searcher());
        if (q == null) {
          continue; // none of its terms is in the record (BlockPrefilter)
        }
        Weight weight = doc.searcher().createWeight(q, ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = weight.scorer(doc.leaf());
        if (scorer == null || scorer.iterator().nextDoc() != 0) {
          continue;
        }
        out.add(new BlockMatch(c.name(), evidence(weight.matches(doc.leaf(), 0), doc.joined())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e); // MemoryIndex does no I/O
    }
    return out;
  }

  /**
   * The part of a block's query that can match a record: null when no clause can, the block's
   * base query when every clause can, else a disjunction of the clauses that can (the others
   * match nothing, so the result and its evidence are the same).
   */
  private static Query candidateQuery(Compiled c, boolean[] candidates, IndexSearcher searcher) throws IOException {
    int n = c.clauses().size();
    int kept = 0;
    long mask = 0;
    for (int i = 0; i < n; i++) {
      if (candidates[c.firstClause() + i]) {
        kept++;
        mask |= i < 64 ? 1L << i : 0;
      }
    }
    if (kept == 0) {
      return null;
    }
    if (kept == n) {
      return c.independent() ? c.base() : searcher.rewrite(c.base());
    }
    // (the rewritten subset is the same for every record when the block's query is reader-independent)
    boolean reuse = c.independent() && n <= 64;
    Query q = reuse ? c.subsets().get(mask) : null;
    if (q != null) {
      return q;
    }
    if (kept == 1) {
      q = c.clauses().get(firstKept(c, candidates));
    } else {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (int i = 0; i < n; i++) {
        if (candidates[c.firstClause() + i]) {
          b.add(c.clauses().get(i), BooleanClause.Occur.SHOULD);
        }
      }
      q = b.build();
    }
    q = searcher.rewrite(q);
    if (reuse && c.subsets().size() < MAX_SUBSETS) {
      c.subsets().put(mask, q);
    }
    return q;
  }

  private static int firstKept(Compiled c, boolean[] candidates) {
    int i = 0;
    while (!candidates[c.firstClause() + i]) {
      i++;
    }
    return i;
  }

  private static List<Hit> evidence(Matches matches, String[] texts) throws IOException {
    List<Hit> hits = new ArrayList<>();
    if (matches == null) {
      return hits;
    }
    for (int f = 0; f < INDEXED.size(); f++) {
      String field = INDEXED.get(f);
      MatchesIterator mi = matches.getMatches(field);
      if (mi == null) {
        continue;
      }
      while (mi.next()) {
        int start = mi.startOffset();
        int end = mi.endOffset();
        if (start >= 0 && end <= texts[f].length() && start <= end) {
          String shown = f < Fields.ALL.size() ? field
              : field.startsWith("au_") ? Fields.AUTHOR : Fields.MESH;
          Hit hit = new Hit(shown, texts[f].substring(start, end), start, end);
          if (!hits.contains(hit)) {
            hits.add(hit);
          }
        }
      }
    }
    return hits;
  }

  /**
   * The values of each indexed field: {@link Fields#ALL} in order, then the whole-heading fields
   * ({@link Fields#HEADING_EXACT}: the headings as in {@code mesh}; {@link Fields#HEADING_MAJOR}:
   * the headings as recorded, with their {@code *}, so the analyser can keep only major ones),
   * then the author keys ({@link org.litsieve.rules.AuthorNames}) of every, the first and the last
   * author. The language is indexed as written and as its canonical name ({@link Languages}), so
   * {@code english[la]} finds MEDLINE's {@code eng} and {@code eng[la]} a RIS record's
   * {@code English}.
   */
  //
  // Only the fields {@code wanted} names (by place in INDEXED) are made; the others are empty
  // lists. Making the author keys for every record was 8% of screening's profile samples on the
  // 100k generated corpus, for rules that query no author field.
  static List<List<String>> fieldValues(BibRecord r, boolean[] wanted) {
    List<String> mesh = List.of();
    if (wanted[KEYWORDS] || wanted[MESH] || wanted[HEADINGS]) {
      mesh = new ArrayList<>();
      for (String h : r.subjectHeadings()) {
        mesh.add(h.startsWith("*") ? h.substring(1) : h);
      }
    }
    List<String> keywords = List.of();
    if (wanted[KEYWORDS]) {
      keywords = new ArrayList<>(r.keywords());
      keywords.addAll(mesh);
    }
    List<String> source = new ArrayList<>(2);
    if (wanted[SOURCE]) {
      if (!r.journal().isEmpty()) {
        source.add(r.journal());
      }
      if (!r.journalAbbrev().isEmpty()) {
        source.add(r.journalAbbrev());
      }
    }
    List<String> authors = r.authors();
    List<String> names = new ArrayList<>();
    if (wanted[AUTHOR_NAMES]) {
      for (String a : authors) {
        names.addAll(AuthorNames.keys(a));
      }
    }
    return List.of(
        single(r.title()),
        single(r.abstractText()),
        keywords,
        r.keywords(),
        mesh,
        r.publicationTypes(),
        authors,
        source,
        wanted[LANGUAGE] ? languages(r.language()) : List.of(),
        mesh,
        r.subjectHeadings(),
        names,
        !wanted[FIRST_AUTHOR] || authors.isEmpty() ? List.of() : AuthorNames.keys(authors.get(0)),
        !wanted[LAST_AUTHOR] || authors.isEmpty() ? List.of() : AuthorNames.keys(authors.get(authors.size() - 1)));
  }

  private static final java.util.regex.Pattern LANGUAGE_SEPARATORS = java.util.regex.Pattern.compile("[;,/|]");

  /** The language as written, then the canonical name of each part that differs from it. */
  private static List<String> languages(String language) {
    if (language.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    out.add(language);
    for (String part : LANGUAGE_SEPARATORS.split(language)) {
      String c = Languages.canonical(part);
      if (!c.isEmpty() && !c.equals(part.strip().toLowerCase(java.util.Locale.ROOT)) && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<String> single(String value) {
    return value.isEmpty() ? List.of() : List.of(value);
  }
}
