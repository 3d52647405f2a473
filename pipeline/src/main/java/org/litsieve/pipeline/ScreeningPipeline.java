package org.litsieve.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.litsieve.dedup.Deduplicate;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.ingest.ReadExports;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Rejected;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.ReportContext;
import org.litsieve.output.RunReports;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.screen.ScreenRecords;
import org.litsieve.shuffle.Shards;

/**
 * The only class that knows the whole flow. It wires the stages into one Beam pipeline:
 *
 * <pre>
 * files ─ReadExports─▶ records ─Deduplicate─▶ unique records ─ScreenRecords─▶ screened
 *   │                                └─▶ duplicate links       decisions ─DecideRecords─▶ final
 *   └─▶ rejects, file reports          final, links, rejects, reports ─WriteOutputs─▶ files
 * </pre>
 *
 * <p>{@link #run} then runs the living-review step on the driver ({@link LivingStep}), writes the
 * reports ({@link RunReports}: report.html, prisma.svg, prisma.csv, included.bib, tags.csv),
 * writes {@code manifest.json}, and commits the output folder atomically. The same run with the
 * living review inside the graph is {@link #build(Pipeline, Rules, List, String, ReviewHistory)},
 * which {@link #run} takes on any runner but the DirectRunner ({@link #decidesInGraph(PipelineOptions)}).
 */
public final class ScreeningPipeline {
  private ScreeningPipeline() {}

  /** The pipeline's intermediate results, for tests that assert on them with PAssert. */
  public record Outputs(
      PCollection<BibRecord> parsed,
      PCollection<ScreenedRecord> screened,
      PCollection<FinalRecord> decided,
      PCollection<DuplicateLink> links,
      PCollection<Rejected> rejects,
      PCollection<FileReport> reports) {}

  /**
   * What a finished run reports back; {@code living} is the living-review summary (see
   * {@link LivingUpdate}); {@code problems}, the first {@link HumanDecisions#PROBLEMS_SHOWN} rows of
   * {@code decision-problems.csv} as the run wrote them, for the terminal (the file itself is not
   * read back).
   */
  public record Summary(Path outputDir, Map<String, Object> prisma, List<String> skipped, long millis,
      Map<String, Object> living, List<Map<String, String>> problems) {}

  /**
   * The run's id: the one {@code history} gives, else one made from what determines the run's
   * result (the rules file's hash, the input files' hashes, the previous run's id and the
   * decisions; {@link RunId#of}). So the same run made twice writes byte-identical files, and runs
   * on different searches get different ids: {@code run-} and 12 hex digits.
   */
  @SuppressWarnings("unchecked")
  static String runId(Rules rules, List<Object> reports, ReviewHistory history) {
    List<String> files = new ArrayList<>();
    for (Object o : reports) {
      files.add(String.valueOf(((Map<String, Object>) o).get("sha256")));
    }
    return RunId.of(rules, history).from(files);
  }

  /**
   * Builds the run's pipeline on {@code p}, writing into {@code outputDir} what the driver's
   * living-review step takes, with no human decisions.
   */
  public static Outputs build(Pipeline p, Rules rules, List<InputFiles.InputFile> files, String outputDir) {
    return build(p, rules, files, outputDir, List.of(), false);
  }

  /** A built run: the pipeline's intermediate results, and its living review, to read after the run. */
  record Built(Outputs outputs, LivingReview living) {}

