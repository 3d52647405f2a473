package org.litsieve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's JVM options: the harness reads the same ones, and this JVM accepts them. */
class JvmOptionsTest {
  private static final Path ROOT = Path.of(System.getProperty("litsieve.root", ".."));

  @Test
  void harnessReadsTheLaunchersOptions() throws Exception {
    List<String> options = ScaleBenchmark.jvmOptions();
    assertFalse(options.isEmpty(), "jvm.options has no options");
    assertTrue(options.stream().allMatch(o -> o.startsWith("-")), "not all JVM options: " + options);
    byte[] copy;
    try (var in = ScaleBenchmark.class.getResourceAsStream("/jvm.options")) {
      copy = in.readAllBytes();
    }
    assertEquals(Files.readString(ROOT.resolve("jvm.options"), StandardCharsets.UTF_8),
        new String(copy, StandardCharsets.UTF_8), "the jar's copy of jvm.options differs from the project's");
    String launcher = Files.readString(ROOT.resolve("litsieve"), StandardCharsets.UTF_8);
    assertTrue(launcher.contains("\"@$root/jvm.options\""), "the launcher does not pass jvm.options");
  }

  @Test
  void everyOptionIsAcceptedByThisJvm() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + ROOT.resolve("jvm.options").toAbsolutePath());
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "java @jvm.options -version failed:\n" + out);
    assertFalse(out.contains("Ignoring option") || out.contains("warning"), "the JVM warned:\n" + out);
  }
}
