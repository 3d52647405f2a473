package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;
import org.litsieve.model.OutputFile;
import org.litsieve.model.OutputSink;
import org.litsieve.testing.SystemProperty;

/**
 * A living review decided inside the graph (the {@code litsieve.livingInGraph} property) writes
 * the same bytes as one decided on the driver, every file of every run, over a first run with
 * reviewers' decisions, a second search continuing it with more decisions, and a rules change:
 * both chains run in the same folder, one after the other, so that the paths they write are the
 * same. The manifest is compared without its start time and timings. The driver's chain writes
 * the pipeline's hand-over files for its living-review step; the graph's writes none (so the
 * property did choose the path).
 */
class LivingInGraphTest {
  private static final String PROPERTY = "litsieve.livingInGraph";

  @TempDir Path dir;

  @Test
  void theGraphWritesWhatTheDriverWrites() throws Exception {
    Path rules = LivingReviewSequenceTest.rules();
    Path changed = dir.resolve("rules-changed.yaml");
    Files.writeString(changed, Files.readString(rules) + "\n# a comment: another rules file\n");
    Path first = dir.resolve("first-decisions.csv");
    Path second = dir.resolve("second-decisions.csv");
    Path chain = dir.resolve("chain");

    // the decisions name records of a first run, made once, on the driver
    Path probe = dir.resolve("probe");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", probe.toString(),
        sample("pubmed.nbib"), sample("psycinfo-ovid.ris")).code());
    List<Map<String, String>> queue = CsvTable.read(probe.resolve("review.csv")).rows();
    List<Map<String, String>> included = CsvTable.read(probe.resolve("included.csv")).rows();
    assertTrue(queue.size() >= 4 && !included.isEmpty(), "the sample data has a queue to decide");
    decisions(first, List.of(queue.get(0).get("record_id") + ",include,,alice,2026-01-10,",
        queue.get(1).get("record_id") + ",exclude,wrong population,alice,2026-01-10,"));
    decisions(second, List.of(queue.get(2).get("record_id") + ",include,,bob,2026-02-01,",
        included.get(0).get("record_id") + ",exclude,not about training,bob,2026-02-01,a note",
        queue.get(3).get("record_id") + ",maybe,,bob,2026-02-01,",
        "ls-0000000000000000,include,,bob,2026-02-01,a record no run holds: a decision problem"));

    Set<String> driverOpened = ConcurrentHashMap.newKeySet();
    Map<String, byte[]> onDriver = chain(chain, rules, changed, first, second, false, driverOpened);
    Files.move(chain, dir.resolve("driver"));
    Set<String> graphOpened = ConcurrentHashMap.newKeySet();
    Map<String, byte[]> inGraph = chain(chain, rules, changed, first, second, true, graphOpened);
    String handOver = OutputFile.PIPELINE_INCLUDED_CSV.fileName();
    assertTrue(driverOpened.contains(handOver), "the driver's path writes " + handOver);
    assertFalse(graphOpened.contains(handOver), "the graph's path writes no " + handOver);

    assertEquals(onDriver.keySet(), inGraph.keySet(), "the same files");
    List<String> differ = new ArrayList<>();
    for (String f : onDriver.keySet()) {
      if (!java.util.Arrays.equals(onDriver.get(f), inGraph.get(f))) {
        differ.add(f);
      }
    }
    assertEquals(List.of(), differ, "files whose bytes differ");
    String r2Said = new String(onDriver.get("r2 stderr"), StandardCharsets.UTF_8);
    assertTrue(r2Said.contains("record ls-0000000000000000") && r2Said.contains("unknown record_id"),
        "the second run names its decision problem: " + r2Said);
    assertTrue(onDriver.size() > 3 * 15, "every run wrote its files: " + onDriver.keySet());
  }

  private static String sample(String name) {
    return LivingReviewSequenceTest.sample(name).toString();
  }

  private static void decisions(Path file, List<String> rows) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("record_id,decision,reason,reviewer,date,note");
    lines.addAll(rows);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Runs the chain into {@code chain}, on the driver or in the graph; returns run/file → bytes. */
  private static Map<String, byte[]> chain(Path chain, Path rules, Path changed, Path first, Path second,
      boolean inGraph, Set<String> opened) throws Exception {
    // what each run says on the terminal (the decision problems, handed back by either path) too
    Map<String, byte[]> said = new TreeMap<>();
    try (SystemProperty chosen = SystemProperty.set(PROPERTY, Boolean.toString(inGraph));
        AutoCloseable watch = OutputSink.watch(path -> opened.add(Path.of(path).getFileName().toString()))) {
      Path r1 = chain.resolve("r1");
      Path r2 = chain.resolve("r2");
      Path r3 = chain.resolve("r3");
      said.put("r1 stderr", ok(CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", r1.toString(),
          "--decisions", first.toString(), sample("pubmed.nbib"), sample("psycinfo-ovid.ris"))));
      said.put("r2 stderr", ok(CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", r2.toString(),
          "--previous", r1.toString(), "--decisions", second.toString(), sample("pubmed.nbib"),
          sample("cinahl-ebsco.ris"), sample("scopus.csv"), sample("wos.ris"))));
      said.put("r3 stderr", ok(CliTest.run("screen", "-q", "--rules", changed.toString(), "--out", r3.toString(),
          "--previous", r2.toString(), sample("psycinfo-ovid.ris"), sample("wos.ris"))));
    }
    Map<String, byte[]> files = new TreeMap<>(said);
    try (Stream<Path> all = Files.walk(chain)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().equals("manifest.json")) {
          ObjectNode m = (ObjectNode) LivingReviewSequenceTest.JSON.readTree(bytes);
          m.remove("started");
          m.remove("timings_ms");
          bytes = LivingReviewSequenceTest.JSON.writeValueAsBytes(m);
        }
        files.put(chain.relativize(f).toString(), bytes);
      }
    }
    return files;
  }

  /** The run's stderr, once it succeeded. */
  private static byte[] ok(CliTest.Result r) {
    assertEquals(0, r.code(), r.err());
    return r.err().getBytes(StandardCharsets.UTF_8);
  }
}
