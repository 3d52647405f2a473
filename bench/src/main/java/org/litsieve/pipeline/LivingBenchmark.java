package org.litsieve.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.litsieve.generate.CorpusGenerator;
import org.litsieve.history.PreviousRun;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * Living-review re-run benchmark: screens a generated history of {@code H} records (default
 * 100,000), then times a re-run that adds {@code N} new records (default 5,000, another seed) with
 * {@code --previous} pointing at the history, in the two ways a living review is run:
 * <ul>
 *   <li>incremental: only the new export is given, the history is carried forward;</li>
 *   <li>cumulative: the history's exports and the new one are given and everything is re-screened;</li>
 *   <li>incremental after a rules change (the rules file with a comment added, so its hash differs):
 *       only the new export is given, and every carried-forward record is re-screened from the
 *       history's {@code records.jsonl.gz};</li>
 * </ul>
 * and, for the ratio, the cumulative run without {@code --previous}. Each line also gives the
 * time of the living-review step alone ({@code timings_ms.living} in the manifest: matching,
 * decisions, re-screening, writing {@code records.jsonl.gz}) and the size of that file.
 *
 * <p>Usage: {@code java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.LivingBenchmark
 * RULES [H] [N]}. Files go to a temporary folder that is deleted afterwards. Output: seconds per
 * step on stdout. Failure behaviour: any error aborts.
 */
public final class LivingBenchmark {
  private LivingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Rules rules = RulesLoader.load(Path.of(args.length > 0 ? args[0] : "screening-rules/lle-training.yaml"));
    long history = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
    long added = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
    Path tmp = Files.createTempDirectory("litsieve-living-bench");
    try {
      Path oldFiles = tmp.resolve("search1");
      Path newFiles = tmp.resolve("search2");
      CorpusGenerator.write(new CorpusGenerator.Settings(history, 1, 0.2, 0.2), oldFiles);
      CorpusGenerator.write(new CorpusGenerator.Settings(added, 99, 0.0, 0.2), newFiles);
      Files.deleteIfExists(oldFiles.resolve("truth.csv"));
      Files.deleteIfExists(newFiles.resolve("truth.csv"));
      List<String> beam = List.of();
      long t0 = System.nanoTime();
      ScreeningPipeline.run(rules, InputFiles.resolve(List.of(oldFiles.toString())), tmp.resolve("run1"),
          beam, Map.of());
      double first = (System.nanoTime() - t0) / 1e9;
      PreviousRun prev = PreviousRun.read(tmp.resolve("run1"), Version.get());
      System.out.printf("history run     %8d records  %7.1f s (%d unique records in history)%n", history, first,
          prev.rows().size());

      t0 = System.nanoTime();
      ScreeningPipeline.Summary inc = ScreeningPipeline.run(rules, InputFiles.resolve(List.of(newFiles.toString())),
          tmp.resolve("run2"), beam, Map.of(), null,
          new ReviewHistory(PreviousRun.read(tmp.resolve("run1"), Version.get()), "", List.of(), null));
      double incremental = (System.nanoTime() - t0) / 1e9;
      System.out.printf("incremental     %8d new      %7.1f s (new %s, carried forward %s)%s%n", added, incremental,
          inc.living().get("new"), inc.living().get("carried_forward"), livingPart(tmp.resolve("run2")));

      Path changedRules = tmp.resolve("rules-changed.yaml");
      Files.writeString(changedRules, Files.readString(Path.of(rules.fileName())) + "\n# changed\n");
      Rules rules2 = RulesLoader.load(changedRules);
      t0 = System.nanoTime();
      ScreeningPipeline.Summary changed = ScreeningPipeline.run(rules2,
          InputFiles.resolve(List.of(newFiles.toString())), tmp.resolve("run2r"), beam, Map.of(), null,
          new ReviewHistory(PreviousRun.read(tmp.resolve("run1"), Version.get()), "", List.of(), null));
      double rescreen = (System.nanoTime() - t0) / 1e9;
      System.out.printf("rules changed   %8d new      %7.1f s (carried forward %s, re-screened %s)%s%n", added, rescreen,
          changed.living().get("carried_forward"), changed.living().get("rescreened"),
          livingPart(tmp.resolve("run2r")));

      t0 = System.nanoTime();
      ScreeningPipeline.Summary cum = ScreeningPipeline.run(rules,
          InputFiles.resolve(List.of(oldFiles.toString(), newFiles.toString())), tmp.resolve("run3"), beam, Map.of(),
          null, new ReviewHistory(PreviousRun.read(tmp.resolve("run1"), Version.get()), "", List.of(), null));
      double cumulative = (System.nanoTime() - t0) / 1e9;
      System.out.printf("cumulative      %8d records  %7.1f s (new %s, unchanged %s)%s%n", history + added, cumulative,
          cum.living().get("new"), cum.living().get("unchanged"), livingPart(tmp.resolve("run3")));

      t0 = System.nanoTime();
      ScreeningPipeline.run(rules, InputFiles.resolve(List.of(oldFiles.toString(), newFiles.toString())),
          tmp.resolve("run4"), beam, Map.of());
      double plain = (System.nanoTime() - t0) / 1e9;
      System.out.printf("plain (no --previous) %8d  %7.1f s; cumulative/plain = %.2f%n", history + added, plain,
          cumulative / plain);
    } finally {
      OutputCommit.deleteRecursively(tmp);
    }
  }

  /** "; living step N s, records.jsonl.gz M MB" from a finished run's folder. */
  static String livingPart(Path run) throws java.io.IOException {
    Map<String, Object> manifest = ScreeningPipeline.readJson(run.resolve(OutputCommit.MARKER));
    Object living = ((Map<?, ?>) manifest.get("timings_ms")).get("living");
    Object copied = ((Map<?, ?>) manifest.get("living")).get("stored_records_copied");
    return String.format(java.util.Locale.ROOT, "; living step %.1f s, %s %.1f MB (%s records copied)",
        ((Number) living).longValue() / 1000.0, RecordStore.FILE,
        Files.size(run.resolve(RecordStore.FILE)) / 1e6, copied);
  }
}
