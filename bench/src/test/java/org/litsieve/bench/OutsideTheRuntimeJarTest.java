package org.litsieve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.RuntimeJarTest;
import org.litsieve.cli.Main;
import org.litsieve.generate.CorpusGenerator;

/**
 * Seen from this module, the runtime (the packaged {@code litsieve.jar} under {@code mvn verify},
 * its classes folder under {@code mvn test}) is another jar than the benchmarks' and holds none of
 * them.
 */
class OutsideTheRuntimeJarTest {
  @Test
  void benchmarksAndTheGeneratorLoadFromTheirOwnJarNotTheRuntimes() throws Exception {
    Path runtime = RuntimeJarTest.codeSource(Main.class);
    assertNotEquals(runtime, RuntimeJarTest.codeSource(CorpusGenerator.class));
    assertNotEquals(runtime, RuntimeJarTest.codeSource(ScaleBenchmark.class));
    assertEquals(List.of(), RuntimeJarTest.benchOnlyEntries(runtime), "benchmark or generator classes in " + runtime);
  }
}
