package org.litsieve.screen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Fields;
import org.litsieve.rules.QueryCompiler;
import org.litsieve.rules.QueryException;
import org.litsieve.rules.Rules;
import org.litsieve.rules.ScreeningAnalyzer;

/**
 * Screens records against a rules file, a batch at a time. Plain Java, built once per worker: the
 * constructor compiles every query; {@link #screen} indexes the batch's eligible records into one
 * small in-memory Lucene index and runs each compiled query once over it, then collects the
 * evidence (field, matched text and offsets) only for the records that matched.
 *
 * <p>Order of decisions: eligibility criteria, then exclude blocks, then include blocks (all must
 * match for include; missing up to {@code review.max_missing_include_blocks} sends a record to
 * review), then outcome tags for included and review records.
 *
 * <p>Not thread-safe: use one per thread.
 */
public final class Screener {
  private static final FieldType TEXT = textType();
  /** Indexed fields: the searchable ones, then the hidden whole-heading fields. */
  private static final List<String> INDEXED = indexed();

  private static List<String> indexed() {
    List<String> all = new ArrayList<>(Fields.ALL);
    all.add(Fields.HEADING_EXACT);
    all.add(Fields.HEADING_MAJOR);
    return List.copyOf(all);
  }

  private final Rules rules;
  private final Eligibility eligibility;
  private final ScreeningAnalyzer analyzer;
  private final List<Compiled> include;
  private final List<Compiled> exclude;
  private final List<Compiled> tags;

  private record Compiled(String name, Query query) {}

  /**
   * One indexed document's field texts (joined, for offsets) and values, with a one-document
   * {@link MemoryIndex} built on first use. Evidence is read from that index: asking the batch
   * index for {@code Weight.matches} opens postings for every clause of a block on every matched
   * record, which profiling showed to be most of the screening time.
   */
  private final class DocText {
    final String[] joined;
    final List<List<String>> values;
    final int year;
    IndexSearcher memory;

    DocText(String[] joined, List<List<String>> values, int year) {
      this.joined = joined;
      this.values = values;
      this.year = year;
    }

    IndexSearcher memory() {
      if (memory == null) {
        MemoryIndex index = new MemoryIndex(true, false);
        for (int f = 0; f < values.size(); f++) {
          for (String v : values.get(f)) {
            index.addField(INDEXED.get(f), v, analyzer);
          }
        }
        if (year > 0) {
          index.addField(new org.apache.lucene.document.IntPoint(Fields.YEAR, year), analyzer);
        }
        memory = index.createSearcher();
        memory.setQueryCache(null);
      }
      return memory;
    }
  }

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
    this.include = compile(compiler, rules.include());
    this.exclude = compile(compiler, rules.exclude());
    this.tags = compile(compiler, rules.tags());
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

