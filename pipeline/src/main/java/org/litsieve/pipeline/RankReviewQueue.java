package org.litsieve.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.util.VarInt;
import org.litsieve.rank.ActiveLearning;
import org.litsieve.rank.TextVectors;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.StringSet;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.history.LivingUpdate;
import org.litsieve.model.CsvCells;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.output.CsvRows;
import org.litsieve.output.RunReports;
import org.litsieve.output.SortedFiles;
import org.litsieve.shuffle.Await;

/**
 * The review queue ranked inside the pipeline: what the driver's {@link RankStep} does after the
 * living-review step, from the typed records, with the same numbers.
 *
 * <p>Input: every {@link LivingRecord} of the run (what {@code ContinueReview} decides; on a first
 * run, the screened records as decided with the living-review columns), the screened files' columns
 * ({@link #columns}) and the kept human decisions (the rows of {@code decisions.csv}, resolved on
 * the driver: few). The records' rows hold the titles, abstracts and evidence the ranking reads, so
 * no second input is needed.
 *
 * <p>Steps: each record's role is decided where it is (in parallel): trains the model (reviewers
 * agreed on it), is in the queue (decision review), may get a second look (a keyword exclusion no
 * reviewer decided), or none, and then it is dropped. The others are analysed where they are, as
 * the model's features read them ({@link TextVectors.Analyser}: Lucene's analysis of title,
 * abstract and tags, the costly part of the features), and travel on without their text: the few
 * cells the one worker reads and their terms, each bundle's records in batches whose terms are
 * written once a batch ({@link TermBatch}). One global step on one worker gathers the batches (a
 * {@code GroupByKey} to one key, read once), puts each group in the driver's order (the screened
 * files' order: title ignoring case, then record id; training records by decision first, {@link
 * RankStep#TRAINING_ORDER}) and calls the driver's {@link RankStep#rank}, the features numbered
 * and weighted from the terms ({@link RankStep#analysedFeatures}, {@link TextVectors#vectors}), so
 * features, training order and seed are the driver's and the scores are bit for bit the same. The
 * model is not scored in parallel: the features are TF-IDF over every record ranked (the queue's
 * and the second-look candidates' included: their document frequencies, their numbering in order
 * of first sight) and the learner ({@code rank.RunModel}, whose public API trains and scores in one
 * call) may read the unlabelled records too (pseudo-irrelevant draws, standardising over them), so
 * scoring apart would change the numbers. The global step hands on ranks only ({@link Ranks}: ids,
 * row hashes, relevance); the rows of {@code review.csv} and {@code second-look.csv} are then made
 * in parallel, each record meeting its rank in that side input, and written through {@link
 * SortedFiles}' external merge sort, keyed by rank. No text of a record reaches the one worker.
 *
 * <p>Output: {@code review.csv} and {@code second-look.csv} in the directory, byte for byte what
 * the driver writes for the same records and decisions, and a single {@link Outcome}: the
 * manifest's {@code ranking} object (the second look's number of rows in it), the queue's ranks and
 * the second look's first rows (what the report shows, {@link Outcome#forReport}), as a side input
 * for later steps. The driver gets the summary and the second look's first rows in memory from the
 * finished run ({@link #handedOver}, through a metric: {@link ToDriverFn}); the queue's ranks stay
 * in the graph, for the report's records to meet there. Failure behaviour: an I/O error writing the
 * files fails the run; a model that cannot be trained is not a failure (the rules' evidence ranks, as the driver).
 */
final class RankReviewQueue extends PTransform<PCollection<LivingRecord>, PCollection<RankReviewQueue.Outcome>> {
  /**
   * The cells the one worker reads of a record, as read back: its id, its decision (the training
   * order) and the rules' evidence (the queue's relevance without a model). Its text travels as terms.
   */
  static final List<String> READ = List.of("record_id", "decision", "matched_blocks", "block_evidence");

  private static final String REVIEW_CSV = OutputFile.REVIEW_CSV.fileName();
  private static final String SECOND_LOOK_CSV = OutputFile.SECOND_LOOK_CSV.fileName();
  private static final int TRAINING = 1;
  private static final int QUEUE = 2;
  private static final int CANDIDATE = 4;

  private final String directory;
  private final ArrayList<String> columns;
  private final ArrayList<Map<String, String>> decisionRows;
  private final HashMap<String, Boolean> labels;

  private RankReviewQueue(String directory, List<String> columns, List<Map<String, String>> keptDecisions) {
    this.directory = directory;
    this.columns = new ArrayList<>(columns);
    this.decisionRows = new ArrayList<>(RankStep.decisionRows(keptDecisions));
    this.labels = new HashMap<>(RankStep.humanLabels(decisionRows));
  }

  /**
   * @param directory the output folder (it must exist)
   * @param columns the screened files' columns, the living-review ones included ({@link #columns})
   * @param keptDecisions the rows of {@code decisions.csv}: every usable human decision so far
   */
  static RankReviewQueue into(String directory, List<String> columns, List<Map<String, String>> keptDecisions) {
    return new RankReviewQueue(directory, columns, keptDecisions);
  }