  /**
   * Builds a whole run on {@code p} with its living review inside the graph, writing every file
   * into {@code outputDir}: the records read, deduplicated and screened; in a first run the
   * reviewers' decisions applied before anything is written ({@link DecideRecords}); then the
   * living review, which decides every record against the previous run, if any, and writes the
   * review's files once ({@link LivingReview}). Its files are byte-identical to a run's; {@link
   * #run} takes it on every runner but the DirectRunner, where it still costs more than the
   * driver's living-review step (docs/architecture.md, "The living review in the graph"):
   * {@link #decidesInGraph(PipelineOptions)}.
   */
  static Built build(Pipeline p, Rules rules, List<InputFiles.InputFile> files, String outputDir,
      ReviewHistory history) {
    HumanDecisions decisions = LivingReview.decisions(history);
    // a first run's decisions name the pipeline's ids and are applied here; after a previous run
    // they name earlier ids, which the living review gives the records
    Screened run = screened(p, rules, files, history.previous() == null ? decisions.decided() : List.of());
    PCollection<KV<String, Long>> counters = run.written()
        .apply("WriteOutputs", WriteOutputs.withoutScreenedFiles(outputDir).withCounters());
    Outputs o = run.outputs();
    return new Built(o, LivingReview.add(o.decided(), o.reports(), counters, rules, history, decisions, outputDir));
  }

  /** The screening graph: its intermediate results and the tuple {@link WriteOutputs} takes. */
  private record Screened(Outputs outputs, PCollectionTuple written) {}

  /**
   * The screening graph alone, writing the files the driver's living-review step
   * ({@link LivingStep}) reads, as {@link #run} builds it: {@code decisions} applied
   * ({@link DecideRecords}); {@code continuing} for a run that continues a previous one (its
   * decisions given empty, {@code included.ris} left to the living-review step).
   */
  static Outputs build(Pipeline p, Rules rules, List<InputFiles.InputFile> files, String outputDir,
      List<HumanDecision> decisions, boolean continuing) {
    Screened run = screened(p, rules, files, decisions);
    run.written().apply("WriteOutputs", continuing ? WriteOutputs.continuing(outputDir) : WriteOutputs.to(outputDir));
    return run.outputs();
  }

  private static Screened screened(Pipeline p, Rules rules, List<InputFiles.InputFile> files,
      List<HumanDecision> decisions) {
    List<KV<String, String>> specs = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      specs.add(KV.of(f.displayName(), f.spec()));
    }
    PCollection<KV<String, String>> fileList = p.apply("InputFiles",
        Create.of(specs).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    long inputBytes = totalBytes(files);
    PCollectionTuple read = fileList.apply("ReadExports", ReadExports.files());
    PCollection<BibRecord> parsed = read.get(ReadExports.RECORDS);
    PCollectionTuple dedup = parsed.apply("Deduplicate", Deduplicate.forInputBytes(inputBytes));
    PCollection<ScreenedRecord> screened =
        dedup.get(Deduplicate.RECORDS).apply("ScreenRecords", ScreenRecords.with(rules));
    PCollection<FinalRecord> decided = screened.apply("DecideRecords", DecideRecords.with(decisions));
    PCollectionTuple written = PCollectionTuple.of(WriteOutputs.SCREENED, decided)
        .and(WriteOutputs.LINKS, dedup.get(Deduplicate.LINKS))
        .and(WriteOutputs.REJECTS, read.get(ReadExports.REJECTS))
        .and(WriteOutputs.REPORTS, read.get(ReadExports.REPORTS))
        .and(WriteOutputs.REVIEW, dedup.get(Deduplicate.REVIEW));
    return new Screened(new Outputs(parsed, screened, decided, dedup.get(Deduplicate.LINKS),
        read.get(ReadExports.REJECTS), read.get(ReadExports.REPORTS)), written);
  }

