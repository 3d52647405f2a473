package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device named as an input ({@code /dev/zero}, which never ends) is refused at once with exit 2
 * and a message naming it, instead of being read forever.
 */
class NonRegularInputTest {

  @Test
  void devZeroIsRefusedWithExitTwo(@TempDir Path dir) {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "this system has no /dev/zero");
    CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.run("screen",
        "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", dir.resolve("o").toString(), zero.toString()));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("not a regular file") && r.err().contains("/dev/zero"), r.err());
    CliTest.Result inspect = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> CliTest.run("inspect", zero.toString()));
    assertEquals(2, inspect.code(), inspect.err());
  }
}
