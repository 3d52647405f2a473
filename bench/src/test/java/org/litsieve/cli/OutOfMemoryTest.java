package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.generate.CorpusGenerator;

/**
 * A run that needs more memory than Java was given ends with a plain message that says how to
 * give it more, exit code 1, no stack trace and no output folder, finished or not.
 */
class OutOfMemoryTest {
  private static final java.util.regex.Pattern JVM_HANDLER_LINE = java.util.regex.Pattern.compile(
      "(?m)^\\s*Exception: java\\.lang\\.OutOfMemoryError thrown from the UncaughtExceptionHandler"
          + " in thread \"[^\"\\n]*\"\\R");

  @Test
  void aRunOutOfMemorySaysWhatToDoAndLeavesNothing(@TempDir Path dir) throws Exception {
    Path search = dir.resolve("search");
    CorpusGenerator.write(new CorpusGenerator.Settings(20_000, 3, 0.2, 0.2), search);
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        "org.litsieve.cli.Main", "dedup", "--quiet", "--out", out.toString(), search.toString());
    Path log = dir.resolve("stderr.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the run did not end");
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), printed);
    // When the memory runs out inside a runner thread's uncaught-exception handler, the JVM itself
    // (native code, not litsieve) prints one line about it before litsieve's message; nothing in
    // Java can silence it. That exact line, and blank lines, are set aside; everything else is held
    // to the promise below.
    String text = JVM_HANDLER_LINE.matcher(printed).replaceAll("").stripLeading();
    // Java's OutOfMemoryError reaches litsieve, or (when it strikes one of the DirectRunner's
    // own threads) the runner ends the run unfinished without throwing: either way one line says
    // how to give Java more memory and that nothing was written
    assertTrue(text.startsWith("litsieve: out of memory: this run needs more than the ")
        && text.contains(" MB Java may use; nothing was written to the output folder.")
        || text.startsWith("litsieve: the pipeline stopped before it finished (state ")
        && text.contains("nothing was written to the output folder."), text);
    assertTrue(text.contains("LITSIEVE_JAVA_OPTS=-Xmx"), text);
    assertFalse(text.contains("a file could not be read or written"), text);
    assertFalse(text.contains("\tat "), "no stack trace without --verbose:\n" + text);
    assertFalse(Files.exists(out), "no output folder");
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temporary folder is left");
    }
  }
}