  /**
   * Pipeline options for a CLI run: the user's Beam arguments, and for the DirectRunner (the
   * default) parallelism over all cores with the immutability and encodability checks off, which
   * are for tests.
   */
  public static PipelineOptions options(List<String> beamArgs) {
    List<String> args = new ArrayList<>(beamArgs);
    boolean runnerGiven = args.stream().anyMatch(a -> a.startsWith("--runner"));
    boolean direct = !runnerGiven || args.stream().anyMatch(a -> a.matches("--runner=(DirectRunner|direct)"));
    if (direct) {
      if (args.stream().noneMatch(a -> a.startsWith("--targetParallelism"))) {
        args.add("--targetParallelism=" + Runtime.getRuntime().availableProcessors());
      }
      if (args.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
        args.add("--enforceImmutability=false");
      }
      if (args.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
        args.add("--enforceEncodability=false");
      }
      if (args.stream().noneMatch(a -> a.startsWith("--blockOnRun"))) {
        args.add("--blockOnRun=false"); // return from run() so that progress can be polled
      }
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
  }

  /**
   * Runs the whole screening: builds and runs the pipeline into a temporary folder, writes the
   * manifest, and moves the folder to {@code outDir}.
   *
   * @throws OutputCommit.TargetException if {@code outDir} cannot be used (nothing was run)
   */
  public static Summary run(Rules rules, InputFiles.Resolution inputs, Path outDir,
      List<String> beamArgs, Map<String, Object> cliOptions)
      throws OutputCommit.TargetException, IOException {
    return run(rules, inputs, outDir, beamArgs, cliOptions, null);
  }

  /**
   * As {@link #run(Rules, InputFiles.Resolution, Path, List, Map)}, printing progress lines to
   * {@code progress} during a long run (null for none).
   */
  public static Summary run(Rules rules, InputFiles.Resolution inputs, Path outDir,
      List<String> beamArgs, Map<String, Object> cliOptions, Consumer<String> progress)
      throws OutputCommit.TargetException, IOException {
    return run(rules, inputs, outDir, beamArgs, cliOptions, progress, ReviewHistory.none());
  }

  /**
   * As {@link #run(Rules, InputFiles.Resolution, Path, List, Map, Consumer)}, as one step of a
   * living review: a run without a previous run has its human decisions applied inside the
   * pipeline ({@link DecideRecords}); after the pipeline, {@link LivingStep} matches the records to
   * {@code history}'s previous run, re-screens carried-forward records after a rules change,
   * applies the human decisions of a continuing run and keeps the run's records ({@value RecordStore#FILE}), before
   * the reports are drawn (so they show the final decisions, and prisma.json's {@code previous}
   * counts reach the flow diagram).
   */
  public static Summary run(Rules rules, InputFiles.Resolution inputs, Path outDir,
      List<String> beamArgs, Map<String, Object> cliOptions, Consumer<String> progress, ReviewHistory history)
      throws OutputCommit.TargetException, IOException {
    long start = System.nanoTime();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    PipelineOptions options = options(beamArgs);
    OutputCommit commit = OutputCommit.prepare(outDir);
    try {
      Pipeline p = Pipeline.create(options);
      Path tmp = commit.temporary();
      Decided run = decidesInGraph(options)
          ? livingInGraph(p, rules, inputs, tmp, progress, history)
          : livingOnDriver(p, rules, inputs, tmp, progress, history);
      long reportsStart = System.nanoTime();
      @SuppressWarnings("unchecked")
      Map<String, Object> ranking = (Map<String, Object>) run.living().get("ranking");
      // what the living review decided and ranked, in memory: the reports read back none of it
      RunReports.write(tmp, reportContext(rules, run.reports()).withRun(run.runId(), ranking),
          new ObjectMapper().readTree(WriteOutputs.json(run.prisma())), run.queue());
      long reportsMillis = (System.nanoTime() - reportsStart) / 1_000_000;
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("tool", "litsieve");
      manifest.put("version", Version.get());
      manifest.put("started", started.toString());
      manifest.put("run_id", run.runId());
      manifest.put("living", run.living());
      manifest.put("rules", Map.of("path", rules.fileName(), "sha256", rules.sha256(), "name", rules.name()));
      manifest.put("inputs", run.reports());
      manifest.put("skipped", inputs.skipped());
      Map<String, Object> opts = new LinkedHashMap<>(cliOptions);
      opts.put("runner", options.getRunner().getSimpleName());
      opts.put("beam_args", beamArgs);
      manifest.put("options", opts);
      manifest.put("counts", run.prisma());
      long totalMillis = (System.nanoTime() - start) / 1_000_000;
      Map<String, Object> timings = new LinkedHashMap<>(run.timings());
      timings.put("reports", reportsMillis);
      timings.put("total", totalMillis);
      manifest.put("timings_ms", timings);
      org.litsieve.model.OutputSink.writeString(tmp.resolve(OutputCommit.MARKER), WriteOutputs.json(manifest));
      commit.commit();
      return new Summary(outDir, run.prisma(), inputs.skipped(), totalMillis, run.living(), run.problems());
    } catch (IOException | RuntimeException | Error e) {
      commit.abandon(); // out of memory too: no partial folder is left behind
      throw e;
    }
  }

  /**
   * The Java system property that, when set, chooses where {@link #run} decides the living
   * review whatever the runner: {@code true} inside the graph ({@link #build(Pipeline, Rules,
   * List, String, ReviewHistory)}), {@code false} on the driver. For comparing the two paths,
   * whose files are byte-identical (docs/architecture.md, "The living review in the graph").
   */
  static final String LIVING_IN_GRAPH = "litsieve.livingInGraph";

  /**
   * Whether {@link #run} decides the living review inside the graph: on every runner but the
   * DirectRunner, unless {@value #LIVING_IN_GRAPH} says otherwise. A cluster's runner spreads the
   * graph's steps over its workers, where the driver's step would hold the whole history in one
   * memory; on the DirectRunner, one machine, the driver's step is still the faster
   * (docs/architecture.md). In the graph the previous run's rows are read there, and the caller
   * need only check them ({@code PreviousRun.check}), not hold them.
   */
  public static boolean decidesInGraph(PipelineOptions options) {
    String chosen = System.getProperty(LIVING_IN_GRAPH);
    if (chosen != null) {
      return Boolean.parseBoolean(chosen);
    }
    return options.getRunner() != null && !Shards.onDirectRunner(options);
  }

  /** As {@link #decidesInGraph(PipelineOptions)}, for the Beam arguments {@link #run} is given. */
  public static boolean decidesInGraph(List<String> beamArgs) {
    return decidesInGraph(options(beamArgs));
  }

  /**
   * A run decided, its files written but the reports: the run id, the file reports, the manifest's
   * {@code living} object (with {@code ranking}), {@code prisma.json}'s document, the ranked queue
   * for the report, the timings so far (milliseconds, as the manifest names them), and the first
   * {@link HumanDecisions#PROBLEMS_SHOWN} rows of {@code decision-problems.csv}.
   */
  private record Decided(String runId, List<Object> reports, Map<String, Object> living,
      Map<String, Object> prisma, RunReports.RankedQueue queue, Map<String, Object> timings,
      List<Map<String, String>> problems) {}

  /** Runs the graph, then the living-review step on the driver ({@link LivingStep}). */
  private static Decided livingOnDriver(Pipeline p, Rules rules, InputFiles.Resolution inputs, Path tmp,
      Consumer<String> progress, ReviewHistory history) throws IOException {
    // a first run's decisions are applied in the pipeline; after a previous run they name earlier
    // ids, which the living-review step assigns after it
    List<HumanDecision> decisions = history.previous() == null
        ? LivingReview.decisions(history).decided() : List.of();
    build(p, rules, inputs.files(), tmp.toString(), decisions, history.previous() != null);
    Map<String, Object> timings = new LinkedHashMap<>();
    PipelineResult result = runToTheEnd(p, inputs, progress, timings);
    List<Object> reports = readJsonList(tmp.resolve(WriteOutputs.INPUTS_JSON));
    String runId = runId(rules, reports, history);
    long livingStart = System.nanoTime();
    RankStep.Ranking ranker = new RankStep.Ranking(tmp);
    LivingUpdate.Result living = LivingStep.apply(tmp, runId, rules, history, ranker);
    long rankMillis = ranker.millis();
    timings.put("living", (System.nanoTime() - livingStart) / 1_000_000 - rankMillis);
    timings.put("ranking", rankMillis);
    living.summary().put("ranking", ranker.summary);
    deleteHandOvers(tmp);
    List<Map<String, String>> problems = living.problems().stream().limit(HumanDecisions.PROBLEMS_SHOWN)
        .map(HumanDecisions.Problem::row).toList();
    return new Decided(runId, reports, living.summary(), living.prisma(), ranker.forReport(), timings, problems);
  }

  /** Runs the graph with the living review inside it ({@link LivingReview}). */
  private static Decided livingInGraph(Pipeline p, Rules rules, InputFiles.Resolution inputs, Path tmp,
      Consumer<String> progress, ReviewHistory history) throws IOException {
    Built built = build(p, rules, inputs.files(), tmp.toString(), history);
    Map<String, Object> timings = new LinkedHashMap<>();
    PipelineResult result = runToTheEnd(p, inputs, progress, timings);
    List<Object> reports = readJsonList(tmp.resolve(WriteOutputs.INPUTS_JSON));
    String runId = runId(rules, reports, history);
    LivingReview.Handed handed = built.living().handedOver(result, runId);
    deleteHandOvers(tmp);
    return new Decided(runId, reports, handed.living(), handed.prisma(), handed.queue(), timings,
        handed.problems());
  }

  /** Runs {@code p} to its end, reporting progress; puts the pipeline's timings into {@code timings}. */
  private static PipelineResult runToTheEnd(Pipeline p, InputFiles.Resolution inputs, Consumer<String> progress,
      Map<String, Object> timings) throws IOException {
    long pipelineStart = System.nanoTime();
    PipelineResult result = p.run();
    try (RunProgress reporter = RunProgress.start(result, totalBytes(inputs), progress)) {
      awaitDone(result);
    }
    timings.put("pipeline", (System.nanoTime() - pipelineStart) / 1_000_000);
    timings.put("stage_cpu", RunProgress.stageCpuMillis(result));
    return result;
  }

  /** Deletes the hidden hand-over files but the report's records, which the reports read. */
  private static void deleteHandOvers(Path tmp) throws IOException {
    for (OutputFile f : OutputFile.values()) {
      if (f.kind() == OutputFile.Kind.HAND_OVER && f != OutputFile.REPORT_RECORDS) {
        Files.deleteIfExists(tmp.resolve(f.fileName()));
      }
    }
  }

  /**
   * Waits for the pipeline to finish. A runner can end a run without throwing (the DirectRunner
   * does when a worker runs out of memory): any end other than DONE becomes a
   * {@link PipelineStoppedException} with a plain message, instead of an error about missing
   * output files later.
   */
  static void awaitDone(PipelineResult result) throws IOException {
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new PipelineStoppedException(String.valueOf(state));
    }
  }

