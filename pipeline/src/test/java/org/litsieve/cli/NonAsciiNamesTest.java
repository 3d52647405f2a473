package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code LANG=C} (cron's default) Java reads file names as ASCII and cannot open
 * {@code Müller.ris}; the launcher's locale lines give Java a UTF-8 locale, and then it can.
 */
class NonAsciiNamesTest {
  record Run(int code, String out) {}

  static Run run(Map<String, String> env, Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
    pb.environment().putAll(env);
    Path log = dir.resolve("log-" + System.nanoTime());
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not end");
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The launcher's locale lines, run in bash under {@code env}; what LC_ALL they leave. */
  static String launcherLocale(Map<String, String> env, Path dir) throws Exception {
    String launcher = Files.readString(CliTest.root().resolve("litsieve"), StandardCharsets.UTF_8);
    int from = launcher.indexOf("# >>> locale");
    int to = launcher.indexOf("# <<< locale");
    assertTrue(from >= 0 && to > from, "the launcher has no locale lines");
    Path snippet = dir.resolve("locale.sh");
    Files.writeString(snippet, launcher.substring(from, to) + "\nprintf '%s' \"${LC_ALL:-}\"\n");
    return run(env, dir, "bash", snippet.toString()).out();
  }

  @Test
  void anExportWithANonAsciiNameIsReadUnderLangC(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Müller-Ødegård.ris");
    Files.writeString(file, "TY  - JOUR\nTI  - Peer support in Tromsø\nAU  - Ødegård, Åse\nPY  - 2020\nER  - \n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] inspect = {java, "-cp", System.getProperty("java.class.path"), "org.litsieve.cli.Main", "inspect",
        file.getFileName().toString()};
    Map<String, String> cron = Map.of("LANG", "C");

    // the cause: Java alone, under LANG=C, cannot open the file it is given
    assertNotEquals(0, run(cron, dir, inspect).code());

    String lcAll = launcherLocale(cron, dir);
    assertEquals("C.UTF-8", lcAll);
    Run r = run(Map.of("LANG", "C", "LC_ALL", lcAll), dir, inspect);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("Müller-Ødegård.ris"), r.out());
    // a UTF-8 locale the user set is left alone
    assertEquals("", launcherLocale(Map.of("LANG", "de_DE.UTF-8"), dir));
  }
}
