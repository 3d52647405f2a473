package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.pipeline.RecordStore;
import org.litsieve.testing.SystemProperty;

/**
 * Monthly runs on only the new exports: the second incremental run copies the members of
 * records.jsonl.gz that hold only carried-forward excluded records byte for byte (the manifest's
 * {@code living.stored_records_copied}), the store always holds
 * exactly the records of the CSV files, and a rules change after that re-screens from the copied
 * members as a run on every export would. Small members (8 records) make the sample data span
 * many of them.
 */
class IncrementalRecordStoreTest {
  static final String MEMBER_PROPERTY = "litsieve.recordStore.memberRecords";

  private SystemProperty members;

  @BeforeEach
  void smallMembers() {
    members = SystemProperty.set(MEMBER_PROPERTY, "8");
  }

  @AfterEach
  void defaultMembers() {
    members.close();
  }

  /** The store holds each record of the CSV files once, and nothing else. */
  static void assertStoreMatchesCsv(Path run) throws Exception {
    List<String> stored = new ArrayList<>();
    RecordStore.forEach(run.resolve(RecordStore.FILE), (id, line) -> {
      stored.add(id);
      assertEquals(id, RecordStore.parse(line).recordId(), "the stored record carries its final id");
    });
    assertEquals(stored.size(), new HashSet<>(stored).size(), "no record stored twice");
    assertEquals(new TreeSet<>(LivingReviewSequenceTest.rows(run).keySet()), new TreeSet<>(stored), run.toString());
    List<RecordStore.Member> members = RecordStore.index(run.resolve(RecordStore.FILE));
    assertEquals(stored, members.stream().flatMap(m -> m.ids().stream()).toList(), "the index describes the file");
  }

  @Test
  void carriedForwardMembersAreCopiedAndStillReScreenable(@TempDir Path dir) throws Exception {
    String rules = LivingReviewSequenceTest.rules().toString();
    String cinahl = LivingReviewSequenceTest.sample("cinahl-ebsco.ris").toString();
    String wos = LivingReviewSequenceTest.sample("wos.ris").toString();
    String all = CliTest.root().resolve("sample-data").toString();
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules, "--out", a.toString(), all).code());
    assertStoreMatchesCsv(a);
    CliTest.Result rb = CliTest.run("screen", "-q", "--rules", rules, "--out", b.toString(),
        "--previous", a.toString(), cinahl, wos);
    assertEquals(0, rb.code(), rb.err());
    assertStoreMatchesCsv(b);
    CliTest.Result rc = CliTest.run("screen", "-q", "--rules", rules, "--out", c.toString(),
        "--previous", b.toString(), cinahl, wos);
    assertEquals(0, rc.code(), rc.err());
    assertStoreMatchesCsv(c);
    HumanDecisionsInOutputsTest.assertOutputsAgreeWithCsv(c);
    JsonNode living = LivingReviewSequenceTest.json(c.resolve("manifest.json")).get("living");
    assertTrue(living.get("carried_forward").asLong() > 16, living.toString());

    // c copied the members of b's store that hold only carried-forward, excluded records
    long copied = living.get("stored_records_copied").asLong();
    assertTrue(copied >= 16, "carried-forward members were copied, not re-compressed: " + living);
    Map<String, Map<String, String>> rowsC = LivingReviewSequenceTest.rows(c);
    long carriedExcluded = rowsC.values().stream().filter(r -> !r.get("sources").contains("cinahl-ebsco.ris")
        && !r.get("sources").contains("wos.ris") && r.get("decision").equals("exclude")).count();
    assertEquals(carriedExcluded, copied, "b stored its carried-forward records in members of their own");

    // a rules change after that: carried-forward records re-screened from the copied members
    Path rules2 = dir.resolve("rules-2015.yaml");
    Files.writeString(rules2, Files.readString(LivingReviewSequenceTest.rules())
        .replace("years: {from: 1995, to: 2022}", "years: {from: 1995, to: 2015}"));
    Path d = dir.resolve("d");
    Path reference = dir.resolve("d-all");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules2.toString(), "--out", d.toString(),
        "--previous", c.toString(), cinahl, wos).code());
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules2.toString(), "--out", reference.toString(),
        "--previous", c.toString(), all).code());
    assertStoreMatchesCsv(d);
    LivingReviewSequenceTest.assertChangesExact(c, d);
    Map<String, Map<String, String>> got = LivingReviewSequenceTest.rows(d);
    Map<String, Map<String, String>> want = LivingReviewSequenceTest.rows(reference);
    Set<String> compared = new HashSet<>();
    for (Map.Entry<String, Map<String, String>> e : got.entrySet()) {
      String sources = e.getValue().get("sources");
      if (sources.contains("cinahl-ebsco.ris") || sources.contains("wos.ris")) {
        continue;
      }
      for (String col : List.of("decision", "stage", "reason", "outcome_tags")) {
        assertEquals(want.get(e.getKey()).get(col), e.getValue().get(col), e.getKey() + " " + col);
      }
      compared.add(e.getKey());
    }
    assertEquals(LivingReviewSequenceTest.json(d.resolve("manifest.json")).get("living").get("rescreened").asLong(),
        compared.size());
    assertTrue(LivingReviewSequenceTest.csv(d, "changes.csv").stream().anyMatch(ch -> compared.contains(ch.get("record_id"))),
        "the rules change changed carried-forward records");
  }
}
