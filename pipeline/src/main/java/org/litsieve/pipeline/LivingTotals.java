package org.litsieve.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.history.CsvTable;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingSummary;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PrismaUpdate;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.output.OutputFiles;
import org.litsieve.output.Prisma;

/**
 * The files and counts of a step of a living review that need every record at once, made inside
 * the pipeline from the decided records: {@code conflicts.csv}, {@code decision-problems.csv},
 * {@code decisions.csv}, {@code prisma.json}, and the manifest's {@code living} summary
 * ({@link LivingSummary}), each as the driver's {@code LivingUpdate.apply} makes it.
 *
 * <p>Input: {@link #RECORDS}, every {@link LivingRecord} of the step ({@link ContinueReview}'s
 * output); {@link #PIPELINE_COUNTERS}, the pipeline's PRISMA counters ({@link Prisma#counters} and
 * the identified and rejected ones, as {@code WriteOutputs} counts them, summed here); and
 * {@link #STEP_COUNTS}, the two counts the decided records do not show, by name
 * ({@link #MATCHED_BY_DEDUP}: this run's records only the deduplication matcher paired;
 * {@link #RESCREENED}: the carried-forward ids screened again after a rules change), as
 * {@link ContinueReview#withCounts()} gives them from {@link MatchFuzzy} and {@link RescreenCarried}
 * ({@link ContinueReview#STEP_COUNTS}), any number of values per name, summed here. The reviewers' decisions come
 * resolved from the driver ({@link HumanDecisions}, few), with the previous run's id and whether
 * the rules changed.
 *
 * <p>How: each bundle counts its records into a map (status, the new records'
 * {@link PrismaUpdate#counters}, the records the previous run included, those reviewers decided;
 * of the ids decisions name, those a record holds; the titles of records reviewers disagree on),
 * emitted when the bundle ends, so the records never travel; the counts are summed per name
 * ({@code Sum.longsPerKey}, a combine) and gathered under one key, and one step over those few
 * values writes the four files through {@link OutputFiles} and works out the summary. Only the ids
 * named by decisions and held by some record travel, never every id: a decision names an unknown
 * id when no record held it ({@link HumanDecisions#unknownIds(List, Set)}).
 *
 * <p>The summary reaches the driver in memory as Beam metrics, the one channel from workers to the
 * driver that every runner offers: each count is a {@code Distribution} updated once with its value
 * by the one final step, and read back as its maximum ({@link #summary}), which a retried bundle
 * cannot change (a counter would count the retry twice on a runner that reports attempted metrics
 * only). The driver adds what it knows itself (the run id, kappa). {@code prisma.json}'s document
 * reaches it the same way ({@link #prisma}), for the reports.
 *
 * <p>Failure behaviour: an I/O error writing a file fails the run; {@link #summary} throws
 * {@link IllegalStateException} when the pipeline did not report the counts.
 */
final class LivingTotals extends PTransform<PCollectionTuple, PDone> {
  /** Every decided record of the step: this run's and the carried-forward ones. */
  static final TupleTag<LivingRecord> RECORDS = new TupleTag<>() {};
  /** The pipeline's PRISMA counters ({@link Prisma}'s names), any number per name. */
  static final TupleTag<KV<String, Long>> PIPELINE_COUNTERS = new TupleTag<>() {};
  /** Counts of the deciding steps by name ({@link #MATCHED_BY_DEDUP}, {@link #RESCREENED}); absent is 0. */
  static final TupleTag<KV<String, Long>> STEP_COUNTS = new TupleTag<>() {};

  static final String MATCHED_BY_DEDUP = StepCounts.MATCHED_BY_DEDUP;
  static final String RESCREENED = StepCounts.RESCREENED;

  /** The metrics' namespace. */
  static final String METRICS = "litsieve.living";
  /** The metric (a {@code StringSet}) that hands {@code prisma.json}'s text to the driver. */
  private static final String PRISMA = "prisma.json";
  private static final String PROBLEMS = "decision-problems.csv";

  // the per-name sums' prefixes: one namespace of counts for every kind
  private static final String RECORD_COUNT = "records";
  private static final String STATUS = "status\u0000";
  private static final String NEW = "new\u0000";
  private static final String PREVIOUS_INCLUDED = "previous_included";
  private static final String DECIDED = "decided_by_humans";
  private static final String HELD = "held\u0000";
  private static final String CONFLICT = "conflict\u0000";
  private static final String PIPELINE = "pipeline\u0000";
  private static final String STEP = "step\u0000";