  private static List<Compiled> compile(QueryCompiler compiler, List<Rules.Block> blocks) {
    List<Compiled> out = new ArrayList<>();
    for (Rules.Block b : blocks) {
      try {
        out.add(new Compiled(b.name(), compiler.compile(b.syntax(), b.query(), b.fields()).lucene()));
      } catch (QueryException e) {
        throw new IllegalArgumentException("block " + b.name() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static FieldType textType() {
    FieldType t = new FieldType();
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.setTokenized(true);
    t.setStored(false);
    t.setOmitNorms(true);
    t.freeze();
    return t;
  }

  /** Screens a batch; the result has one entry per input, in input order. */
  public List<ScreenedRecord> screen(List<Input> batch) {
    ScreenedRecord[] out = new ScreenedRecord[batch.size()];
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Input in = batch.get(i);
      Optional<String> reason = eligibility.check(in.record());
      if (reason.isPresent()) {
        out[i] = new ScreenedRecord(in.recordId(), in.record(), Decision.EXCLUDE,
            ScreenedRecord.STAGE_ELIGIBILITY, reason.get(), List.of(), List.of());
      } else {
        eligible.add(i);
      }
    }
    if (!eligible.isEmpty()) {
      try {
        screenKeywords(batch, eligible, out);
      } catch (IOException e) {
        throw new UncheckedIOException("in-memory index failed", e);
      }
    }
    return List.of(out);
  }

  private void screenKeywords(List<Input> batch, List<Integer> eligible, ScreenedRecord[] out)
      throws IOException {
    withIndex(batch, eligible, (searcher, texts) -> {
      int n = eligible.size();
      List<List<BlockMatch>> excludeHits = run(searcher, exclude, n, null, texts);
      List<List<BlockMatch>> includeHits = run(searcher, include, n, null, texts);
      boolean[] wantTags = new boolean[n];
      Decision[] decisions = new Decision[n];
      String[] stages = new String[n];
      String[] reasons = new String[n];
      for (int d = 0; d < n; d++) {
        decide(d, excludeHits.get(d), includeHits.get(d), decisions, stages, reasons);
        wantTags[d] = decisions[d] != Decision.EXCLUDE;
      }
      List<List<BlockMatch>> tagHits = run(searcher, tags, n, wantTags, texts);
      for (int d = 0; d < n; d++) {
        int i = eligible.get(d);
        List<BlockMatch> blocks = new ArrayList<>(includeHits.get(d));
        blocks.addAll(excludeHits.get(d));
        out[i] = new ScreenedRecord(batch.get(i).recordId(), batch.get(i).record(), decisions[d],
            stages[d], reasons[d], blocks, tagHits.get(d));
      }
    });
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
    List<List<BlockResult>> all = everyBlock(List.of(record));
    return all.get(0);
  }

  /** Runs every block on each record (no eligibility); one list per record, in file order. */
  public List<List<BlockResult>> everyBlock(List<BibRecord> records) {
    List<Input> batch = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      batch.add(new Input("r" + i, records.get(i)));
      indices.add(i);
    }
    List<List<BlockResult>> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      out.add(new ArrayList<>());
    }
    try {
      withIndex(batch, indices, (searcher, texts) -> {
        String[] sections = {"include", "exclude", "tags"};
        List<List<Compiled>> lists = List.of(include, exclude, tags);
        for (int s = 0; s < 3; s++) {
          List<List<BlockMatch>> hits = run(searcher, lists.get(s), records.size(), null, texts);
          for (int d = 0; d < records.size(); d++) {
            for (Compiled c : lists.get(s)) {
              BlockMatch m = hits.get(d).stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
              out.get(d).add(new BlockResult(sections[s], c.name(), m != null, m == null ? List.of() : m.hits()));
            }
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index failed", e);
    }
    return out;
  }

  private interface IndexUser {
    void use(IndexSearcher searcher, List<DocText> texts) throws IOException;
  }

  private void withIndex(List<Input> batch, List<Integer> eligible, IndexUser user) throws IOException {
    List<DocText> texts = new ArrayList<>(eligible.size());
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig(analyzer)
          .setMergePolicy(NoMergePolicy.INSTANCE)
          .setRAMBufferSizeMB(256)
          .setUseCompoundFile(false);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int i : eligible) {
          List<List<String>> values = fieldValues(batch.get(i).record());
          String[] joined = new String[values.size()];
          Document doc = new Document();
          for (int f = 0; f < values.size(); f++) {
            joined[f] = String.join(ScreeningAnalyzer.VALUE_SEPARATOR, values.get(f));
            // one Field per value: the analyser's position gap keeps phrases inside one value,
            // and its offset gap makes offsets index into the joined text
            for (String v : values.get(f)) {
              doc.add(new Field(INDEXED.get(f), v, TEXT));
            }
          }
          int year = batch.get(i).record().year();
          if (year > 0) {
            doc.add(new org.apache.lucene.document.IntPoint(Fields.YEAR, year));
          }
          texts.add(new DocText(joined, values, year));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        user.use(searcher, texts);
      }
    }
  }

  private void decide(int d, List<BlockMatch> excluded, List<BlockMatch> included,
      Decision[] decisions, String[] stages, String[] reasons) {
    if (!excluded.isEmpty()) {
      decisions[d] = Decision.EXCLUDE;
      stages[d] = ScreenedRecord.STAGE_KEYWORDS;
      reasons[d] = "exclude block: " + excluded.get(0).name();
      return;
    }
    List<String> missing = new ArrayList<>();
    for (Compiled c : include) {
      if (included.stream().noneMatch(m -> m.name().equals(c.name()))) {
        missing.add(c.name());
      }
    }
    if (missing.isEmpty()) {
      decisions[d] = Decision.INCLUDE;
      stages[d] = ScreenedRecord.STAGE_FINAL;
      reasons[d] = "";
    } else if (missing.size() <= rules.maxMissingIncludeBlocks() && !included.isEmpty()) {
      decisions[d] = Decision.REVIEW;
      stages[d] = ScreenedRecord.STAGE_KEYWORDS;
      reasons[d] = "review: missing include block " + missing.get(0);
    } else {
      decisions[d] = Decision.EXCLUDE;
      stages[d] = ScreenedRecord.STAGE_KEYWORDS;
      reasons[d] = "missing include block: " + missing.get(0);
    }
  }

  /**
   * Runs each query once over the batch. Returns, per document, the queries that matched it with
   * their evidence, in the queries' order. When {@code wanted} is given, other documents are
   * skipped.
   */
  private static List<List<BlockMatch>> run(IndexSearcher searcher, List<Compiled> queries, int n,
      boolean[] wanted, List<DocText> texts) throws IOException {
    List<List<BlockMatch>> perDoc = new ArrayList<>(n);
    for (int d = 0; d < n; d++) {
      perDoc.add(new ArrayList<>());
    }
    for (Compiled c : queries) {
      Query rewritten = searcher.rewrite(c.query());
      Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          int global = leaf.docBase + doc;
          if (wanted != null && !wanted[global]) {
            continue;
          }
          perDoc.get(global).add(new BlockMatch(c.name(), evidence(c.query(), weight, leaf, doc, texts.get(global))));
        }
      }
    }
    return perDoc;
  }

  private static List<Hit> evidence(Query query, Weight weight, LeafReaderContext leaf, int doc,
      DocText text) throws IOException {
    IndexSearcher memory = text.memory();
    Weight one = memory.createWeight(memory.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    Matches matches = one.matches(memory.getIndexReader().leaves().get(0), 0);
    if (matches == null) {
      matches = weight.matches(leaf, doc); // the batch index is the reference; never lose evidence
    }
    String[] texts = text.joined;
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
          String shown = f < Fields.ALL.size() ? field : Fields.MESH;
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
   * the headings as recorded, with their {@code *}, so the analyser can keep only major ones).
   */
  static List<List<String>> fieldValues(BibRecord r) {
    List<String> mesh = new ArrayList<>();
    for (String h : r.subjectHeadings()) {
      mesh.add(h.startsWith("*") ? h.substring(1) : h);
    }
    List<String> keywords = new ArrayList<>(r.keywords());
    keywords.addAll(mesh);
    List<String> source = new ArrayList<>();
    if (!r.journal().isEmpty()) {
      source.add(r.journal());
    }
    if (!r.journalAbbrev().isEmpty()) {
      source.add(r.journalAbbrev());
    }
    return List.of(
        single(r.title()),
        single(r.abstractText()),
        keywords,
        mesh,
        r.publicationTypes(),
        r.authors(),
        source,
        single(r.language()),
        mesh,
        r.subjectHeadings());
  }

  private static List<String> single(String value) {
    return value.isEmpty() ? List.of() : List.of(value);
  }
}
