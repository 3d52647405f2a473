package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.generate.CorpusGenerator;

/** {@code --out runs/ --keep-history}: timestamped run folders, a {@code latest} link, a one-line summary, and a killed run. */
class UnattendedRunsTest {

  static Path rules() {
    return CliTest.root().resolve("screening-rules/lle-training.yaml");
  }

  /** File name → SHA-256 of every file under {@code dir}. */
  static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return m;
  }

  static List<Path> visibleFolders(Path runs) throws Exception {
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals("latest"))
          .sorted().toList();
    }
  }

  @Test
  void keepHistoryWritesOneFolderPerRunAndMovesLatest(@TempDir Path dir) throws Exception {
    Path runs = dir.resolve("runs");
    Path sample = CliTest.root().resolve("sample-data");
    CliTest.Result a = CliTest.run("screen", "--one-line", "--rules", rules().toString(), "--out", runs.toString(),
        "--keep-history", "--run-id", "2026-01", sample.resolve("pubmed.nbib").toString());
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().matches("litsieve ok run=2026-01 identified=\\d+ new=\\d+ .* out=\\S+ seconds=[0-9.]+\\n"), a.out());
    assertEquals(1, a.out().lines().count());
    List<Path> after1 = visibleFolders(runs);
    assertEquals(1, after1.size());
    assertTrue(Files.isSymbolicLink(runs.resolve("latest")));
    assertEquals(after1.get(0).toRealPath(), runs.resolve("latest").toRealPath());

    CliTest.Result b = CliTest.run("screen", "--one-line", "--rules", rules().toString(), "--out", runs.toString(),
        "--keep-history", "--run-id", "2026-02", sample.toString());
    assertEquals(0, b.code(), b.err());
    List<Path> after2 = visibleFolders(runs);
    assertEquals(2, after2.size(), after2.toString());
    Path second = runs.resolve("latest").toRealPath();
    assertFalse(second.equals(after1.get(0).toRealPath()));
    var manifest = new ObjectMapper().readTree(second.resolve("manifest.json").toFile());
    assertEquals("2026-01", manifest.get("living").get("previous_run").asText(), "continued from latest");
    assertTrue(b.out().contains("run=2026-02"), b.out());
    assertTrue(Files.exists(after1.get(0).resolve("manifest.json")), "the first run is kept");
  }

  @Test
  void aKilledRunLeavesThePreviousRunUntouchedAndNothingThatLooksFinished(@TempDir Path dir) throws Exception {
    Path runs = dir.resolve("runs");
    Path small = dir.resolve("small");
    Path big = dir.resolve("big");
    CorpusGenerator.write(new CorpusGenerator.Settings(300, 1, 0.2, 0.2), small);
    CorpusGenerator.write(new CorpusGenerator.Settings(20_000, 2, 0.2, 0.2), big);
    CliTest.Result first = CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", runs.toString(),
        "--keep-history", small.toString());
    assertEquals(0, first.code(), first.err());
    Path firstRun = runs.resolve("latest").toRealPath();
    Map<String, String> before = hashes(firstRun);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.litsieve.cli.Main", "screen", "-q", "--rules", rules().toString(), "--out", runs.toString(),
        "--keep-history", big.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile());
    Process p = pb.start();
    boolean writing = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Stream<Path> s = Files.list(runs)) {
        writing = s.filter(f -> f.getFileName().toString().contains(".tmp-") && Files.isDirectory(f))
            .anyMatch(f -> {
              File[] inside = f.toFile().listFiles();
              return inside != null && inside.length > 0;
            });
      }
      if (writing) {
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(writing && p.isAlive(), "the run was caught while writing its output: "
        + Files.readString(dir.resolve("killed.log")));
    p.destroyForcibly();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));

    assertEquals(firstRun, runs.resolve("latest").toRealPath(), "latest still points at the finished run");
    assertEquals(before, hashes(firstRun), "the previous run is untouched");
    assertEquals(List.of(firstRun), visibleFolders(runs).stream().map(x -> {
      try {
        return x.toRealPath();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList(), "no new visible folder");

    try (Stream<Path> s = Files.list(runs)) {
      assertTrue(s.anyMatch(f -> f.getFileName().toString().contains(".tmp-")), "the killed run left its folder");
    }

    // the next run continues from the finished run, not from the killed one, and removes the
    // killed run's temporary folder and lock file (nobody holds the lock any more)
    CliTest.Result again = CliTest.run("screen", "--one-line", "--rules", rules().toString(), "--out", runs.toString(),
        "--keep-history", small.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains(" new=0 "), again.out());
    try (Stream<Path> s = Files.list(runs)) {
      List<String> left = s.map(f -> f.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
      assertEquals(List.of(), left, "the killed run's temporary folder is removed");
    }
  }
}
