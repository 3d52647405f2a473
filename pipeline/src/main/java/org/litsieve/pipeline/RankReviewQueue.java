package org.litsieve.pipeline;

import java.io.ByteArrayOutputStream;
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
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSet;
import org.apache.beam.sdk.metrics.StringSetResult;
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
 * reviewer decided), or none, and then it is dropped; the others travel on as the few cells the
 * ranking reads. One global step on one worker gathers them (a side input read once), puts each
 * group in the driver's order (the screened files' order: title ignoring case, then record id;
 * training records by decision first, {@link RankStep#TRAINING_ORDER}) and calls the driver's
 * {@link RankStep#rank(List, List, List, Map, List)}, so features, training order and seed are
 * the driver's and the scores are bit for bit the same. The model is not scored in parallel:
 * the features are TF-IDF over every record ranked (the queue's and the second-look candidates'
 * included: their document frequencies, their numbering in order of first sight) and the learner
 * ({@code rank.RunModel}, whose public API trains and scores in one call) may read the unlabelled
 * records too (pseudo-irrelevant draws, standardising over them), so scoring apart would change the
 * numbers. The rows of {@code review.csv} are then made in parallel, each record meeting its rank
 * and relevance in a side input ({@link Outcome}), and written with {@code second-look.csv}
 * through {@link SortedFiles}' external merge sort, keyed by rank.
 *
 * <p>Output: {@code review.csv} and {@code second-look.csv} in the directory, byte for byte what
 * the driver writes for the same records and decisions, and a single {@link Outcome}: the
 * manifest's {@code ranking} object and what the report's queue needs ({@link Outcome#forReport}),
 * as a side input for later steps. The driver gets the summary and the second look's first rows
 * in memory from the finished run ({@link #handedOver}, through a metric: {@link ToDriverFn}); the
 * queue's ranks stay in the graph, for the report's records to meet there. Failure behaviour: an I/O error writing the files fails the
 * run; a model that cannot be trained is not a failure (the rules' evidence ranks, as the driver).
 */
final class RankReviewQueue extends PTransform<PCollection<LivingRecord>, PCollection<RankReviewQueue.Outcome>> {
  /** The cells the ranking reads of a record (the second look's columns among them), as read back. */
  static final List<String> READ = List.of("record_id", "title", "authors", "year", "doi", "pmid", "decision",
      "stage", "reason", "matched_blocks", "outcome_tags", "block_evidence", "abstract");

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
    PCollectionView<Iterable<Ranked>> ranked = records
        .apply("Roles", ParDo.of(new RolesFn(columns, labels))).setCoder(RankedCoder.INSTANCE)
        .apply("RankedRows", View.asIterable());
    PCollectionTuple scored = records.getPipeline()
        .apply("OneWorker", Create.of(0).withCoder(VarIntCoder.of()))
        .apply("TrainAndScore", ParDo.of(new RankFn(ranked, labels, decisionRows)).withSideInputs(ranked)
            .withOutputTags(OUTCOME, TupleTagList.of(RANKS)));
    PCollection<Outcome> outcome = scored.get(OUTCOME).setCoder(OutcomeCoder.INSTANCE);
    // the queue's ranks alone as the side input: the second look can be tens of thousands of rows
    PCollectionView<Outcome> outcomeView = scored.get(RANKS).setCoder(OutcomeCoder.INSTANCE)
        .apply("RanksView", View.asSingleton());
    PCollectionTuple queue = records.apply("QueueRows", ParDo.of(new QueueRowsFn(outcomeView, columns))
        .withSideInputs(outcomeView).withOutputTags(ROWS, TupleTagList.of(ALIKE)));
    PCollection<KV<String, KV<String, String>>> queueRows = queue.get(ROWS).setCoder(SortedFiles.ROW_CODER);
    PCollection<KV<String, KV<String, String>>> alikeRows = queue.get(ALIKE)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LivingRecord.LivingRecordCoder.of()))
        .apply("MeetAlike", GroupByKey.create())
        .apply("AlikeRows", ParDo.of(new AlikeRowsFn(outcomeView, columns)).withSideInputs(outcomeView))
        .setCoder(SortedFiles.ROW_CODER);
    PCollection<KV<String, KV<String, String>>> otherRows = outcome
        .apply("HeadersAndSecondLook", ParDo.of(new OtherRowsFn(columns))).setCoder(SortedFiles.ROW_CODER);
    outcome.apply("ToTheDriver", ParDo.of(new ToDriverFn()));
    PCollectionList.of(queueRows).and(alikeRows).and(otherRows).apply("AllRows", Flatten.pCollections())
        .apply("WriteRanked", SortedFiles.into(directory));
    return outcome;
  }

  /** The sort key of a rank: its number, zero-padded so that text order is number order. */
  static String key(int rank) {
    return String.format(Locale.ROOT, "%010d", rank);
  }

  /**
   * A record the ranking reads.
   *
   * @param roles which lists it belongs to (training, queue, candidate)
   * @param titleKey its title in lower case, for the screened files' order
   * @param cells the cells {@link #READ}, as the screened file gives them back
   * @param row a hash of its whole row ({@link #rowHash}), telling apart records of one id
   */
  record Ranked(int roles, String titleKey, Map<String, String> cells, long row) {
    String recordId() {
      return cells.get("record_id");
    }
  }

  /** Each record's role; the records with none are dropped where they are. */
  static final class RolesFn extends DoFn<LivingRecord, Ranked> {
    private final ArrayList<String> columns;
    private final HashMap<String, Boolean> labels;

    RolesFn(ArrayList<String> columns, HashMap<String, Boolean> labels) {
      this.columns = columns;
      this.labels = labels;
    }

    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<Ranked> out) {
      Map<String, String> row = r.cells();
      // the role from the cells as they are (an id, a decision and a stage hold no line breaks to
      // read back), so that the records with none, most of a history, cost no copy
      int roles = (RankStep.trains(row, labels) ? TRAINING : 0)
          | ("review".equals(row.get("decision")) ? QUEUE : 0)
          | (RankStep.secondLookCandidate(row, labels) ? CANDIDATE : 0);
      if (roles != 0) {
        // as the driver's ranking reads it: the screened files' columns only, line breaks as read back
        Map<String, String> asRead = RankStep.asReadBack(row, columns);
        Map<String, String> cells = new LinkedHashMap<>();
        READ.forEach(c -> cells.put(c, asRead.getOrDefault(c, "")));
        out.output(new Ranked(roles, row.getOrDefault("title", "").toLowerCase(Locale.ROOT), cells,
            rowHash(asRead, columns)));
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

  /** Where a queued row's rank is found: its id and its row's hash. */
  private static String slot(String recordId, long row) {
    return recordId + "\u0000" + row;
  }

  private static final TupleTag<Outcome> OUTCOME = new TupleTag<>() {};
  /** The outcome without the second look's rows: what the queue's rows need. */
  private static final TupleTag<Outcome> RANKS = new TupleTag<>() {};

  /** The global step: the groups in the driver's order, ranked by the driver's code. */
  static final class RankFn extends DoFn<Integer, Outcome> {
    private final PCollectionView<Iterable<Ranked>> ranked;
    private final HashMap<String, Boolean> labels;
    private final ArrayList<Map<String, String>> decisionRows;

    RankFn(PCollectionView<Iterable<Ranked>> ranked, HashMap<String, Boolean> labels,
        ArrayList<Map<String, String>> decisionRows) {
      this.ranked = ranked;
      this.labels = labels;
      this.decisionRows = decisionRows;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<Ranked> training = new ArrayList<>();
      List<Ranked> queue = new ArrayList<>();
      List<Ranked> candidates = new ArrayList<>();
      for (Ranked r : c.sideInput(ranked)) {
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
      RankStep.Ranked out = RankStep.rank(cells(training), cells(queue), cells(candidates), labels, decisionRows);
      List<String> ids = new ArrayList<>(out.queue().size());
      List<Double> relevance = new ArrayList<>(out.queue().size());
      for (Map<String, String> row : out.queue()) {
        ids.add(row.get("record_id"));
        relevance.add(out.relevance().get(row.get("record_id")));
      }
      // the driver ranks rows of one id in the order it was given them (stable): the queue's order here
      Map<String, List<Long>> rowsOfId = new HashMap<>();
      queue.forEach(r -> rowsOfId.computeIfAbsent(r.recordId(), k -> new ArrayList<>()).add(r.row()));
      Map<String, Integer> taken = new HashMap<>();
      List<Long> rows = new ArrayList<>(ids.size());
      for (String id : ids) {
        rows.add(rowsOfId.get(id).get(taken.merge(id, 1, Integer::sum) - 1));
      }
      List<List<String>> secondLook = new ArrayList<>();
      for (Map<String, String> row : out.secondLook()) {
        List<String> values = new ArrayList<>(RankStep.SECOND_LOOK.size());
        RankStep.SECOND_LOOK.forEach(col -> values.add(row.getOrDefault(col, "")));
        secondLook.add(values);
      }
      c.output(new Outcome(out.summary(), ids, rows, relevance, secondLook));
      c.output(RANKS, new Outcome(out.summary(), ids, rows, relevance, List.of()));
    }

    private static List<Map<String, String>> cells(List<Ranked> rows) {
      return new ArrayList<>(rows.stream().map(Ranked::cells).toList());
    }
  }

  /** Rows of the queue that are the same in every cell, id included (one record given twice): ranked together. */
  private static final TupleTag<KV<String, LivingRecord>> ALIKE = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> ROWS = new TupleTag<>() {};

  /** Each queued record's ranks, by {@link #slot}: one, or several for rows alike in every cell. */
  private static Map<String, List<Integer>> ranks(Outcome o) {
    Map<String, List<Integer>> out = new HashMap<>();
    for (int i = 0; i < o.queueIds().size(); i++) {
      out.computeIfAbsent(slot(o.queueIds().get(i), o.queueRows().get(i)), k -> new ArrayList<>(1)).add(i);
    }
    return out;
  }

  /** The row of {@code review.csv} of record {@code r} at position {@code i} of the queue, keyed by its rank. */
  private static KV<String, KV<String, String>> queueRow(LivingRecord r, int i, Outcome o, List<String> columns,
      List<String> queueColumns) {
    Map<String, String> row = RankStep.asReadBack(r.cells(), columns);
    row.put("rank", Integer.toString(i + 1));
    row.put("relevance", RankStep.relevance(o.relevance().get(i)));
    List<String> values = new ArrayList<>(queueColumns.size());
    queueColumns.forEach(col -> values.add(row.getOrDefault(col, "")));
    return KV.of(REVIEW_CSV, KV.of(key(i + 1), CsvCells.line(values)));
  }

  /** The rows of {@code review.csv}: each queued record with its rank and relevance, keyed by rank. */
  static final class QueueRowsFn extends DoFn<LivingRecord, KV<String, KV<String, String>>> {
    private final PCollectionView<Outcome> outcome;
    private final ArrayList<String> columns;
    private final ArrayList<String> queueColumns;
    private transient Map<String, List<Integer>> ranks;

    QueueRowsFn(PCollectionView<Outcome> outcome, ArrayList<String> columns) {
      this.outcome = outcome;
      this.columns = columns;
      this.queueColumns = new ArrayList<>(RankStep.queueColumns(columns));
    }

    @StartBundle
    public void start() {
      ranks = null; // the side input is read once a bundle, not once a record
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LivingRecord r = c.element();
      if (!"review".equals(r.decision())) {
        return;
      }
      Outcome o = c.sideInput(outcome);
      if (ranks == null) {
        ranks = ranks(o);
      }
      String slot = slot(r.recordId(), rowHash(RankStep.asReadBack(r.cells(), columns), columns));
      List<Integer> at = ranks.get(slot);
      if (at == null) {
        throw new IllegalStateException("record " + r.recordId() + " is in review but was not ranked");
      }
      if (at.size() == 1) {
        c.output(queueRow(r, at.get(0), o, columns, queueColumns));
      } else {
        c.output(ALIKE, KV.of(slot, r)); // which of them takes which rank is settled where they meet
      }
    }
  }

  /** Records alike in every cell, met by their slot: each takes one of the slot's ranks. */
  static final class AlikeRowsFn extends DoFn<KV<String, Iterable<LivingRecord>>, KV<String, KV<String, String>>> {
    private final PCollectionView<Outcome> outcome;
    private final ArrayList<String> columns;
    private final ArrayList<String> queueColumns;

    AlikeRowsFn(PCollectionView<Outcome> outcome, ArrayList<String> columns) {
      this.outcome = outcome;
      this.columns = columns;
      this.queueColumns = new ArrayList<>(RankStep.queueColumns(columns));
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Outcome o = c.sideInput(outcome);
      List<Integer> at = ranks(o).get(c.element().getKey());
      int n = 0;
      for (LivingRecord r : c.element().getValue()) {
        c.output(queueRow(r, at.get(n++), o, columns, queueColumns));
      }
    }
  }

  /** The second look's rows the driver gets (the report shows at most as many). */
  static final int SECOND_LOOK_HANDED = 1_000;

  /**
   * Hands the driver what the manifest and the report's second look need, in memory: the outcome
   * without the queue (the report's records can meet their ranks inside the graph; a queue of tens of
   * thousands is too large for this channel) and with at most {@link #SECOND_LOOK_HANDED} second-look
   * rows, their abstracts left out, encoded by {@link OutcomeCoder} into one string of a Beam
   * {@code StringSet} metric. Metrics are the one channel from the workers to the driver that every
   * runner offers, and a set is idempotent: a retried bundle adds the same string again and changes
   * nothing. The value stays well under the metric's size limit (1 MB in Beam's runners).
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
   * Outcome#summaryMap}, the same map the driver's ranking makes) and the second look's first rows.
   *
   * @throws IllegalStateException when the run did not hand exactly one outcome over
   */
  static Outcome handedOver(PipelineResult result) throws IOException {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RankReviewQueue.class, HANDED)).build());
    java.util.Set<String> values = new java.util.HashSet<>();
    for (MetricResult<StringSetResult> r : q.getStringSets()) {
      StringSetResult set;
      try {
        set = r.getCommitted();
      } catch (UnsupportedOperationException e) {
        set = r.getAttempted(); // a runner without committed metrics: the set is the same after retries
      }
      values.addAll(set.getStringSet());
    }
    if (values.size() != 1) {
      throw new IllegalStateException("the ranking handed " + values.size() + " outcomes over, not one");
    }
    return OutcomeCoder.INSTANCE.decode(new java.io.ByteArrayInputStream(
        Base64.getDecoder().decode(values.iterator().next())));
  }

  /** The two files' headers (empty keys sort first) and the second look's rows. */
  static final class OtherRowsFn extends DoFn<Outcome, KV<String, KV<String, String>>> {
    private final ArrayList<String> columns;

    OtherRowsFn(ArrayList<String> columns) {
      this.columns = columns;
    }

    @ProcessElement
    public void process(@Element Outcome o, OutputReceiver<KV<String, KV<String, String>>> out) {
      out.output(KV.of(REVIEW_CSV, KV.of("", CsvCells.line(RankStep.queueColumns(columns)))));
      out.output(KV.of(SECOND_LOOK_CSV, KV.of("", CsvCells.line(RankStep.SECOND_LOOK))));
      for (int i = 0; i < o.secondLook().size(); i++) {
        out.output(KV.of(SECOND_LOOK_CSV, KV.of(key(i + 1), CsvCells.line(o.secondLook().get(i)))));
      }
    }
  }

  /**
   * What the ranking did, for the driver.
   *
   * @param summary the manifest's {@code ranking} object ({@link RankStep.Summary#toMap})
   * @param queueIds the queue's record ids, best first (rank 1 first)
   * @param queueRows their rows' hashes ({@link #rowHash})
   * @param relevance their relevance, unrounded (the model's probability or the rules' evidence)
   * @param secondLook the rows of {@code second-look.csv}, in its columns ({@link RankStep#SECOND_LOOK})
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

    /** The ranking as the report shows it, as {@code RankStep.Ranking#forReport} gives it. */
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
      return new RunReports.RankedQueue(byRecord, rows);
    }
  }

  /** Deterministic coder for {@link Ranked}. */
  static final class RankedCoder extends AtomicCoder<Ranked> {
    static final RankedCoder INSTANCE = new RankedCoder();

    @Override
    public void encode(Ranked r, OutputStream out) throws IOException {
      VarIntCoder.of().encode(r.roles(), out);
      StringUtf8Coder.of().encode(r.titleKey(), out);
      for (String c : READ) {
        StringUtf8Coder.of().encode(r.cells().get(c), out);
      }
      VarLongCoder.of().encode(r.row(), out);
    }

    @Override
    public Ranked decode(InputStream in) throws IOException {
      int roles = VarIntCoder.of().decode(in);
      String titleKey = StringUtf8Coder.of().decode(in);
      Map<String, String> cells = new LinkedHashMap<>();
      for (String c : READ) {
        cells.put(c, StringUtf8Coder.of().decode(in));
      }
      return new Ranked(roles, titleKey, cells, VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Deterministic coder for {@link Outcome}. */
  static final class OutcomeCoder extends AtomicCoder<Outcome> {
    static final OutcomeCoder INSTANCE = new OutcomeCoder();

    @Override
    public void encode(Outcome o, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      RankStep.Summary s = o.summary();
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
      RankStep.Summary summary = new RankStep.Summary(model, bar, trainedOn, relevantInTraining, reviewQueue,
          expected, secondLookCount, order);
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

    private static void strings(List<String> values, DataOutputStream out) throws IOException {
      out.writeInt(values.size());
      for (String v : values) {
        StringUtf8Coder.of().encode(v, out);
      }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
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
}