  /** The inputs' total size, for progress estimates; 0 when it cannot be known. */
  static long totalBytes(InputFiles.Resolution inputs) {
    return totalBytes(inputs.files());
  }

  /** The files' total size; 0 when it cannot be known. */
  static long totalBytes(List<InputFiles.InputFile> files) {
    long total = 0;
    for (InputFiles.InputFile f : files) {
      try {
        total += FileSystems.matchSingleFileSpec(f.spec()).sizeBytes();
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
    return total;
  }

  /** What the reports need to know about the rules and inputs, as plain values. */
  @SuppressWarnings("unchecked")
  public static ReportContext reportContext(Rules rules, List<Object> inputs) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (Object o : inputs) {
      files.add((Map<String, Object>) o);
    }
    return new ReportContext(Version.get(), rules.name(), rules.fileName(), rules.sha256(),
        rules.include().stream().map(Rules.Block::name).toList(),
        rules.exclude().stream().map(Rules.Block::name).toList(),
        rules.tags().stream().map(Rules.Block::name).toList(), files);
  }

  static Map<String, Object> readJson(Path file) throws IOException {
    org.litsieve.model.OutputSink.reading(file);
    return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  static List<Object> readJsonList(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    org.litsieve.model.OutputSink.reading(file);
    return new ObjectMapper().readValue(file.toFile(), new TypeReference<List<Object>>() {});
  }
}