  /** The counts reported to the driver, in {@link LivingSummary}'s order. */
  private static final List<String> REPORTED = List.of("new", "unchanged", "changed", "already_known",
      MATCHED_BY_DEDUP, "carried_forward", RESCREENED, "not_rescreened", "records_decided_by_humans",
      "decision_problems");

  private final String directory;
  private final Decisions decisions;
  private final String previousRun;
  private final boolean rulesChanged;
  private final Map<String, Object> kappa;
  private final long humanDecisions;
  private final long conflicts;

  private LivingTotals(String directory, Decisions decisions, String previousRun, boolean rulesChanged,
      Map<String, Object> kappa, long humanDecisions, long conflicts) {
    this.directory = directory;
    this.decisions = decisions;
    this.previousRun = previousRun;
    this.rulesChanged = rulesChanged;
    this.kappa = kappa;
    this.humanDecisions = humanDecisions;
    this.conflicts = conflicts;
  }

  /**
   * @param directory the output folder (any Beam filesystem), which must exist
   * @param decisions the reviewers' decisions resolved on the driver (the previous run's and this run's)
   * @param previousRun the previous run's id, or null for a first run (prisma.json then shows no previous version)
   * @param rulesChanged whether this run's rules' hash differs from the previous run's
   */
  static LivingTotals into(String directory, HumanDecisions decisions, String previousRun, boolean rulesChanged) {
    return new LivingTotals(directory, Decisions.of(decisions), previousRun, rulesChanged, decisions.kappa(),
        decisions.kept().size(), decisions.conflicts().size());
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollectionList<KV<String, Long>> counts = PCollectionList
        // a count of none, so the one step runs (and writes every file) whatever the input
        .of(in.getPipeline().apply("Seed", Create.of(KV.of(RECORD_COUNT, 0L)).withCoder(coder)))
        .and(in.get(RECORDS).apply("CountRecords", ParDo.of(new CountFn(decisions))).setCoder(coder))
        .and(in.get(PIPELINE_COUNTERS).apply("PipelineCounters",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                .via((KV<String, Long> kv) -> KV.of(PIPELINE + kv.getKey(), kv.getValue()))).setCoder(coder));
    if (in.has(STEP_COUNTS)) {
      counts = counts.and(in.get(STEP_COUNTS).apply("StepCounts",
          MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
              .via((KV<String, Long> kv) -> KV.of(STEP + kv.getKey(), kv.getValue()))).setCoder(coder));
    }
    counts.apply("AllCounts", Flatten.pCollections())
        .apply("SumCounts", Sum.longsPerKey())
        .apply("GatherCounts", WithKeys.of(""))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("OneGroup", GroupByKey.create())
        .apply("WriteFiles", ParDo.of(new FinishFn(directory, decisions, previousRun, rulesChanged,
            humanDecisions, conflicts)));
    return PDone.in(in.getPipeline());
  }

