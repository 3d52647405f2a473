package org.litsieve.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.ScreeningPipeline;
import org.litsieve.rules.RulesLoader;

/**
 * The plain-Java reference runs to its end on the sample data (it hands the driver's
 * living-review step the hidden files the pipeline hands it), and the files it says it shares with
 * {@code screen --run-id bench} are byte-identical to the CLI run's.
 */
class PlainReferenceTest {
  private static final Path ROOT = Path.of(System.getProperty("litsieve.root", ".."));

  @TempDir Path dir;

  @Test
  void writesWhatTheRunWritesOnTheSampleData() throws Exception {
    Path rules = ROOT.resolve("screening-rules/lle-training.yaml");
    Path samples = ROOT.resolve("sample-data");
    Path plain = dir.resolve("plain");
    PlainReference.main(new String[] {rules.toString(), plain.toString(), samples.toString()});

    Path run = dir.resolve("run");
    ScreeningPipeline.run(RulesLoader.load(rules), InputFiles.resolve(List.of(samples.toString())), run,
        List.of(), Map.of(), null,
        new org.litsieve.pipeline.ReviewHistory(null, "", List.of(), PlainReference.RUN_ID));
    for (String f : List.of("included.csv", "excluded.csv", "included.ris", "duplicates.csv", "rejected.csv")) {
      assertArrayEquals(Files.readAllBytes(run.resolve(f)), Files.readAllBytes(plain.resolve(f)), f);
    }
  }
}
