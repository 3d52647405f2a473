package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --keep-history} with a broken {@code runs/latest} stops with exit 2, as {@code --previous}
 * on the same folder does, instead of silently starting the living review over.
 */
class BrokenHistoryTest {
  static CliTest.Result screen(Path runs, Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(CliTest.fixtures().resolve("ovid.ris"), in.resolve("ovid.ris"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return CliTest.run("screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", runs.toString(), "--keep-history", in.toString());
  }

  static List<String> runFolders(Path runs) throws Exception {
    try (Stream<Path> s = Files.list(runs)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("latest")).sorted().toList();
    }
  }

  @Test
  void aDanglingLatestStopsTheRun(@TempDir Path dir) throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    Files.createSymbolicLink(runs.resolve("latest"), Path.of("20260101T000000Z"));
    CliTest.Result r = screen(runs, dir);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("latest (-> 20260101T000000Z) does not lead to a folder"), r.err());
    assertTrue(r.err().contains("--previous"), r.err());
    assertEquals(List.of(), runFolders(runs), "no run was written");
  }

  @Test
  void aLatestWithoutManifestStopsTheRun(@TempDir Path dir) throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    Files.createDirectories(runs.resolve("20260101T000000Z"));
    Files.writeString(runs.resolve("20260101T000000Z/included.csv"), "record_id\n");
    Files.createSymbolicLink(runs.resolve("latest"), Path.of("20260101T000000Z"));
    CliTest.Result r = screen(runs, dir);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is not a finished litsieve run (no manifest.json)"), r.err());
    assertEquals(List.of("20260101T000000Z"), runFolders(runs));
  }

  @Test
  void aRemovedLatestBesideFinishedRunsStopsTheRun(@TempDir Path dir) throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    Files.createDirectories(runs.resolve("20260101T000000Z"));
    Files.writeString(runs.resolve("20260101T000000Z/manifest.json"), "{\"tool\":\"litsieve\"}");
    CliTest.Result r = screen(runs, dir);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("latest is missing but"), r.err());
    assertTrue(r.err().contains("the newest 20260101T000000Z"), r.err());
  }

  /** A previous run with empty CSV files and a store cut short halfway; returns the store. */
  static Path previousWithDamagedStore(Path previous) throws Exception {
    Files.createDirectories(previous);
    Files.writeString(previous.resolve("manifest.json"),
        "{\"tool\": \"litsieve\", \"version\": \"0.1.0\", \"run_id\": \"2026-01\"}");
    for (String f : List.of("included.csv", "review.csv", "excluded.csv")) {
      Files.writeString(previous.resolve(f), "record_id,decision\n");
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < 2000; i++) {
        out.write(("{\"record_id\":\"ls-" + Long.toHexString(random.nextLong()) + "\",\"screened\":{}}\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gz.toByteArray();
    Path store = previous.resolve("records.jsonl.gz");
    Files.write(store, java.util.Arrays.copyOf(whole, whole.length / 2)); // a copy cut short
    return store;
  }

  static CliTest.Result screenAfter(Path previous, Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(CliTest.fixtures().resolve("ovid.ris"), in.resolve("ovid.ris"));
    return CliTest.run("screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", dir.resolve("out").toString(), "--previous", previous.toString(), in.toString());
  }

  @Test
  void aDamagedRecordStoreInThePreviousRunIsNamedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path previous = dir.resolve("previous");
    Path store = previousWithDamagedStore(previous);
    CliTest.Result r = screenAfter(previous, dir);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(store + ": cut short"), r.err());
    assertTrue(!r.err().contains("elapsed"), "stopped before the pipeline ran: " + r.err());
  }

  /**
   * The store is checked beside the reading of the CSV files; when both are damaged the message is
   * still the CSV file's, every time, not whichever check finished first.
   */
  @Test
  void whenTheCsvFilesAndTheStoreAreBothDamagedTheCsvFileIsNamed(@TempDir Path dir) throws Exception {
    Path previous = dir.resolve("previous");
    Path store = previousWithDamagedStore(previous);
    Files.writeString(previous.resolve("excluded.csv"), "record_id,decision\nls-1,perhaps\n");
    CliTest.Result r = screenAfter(previous, dir);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("excluded.csv"), r.err());
    assertTrue(!r.err().contains(store + ": cut short"), r.err());
    assertTrue(!r.err().contains("elapsed"), "stopped before the pipeline ran: " + r.err());
  }
}
