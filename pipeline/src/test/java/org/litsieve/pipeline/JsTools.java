package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.litsieve.testing.RealData;

/**
 * Runs the test-only Node.js scripts in {@code pipeline/src/test/js} (puppeteer-core driving the
 * system's Chromium, and citation-js). A missing Node.js, a folder without {@code npm ci}, or a
 * missing Chromium skips the test with one line naming the command that fixes it, or fails it under
 * {@code -Dlitsieve.requireAll=true} (see {@link RealData}).
 *
 * <p>Found through: system property {@code litsieve.node} or env {@code LITSIEVE_NODE} (default
 * {@code node} on the PATH); env {@code LITSIEVE_CHROMIUM} (default {@code /usr/bin/chromium}).
 */
public final class JsTools {
  private JsTools() {}

  public static Path root() {
    return Path.of(System.getProperty("litsieve.root", "..")).toAbsolutePath().normalize();
  }

  public static Path dir() {
    return root().resolve("pipeline/src/test/js");
  }

  public static String node() {
    String p = System.getProperty("litsieve.node", System.getenv("LITSIEVE_NODE"));
    return p == null || p.isBlank() ? "node" : p;
  }

  public static Path chromium() {
    String p = System.getenv("LITSIEVE_CHROMIUM");
    return Path.of(p == null || p.isBlank() ? "/usr/bin/chromium" : p);
  }

  /** Where screenshots go: {@code target/report-screenshots} of the build. */
  public static Path screenshots() {
    return Path.of(System.getProperty("litsieve.target", "target")).resolve("report-screenshots");
  }

  /** Skips (or, under {@code -Dlitsieve.requireAll=true}, fails) without Node.js and these packages. */
  public static void requireNodeModules(String... packages) {
    RealData.require(nodeRuns(), "no Node.js",
        "install it (apt-get install -y nodejs npm) or set -Dlitsieve.node=PATH (see docs/reports.md)");
    for (String p : packages) {
      RealData.require(Files.isDirectory(dir().resolve("node_modules").resolve(p)), "no Node test tools",
          p + " is not installed: run `npm ci --prefix " + root().relativize(dir()) + "` (see docs/reports.md)");
    }
  }

  /** Skips (or, under {@code -Dlitsieve.requireAll=true}, fails) without Chromium. */
  public static void requireChromium() {
    RealData.require(Files.isExecutable(chromium()), "no Chromium", "none at " + chromium()
        + ": run `apt-get update && apt-get install -y chromium` or set LITSIEVE_CHROMIUM (see docs/reports.md)");
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder(node(), "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code node SCRIPT ARGS…} in the tools folder and parses its stdout as JSON. */
  public static JsonNode run(String script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(node(), script));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("litsieve-js", ".json");
    Path err = Files.createTempFile("litsieve-js", ".err");
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir().toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("LITSIEVE_CHROMIUM", chromium().toString());
      p = pb.start();
    } catch (IOException e) {
      fail("cannot run Node.js (`" + node() + "`): install it (apt-get install -y nodejs npm) or set "
          + "-Dlitsieve.node=PATH: " + e.getMessage());
      throw e;
    }
    try {
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(script + " did not finish in 180 s");
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), script + " failed:\n" + stderr);
      return new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