  /** The screened files' columns as the living-review step writes them: the pipeline's, then the added ones. */
  static List<String> columns() {
    List<String> out = new ArrayList<>(CsvRows.SCREENED);
    LivingUpdate.ADDED_COLUMNS.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }

  @Override
  public PCollection<Outcome> expand(PCollection<LivingRecord> records) {
    // an empty batch: the one worker's group exists even when no record has a role
    PCollection<KV<Integer, byte[]>> marker = records.getPipeline()
        .apply("Marker", Create.of(KV.of(0, new TermBatch().bytes())).withCoder(BATCH_CODER));
    PCollection<KV<Integer, byte[]>> batches = records
        .apply("RolesAndTerms", ParDo.of(new RolesFn(columns, labels))).setCoder(BATCH_CODER);
    PCollection<Ranks> ranks = PCollectionList.of(batches).and(marker)
        .apply("AllBatches", Flatten.pCollections())
        .apply("ToOneWorker", GroupByKey.create())
        .apply("TrainAndScore", ParDo.of(new RankFn(labels, decisionRows))).setCoder(RanksCoder.INSTANCE);
    PCollectionView<Ranks> ranksView = ranks.apply("RanksView", View.asSingleton());
    // only the queue and the second look's candidates wait for the ranks: the rest (most of a
    // history, all of a run without decisions) would wait in the runner's memory to be dropped
    PCollectionTuple made = records
        .apply("MayBeRanked", ParDo.of(new MayBeRankedFn(labels))).setCoder(records.getCoder())
        .apply("AwaitRanks", Await.views(ranksView))
        .apply("RankedRows", ParDo.of(new RowsFn(ranksView, columns))
            .withSideInputs(ranksView).withOutputTags(ROWS, TupleTagList.of(ALIKE).and(HEAD)));
    PCollectionTuple alike = made.get(ALIKE)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LivingRecord.LivingRecordCoder.of()))
        .apply("MeetAlike", GroupByKey.create())
        .apply("AlikeRows", ParDo.of(new AlikeRowsFn(ranksView, columns)).withSideInputs(ranksView)
            .withOutputTags(ROWS, TupleTagList.of(HEAD)));
    PCollection<KV<String, KV<String, String>>> headers = ranks
        .apply("Headers", ParDo.of(new HeadersFn(columns))).setCoder(SortedFiles.ROW_CODER);
    PCollectionList.of(made.get(ROWS).setCoder(SortedFiles.ROW_CODER))
        .and(alike.get(ROWS).setCoder(SortedFiles.ROW_CODER)).and(headers)
        .apply("AllRows", Flatten.pCollections())
        .apply("WriteRanked", SortedFiles.into(directory));
    PCollectionView<List<KV<Integer, List<String>>>> head = PCollectionList
        .of(made.get(HEAD).setCoder(HEAD_CODER)).and(alike.get(HEAD).setCoder(HEAD_CODER))
        .apply("AllHead", Flatten.pCollections())
        .apply("HeadView", ListView.of());
    PCollection<Outcome> outcome = ranks
        .apply("AwaitHead", Await.views(head))
        .apply("Outcome", ParDo.of(new OutcomeFn(head)).withSideInputs(head)).setCoder(OutcomeCoder.INSTANCE);
    outcome.apply("ToTheDriver", ParDo.of(new ToDriverFn()));
    return outcome;
  }

  /** The sort key of a rank: its number, zero-padded so that text order is number order. */
  static String key(int rank) {
    return String.format(Locale.ROOT, "%010d", rank);
  }

  /**
   * A record the ranking reads, as the one worker gets it: no text, only what orders it and what the
   * model reads of it, analysed where it was.
   *
   * @param roles which lists it belongs to (training, queue, candidate)
   * @param titleKey its title in lower case, for the screened files' order
   * @param cells the cells {@link #READ} (id, decision, the rules' evidence), as the screened file gives them back
   * @param row a hash of its whole row ({@link #rowHash}), telling apart records of one id
   * @param terms its text and tags analysed for each of the model's views, as positions in its
   *     batch's {@code dictionary}: {@code terms[view]}, with {@code counts[view]}; no views when no
   *     model can be trained (the labels lack a kind)
   */
  record Ranked(int roles, String titleKey, Map<String, String> cells, long row, String[] dictionary,
      int[][] terms, int[][] counts) {
    String recordId() {
      return cells.get("record_id");
    }

    /** View {@code view}'s terms, as the features read them. */
    TextVectors.Analysis analysis(int view) {
      int[] ids = terms[view];
      return new TextVectors.Analysis(new java.util.AbstractList<>() {
        @Override
        public String get(int i) {
          return dictionary[ids[i]];
        }

        @Override
        public int size() {
          return ids.length;
        }
      }, counts[view]);
    }
  }

  /** {@code KV<0, batch>}: every batch goes to the one worker. */
  static final KvCoder<Integer, byte[]> BATCH_CODER = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /**
   * Ranked records encoded together, their terms written once a batch: each distinct term of the
   * batch is in its dictionary once (a pair of adjacent words as the positions of its two words), a
   * record's terms are positions in it. So the records travel to the one worker as a few arrays of
   * bytes (the DirectRunner copies a key's whole group each time a bundle adds to it: a copy of an
   * array is cheap), a third of their analysed size, and the one worker decodes each term once a
   * batch, not once a record.
   *
   * <p>Format: the dictionary's size, its entries (0 and a UTF-8 string, or 1 and the positions of
   * two earlier entries: the two joined by a space), the number of records, then each record: roles,
   * title key, the cells {@link #READ}, row hash, the number of views, and for each view its number of
   * terms and each term's position and count.
   */
  static final class TermBatch {
    /** A batch is sent on once its records hold this many bytes. */
    static final int FLUSH_BYTES = 1 << 20;

    private final Map<String, Integer> dictionary = new HashMap<>();
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream(64 << 10);
    private final ByteArrayOutputStream records = new ByteArrayOutputStream(64 << 10);
    private int count;

    void add(int roles, String titleKey, Map<String, String> cells, long row, List<TextVectors.Analysis> views)
        throws IOException {
      DataOutputStream data = new DataOutputStream(records);
      VarInt.encode(roles, records);
      string(titleKey, records);
      for (String c : READ) {
        string(cells.get(c), records);
      }
      data.writeLong(row);
      VarInt.encode(views.size(), records);
      for (TextVectors.Analysis a : views) {
        VarInt.encode(a.counts().length, records);
        for (int i = 0; i < a.counts().length; i++) {
          VarInt.encode(entry(a.terms().get(i)), records);
          VarInt.encode(a.counts()[i], records);
        }
      }
      count++;
    }

    /** The position of {@code term} in the dictionary, added when new. */
    private int entry(String term) throws IOException {
      Integer at = dictionary.get(term);
      if (at != null) {
        return at;
      }
      Integer first = null;
      Integer second = null;
      for (int space = term.indexOf(' '); space >= 0 && second == null; space = term.indexOf(' ', space + 1)) {
        first = dictionary.get(term.substring(0, space));
        second = first == null ? null : dictionary.get(term.substring(space + 1));
      }
      if (second != null) {
        VarInt.encode(1, entries);
        VarInt.encode(first, entries);
        VarInt.encode(second, entries);
      } else {
        VarInt.encode(0, entries);
        string(term, entries);
      }
      dictionary.put(term, dictionary.size());
      return dictionary.size() - 1;
    }

    boolean full() {
      return records.size() + entries.size() >= FLUSH_BYTES;
    }

    boolean isEmpty() {
      return count == 0;
    }

    byte[] bytes() {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() + records.size() + 10);
        VarInt.encode(dictionary.size(), out);
        entries.writeTo(out);
        VarInt.encode(count, out);
        records.writeTo(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e); // in memory: does not happen
      }
    }

    /** The records of a batch. */
    static List<Ranked> read(byte[] batch) {
      Cursor in = new Cursor(batch);
      String[] dictionary = new String[in.varInt()];
      for (int i = 0; i < dictionary.length; i++) {
        dictionary[i] = in.varInt() == 0 ? in.string() : dictionary[in.varInt()] + ' ' + dictionary[in.varInt()];
      }
      int n = in.varInt();
      List<Ranked> out = new ArrayList<>(n);
      for (int r = 0; r < n; r++) {
        int roles = in.varInt();
        String titleKey = in.string();
        Map<String, String> cells = new LinkedHashMap<>();
        for (String c : READ) {
          cells.put(c, in.string());
        }
        long row = in.longValue();
        int views = in.varInt();
        int[][] terms = new int[views][];
        int[][] counts = new int[views][];
        for (int v = 0; v < views; v++) {
          terms[v] = new int[in.varInt()];
          counts[v] = new int[terms[v].length];
          for (int i = 0; i < terms[v].length; i++) {
            terms[v][i] = in.varInt();
            counts[v][i] = in.varInt();
          }
        }
        out.add(new Ranked(roles, titleKey, cells, row, dictionary, terms, counts));
      }
      return out;
    }

    /** Reads a batch's bytes in place (java.io's streams take a lock for every byte a var-int reads). */
    private static final class Cursor {
      private final byte[] bytes;
      private int at;

      Cursor(byte[] bytes) {
        this.bytes = bytes;
      }

      /** A var-int as Beam's {@link VarInt} writes a non-negative int. */
      int varInt() {
        int value = 0;
        int shift = 0;
        byte b;
        do {
          b = bytes[at++];
          value |= (b & 0x7F) << shift;
          shift += 7;
        } while (b < 0);
        return value;
      }

      /** Eight bytes, as {@link DataOutputStream#writeLong} writes them. */
      long longValue() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
          value = value << 8 | (bytes[at++] & 0xFF);
        }
        return value;
      }

      String string() {
        int length = varInt();
        String s = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return s;
      }
    }

    private static void string(String s, OutputStream out) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      VarInt.encode(b.length, out);
      out.write(b);
    }

  }

  /**
   * Each record's role, and for those with one the terms of its text and tags as the model's
   * features read them ({@link TextVectors.Analyser}, Lucene's analysis: the costly part of the
   * features, done here in parallel); the records with none are dropped where they are. Each
   * bundle's records go on as batches ({@link TermBatch}) to the one worker.
   */
  static final class RolesFn extends DoFn<LivingRecord, KV<Integer, byte[]>> {
    private final ArrayList<String> columns;
    private final HashMap<String, Boolean> labels;
    private final boolean analyse;
    private transient List<TextVectors.Analyser> analysers;
    private transient TermBatch batch;

    RolesFn(ArrayList<String> columns, HashMap<String, Boolean> labels) {
      this.columns = columns;
      this.labels = labels;
      // a model needs an include and an exclude: without both no features are read
      this.analyse = labels.containsValue(true) && labels.containsValue(false);
    }

    @Setup
    public void setUp() {
      analysers = new ArrayList<>();
      RankStep.views(ActiveLearning.Settings.DEFAULT).forEach(o -> analysers.add(new TextVectors.Analyser(o)));
    }

    @StartBundle
    public void start() {
      batch = new TermBatch();
    }

    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      Map<String, String> row = r.cells();
      // the role from the cells as they are (an id, a decision and a stage hold no line breaks to
      // read back), so that the records with none, most of a history, cost no copy
      int roles = roles(row, labels);
      if (roles != 0) {
        // as the driver's ranking reads it: the screened files' columns only, line breaks as read back
        Map<String, String> asRead = RankStep.asReadBack(row, columns);
        Map<String, String> cells = new LinkedHashMap<>();
        READ.forEach(c -> cells.put(c, asRead.getOrDefault(c, "")));
        List<TextVectors.Analysis> views = new ArrayList<>(analysers.size());
        if (analyse) {
          String text = RankStep.text(asRead);
          List<String> tags = RankStep.tags(asRead);
          analysers.forEach(a -> views.add(a.of(text, tags)));
        }
        batch.add(roles, row.getOrDefault("title", "").toLowerCase(Locale.ROOT), cells, rowHash(asRead, columns),
            views);
        if (batch.full()) {
          out.output(KV.of(0, batch.bytes()));
          batch = new TermBatch();
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      if (!batch.isEmpty()) {
        c.output(KV.of(0, batch.bytes()), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void tearDown() {
      if (analysers != null) {
        analysers.forEach(TextVectors.Analyser::close);
      }
    }
  }

  /** The screened files' order (as the living-review step sorts its rows): title ignoring case, then record id. */
  private static final Comparator<Ranked> FILE_ORDER =
      Comparator.comparing(Ranked::titleKey).thenComparing(Ranked::recordId).thenComparingLong(Ranked::row);

  /**
   * A 64-bit hash (FNV-1a) of a row's cells: a history may hold one id twice (an earlier run's
   * repeated id), and the queue's rows of that id get their ranks by it. The driver orders two rows
   * of one id and one title (ignoring case) as they came to it; the graph has no such order and
   * orders them by this hash, which differs from the driver's only for such pairs that also differ
   * in another cell.
   */
  static long rowHash(Map<String, String> row, List<String> columns) {
    long h = 0xcbf29ce484222325L;
    for (String c : columns) {
      String v = row.getOrDefault(c, "");
      for (int i = 0; i < v.length(); i++) {
        h = (h ^ v.charAt(i)) * 0x100000001b3L;
      }
      h = (h ^ 0x1F) * 0x100000001b3L; // a cell's end
    }
    return h;
  }

  /** Where a row's rank is found: its file, its id and its row's hash. */
  private static String slot(String file, String recordId, long row) {
    return file + "\u0000" + recordId + "\u0000" + row;
  }

  /** A cell the ranked rows carry into {@link RankStep#rank} and back: the row's place among the ranked records. */
  private static final String AT = "\u0000at";

  /**
   * The global step: the records gathered under one key, each group in the driver's order, ranked
   * by the driver's code with the features made of the terms analysed where the records were.
   */
  static final class RankFn extends DoFn<KV<Integer, Iterable<byte[]>>, Ranks> {
    private final HashMap<String, Boolean> labels;
    private final ArrayList<Map<String, String>> decisionRows;

    RankFn(HashMap<String, Boolean> labels, ArrayList<Map<String, String>> decisionRows) {
      this.labels = labels;
      this.decisionRows = decisionRows;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> batches, OutputReceiver<Ranks> out)
        throws IOException {
      List<Ranked> all = new ArrayList<>();
      for (byte[] batch : batches.getValue()) {
        all.addAll(TermBatch.read(batch));
      }
      List<Ranked> training = new ArrayList<>();
      List<Ranked> queue = new ArrayList<>();
      List<Ranked> candidates = new ArrayList<>();
      for (Ranked r : all) {
        if ((r.roles() & TRAINING) != 0) {
          training.add(r);
        }
        if ((r.roles() & QUEUE) != 0) {
          queue.add(r);
        }
        if ((r.roles() & CANDIDATE) != 0) {
          candidates.add(r);
        }
      }
      // the order into the learner is the driver's: it numbers the features and reads the records so
      training.sort(Comparator.<Ranked>comparingInt(r -> RankStep.TRAINING_ORDER.indexOf(r.cells().get("decision")))
          .thenComparing(FILE_ORDER));
      queue.sort(FILE_ORDER);
      candidates.sort(FILE_ORDER);
      List<Ranked> byPlace = new ArrayList<>(training);
      byPlace.addAll(queue);
      byPlace.addAll(candidates);
      RankStep.Features features = (rows, settings) -> {
        List<Iterable<TextVectors.Analysis>> views = new ArrayList<>();
        for (int v = 0; v < RankStep.views(settings).size(); v++) {
          int view = v;
          // decoded as the features are numbered, one record at a time
          views.add(() -> rows.stream().map(row -> byPlace.get(Integer.parseInt(row.get(AT))).analysis(view))
              .iterator());
        }
        return RankStep.analysedFeatures(views, settings);
      };
      RankStep.Ranked ranked = RankStep.rank(cells(training, 0), cells(queue, training.size()),
          cells(candidates, training.size() + queue.size()), labels, decisionRows, features);
      out.output(new Ranks(ranked.summary(), slots(ranked.queue(), byPlace, ranked.relevance()),
          slots(ranked.secondLook(), byPlace, ranked.relevance())));
    }

    /** The cells of {@code rows}, each with its place ({@link #AT}) from {@code from} on. */
    private static List<Map<String, String>> cells(List<Ranked> rows, int from) {
      List<Map<String, String>> out = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Map<String, String> cells = new LinkedHashMap<>(rows.get(i).cells());
        cells.put(AT, Integer.toString(from + i));
        out.add(cells);
      }
      return out;
    }

    private static Slots slots(List<Map<String, String>> ranked, List<Ranked> byPlace, Map<String, Double> relevance) {
      List<String> ids = new ArrayList<>(ranked.size());
      List<Long> rows = new ArrayList<>(ranked.size());
      List<Double> values = new ArrayList<>(ranked.size());
      for (Map<String, String> row : ranked) {
        ids.add(row.get("record_id"));
        rows.add(byPlace.get(Integer.parseInt(row.get(AT))).row());
        values.add(relevance.get(row.get("record_id")));
      }
      return new Slots(ids, rows, values);
    }
  }

  /**
   * Ranked rows of one file, best first.
   *
   * @param ids their record ids
   * @param rows their rows' hashes ({@link #rowHash})
   * @param relevance their relevance, unrounded
   */
  record Slots(List<String> ids, List<Long> rows, List<Double> relevance) {
    Slots {
      ids = List.copyOf(ids);
      rows = List.copyOf(rows);
      relevance = List.copyOf(relevance);
    }

    /** Each row's ranks (from 0) by {@link #slot}: one, or several for rows alike in every cell. */
    Map<String, List<Integer>> bySlot(String file) {
      Map<String, List<Integer>> out = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        out.computeIfAbsent(slot(file, ids.get(i), rows.get(i)), k -> new ArrayList<>(1)).add(i);
      }
      return out;
    }
  }

  /**
   * What the one worker decided: the manifest's {@code ranking} object, the queue's ranks and the
   * second look's (its rows are made where the records are).
   */
  record Ranks(RankStep.Summary summary, Slots queue, Slots secondLook) {}

  /** Rows of one file that are the same in every cell, id included (one record given twice): ranked together. */
  private static final TupleTag<KV<String, LivingRecord>> ALIKE = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> ROWS = new TupleTag<>() {};
  /** The second look's first rows ({@link #SECOND_LOOK_HANDED}), by rank from 0, in its columns. */
  private static final TupleTag<KV<Integer, List<String>>> HEAD = new TupleTag<>() {};
  private static final Coder<KV<Integer, List<String>>> HEAD_CODER =
      KvCoder.of(VarIntCoder.of(), ListCoder.of(StringUtf8Coder.of()));

  /** The ranks of both files by slot, made once a bundle from the side input. */
  private static final class Lookup {
    final Ranks ranks;
    final Map<String, List<Integer>> queue;
    final Map<String, List<Integer>> secondLook;
    final java.util.Set<String> queueIds;
    final java.util.Set<String> secondLookIds;

    Lookup(Ranks ranks) {
      this.ranks = ranks;
      this.queue = ranks.queue().bySlot(REVIEW_CSV);
      this.secondLook = ranks.secondLook().bySlot(SECOND_LOOK_CSV);
      this.queueIds = new java.util.HashSet<>(ranks.queue().ids());
      this.secondLookIds = new java.util.HashSet<>(ranks.secondLook().ids());
    }
  }

  /**
   * The row of {@code r} in {@code file} at rank {@code i} (from 0), keyed by its rank; the second
   * look's first rows also to {@link #HEAD}.
   */
  private static void emit(String file, LivingRecord r, int i, Ranks ranks, List<String> columns,
      List<String> queueColumns, DoFn.MultiOutputReceiver out) {
    Map<String, String> row = RankStep.asReadBack(r.cells(), columns);
    boolean queue = file.equals(REVIEW_CSV);
    Slots slots = queue ? ranks.queue() : ranks.secondLook();
    row.put("rank", Integer.toString(i + 1));
    row.put("relevance", RankStep.relevance(slots.relevance().get(i)));
    List<String> fileColumns = queue ? queueColumns : RankStep.SECOND_LOOK;
    List<String> values = new ArrayList<>(fileColumns.size());
    fileColumns.forEach(col -> values.add(row.getOrDefault(col, "")));
    out.get(ROWS).output(KV.of(file, KV.of(key(i + 1), CsvCells.line(values))));
    if (!queue && i < SECOND_LOOK_HANDED) {
      out.get(HEAD).output(KV.of(i, values));
    }
  }

  /**
   * The records {@link RowsFn} may write: those in review and the second look's candidates
   * ({@link #roles}, the test {@link RolesFn} picks them for the model by). Input and
   * output: decided records; fails on nothing.
   */
  static final class MayBeRankedFn extends DoFn<LivingRecord, LivingRecord> {
    private final HashMap<String, Boolean> labels;

    MayBeRankedFn(HashMap<String, Boolean> labels) {
      this.labels = labels;
    }

    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<LivingRecord> out) {
      if ((roles(r.cells(), labels) & (QUEUE | CANDIDATE)) != 0) {
        out.output(r);
      }
    }
  }

  /**
   * A record's roles in the ranking ({@link #TRAINING}, {@link #QUEUE}, {@link #CANDIDATE}), from
   * its cells as they are: the one test {@link RolesFn} and {@link MayBeRankedFn} share.
   */
  static int roles(Map<String, String> row, Map<String, Boolean> labels) {
    return (RankStep.trains(row, labels) ? TRAINING : 0)
        | ("review".equals(row.get("decision")) ? QUEUE : 0)
        | (RankStep.secondLookCandidate(row, labels) ? CANDIDATE : 0);
  }

  /**
   * The rows of {@code review.csv} and {@code second-look.csv}, made where the records are: each
   * queued or second-looked record with its rank and relevance, keyed by rank.
   */
  static final class RowsFn extends DoFn<LivingRecord, KV<String, KV<String, String>>> {
    private final PCollectionView<Ranks> ranks;
    private final ArrayList<String> columns;
    private final ArrayList<String> queueColumns;
    private transient Lookup lookup;

    RowsFn(PCollectionView<Ranks> ranks, ArrayList<String> columns) {
      this.ranks = ranks;
      this.columns = columns;
      this.queueColumns = new ArrayList<>(RankStep.queueColumns(columns));
    }

    @StartBundle
    public void start() {
      lookup = null; // the side input is read once a bundle, not once a record
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      LivingRecord r = c.element();
      String decision = r.decision();
      boolean queue = "review".equals(decision);
      if (!queue && !"exclude".equals(decision)) {
        return;
      }
      if (lookup == null) {
        lookup = new Lookup(c.sideInput(ranks));
      }
      if (!(queue ? lookup.queueIds : lookup.secondLookIds).contains(r.recordId())) {
        if (queue) {
          throw new IllegalStateException("record " + r.recordId() + " is in review but was not ranked");
        }
        return;
      }
      String file = queue ? REVIEW_CSV : SECOND_LOOK_CSV;
      String slot = slot(file, r.recordId(), rowHash(RankStep.asReadBack(r.cells(), columns), columns));
      List<Integer> at = (queue ? lookup.queue : lookup.secondLook).get(slot);
      if (at == null) {
        if (queue) {
          throw new IllegalStateException("record " + r.recordId() + " is in review but was not ranked");
        }
        return; // an excluded record of a second-looked id that is not itself second-looked
      }
      if (at.size() == 1) {
        emit(file, r, at.get(0), lookup.ranks, columns, queueColumns, out);
      } else {
        out.get(ALIKE).output(KV.of(slot, r)); // which of them takes which rank is settled where they meet
      }
    }
  }

  /** Records alike in every cell, met by their slot: each takes one of the slot's ranks. */
  static final class AlikeRowsFn extends DoFn<KV<String, Iterable<LivingRecord>>, KV<String, KV<String, String>>> {
    private final PCollectionView<Ranks> ranks;
    private final ArrayList<String> columns;
    private final ArrayList<String> queueColumns;

    AlikeRowsFn(PCollectionView<Ranks> ranks, ArrayList<String> columns) {
      this.ranks = ranks;
      this.columns = columns;
      this.queueColumns = new ArrayList<>(RankStep.queueColumns(columns));
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      Ranks o = c.sideInput(ranks);
      String slot = c.element().getKey();
      String file = slot.substring(0, slot.indexOf('\u0000'));
      List<Integer> at = (file.equals(REVIEW_CSV) ? o.queue() : o.secondLook()).bySlot(file).get(slot);
      int n = 0;
      for (LivingRecord r : c.element().getValue()) {
        emit(file, r, at.get(n++), o, columns, queueColumns, out);
      }
    }
  }

  /** The two files' headers (empty keys sort first). */
  static final class HeadersFn extends DoFn<Ranks, KV<String, KV<String, String>>> {
    private final ArrayList<String> columns;

    HeadersFn(ArrayList<String> columns) {
      this.columns = columns;
    }

    @ProcessElement
    public void process(OutputReceiver<KV<String, KV<String, String>>> out) {
      out.output(KV.of(REVIEW_CSV, KV.of("", CsvCells.line(RankStep.queueColumns(columns)))));
      out.output(KV.of(SECOND_LOOK_CSV, KV.of("", CsvCells.line(RankStep.SECOND_LOOK))));
    }
  }

  /** The outcome: the ranks of the queue and the second look's first rows, met in one place (few). */
  static final class OutcomeFn extends DoFn<Ranks, Outcome> {
    private final PCollectionView<List<KV<Integer, List<String>>>> head;

    OutcomeFn(PCollectionView<List<KV<Integer, List<String>>>> head) {
      this.head = head;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Ranks r = c.element();
      List<KV<Integer, List<String>>> rows = new ArrayList<>(ListView.values(c.sideInput(head)));
      rows.sort(Comparator.comparingInt(KV::getKey));
      List<List<String>> secondLook = new ArrayList<>(rows.size());
      rows.forEach(kv -> secondLook.add(kv.getValue()));
      c.output(new Outcome(r.summary(), r.queue().ids(), r.queue().rows(), r.queue().relevance(), secondLook));
    }
  }

  /** The second look's rows the driver gets: as many as the report lists at most. */
  static final int SECOND_LOOK_HANDED = RunReports.SECOND_LOOK_SHOWN;

  /**
   * Hands the driver what the manifest and the report's second look need, in memory: the outcome
   * without the queue (the report's records can meet their ranks inside the graph; a queue of tens of
   * thousands is too large for this channel) and with at most {@link #SECOND_LOOK_HANDED} second-look
   * rows, their abstracts left out (the summary still counts every row), encoded by {@link
   * OutcomeCoder} into one string of a Beam {@code StringSet} metric. Metrics are the one channel
   * from the workers to the driver that every runner offers, and a set is idempotent: a retried
   * bundle adds the same string again and changes nothing. The value stays well under the metric's
   * size limit (1 MB in Beam's runners).
   */
  static final class ToDriverFn extends DoFn<Outcome, Void> {
    private final StringSet handed = Metrics.stringSet(RankReviewQueue.class, HANDED);

    @ProcessElement
    public void process(@Element Outcome o) throws IOException {
      List<List<String>> head = new ArrayList<>();
      for (List<String> row : o.secondLook().subList(0, Math.min(SECOND_LOOK_HANDED, o.secondLook().size()))) {
        List<String> values = new ArrayList<>(row);
        values.set(RankStep.SECOND_LOOK.indexOf("abstract"), "");
        head.add(values);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      OutcomeCoder.INSTANCE.encode(new Outcome(o.summary(), List.of(), List.of(), List.of(), head), bytes);
      handed.add(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
  }

  private static final String HANDED = "outcome";

  /**
   * What {@link ToDriverFn} handed the driver, from a finished run: the summary ({@link
   * Outcome#summaryMap}, the same map the driver's ranking makes, with the second look's number of
   * rows) and the second look's first rows: what the report draws ({@link Outcome#forReport}) but
   * the queue's ranks, which stay in the graph.
   *
   * @throws IllegalStateException when the run did not hand exactly one outcome over
   */
  static Outcome handedOver(PipelineResult result) throws IOException {
    String value = HandedOver.single(result, MetricNameFilter.named(RankReviewQueue.class, HANDED),
        "the ranking's outcome");
    return OutcomeCoder.INSTANCE.decode(new java.io.ByteArrayInputStream(
        Base64.getDecoder().decode(value)));
  }

  /**
   * What the ranking did, for the driver.
   *
   * @param summary the manifest's {@code ranking} object ({@link RankStep.Summary#toMap})
   * @param queueIds the queue's record ids, best first (rank 1 first)
   * @param queueRows their rows' hashes ({@link #rowHash})
   * @param relevance their relevance, unrounded (the model's probability or the rules' evidence)
   * @param secondLook the first rows of {@code second-look.csv} (at most {@link #SECOND_LOOK_HANDED}, the
   *     most the report shows), in its columns ({@link RankStep#SECOND_LOOK}); the file has {@code
   *     summary().secondLook()} rows, which the coder and the metric carry with the summary
   */
  record Outcome(RankStep.Summary summary, List<String> queueIds, List<Long> queueRows, List<Double> relevance,
      List<List<String>> secondLook) {
    Outcome {
      queueIds = List.copyOf(queueIds);
      queueRows = List.copyOf(queueRows);
      relevance = List.copyOf(relevance);
      secondLook = secondLook.stream().map(List::copyOf).toList();
    }

    /** The manifest's {@code ranking} object, as the driver's ranking leaves it. */
    Map<String, Object> summaryMap() {
      return summary.toMap();
    }

    /**
     * The ranking as the report shows it, as {@code RankStep.Ranking#forReport} gives it: the queue's
     * ranks (none in an outcome {@link #handedOver}), the second look's first {@link #SECOND_LOOK_HANDED}
     * rows and its number of rows ({@code summary().secondLook()}), which the report prints when the
     * file holds more than it lists.
     */
    RunReports.RankedQueue forReport() {
      Map<String, String[]> byRecord = new HashMap<>();
      for (int i = 0; i < queueIds.size(); i++) {
        byRecord.put(queueIds.get(i), new String[] {Integer.toString(i + 1), RankStep.relevance(relevance.get(i))});
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> values : secondLook) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < values.size(); c++) {
          row.put(RankStep.SECOND_LOOK.get(c), values.get(c));
        }
        rows.add(row);
      }
      return new RunReports.RankedQueue(byRecord, rows, summary.secondLook());
    }
  }

  /** Deterministic coder for {@link Outcome}. */
  static final class OutcomeCoder extends AtomicCoder<Outcome> {
    static final OutcomeCoder INSTANCE = new OutcomeCoder();

    @Override
    public void encode(Outcome o, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      summary(o.summary(), data);
      strings(o.queueIds(), data);
      for (long r : o.queueRows()) {
        data.writeLong(r);
      }
      for (double r : o.relevance()) {
        data.writeDouble(r);
      }
      data.writeInt(o.secondLook().size());
      for (List<String> row : o.secondLook()) {
        strings(row, data);
      }
      data.flush();
    }

    @Override
    public Outcome decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      RankStep.Summary summary = summary(data);
      List<String> ids = strings(data);
      List<Long> rows = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        rows.add(data.readLong());
      }
      List<Double> relevance = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        relevance.add(data.readDouble());
      }
      int n = data.readInt();
      List<List<String>> secondLook = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        secondLook.add(strings(data));
      }
      return new Outcome(summary, ids, rows, relevance, secondLook);
    }

    static void summary(RankStep.Summary s, DataOutputStream data) throws IOException {
      data.writeBoolean(s.model());
      data.writeDouble(s.bar());
      data.writeInt(s.trainedOn());
      data.writeInt(s.relevantInTraining());
      data.writeInt(s.reviewQueue());
      data.writeDouble(s.expected());
      data.writeInt(s.secondLook());
      data.writeBoolean(s.order() != null);
      if (s.order() != null) {
        data.writeInt(s.order().included().length);
        for (boolean b : s.order().included()) {
          data.writeBoolean(b);
        }
        StringUtf8Coder.of().encode(s.order().basis(), data);
      }
    }

    static RankStep.Summary summary(DataInputStream data) throws IOException {
      boolean model = data.readBoolean();
      double bar = data.readDouble();
      int trainedOn = data.readInt();
      int relevantInTraining = data.readInt();
      int reviewQueue = data.readInt();
      double expected = data.readDouble();
      int secondLookCount = data.readInt();
      RankStep.DecisionOrder order = null;
      if (data.readBoolean()) {
        boolean[] included = new boolean[data.readInt()];
        for (int i = 0; i < included.length; i++) {
          included[i] = data.readBoolean();
        }
        order = new RankStep.DecisionOrder(included, StringUtf8Coder.of().decode(data));
      }
      return new RankStep.Summary(model, bar, trainedOn, relevantInTraining, reviewQueue, expected, secondLookCount,
          order);
    }

    static void strings(List<String> values, DataOutputStream out) throws IOException {
      out.writeInt(values.size());
      for (String v : values) {
        StringUtf8Coder.of().encode(v, out);
      }
    }

    static List<String> strings(DataInputStream in) throws IOException {
      int n = in.readInt();
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(StringUtf8Coder.of().decode(in));
      }
      return out;
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Deterministic coder for {@link Ranks}. */
  static final class RanksCoder extends AtomicCoder<Ranks> {
    static final RanksCoder INSTANCE = new RanksCoder();

    @Override
    public void encode(Ranks r, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      OutcomeCoder.summary(r.summary(), data);
      for (Slots slots : List.of(r.queue(), r.secondLook())) {
        OutcomeCoder.strings(slots.ids(), data);
        for (int i = 0; i < slots.ids().size(); i++) {
          data.writeLong(slots.rows().get(i));
          data.writeDouble(slots.relevance().get(i));
        }
      }
      data.flush();
    }

    @Override
    public Ranks decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      RankStep.Summary summary = OutcomeCoder.summary(data);
      List<Slots> slots = new ArrayList<>(2);
      for (int s = 0; s < 2; s++) {
        List<String> ids = OutcomeCoder.strings(data);
        List<Long> rows = new ArrayList<>(ids.size());
        List<Double> relevance = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
          rows.add(data.readLong());
          relevance.add(data.readDouble());
        }
        slots.add(new Slots(ids, rows, relevance));
      }
      return new Ranks(summary, slots.get(0), slots.get(1));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
