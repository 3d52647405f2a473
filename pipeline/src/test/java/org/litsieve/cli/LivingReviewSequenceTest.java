package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;

/**
 * The "done when" sequence of a living review on the sample data: a first search (PubMed and
 * PsycInfo), reviewers' decisions, a second search that adds CINAHL, Scopus and Web of Science
 * (overlapping the first), then a rules change. Expectations are computed from the files of the
 * previous step, never hard-coded.
 */
class LivingReviewSequenceTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Path sample(String name) {
    return CliTest.root().resolve("sample-data").resolve(name);
  }

  static Path rules() {
    return CliTest.root().resolve("screening-rules/lle-training.yaml");
  }

  /** record_id → row, over included, review and excluded. */
  static Map<String, Map<String, String>> rows(Path run) throws IOException {
    Map<String, Map<String, String>> all = new TreeMap<>();
    for (String f : List.of("included.csv", "review.csv", "excluded.csv")) {
      for (Map<String, String> r : CsvTable.read(run.resolve(f)).rows()) {
        assertEquals(null, all.put(r.get("record_id"), r), "record listed twice: " + r.get("record_id"));
      }
    }
    return all;
  }

  static List<Map<String, String>> csv(Path run, String name) throws IOException {
    return CsvTable.read(run.resolve(name)).rows();
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  static Set<List<String>> decisionSet(List<Map<String, String>> rows) {
    Set<List<String>> s = new HashSet<>();
    for (Map<String, String> r : rows) {
      s.add(List.of(r.get("record_id"), r.get("decision"), r.get("reason"), r.get("reviewer"), r.get("date"), r.get("note")));
    }
    return s;
  }

  /** Asserts changes.csv lists exactly the records whose decision differs between the runs. */
  static void assertChangesExact(Path before, Path after) throws IOException {
    Map<String, Map<String, String>> old = rows(before);
    Map<String, Map<String, String>> now = rows(after);
    Set<List<String>> expected = new HashSet<>();
    for (Map.Entry<String, Map<String, String>> e : now.entrySet()) {
      Map<String, String> o = old.get(e.getKey());
      if (o != null && !o.get("decision").equals(e.getValue().get("decision"))) {
        expected.add(List.of(e.getKey(), o.get("decision"), e.getValue().get("decision"),
            o.get("reason"), e.getValue().get("reason")));
        assertEquals("changed", e.getValue().get("status"), e.getKey());
      } else if (o != null) {
        assertEquals("unchanged", e.getValue().get("status"), e.getKey());
      }
    }
    Set<List<String>> actual = new HashSet<>();
    for (Map<String, String> c : csv(after, "changes.csv")) {
      actual.add(List.of(c.get("record_id"), c.get("old_decision"), c.get("new_decision"),
          c.get("old_reason"), c.get("new_reason")));
    }
    assertEquals(expected, actual, "changes.csv");
  }

  /** No record of the earlier run is lost, and every decided record still carries its decision. */
  static void assertNothingLost(Path before, Path after) throws IOException {
    Map<String, Map<String, String>> old = rows(before);
    Map<String, Map<String, String>> now = rows(after);
    assertTrue(now.keySet().containsAll(old.keySet()), "records lost: "
        + new TreeSet<>(old.keySet()).descendingSet().stream().filter(k -> !now.containsKey(k)).toList());
    for (Map.Entry<String, Map<String, String>> e : old.entrySet()) {
      assertEquals(e.getValue().get("first_seen"), now.get(e.getKey()).get("first_seen"), e.getKey());
      if ("human".equals(e.getValue().get("stage"))) {
        assertEquals("human", now.get(e.getKey()).get("stage"), e.getKey());
        assertEquals(e.getValue().get("decision"), now.get(e.getKey()).get("decision"), e.getKey());
      }
    }
    assertTrue(decisionSet(csv(after, "decisions.csv")).containsAll(decisionSet(csv(before, "decisions.csv"))),
        "a human decision was dropped");
  }

  static void assertPrismaAddsUp(Path run, long newRecords) throws IOException {
    JsonNode p = json(run.resolve("prisma.json"));
    long screened = p.get("screened").asLong();
    assertEquals(newRecords, screened, "screened counts this update's new records");
    assertEquals(p.get("identified").get("total").asLong(), p.get("duplicates_removed").asLong() + screened);
    assertEquals(screened, p.get("included").asLong() + p.get("review").asLong()
        + p.get("excluded").get("total").asLong());
  }

  @Test
  void aLivingReviewKeepsEveryDecisionAndMarksOnlyNewRecordsNew(@TempDir Path dir) throws Exception {
    // 1. first search
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", run1.toString(),
        sample("pubmed.nbib").toString(), sample("psycinfo-ovid.ris").toString());
    assertEquals(0, r1.code(), r1.err());
    String id1 = json(run1.resolve("manifest.json")).get("run_id").asText();
    Map<String, Map<String, String>> first = rows(run1);
    assertFalse(first.isEmpty());
    for (Map<String, String> r : first.values()) {
      assertEquals("new", r.get("status"));
      assertEquals(id1, r.get("first_seen"));
    }
    assertEquals(csv(run1, "included.csv").size(), csv(run1, "new-included.csv").size());
    assertEquals(csv(run1, "review.csv").size(), csv(run1, "new-review.csv").size());
    assertTrue(csv(run1, "changes.csv").isEmpty());
    assertPrismaAddsUp(run1, first.size());
    assertTrue(json(run1.resolve("prisma.json")).get("previous") == null);

    // 2. reviewers' decisions, fed back in review.csv's own layout
    List<Map<String, String>> review = csv(run1, "review.csv");
    List<Map<String, String>> included = csv(run1, "included.csv");
    assertTrue(review.size() >= 4 && included.size() >= 1, "sample data has enough records to decide on");
    List<String> lines = new ArrayList<>();
    lines.add("record_id,decision,reason,reviewer,date,note");
    String agreeInclude = review.get(0).get("record_id");
    String agreeExclude = review.get(1).get("record_id");
    String disagree = review.get(2).get("record_id");
    String selfConflict = review.get(3).get("record_id");
    String overrideIncluded = included.get(0).get("record_id");
    lines.add(agreeInclude + ",include,peer training evaluated,alice,2026-01-10,");
    lines.add(agreeInclude + ",include,peer training evaluated,bob,2026-01-11,");
    lines.add(agreeInclude + ",include,peer training evaluated,bob,2026-01-11,"); // identical: counted once
    lines.add(agreeExclude + ",exclude,not a training study,alice,2026-01-10,");
    lines.add(agreeExclude + ",exclude,not a training study,bob,2026-01-11,");
    lines.add(disagree + ",include,,alice,2026-01-10,");
    lines.add(disagree + ",exclude,wrong population,bob,2026-01-11,");
    lines.add(overrideIncluded + ",exclude,protocol only,alice,2026-01-10,\"checked, full text\"");
    lines.add(overrideIncluded + ",exclude,protocol only,bob,2026-01-12,");
    lines.add(selfConflict + ",include,,alice,2026-01-10,");
    lines.add(selfConflict + ",exclude,,alice,2026-01-10,");
    lines.add("ls-0000000000000000,include,,alice,2026-01-10,");
    lines.add(agreeInclude + ",yes,,carol,2026-01-10,");
    Path decisions = dir.resolve("decisions-round1.csv");
    Files.writeString(decisions, String.join("\n", lines) + "\n");

    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "--rules", rules().toString(), "--out", run2.toString(),
        "--previous", run1.toString(), "--decisions", decisions.toString(),
        sample("pubmed.nbib").toString(), sample("psycinfo-ovid.ris").toString());
    assertEquals(0, r2.code(), r2.err());
    Map<String, Map<String, String>> second = rows(run2);
    assertEquals(first.keySet(), second.keySet(), "same search: same records");
    assertTrue(second.values().stream().noneMatch(r -> r.get("status").equals("new")));
    assertEquals("include", second.get(agreeInclude).get("decision"));
    assertEquals("human", second.get(agreeInclude).get("stage"));
    assertEquals("peer training evaluated", second.get(agreeInclude).get("reason"));
    assertEquals("exclude", second.get(agreeExclude).get("decision"));
    assertEquals("exclude", second.get(overrideIncluded).get("decision"));
    assertEquals("review", second.get(disagree).get("decision"));
    assertEquals("human", second.get(disagree).get("stage"));
    assertEquals("review", second.get(selfConflict).get("decision"), "unusable rows change nothing");
    assertEquals(Set.of(disagree), new HashSet<>(csv(run2, "conflicts.csv").stream().map(c -> c.get("record_id")).toList()));
    List<Map<String, String>> problems = csv(run2, "decision-problems.csv");
    Map<String, Integer> problemIds = new HashMap<>();
    problems.forEach(p -> problemIds.merge(p.get("record_id"), 1, Integer::sum));
    assertEquals(Map.of(selfConflict, 2, "ls-0000000000000000", 1, agreeInclude, 1), problemIds, problems.toString());
    assertTrue(r2.err().contains("decision-problems.csv"), r2.err());
    assertTrue(r2.err().contains("unknown record_id"), r2.err());
    assertChangesExact(run1, run2);
    assertEquals(3, csv(run2, "changes.csv").size(), "3 records changed decision by human decision (the conflict stays in review)");
    JsonNode kappa = json(run2.resolve("manifest.json")).get("living").get("kappa");
    assertNotNull(kappa);
    // alice and bob decided 4 records together: include/include, exclude/exclude, include/exclude, exclude/exclude
    // po = 3/4, pe = (2/4*1/4) + (2/4*3/4) = 0.5, kappa = 0.5
    assertEquals(0.5, kappa.get("kappa").asDouble(), 1e-9);
    assertEquals(4, kappa.get("records").asInt());
    assertTrue(r2.out().contains("Cohen's kappa 0.500"), r2.out());
    assertEquals(11, decisionSet(csv(run2, "decisions.csv")).size(),
        "every row with a valid value is kept (also the unknown id and the self-conflict), once");
    assertNothingLost(run1, run2);
    JsonNode p2 = json(run2.resolve("prisma.json"));
    assertEquals(csv(run1, "included.csv").size(), p2.get("previous").get("studies").asLong());
    assertPrismaAddsUp(run2, 0);

    // 3. second search: all five databases, overlapping the first
    Path run3 = dir.resolve("run3");
    CliTest.Result r3 = CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", run3.toString(),
        "--previous", run2.toString(), CliTest.root().resolve("sample-data").toString());
    assertEquals(0, r3.code(), r3.err());
    assertNothingLost(run2, run3);
    Map<String, Map<String, String>> third = rows(run3);
    String id3 = json(run3.resolve("manifest.json")).get("run_id").asText();
    Set<String> dois2 = new HashSet<>();
    second.values().forEach(r -> dois2.add(r.get("doi").toLowerCase()));
    long newCount = 0;
    for (Map<String, String> r : third.values()) {
      boolean isNew = !second.containsKey(r.get("record_id"));
      assertEquals(isNew ? "new" : (second.get(r.get("record_id")).get("decision").equals(r.get("decision"))
          ? "unchanged" : "changed"), r.get("status"), r.get("record_id"));
      if (isNew) {
        newCount++;
        assertEquals(id3, r.get("first_seen"));
        assertTrue(r.get("doi").isEmpty() || !dois2.contains(r.get("doi").toLowerCase()),
            "a record with a DOI seen before is not new: " + r.get("doi"));
      }
    }
    assertTrue(newCount > 0 && newCount < third.size(), "the second search overlaps and adds: " + newCount);
    assertEquals(newCount, csv(run3, "new-included.csv").size() + csv(run3, "new-review.csv").size()
        + third.values().stream().filter(r -> r.get("status").equals("new") && r.get("decision").equals("exclude")).count());
    assertChangesExact(run2, run3);
    assertTrue(csv(run3, "changes.csv").isEmpty(), "same rules, same decisions: nothing changes");
    assertPrismaAddsUp(run3, newCount);
    JsonNode p3 = json(run3.resolve("prisma.json"));
    assertEquals(csv(run2, "included.csv").size(), p3.get("previous").get("studies").asLong());
    assertEquals(third.size(), second.size() + newCount);

    // 4. rules change: the search ends in 2015 instead of 2022, and this month's run is given only
    //    two of the five exports, so most earlier records are carried forward, not in the inputs
    Path rules2 = dir.resolve("rules-2015.yaml");
    String text = Files.readString(rules());
    assertTrue(text.contains("years: {from: 1995, to: 2022}"));
    Files.writeString(rules2, text.replace("years: {from: 1995, to: 2022}", "years: {from: 1995, to: 2015}"));
    Path run4 = dir.resolve("run4");
    CliTest.Result r4 = CliTest.run("screen", "--one-line", "--rules", rules2.toString(), "--out", run4.toString(),
        "--previous", run3.toString(), sample("cinahl-ebsco.ris").toString(), sample("wos.ris").toString());
    assertEquals(0, r4.code(), r4.err());
    JsonNode living4 = json(run4.resolve("manifest.json")).get("living");
    assertTrue(living4.get("rules_changed").asBoolean());
    assertNothingLost(run3, run4);
    assertChangesExact(run3, run4);
    assertTrue(rows(run4).values().stream().noneMatch(r -> r.get("status").equals("new")));
    assertPrismaAddsUp(run4, 0);

    // the reference: the same rules change with every export given, so every record is screened
    // from the exports (the way that needs no stored records)
    Path run4all = dir.resolve("run4-all");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules2.toString(), "--out", run4all.toString(),
        "--previous", run3.toString(), CliTest.root().resolve("sample-data").toString()).code());
    Map<String, Map<String, String>> fourth = rows(run4);
    Map<String, Map<String, String>> reference = rows(run4all);
    assertEquals(reference.keySet(), fourth.keySet());
    Set<String> inInputs = new HashSet<>();
    for (Map<String, String> r : fourth.values()) {
      if (r.get("sources").contains("cinahl-ebsco.ris") || r.get("sources").contains("wos.ris")) {
        inInputs.add(r.get("record_id"));
      }
    }
    long carried = fourth.size() - inInputs.size();
    assertEquals(carried, living4.get("carried_forward").asLong());
    assertTrue(carried > fourth.size() / 3, "most earlier records are not in this run's inputs: " + carried);
    assertEquals(carried, living4.get("rescreened").asLong(), "every carried-forward record is re-screened");
    assertEquals(0, living4.get("not_rescreened").asLong());
    assertEquals(0, living4.get("warnings").size(), living4.toString());
    assertTrue(r4.out().contains(" carried=" + carried + " rescreened=" + carried + " not_rescreened=0 "), r4.out());
    Set<String> changedCarried = new HashSet<>();
    for (Map<String, String> c : csv(run4, "changes.csv")) {
      if (!inInputs.contains(c.get("record_id"))) {
        changedCarried.add(c.get("record_id"));
        assertEquals("exclude", c.get("new_decision"), c.toString());
        assertTrue(c.get("new_reason").startsWith("year"), c.toString());
      }
    }
    assertFalse(changedCarried.isEmpty(), "the narrower year range changes carried-forward records too");
    for (Map.Entry<String, Map<String, String>> e : fourth.entrySet()) {
      if (inInputs.contains(e.getKey())) {
        continue;
      }
      Map<String, String> want = reference.get(e.getKey());
      for (String col : List.of("decision", "stage", "reason", "matched_blocks", "outcome_tags", "block_evidence")) {
        assertEquals(want.get(col), e.getValue().get(col), "carried-forward " + e.getKey() + " " + col
            + ": re-screened from the stored record as from the exports");
      }
    }
    for (Map<String, String> c : csv(run4all, "changes.csv")) {
      if (!inInputs.contains(c.get("record_id"))) {
        assertTrue(changedCarried.contains(c.get("record_id")), "missing from changes.csv: " + c);
      }
    }

    // a previous run made before records.jsonl.gz existed: carried forward as before, with a warning
    Path oldRun3 = dir.resolve("run3-old");
    Files.createDirectories(oldRun3);
    try (var files = Files.list(run3)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("records.jsonl.gz")) {
          Files.copy(f, oldRun3.resolve(f.getFileName()));
        }
      }
    }
    Path run4old = dir.resolve("run4-old");
    CliTest.Result r4old = CliTest.run("screen", "--one-line", "--rules", rules2.toString(), "--out", run4old.toString(),
        "--previous", oldRun3.toString(), sample("cinahl-ebsco.ris").toString(), sample("wos.ris").toString());
    assertEquals(0, r4old.code(), r4old.err());
    JsonNode livingOld = json(run4old.resolve("manifest.json")).get("living");
    assertEquals(carried, livingOld.get("not_rescreened").asLong());
    assertEquals(0, livingOld.get("rescreened").asLong());
    assertEquals(carried, livingOld.get("without_stored_record").asLong());
    assertTrue(r4old.err().contains("litsieve: warning: " + carried + " carried-forward record(s) were not re-screened"),
        r4old.err());
    assertTrue(r4old.out().contains(" not_rescreened=" + carried + " ") && r4old.out().contains(" warnings=2 "), r4old.out());
    assertNothingLost(run3, run4old);
    assertChangesExact(run3, run4old);
    Map<String, Map<String, String>> third3 = rows(run3);
    for (Map.Entry<String, Map<String, String>> e : rows(run4old).entrySet()) {
      if (!inInputs.contains(e.getKey())) {
        assertEquals(third3.get(e.getKey()).get("decision"), e.getValue().get("decision"), e.getKey());
      }
    }
  }

  @Test
  void aFolderThatIsNotALitsieveRunIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path notRun = Files.createDirectories(dir.resolve("notrun"));
    Files.writeString(notRun.resolve("included.csv"), "record_id\n");
    CliTest.Result r = CliTest.run("screen", "--rules", rules().toString(), "--out", dir.resolve("o").toString(),
        "--previous", notRun.toString(), sample("pubmed.nbib").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not a litsieve run (no manifest.json"), r.err());
    assertFalse(Files.exists(dir.resolve("o")));

    Files.writeString(notRun.resolve("manifest.json"), "{\"tool\": \"litsieve\", \"version\": \"7.0.0\", \"started\": \"x\"}");
    r = CliTest.run("screen", "--rules", rules().toString(), "--out", dir.resolve("o").toString(),
        "--previous", notRun.toString(), sample("pubmed.nbib").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("made by litsieve 7.0.0"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aFilledInReviewCsvIsADecisionsFile(@TempDir Path dir) throws Exception {
    Path run1 = dir.resolve("run1");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", run1.toString(),
        sample("pubmed.nbib").toString()).code());
    // a reviewer edits review.csv in place: decides the first row, leaves the rest undecided
    CsvTable review = CsvTable.read(run1.resolve("review.csv"));
    assertTrue(review.rows().size() >= 2);
    Map<String, String> decided = review.rows().get(0);
    decided.put("decision", "Exclude");
    decided.put("reason", "qualitative, no training");
    decided.put("reviewer", "alice");
    decided.put("date", "2026-02-01");
    Path filled = dir.resolve("review-alice.csv");
    CsvTable.write(filled, review.columns(), review.rows());

    Path run2 = dir.resolve("run2");
    CliTest.Result r = CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", run2.toString(),
        "--previous", run1.toString(), "--decisions", filled.toString(), sample("pubmed.nbib").toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Map<String, String>> after = rows(run2);
    Map<String, String> row = after.get(decided.get("record_id"));
    assertEquals("exclude", row.get("decision"));
    assertEquals("human", row.get("stage"));
    assertEquals("qualitative, no training", row.get("reason"));
    assertEquals("changed", row.get("status"));
    assertEquals(1, csv(run2, "decisions.csv").size(), "undecided rows are not decisions");
    assertTrue(csv(run2, "decision-problems.csv").isEmpty(), csv(run2, "decision-problems.csv").toString());
    assertEquals("review", after.get(review.rows().get(1).get("record_id")).get("decision"));
    assertEquals(List.of(List.of(decided.get("record_id"), "review", "exclude", review.rows().get(0).get("reason").isEmpty()
        ? "" : CsvTable.read(run1.resolve("review.csv")).rows().get(0).get("reason"), "qualitative, no training")),
        csv(run2, "changes.csv").stream().map(c -> List.of(c.get("record_id"), c.get("old_decision"),
            c.get("new_decision"), c.get("old_reason"), c.get("new_reason"))).toList());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "id,verdict\nx,include\n");
    CliTest.Result b = CliTest.run("screen", "-q", "--rules", rules().toString(), "--out", dir.resolve("o").toString(),
        "--decisions", bad.toString(), sample("pubmed.nbib").toString());
    assertEquals(2, b.code());
    assertTrue(b.err().contains("no \"record_id\" column"), b.err());
  }
}
