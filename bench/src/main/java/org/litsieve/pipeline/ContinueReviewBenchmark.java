package org.litsieve.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionView;
import org.litsieve.history.CsvTable;
import org.litsieve.history.DecisionDates;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * What deciding a living-review update inside the graph ({@link ContinueReview}) costs: the
 * pipeline of a {@code --previous} run built on the inputs ({@link ScreeningPipeline#build}, which
 * writes its own files into a temporary folder), run once without and once with
 * {@link ContinueReview} against the previous run's folder, alternating, {@code R} times each. The
 * living records are only counted (by status, with no grouping), so the difference is the cost of
 * the decisions, not of writing them. Each line gives the wall time and the process's CPU time.
 *
 * <p>Usage: {@code java -cp bench/target/litsieve-bench.jar
 * org.litsieve.pipeline.ContinueReviewBenchmark RULES PREVIOUS_RUN INPUT [DECISIONS] [R]} (for the
 * living-review benchmark's update: the history run of {@code LivingBenchmark} as
 * {@code PREVIOUS_RUN}, its 5,000 new records as {@code INPUT}). Output: one line per run on
 * stdout. Failure behaviour: any error aborts.
 */
public final class ContinueReviewBenchmark {
  private ContinueReviewBenchmark() {}

  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Rules rules = RulesLoader.load(Path.of(args[0]));
    PreviousRun previous = PreviousRun.read(Path.of(args[1]), Version.get());
    InputFiles.Resolution inputs = InputFiles.resolve(List.of(args[2]));
    List<Map<String, String>> rows = args.length > 3 && !args[3].isEmpty()
        ? DecisionDates.normalise(args[3], CsvTable.read(Path.of(args[3])).rows()).rows() : List.of();
    int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    ReviewHistory history = new ReviewHistory(previous, args.length > 3 ? args[3] : "", rows, null);
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(previous.dir().resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), previous.decisions());
    sources.put(history.decisionsSource(), rows);
    for (int i = 0; i < repeats; i++) {
      for (boolean decide : new boolean[] {false, true}) {
        COUNTS.clear();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Path out = Files.createTempDirectory("litsieve-continue-bench");
        Pipeline p = Pipeline.create(ScreeningPipeline.options(List.of("--blockOnRun=true")));
        ScreeningPipeline.Outputs o = ScreeningPipeline.build(p, rules, inputs.files(), out.toString(), List.of(),
            true);
        if (decide) {
          PCollectionView<String> runId = o.reports().apply("RunId", RunId.of(rules, history));
          o.decided()
              .apply("Continue", ContinueReview.from(previous, rules, HumanDecisions.resolve(sources).decided(), runId))
              .apply("Count", ParDo.of(new CountFn()));
        }
        p.run().waitUntilFinish();
        System.out.printf("%-22s %7.1f s wall %7.1f s CPU %s%n", decide ? "with ContinueReview" : "pipeline alone",
            (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9, decide ? COUNTS : "");
        try (var files = Files.walk(out)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Counts the living records by status, in this process. */
  static final class CountFn extends DoFn<LivingRecord, Void> {
    @ProcessElement
    public void process(@Element LivingRecord r) {
      COUNTS.computeIfAbsent(r.status().label(), k -> new AtomicLong()).incrementAndGet();
    }
  }
}
