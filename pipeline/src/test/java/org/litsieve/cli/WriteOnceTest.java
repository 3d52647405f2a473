package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.OutputFile;
import org.litsieve.model.OutputSink;

/**
 * A run writes each file of its output folder once: every opening for writing goes through
 * {@link OutputSink}, and over a first run, a run with decisions and a run continuing from a
 * previous one (with decisions, on part of the exports), no path is opened twice. Every file of
 * the committed folder was seen being opened, so a writer that goes around the sink fails this too.
 * And no user-facing file is read back by the run that wrote it (litsieve's readers report to the
 * sink), apart from {@code duplicates.csv}, which the report reads; and every hidden hand-over
 * between the pipeline and the driver's steps is read by a step (none is written for nothing).
 */
class WriteOnceTest {
  /**
   * Runs the CLI with {@code args}; returns how often each file name was opened for writing, and
   * checks that no user-facing file the run wrote was read back by the same run.
   */
  static Map<String, Integer> openings(String... args) throws Exception {
    Map<String, Integer> opened = new ConcurrentHashMap<>();
    Set<String> read = ConcurrentHashMap.newKeySet();
    CliTest.Result r;
    try (AutoCloseable watch = OutputSink.watch(path -> opened.merge(path, 1, Integer::sum));
        AutoCloseable reads = OutputSink.watchReads(read::add)) {
      r = CliTest.run(args);
    }
    assertEquals(0, r.code(), r.err());
    Map<String, Integer> byName = new TreeMap<>();
    opened.forEach((path, n) -> byName.merge(Path.of(path).getFileName().toString(), n, Integer::sum));
    Set<String> readBack = new TreeSet<>();
    for (String path : read) {
      String name = Path.of(path).getFileName().toString();
      boolean handOver = OutputFile.of(name).map(f -> f.kind() == OutputFile.Kind.HAND_OVER).orElse(false);
      if (opened.containsKey(path) && !handOver) {
        readBack.add(name);
      }
    }
    // the one exception left: the report shows each record's provenance from the pipeline's duplicates.csv
    assertEquals(Set.of(OutputFile.DUPLICATES_CSV.fileName()), readBack,
        "user-facing files the run read back after writing them");
    // and a hand-over is written only for a step that reads it
    Set<String> unread = new TreeSet<>();
    for (String path : opened.keySet()) {
      String name = Path.of(path).getFileName().toString();
      boolean handOver = OutputFile.of(name).map(f -> f.kind() == OutputFile.Kind.HAND_OVER).orElse(false);
      if (handOver && !read.contains(path)) {
        unread.add(name);
      }
    }
    assertEquals(Set.of(), unread, "hand-overs written that no step of the run read");
    return byName;
  }

  static void assertOnce(Map<String, Integer> byName, Path out) throws Exception {
    Map<String, Integer> twice = new TreeMap<>(byName);
    twice.values().removeIf(n -> n == 1);
    assertEquals(Map.of(), twice, "files written more than once (name=times)");
    TreeSet<String> unseen = new TreeSet<>();
    try (Stream<Path> files = Files.list(out)) {
      files.forEach(f -> unseen.add(f.getFileName().toString()));
    }
    unseen.removeAll(byName.keySet());
    assertEquals(new TreeSet<>(), unseen, "files written without going through OutputSink");
  }

  @Test
  void eachFileIsWrittenOnce(@TempDir Path dir) throws Exception {
    String rules = LivingReviewSequenceTest.rules().toString();
    String pubmed = LivingReviewSequenceTest.sample("pubmed.nbib").toString();
    String scopus = LivingReviewSequenceTest.sample("scopus.csv").toString();
    Path run1 = dir.resolve("run1");
    assertOnce(openings("screen", "-q", "--rules", rules, "--out", run1.toString(), pubmed, scopus), run1);

    List<Map<String, String>> included = org.litsieve.history.CsvTable.read(run1.resolve("included.csv")).rows();
    List<Map<String, String>> review = org.litsieve.history.CsvTable.read(run1.resolve("review.csv")).rows();
    Path decisions = dir.resolve("decisions.csv");
    Files.writeString(decisions, "record_id,decision,reason,reviewer,date,note\n"
        + included.get(0).get("record_id") + ",exclude,protocol only,alice,2026-03-01,\n"
        + review.get(0).get("record_id") + ",include,trains peer workers,alice,2026-03-01,\n");
    Path run2 = dir.resolve("run2");
    assertOnce(openings("screen", "-q", "--rules", rules, "--out", run2.toString(), "--decisions",
        decisions.toString(), pubmed, scopus), run2);

    Path run3 = dir.resolve("run3");
    assertOnce(openings("screen", "-q", "--rules", rules, "--out", run3.toString(), "--previous",
        run1.toString(), "--decisions", decisions.toString(), pubmed), run3);
  }
}
