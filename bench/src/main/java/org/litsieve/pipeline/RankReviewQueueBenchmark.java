package org.litsieve.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.litsieve.history.CsvTable;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;

/**
 * Times the review queue's ranking inside the pipeline ({@link RankReviewQueue}, a pipeline of its
 * own on the DirectRunner with the CLI's options) against the driver's ({@link RankStep}) on the
 * same records: those of a finished run's folder (its three screened files, as the living-review
 * step wrote them, and its {@code decisions.csv}), alternating the two {@code R} times (default 3),
 * and checks that both write the same {@code review.csv} and {@code second-look.csv}.
 *
 * <p>Usage: {@code java -cp litsieve-bench.jar org.litsieve.pipeline.RankReviewQueueBenchmark RUN_DIR [R]}.
 * Output: wall seconds and process CPU seconds of each run on stdout (the graph's include the
 * pipeline's start, which a wired run would not pay). The graph's records come from memory
 * ({@link FromMemory}), not from a {@code Create} of the records: the DirectRunner serialises a
 * {@code Create}'s source, every record in it, again each time it reads it (an eighth of the
 * graph's samples in a profile), a cost no wired run has. Files go to
 * temporary folders that are deleted afterwards. Failure behaviour: any error aborts; different
 * files abort with a message.
 */
public final class RankReviewQueueBenchmark {
  private RankReviewQueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> columns = RankReviewQueue.columns();
    List<Map<String, String>> rows = new ArrayList<>();
    for (OutputFile f : OutputFile.SCREENED) {
      rows.addAll(CsvTable.read(run.resolve(f.fileName())).rows());
    }
    // the living-review step's order: title ignoring case, then record id
    rows.sort(Comparator.comparing((Map<String, String> r) -> r.getOrDefault("title", "").toLowerCase(Locale.ROOT))
        .thenComparing(r -> r.get("record_id")));
    List<LivingRecord> records = new ArrayList<>();
    for (Map<String, String> row : rows) {
      records.add(new LivingRecord(row, LivingRecord.Status.valueOf(row.get("status").toUpperCase(Locale.ROOT)), "",
          ""));
    }
    List<Map<String, String>> kept = CsvTable.read(run.resolve(OutputFile.DECISIONS_CSV.fileName())).rows();
    System.out.printf(Locale.ROOT, "%d records, %d decisions, load %.1f%n", records.size(), kept.size(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    for (int i = 0; i < repeats; i++) {
      Path driver = Files.createTempDirectory("rank-driver");
      long[] t = start();
      RankStep.Ranking ranking = new RankStep.Ranking(driver);
      CsvTable queue = ranking.rank(columns, rows, kept);
      CsvTable.write(driver.resolve(OutputFile.REVIEW_CSV.fileName()), queue.columns(), queue.rows());
      report("driver", t);

      Path graph = Files.createTempDirectory("rank-graph");
      t = start();
      Pipeline p = Pipeline.create(ScreeningPipeline.options(List.of("--blockOnRun=true")));
      FromMemory.records = records;
      p.apply(Create.of(FromMemory.shards())).apply("FromMemory", ParDo.of(new FromMemory()))
          .setCoder(LivingRecord.LivingRecordCoder.of())
          .apply(RankReviewQueue.into(graph.toString(), columns, kept));
      PipelineResult result = p.run();
      result.waitUntilFinish();
      RankReviewQueue.handedOver(result);
      report("graph ", t);

      for (OutputFile f : List.of(OutputFile.REVIEW_CSV, OutputFile.SECOND_LOOK_CSV)) {
        if (!Arrays.equals(Files.readAllBytes(driver.resolve(f.fileName())),
            Files.readAllBytes(graph.resolve(f.fileName())))) {
          throw new IllegalStateException(f.fileName() + " differs");
        }
      }
      for (Path d : List.of(driver, graph)) {
        try (var files = Files.list(d)) {
          for (Path f : files.toList()) {
            Files.delete(f);
          }
        }
        Files.delete(d);
      }
    }
  }

  /**
   * The benchmark's records, in this process's memory: shard {@code s} of {@link #SHARDS} gives the
   * records at positions {@code s}, {@code s + SHARDS}, ... For the DirectRunner only (one process),
   * which is what this benchmark runs on.
   */
  static final class FromMemory extends DoFn<Integer, LivingRecord> {
    static final int SHARDS = 16;
    static volatile List<LivingRecord> records = List.of();

    static List<Integer> shards() {
      List<Integer> out = new ArrayList<>();
      for (int s = 0; s < SHARDS; s++) {
        out.add(s);
      }
      return out;
    }

    @ProcessElement
    public void process(@Element Integer shard, OutputReceiver<LivingRecord> out) {
      List<LivingRecord> all = records;
      for (int i = shard; i < all.size(); i += SHARDS) {
        out.output(all.get(i));
      }
    }
  }

  private static long[] start() {
    return new long[] {System.nanoTime(), cpu()};
  }

  private static void report(String what, long[] start) {
    System.out.printf(Locale.ROOT, "%s wall %.1f s, cpu %.1f s%n", what, (System.nanoTime() - start[0]) / 1e9,
        (cpu() - start[1]) / 1e9);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
