package org.litsieve.pipeline;

import static org.litsieve.pipeline.BenchTimes.median;
import static org.litsieve.pipeline.BenchTimes.time;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.litsieve.history.CsvTable;
import org.litsieve.model.LivingRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.WriteLiving;

/**
 * Times {@link WriteLiving} (a living review's screened files, {@code new-*.csv} and
 * {@code changes.csv} from its decided records; not yet used by runs) on {@code N} generated
 * records (default 100,000: a history's update, 5% new, 2% changed), against the same graph
 * without the writing (the records made and dropped) and against sorting the rows in memory and
 * writing them on one thread, as the driver does today. Runs are alternated {@code R} times
 * (default 3); the medians are printed, wall and process CPU seconds. The graph runs on the
 * DirectRunner with the CLI's options.
 *
 * <p>Usage: {@code java -cp litsieve-bench.jar org.litsieve.pipeline.WriteLivingBenchmark [N] [R]}.
 * Files go to a temporary folder that is deleted afterwards. Failure behaviour: any error aborts.
 */
public final class WriteLivingBenchmark {
  private WriteLivingBenchmark() {}

  private static final String[] WORDS = ("peer support workers mental health recovery trial community lived"
      + " experience outcomes randomised services training wellbeing stigma addiction housing employment"
      + " qualitative cohort review Études Ångström ÉCLAIR").split(" ");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path tmp = Files.createTempDirectory("litsieve-write-living-bench");
    try {
      List<double[]> none = new ArrayList<>();
      List<double[]> graph = new ArrayList<>();
      List<double[]> driver = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        none.add(time(() -> runGraph(n, null)));
        Path g = Files.createDirectory(tmp.resolve("graph" + r));
        graph.add(time(() -> runGraph(n, g.toString())));
        Path d = Files.createDirectory(tmp.resolve("driver" + r));
        driver.add(time(() -> writeInMemory(n, d)));
        System.out.printf(Locale.ROOT, "round %d: graph without writing %.1f s, with WriteLiving %.1f s, in memory"
            + " on one thread %.1f s (wall)%n", r + 1, none.get(r)[0], graph.get(r)[0], driver.get(r)[0]);
      }
      System.out.printf(Locale.ROOT, "%,d records, medians of %d: graph without writing %.1f s wall / %.1f s CPU;"
          + " with WriteLiving %.1f s / %.1f s; in memory on one thread %.1f s / %.1f s; load %.1f%n", n, rounds,
          median(none, 0), median(none, 1), median(graph, 0), median(graph, 1), median(driver, 0), median(driver, 1),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      OutputCommit.deleteRecursively(tmp);
    }
  }

  /** The records made in the graph, then written by WriteLiving into {@code dir}, or dropped when it is null. */
  private static void runGraph(int n, String dir) {
    Pipeline p = Pipeline.create(ScreeningPipeline.options(List.of("--blockOnRun=true")));
    PCollection<LivingRecord> records = p.apply("Indices", GenerateSequence.from(0).to(n))
        .apply("Records", ParDo.of(new DoFn<Long, LivingRecord>() {
          @ProcessElement
          public void process(@Element Long i, OutputReceiver<LivingRecord> out) {
            out.output(record(i));
          }
        })).setCoder(LivingRecord.LivingRecordCoder.of());
    if (dir == null) {
      records.apply("Drop", ParDo.of(new DoFn<LivingRecord, Void>() {
        @ProcessElement
        public void process(@Element LivingRecord r) {}
      }));
    } else {
      PCollectionTuple.of(WriteLiving.RECORDS, records).apply("WriteLiving", WriteLiving.to(dir));
    }
    p.run().waitUntilFinish();
  }

  /** The same files from rows sorted in memory and written on one thread (the driver's way). */
  private static void writeInMemory(int n, Path dir) throws IOException {
    List<LivingRecord> records = new ArrayList<>(n);
    for (long i = 0; i < n; i++) {
      records.add(record(i));
    }
    List<Map<String, String>> rows = new ArrayList<>(records.stream().map(LivingRecord::cells).toList());
    rows.sort(Comparator.comparing((Map<String, String> r) -> r.getOrDefault("title", "").toLowerCase(Locale.ROOT))
        .thenComparing(r -> r.get("record_id")));
    for (String d : List.of("include", "review", "exclude")) {
      CsvTable.write(dir.resolve(d + ".csv"), CsvRows.SCREENED_LIVING,
          rows.stream().filter(r -> r.get("decision").equals(d)).toList());
    }
    for (String d : List.of("include", "review")) {
      CsvTable.write(dir.resolve("new-" + d + ".csv"), CsvRows.SCREENED_LIVING,
          rows.stream().filter(r -> r.get("status").equals("new") && r.get("decision").equals(d)).toList());
    }
    List<Map<String, String>> changes = new ArrayList<>(records.stream()
        .filter(r -> r.status() == LivingRecord.Status.CHANGED).map(LivingRecord::changeRow).toList());
    changes.sort(Comparator.comparing(c -> c.get("record_id")));
    CsvTable.write(dir.resolve("changes.csv"), CsvRows.CHANGES, changes);
  }

  /** Record {@code i}: a screened row of made-up words, 4% included, 6% in review; 5% new, 2% changed. */
  static LivingRecord record(long i) {
    Random rnd = new Random(i * 7919 + 13);
    Map<String, String> cells = new LinkedHashMap<>();
    int bucket = rnd.nextInt(100);
    String decision = bucket < 4 ? "include" : bucket < 10 ? "review" : "exclude";
    LivingRecord.Status status = i % 20 == 0 ? LivingRecord.Status.NEW
        : i % 50 == 1 ? LivingRecord.Status.CHANGED : LivingRecord.Status.UNCHANGED;
    for (String c : CsvRows.SCREENED_LIVING) {
      cells.put(c, "");
    }
    cells.put("record_id", String.format(Locale.ROOT, "ls-%016x", i));
    cells.put("title", words(rnd, 6 + rnd.nextInt(10)));
    cells.put("authors", "Smith, J; Ngata, T");
    cells.put("year", Integer.toString(1995 + rnd.nextInt(30)));
    cells.put("journal", "Journal of " + words(rnd, 2));
    cells.put("doi", "10.5555/" + i);
    cells.put("decision", decision);
    cells.put("stage", "keywords");
    cells.put("reason", decision.equals("exclude") ? "exclude block: animals" : "");
    cells.put("abstract", words(rnd, 120 + rnd.nextInt(120)));
    cells.put("first_seen", status == LivingRecord.Status.NEW ? "run-new" : "run-a");
    cells.put("status", status.label());
    return new LivingRecord(cells, status, status == LivingRecord.Status.CHANGED ? "review" : "",
        status == LivingRecord.Status.CHANGED ? "earlier reason" : "");
  }

  private static String words(Random rnd, int count) {
    String[] w = new String[count];
    Arrays.setAll(w, k -> WORDS[rnd.nextInt(WORDS.length)]);
    return String.join(" ", w);
  }
}