  /**
   * The summary the pipeline reported ({@code result} of a finished run with this step), with
   * what the driver knows itself.
   *
   * @param runId this run's id
   * @throws IllegalStateException when a count is missing (the step did not run)
   */
  LivingSummary summary(PipelineResult result, String runId) {
    Map<String, Long> reported = new HashMap<>();
    for (MetricResult<DistributionResult> d : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(METRICS)).build()).getDistributions()) {
      if (d.getAttempted().getCount() > 0) {
        reported.put(d.getName().getName(), d.getAttempted().getMax());
      }
    }
    long[] v = new long[REPORTED.size()];
    for (int i = 0; i < v.length; i++) {
      Long n = reported.get(REPORTED.get(i));
      if (n == null) {
        throw new IllegalStateException("the living-review totals were not reported: no " + REPORTED.get(i));
      }
      v[i] = n;
    }
    return new LivingSummary(runId, previousRun, rulesChanged, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
        humanDecisions, v[8], conflicts, v[9], kappa);
  }

  /**
   * What {@code prisma.json} holds, as the pipeline reported it ({@code result} of a finished run
   * with this step): the document {@code PrismaUpdate.document} made, read back from the file's
   * text, which the final step hands over as the one value of a Beam {@code StringSet} metric (a
   * set: a retried bundle adds the same text again and changes nothing; a few kilobytes, well under
   * the runners' size limit for a metric). Integral numbers come back as {@code Long}, as the
   * document holds them, so the map equals {@code LivingUpdate.Result.prisma()} of the driver's
   * step for the same run, and the reports can be drawn from it without reading the file back.
   *
   * @throws IllegalStateException when the pipeline did not report exactly one document
   */
  static Map<String, Object> prisma(PipelineResult result) {
    String text = HandedOver.single(result, MetricNameFilter.named(METRICS, PRISMA), "prisma.json's document");
    try {
      return new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("the reported prisma.json cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The first {@link HumanDecisions#PROBLEMS_SHOWN} rows of {@code decision-problems.csv} as the
   * final step wrote them ({@code result} of a finished run with this step), handed over as
   * {@link #prisma} is: one JSON text, the value of a {@code StringSet} metric.
   *
   * @throws IllegalStateException when the pipeline did not report exactly one list
   */
  static List<Map<String, String>> problems(PipelineResult result) {
    String text = HandedOver.single(result, MetricNameFilter.named(METRICS, PROBLEMS), "the decision problems");
    try {
      return new ObjectMapper().readValue(text, new TypeReference<List<Map<String, String>>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("the reported decision problems cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The resolved decisions as the steps need them, in plain serialisable collections: the rows of
   * {@code decisions.csv}, the problems found while resolving, the ids decided and the ids named,
   * and the reviewers' rows of the records they disagree on.
   */
  record Decisions(ArrayList<Map<String, String>> kept, ArrayList<Map<String, String>> problems,
      HashSet<String> decided, HashSet<String> named, TreeMap<String, TreeMap<String, Map<String, String>>> conflicts)
      implements java.io.Serializable {
    static Decisions of(HumanDecisions d) {
      ArrayList<Map<String, String>> kept = new ArrayList<>();
      HashSet<String> named = new HashSet<>();
      for (Map<String, String> row : d.kept()) {
        kept.add(new LinkedHashMap<>(row));
        named.add(row.get("record_id"));
      }
      ArrayList<Map<String, String>> problems = new ArrayList<>();
      d.problems().forEach(p -> problems.add(new LinkedHashMap<>(p.row())));
      TreeMap<String, TreeMap<String, Map<String, String>>> conflicts = new TreeMap<>();
      for (HumanDecisions.Resolved r : d.conflicts()) {
        TreeMap<String, Map<String, String>> byReviewer = new TreeMap<>();
        r.byReviewer().forEach((rev, row) -> byReviewer.put(rev, new LinkedHashMap<>(row)));
        conflicts.put(r.recordId(), byReviewer);
      }
      return new Decisions(kept, problems, new HashSet<>(d.byRecord().keySet()), named, conflicts);
    }
  }

  /** Counts a bundle's records by name, emitted when the bundle ends. */
  static final class CountFn extends DoFn<LivingRecord, KV<String, Long>> {
    private final Decisions decisions;
    private transient Map<String, Long> counts;

    CountFn(Decisions decisions) {
      this.decisions = decisions;
    }

    @StartBundle
    public void startBundle() {
      counts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element LivingRecord r) {
      counts.merge(RECORD_COUNT, 1L, Long::sum);
      counts.merge(STATUS + r.status().label(), 1L, Long::sum);
      if (r.status() != LivingRecord.Status.NEW && "include".equals(r.oldDecision())) {
        counts.merge(PREVIOUS_INCLUDED, 1L, Long::sum);
      }
      for (String c : PrismaUpdate.counters(r.cells())) {
        counts.merge(NEW + c, 1L, Long::sum);
      }
      String id = r.recordId();
      if (decisions.decided().contains(id)) {
        counts.merge(DECIDED, 1L, Long::sum);
      }
      if (decisions.named().contains(id)) {
        counts.merge(HELD + id, 1L, Long::sum);
      }
      if (decisions.conflicts().containsKey(id)) {
        // the cells are as the driver reads them back from the screened files (MatchPrevious.row)
        counts.merge(CONFLICT + id + "\u0000" + r.cells().getOrDefault("title", ""), 1L, Long::sum);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      counts.forEach((name, n) -> c.output(KV.of(name, n), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
      counts = null;
    }
  }

  /** The one step over the summed counts: the four files, and the summary reported to the driver. */
  static final class FinishFn extends DoFn<KV<String, Iterable<KV<String, Long>>>, Void> {
    private final String directory;
    private final Decisions decisions;
    private final String previousRun;
    private final boolean rulesChanged;
    private final long humanDecisions;
    private final long conflicts;

    FinishFn(String directory, Decisions decisions, String previousRun, boolean rulesChanged, long humanDecisions,
        long conflicts) {
      this.directory = directory;
      this.decisions = decisions;
      this.previousRun = previousRun;
      this.rulesChanged = rulesChanged;
      this.humanDecisions = humanDecisions;
      this.conflicts = conflicts;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> all) throws IOException {
      Map<String, Long> counts = new HashMap<>();
      Map<String, Long> pipeline = new HashMap<>();
      Map<String, Long> fresh = new TreeMap<>();
      Set<String> held = new HashSet<>();
      List<Map<String, String>> conflictRows = new ArrayList<>();
      for (KV<String, Long> kv : all.getValue()) {
        String k = kv.getKey();
        long n = kv.getValue();
        if (k.startsWith(PIPELINE)) {
          pipeline.put(k.substring(PIPELINE.length()), n);
        } else if (k.startsWith(NEW)) {
          fresh.put(k.substring(NEW.length()), n);
        } else if (k.startsWith(HELD)) {
          held.add(k.substring(HELD.length()));
        } else if (k.startsWith(CONFLICT)) {
          String idTitle = k.substring(CONFLICT.length());
          int cut = idTitle.indexOf('\u0000');
          String id = idTitle.substring(0, cut);
          HumanDecisions.Resolved r = new HumanDecisions.Resolved(id, decisions.conflicts().get(id));
          for (long i = 0; i < n; i++) { // one set of rows per record holding the id, as the driver gives
            conflictRows.addAll(r.conflictRows(idTitle.substring(cut + 1)));
          }
        } else {
          counts.put(k, n);
        }
      }
      // every earlier record is decided once (matched or carried forward) and every record of this
      // run once, so this run's records (the pipeline's screened count) that are not new were
      // matched, and the records beyond this run's were carried forward
      long screened = pipeline.getOrDefault(Prisma.SCREENED, 0L);
      long records = counts.getOrDefault(RECORD_COUNT, 0L);
      long newRecords = counts.getOrDefault(STATUS + LivingRecord.Status.NEW.label(), 0L);
      long carried = records - screened;
      long rescreened = counts.getOrDefault(STEP + RESCREENED, 0L);
      List<Map<String, String>> problems = new ArrayList<>(decisions.problems());
      HumanDecisions.unknownIds(decisions.kept(), held).forEach(p -> problems.add(p.row()));
      // the run id is the driver's to add (summary()); prisma.json does not show it
      LivingSummary summary = new LivingSummary(null, previousRun, rulesChanged, newRecords,
          counts.getOrDefault(STATUS + LivingRecord.Status.UNCHANGED.label(), 0L),
          counts.getOrDefault(STATUS + LivingRecord.Status.CHANGED.label(), 0L), screened - newRecords,
          counts.getOrDefault(STEP + MATCHED_BY_DEDUP, 0L), carried, rescreened,
          rulesChanged ? carried - rescreened : 0, humanDecisions, counts.getOrDefault(DECIDED, 0L), conflicts,
          problems.size(), null);

      conflictRows.sort(HumanDecisions.CONFLICT_ORDER);
      write(OutputFile.CONFLICTS_CSV, LivingUpdate.CONFLICTS_COLUMNS, conflictRows);
      write(OutputFile.DECISIONS_CSV, HumanDecisions.COLUMNS, decisions.kept());
      write(OutputFile.DECISION_PROBLEMS_CSV, HumanDecisions.PROBLEM_COLUMNS, problems);
      // a first run has no previous version to show: PrismaUpdate leaves its objects out for -1
      Map<String, Object> prisma = PrismaUpdate.document(Prisma.document(pipeline), fresh,
          previousRun == null ? -1 : counts.getOrDefault(PREVIOUS_INCLUDED, 0L), summary.toMap());
      String prismaText = PrismaUpdate.text(prisma);
      OutputFiles.write(directory, OutputFile.PRISMA_JSON.fileName(), prismaText);
      Metrics.stringSet(METRICS, PRISMA).add(prismaText);
      Metrics.stringSet(METRICS, PROBLEMS).add(new ObjectMapper().writeValueAsString(
          problems.subList(0, Math.min(problems.size(), HumanDecisions.PROBLEMS_SHOWN))));

      Map<String, Object> reported = summary.toMap();
      for (String name : REPORTED) {
        Metrics.distribution(METRICS, name).update(((Number) reported.get(name)).longValue());
      }
    }

    private void write(OutputFile file, List<String> columns, List<Map<String, String>> rows) throws IOException {
      try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
          OutputFiles.create(directory, file.fileName()), StandardCharsets.UTF_8))) {
        CsvTable.write(out, columns, rows);
      }
    }
  }
}
