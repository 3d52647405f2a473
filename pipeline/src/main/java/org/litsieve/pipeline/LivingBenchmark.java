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
 * </ul>
 * and, for the ratio, the cumulative run without {@code --previous}.
 *
 * <p>Usage: {@code java -cp pipeline/target/litsieve.jar org.litsieve.pipeline.LivingBenchmark
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
          new ScreeningPipeline.History(PreviousRun.read(tmp.resolve("run1"), Version.get()), "", List.of(), null));
      double incremental = (System.nanoTime() - t0) / 1e9;
      System.out.printf("incremental     %8d new      %7.1f s (new %s, carried forward %s)%n", added, incremental,
          inc.living().get("new"), inc.living().get("carried_forward"));

      t0 = System.nanoTime();
      ScreeningPipeline.Summary cum = ScreeningPipeline.run(rules,
          InputFiles.resolve(List.of(oldFiles.toString(), newFiles.toString())), tmp.resolve("run3"), beam, Map.of(),
          null, new ScreeningPipeline.History(PreviousRun.read(tmp.resolve("run1"), Version.get()), "", List.of(), null));
      double cumulative = (System.nanoTime() - t0) / 1e9;
      System.out.printf("cumulative      %8d records  %7.1f s (new %s, unchanged %s)%n", history + added, cumulative,
          cum.living().get("new"), cum.living().get("unchanged"));

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
}
