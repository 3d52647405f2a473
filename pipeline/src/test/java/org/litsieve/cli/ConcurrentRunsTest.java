package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs started together into one {@code --out}: one writes it, the other is told (exit 2, one
 * line) instead of both exiting 0 and the later one silently replacing the earlier one's output.
 */
class ConcurrentRunsTest {
  @Test
  void theSecondRunIntoOneOutIsRefused(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(CliTest.fixtures().resolve("ovid.ris"), in.resolve("ovid.ris"));
    Path out = dir.resolve("out");
    String[] args = {"screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", out.toString(), "--quiet", in.toString()};
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<CliTest.Result>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit(() -> {
        start.await();
        return CliTest.run(args);
      }));
    }
    start.countDown();
    List<CliTest.Result> results = new ArrayList<>();
    for (Future<CliTest.Result> f : runs) {
      results.add(f.get(5, TimeUnit.MINUTES));
    }
    pool.shutdown();
    List<Integer> codes = results.stream().map(CliTest.Result::code).sorted().toList();
    assertEquals(List.of(0, 2), codes, results.toString());
    CliTest.Result loser = results.stream().filter(r -> r.code() == 2).findFirst().orElseThrow();
    assertEquals("litsieve: another litsieve run is writing to " + out
        + "; this run stopped before it started (wait for that run to finish, or give another --out)\n",
        loser.err().replace("\r\n", "\n"));
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")), "the winner's output is there");
  }
}
