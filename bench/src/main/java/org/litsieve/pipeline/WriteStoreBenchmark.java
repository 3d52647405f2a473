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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.litsieve.history.CsvTable;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;

/**
 * Times {@link WriteStore} (the record store from a step's decided records, inside the graph; not
 * yet used by runs) against the driver's store writing ({@link LivingStep#writeStore}, the code a
 * run uses today) on the same inputs, taken from a real update: {@code PREVIOUS} is the previous
 * run's folder (its store and index), {@code UPDATE} the folder of the run that continued it. The
 * decided records are the update's screened rows (only the cells the store reads: id, paper,
 * decision, stage); a record of the update's store whose stored line is the previous store's for
 * its id is carried forward unchanged, any other is this run's (under its final id, which also
 * orders it: the pipeline's ids of renamed records are not in the folder). The graph is also run
 * without the writing (the same inputs made and dropped), to tell the benchmark's own
 * {@code Create} from the step. Rounds are alternated {@code R} times (default 3); medians of wall
 * and process CPU seconds are printed, and whether the two stores are the same bytes. The graph
 * runs on the DirectRunner with the CLI's options.
 *
 * <p>{@code PREVIOUS} given as {@code -} times a first run instead: every record of
 * {@code UPDATE}'s store is this run's, and there is no previous store.
 *
 * <p>Usage: {@code java -cp litsieve-bench.jar org.litsieve.pipeline.WriteStoreBenchmark PREVIOUS
 * UPDATE [R]}. Files go to a temporary folder that is deleted afterwards. Failure behaviour: any
 * error aborts.
 */
public final class WriteStoreBenchmark {
  private WriteStoreBenchmark() {}

  /** The cells of a decided record that the store reads. */
  private static final List<String> CELLS = List.of("record_id", "title", "authors", "year", "doi", "pmid",
      "sources", "source_ids", "decision", "stage");

  public static void main(String[] args) throws Exception {
    boolean firstRun = args[0].equals("-");
    Path update = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path previousStore = firstRun ? null : Path.of(args[0]).resolve(RecordStore.FILE);

    List<LivingRecord> living = new ArrayList<>();
    Map<String, Map<String, String>> finalRows = new HashMap<>();
    for (OutputFile f : OutputFile.SCREENED) {
      for (Map<String, String> row : CsvTable.read(update.resolve(f.fileName())).rows()) {
        Map<String, String> cells = new LinkedHashMap<>();
        CELLS.forEach(c -> cells.put(c, row.getOrDefault(c, "")));
        living.add(new LivingRecord(cells, LivingRecord.Status.valueOf(row.get("status").toUpperCase(Locale.ROOT)),
            "", ""));
        finalRows.put(cells.get("record_id"), cells);
      }
    }
    Map<String, Integer> stored = new HashMap<>();
    if (!firstRun) {
      RecordStore.forEach(previousStore, (id, line) -> stored.putIfAbsent(id, line.hashCode()));
    }
    List<ScreenedRecord> own = new ArrayList<>();
    Set<String> carried = new HashSet<>();
    RecordStore.forEach(update.resolve(RecordStore.FILE), (id, line) -> {
      Integer before = stored.get(id);
      if (before != null && before == line.hashCode()) {
        carried.add(id);
      } else {
        own.add(RecordStore.parse(line));
      }
    });
    own.sort(Comparator.comparing(CsvRows::screenedSortKey));
    List<KV<String, ScreenedRecord>> thisRun = own.stream().map(s -> KV.of(s.recordId(), s)).toList();
    System.out.printf(Locale.ROOT, "%,d decided records, %,d of this run, %,d carried forward unchanged%n",
        living.size(), own.size(), carried.size());

    Path tmp = Files.createTempDirectory("litsieve-write-store-bench");
    try {
      List<double[]> none = new ArrayList<>();
      List<double[]> graph = new ArrayList<>();
      List<double[]> driver = new ArrayList<>();
      long[] copied = {0};
      for (int r = 0; r < rounds; r++) {
        none.add(time(() -> runGraph(living, thisRun, previousStore, null)));
        Path g = Files.createDirectory(tmp.resolve("graph" + r));
        graph.add(time(() -> runGraph(living, thisRun, previousStore, g.toString())));
        Path d = Files.createDirectory(tmp.resolve("driver" + r));
        driver.add(time(() -> copied[0] = LivingStep.writeStore(d.resolve(RecordStore.FILE), own, finalRows,
            new HashSet<>(carried), Map.of(), previousStore, (s, line, row) -> { })));
        boolean same = Arrays.equals(Files.readAllBytes(g.resolve(RecordStore.FILE)),
            Files.readAllBytes(d.resolve(RecordStore.FILE)))
            && Files.readString(g.resolve(RecordStore.INDEX)).equals(Files.readString(d.resolve(RecordStore.INDEX)));
        System.out.printf(Locale.ROOT, "round %d: graph without writing %.1f s, with WriteStore %.1f s, driver %.1f s"
            + " (wall); %,d records copied in whole members; the same bytes: %s%n", r + 1, none.get(r)[0],
            graph.get(r)[0], driver.get(r)[0], copied[0], same);
        OutputCommit.deleteRecursively(g);
        OutputCommit.deleteRecursively(d);
      }
      System.out.printf(Locale.ROOT, "medians of %d: graph without writing %.1f s wall / %.1f s CPU; with WriteStore"
          + " %.1f s / %.1f s; driver %.1f s / %.1f s; load %.1f%n", rounds, median(none, 0), median(none, 1),
          median(graph, 0), median(graph, 1), median(driver, 0), median(driver, 1),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      OutputCommit.deleteRecursively(tmp);
    }
  }

  /** The inputs made in a graph and written by WriteStore into {@code dir}, or dropped when it is null. */
  private static void runGraph(List<LivingRecord> living, List<KV<String, ScreenedRecord>> thisRun,
      Path previousStore, String dir) {
    Pipeline p = Pipeline.create(ScreeningPipeline.options(List.of("--blockOnRun=true")));
    PCollection<LivingRecord> records = p.apply("Decided", Create.of(living)
        .withCoder(LivingRecord.LivingRecordCoder.of()));
    PCollection<KV<String, ScreenedRecord>> own = p.apply("ThisRun", Create.of(thisRun));
    if (dir == null) {
      records.apply("DropDecided", ParDo.of(new DoFn<LivingRecord, Void>() {
        @ProcessElement
        public void process(@Element LivingRecord r) {}
      }));
      own.apply("DropThisRun", ParDo.of(new DoFn<KV<String, ScreenedRecord>, Void>() {
        @ProcessElement
        public void process(@Element KV<String, ScreenedRecord> r) {}
      }));
    } else {
      PCollectionTuple.of(WriteStore.RECORDS, records).and(WriteStore.THIS_RUN, own)
          .apply("WriteStore", previousStore == null ? WriteStore.to(dir)
              : WriteStore.continuing(dir, previousStore));
    }
    p.run().waitUntilFinish();
  }
}
