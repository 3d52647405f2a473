package org.litsieve.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place where tests find things that are not in the repository, and decide what a missing
 * one means. A fresh clone has no {@code ../shared/realdata}, no Chromium and no Node.js test tools:
 * there, a test that needs one is skipped (a JUnit assumption) and prints one line,
 * {@code SKIPPED (no ../shared/realdata): Class.method: how to provide it}, so that
 * {@code mvn -B verify} passes with Java and Maven alone and still says what it did not run. With
 * {@code -Dlitsieve.requireAll=true} (passed to the tests by surefire; CI sets it) every such test
 * fails instead, so CI cannot go green with part of the suite silently off.
 *
 * <p>The real-data folder is, first found: system property {@code litsieve.realdata}, env
 * {@code LITSIEVE_REALDATA}, then {@code ../shared/realdata} beside the repository (or beside the
 * working directory). Use:
 *
 * <pre>{@code
 * Path exports = RealData.folder("exports");        // skips or fails when absent
 * RealData.require(Files.isExecutable(chrome), "no Chromium", "install chromium or set LITSIEVE_CHROMIUM");
 * }</pre>
 */
public final class RealData {
  /** The system property that turns every skip into a failure. */
  public static final String REQUIRE_ALL = "litsieve.requireAll";

  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

  private RealData() {}

  /** Whether a missing resource fails the test instead of skipping it. */
  public static boolean requireAll() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_ALL, "false").trim());
  }

  /**
   * The real-data folder ({@code ../shared/realdata}). Skips the calling test (fails it under
   * {@code -Dlitsieve.requireAll=true}) when it is not found.
   */
  public static Path folder() {
    Path found = find();
    require(found != null, "no ../shared/realdata",
        "set -Dlitsieve.realdata=DIR or LITSIEVE_REALDATA, or put the real data at ../shared/realdata"
            + " beside the repository (see its README)");
    return found;
  }

  /** {@code folder().resolve(sub)}, which must be a folder or file: skipped (or failed) if absent. */
  public static Path folder(String sub) {
    Path p = folder().resolve(sub).normalize();
    require(Files.exists(p), "no ../shared/realdata/" + sub,
        "the real-data folder " + folder() + " has no " + sub);
    return p;
  }

  /**
   * Continues when {@code present}; otherwise skips the calling test with one line
   * {@code SKIPPED (missing): Class.method: fix} on stderr, or fails it with the same text under
   * {@code -Dlitsieve.requireAll=true}.
   *
   * @param present whether the resource is there
   * @param missing what is missing, short (e.g. {@code no Chromium})
   * @param fix how to provide it
   */
  public static void require(boolean present, String missing, String fix) {
    if (present) {
      return;
    }
    String test = caller();
    if (requireAll()) {
      fail(missing + " (required by -D" + REQUIRE_ALL + "=true): " + test + ": " + fix);
    }
    String line = "SKIPPED (" + missing + "): " + test + ": " + fix;
    if (SAID.add(missing + "\u0000" + test)) {
      System.err.println(line);
    }
    if (junit4()) {
      // a JUnit 4 test (Beam's TestPipeline rule) skips only on JUnit 4's own exception
      throw new org.junit.AssumptionViolatedException(line);
    }
    Assumptions.abort(line);
  }

  private static boolean junit4() {
    return StackWalker.getInstance().walk(frames -> frames
        .anyMatch(f -> f.getClassName().startsWith("org.junit.runners.")));
  }

  private static Path find() {
    List<String> given = new ArrayList<>();
    given.add(System.getProperty("litsieve.realdata"));
    given.add(System.getenv("LITSIEVE_REALDATA"));
    for (String g : given) {
      if (g != null && !g.isBlank() && Files.isDirectory(Paths.get(g))) {
        return Paths.get(g).toAbsolutePath().normalize();
      }
    }
    String root = System.getProperty("litsieve.root", ".");
    for (Path candidate : List.of(Paths.get(root, "..", "shared", "realdata"),
        Paths.get("..", "shared", "realdata"), Paths.get("..", "..", "shared", "realdata"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  /** {@code Class.method} of the test that asked: the litsieve frame nearest to JUnit. */
  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> f.getClassName().startsWith("org.litsieve.")
            && !f.getClassName().equals(RealData.class.getName()))
        .reduce((first, second) -> second)
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
        .orElse("a test"));
  }
}
