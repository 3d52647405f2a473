package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.dedup.SyntheticCorpus;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.Prisma;
import org.litsieve.output.ReportRecords;
import org.litsieve.output.RisFormat;
import org.litsieve.output.RunReports;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * Times the living-review step alone (what the driver does after the Beam pipeline), without Beam
 * and without screening: a history of {@code H} generated records (default 100,000) and a run of
 * {@code N} (default 5,000; a fifth of them papers of the history exported again) are written as
 * {@code WriteOutputs} leaves a folder, with made-up decisions (4% include, 6% review); then it
 * times reading the previous run ({@link PreviousRun#read}), {@link LivingStep#apply} and the
 * reports ({@link RunReports#write}) for three runs in a row: the history as a first run, an
 * incremental run on the new records, and a second incremental run on the same records (members
 * of the store copied). With {@code --rules-change} it adds an incremental run under a changed
 * rules file, which re-screens the whole history (the cost of screening {@code H} records).
 *
 * <p>Usage: {@code java -cp litsieve-bench.jar org.litsieve.pipeline.LivingStepBenchmark RULES [H] [N]
 * [--rules-change]}. Output: seconds per part on stdout. Files go to a temporary folder that is
 * deleted afterwards. Failure behaviour: any error aborts.
 */
public final class LivingStepBenchmark {
  private LivingStepBenchmark() {}

  public static void main(String[] args) throws Exception {
    Rules rules = RulesLoader.load(Path.of(args.length > 0 ? args[0] : "screening-rules/lle-training.yaml"));
    int history = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int added = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    boolean rulesChange = List.of(args).contains("--rules-change");
    List<BibRecord> all = SyntheticCorpus.generate(history + added, 7).records();
    List<ScreenedRecord> old = new ArrayList<>();
    for (int i = 0; i < history; i++) {
      old.add(screened("ls-" + String.format("%016x", i), all.get(i), i));
    }
    List<ScreenedRecord> now = new ArrayList<>();
    for (int i = 0; i < added; i++) {
      now.add(i % 5 == 0 ? old.get((int) ((i * 7919L) % history))
          : screened("ls-" + String.format("%016x", history + i), all.get(history + i), history + i));
    }
    Path tmp = Files.createTempDirectory("litsieve-living-step-bench");
    try {
      Path run0 = step("first run (history)", rules, old, tmp.resolve("run0"), null);
      Path run1 = step("incremental", rules, now, tmp.resolve("run1"), run0);
      step("incremental again", rules, now, tmp.resolve("run2"), run1);
      if (rulesChange) {
        Path changed = tmp.resolve("rules-changed.yaml");
        Files.writeString(changed, Files.readString(Path.of(rules.fileName())) + "\n# changed\n");
        step("rules changed", RulesLoader.load(changed), now, tmp.resolve("run3"), run1);
      }
    } finally {
      OutputCommit.deleteRecursively(tmp);
    }
  }

  static ScreenedRecord screened(String id, BibRecord r, int i) {
    int bucket = Math.floorMod(id.hashCode() * 31 + i, 100);
    Decision d = bucket < 4 ? Decision.INCLUDE : bucket < 10 ? Decision.REVIEW : Decision.EXCLUDE;
    List<BlockMatch> blocks = d == Decision.EXCLUDE ? List.of()
        : List.of(new BlockMatch("peers", List.of(new Hit("title", "peer", 0, 4))));
    return new ScreenedRecord(id, r, d, d == Decision.INCLUDE ? ScreenedRecord.STAGE_FINAL : ScreenedRecord.STAGE_KEYWORDS,
        d == Decision.INCLUDE ? "" : d == Decision.REVIEW ? "review: missing include block training"
            : "missing include block: peers", blocks, List.of());
  }

  /** Writes {@code records} as the pipeline would into {@code dir}, then times the driver's part. */
  static Path step(String label, Rules rules, List<ScreenedRecord> records, Path dir, Path previousDir) throws Exception {
    writeLikeThePipeline(records, dir, previousDir == null);
    long t0 = System.nanoTime();
    PreviousRun previous = previousDir == null ? null : PreviousRun.read(previousDir, Version.get());
    long t1 = System.nanoTime();
    var result = LivingStep.apply(dir, label.replace(' ', '-'), rules,
        new ReviewHistory(previous, "", List.of(), null));
    long t2 = System.nanoTime();
    RunReports.write(dir, ScreeningPipeline.reportContext(rules, List.of()));
    long t3 = System.nanoTime();
    Files.deleteIfExists(dir.resolve(WriteOutputs.INPUTS_JSON));
    Map<String, Object> manifest = new HashMap<>();
    manifest.put("tool", "litsieve");
    manifest.put("version", Version.get());
    manifest.put("run_id", label.replace(' ', '-'));
    manifest.put("rules", Map.of("sha256", rules.sha256()));
    Files.writeString(dir.resolve(OutputCommit.MARKER), WriteOutputs.json(manifest));
    System.out.printf(java.util.Locale.ROOT,
        "%-20s %7d records: read previous %5.1f s, living step %5.1f s, reports %5.1f s;"
            + " carried %s, copied %s, re-screened %s, matched by dedup %s; %s %.1f MB%n",
        label, records.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
        result.summary().get("carried_forward"), result.summary().get("stored_records_copied"),
        result.summary().get("rescreened"), result.summary().get("matched_by_dedup"), RecordStore.FILE,
        Files.size(dir.resolve(RecordStore.FILE)) / 1e6);
    return dir;
  }

  static void writeLikeThePipeline(List<ScreenedRecord> records, Path dir, boolean first) throws IOException {
    Files.createDirectories(dir);
    List<ScreenedRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(CsvRows::screenedSortKey));
    Map<String, StringBuilder> files = new HashMap<>();
    for (Decision d : Decision.values()) {
      String f = WriteOutputs.pipelineFileFor(d);
      files.put(f, new StringBuilder(CsvRows.line(CsvRows.SCREENED)));
    }
    StringBuilder ris = new StringBuilder();
    StringBuilder handOver = new StringBuilder();
    Map<String, Long> counters = new HashMap<>();
    counters.put(Prisma.IDENTIFIED + "bench.ris", (long) records.size());
    for (ScreenedRecord s : sorted) {
      files.get(WriteOutputs.pipelineFileFor(s.decision())).append(CsvRows.line(CsvRows.screened(s)));
      if (s.decision() == Decision.INCLUDE) {
        ris.append(RisFormat.entry(s));
      }
      handOver.append(ReportRecords.line(s));
      for (String c : Prisma.counters(s)) {
        counters.merge(c, 1L, Long::sum);
      }
    }
    for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    if (first) {
      Files.writeString(dir.resolve(WriteOutputs.INCLUDED_RIS), ris, StandardCharsets.UTF_8); // as the pipeline does
    }
    Files.writeString(dir.resolve(WriteOutputs.SCREENED_RECORDS), handOver, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(WriteOutputs.PIPELINE_PRISMA_JSON), WriteOutputs.json(Prisma.document(counters)));
    Files.writeString(dir.resolve(WriteOutputs.DUPLICATES_CSV), CsvRows.line(CsvRows.DUPLICATES));
  }
}
