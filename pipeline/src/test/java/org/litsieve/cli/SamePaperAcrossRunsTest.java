package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper exported in one month from Scopus and in the next from PubMed, spelled as each database
 * spells it (Scopus: a DOI, an HTML entity and italics in the title, full names "van Kessel, Anna
 * B."; MEDLINE: no DOI yet, the title plain with a closing period, and, as PubMed writes a record
 * without full author names, only "van Kessel AB"), is one paper to the deduplication. A run
 * continuing from the first must call it one paper too: it keeps its record id, its first run and
 * the reviewers' decision on it. Made-up records in the two exports' layouts.
 */
class SamePaperAcrossRunsTest {
  static final String SCOPUS_HEADER = "\uFEFF\"Authors\",\"Author full names\",\"Title\",\"Year\",\"Source title\","
      + "\"Volume\",\"Issue\",\"Page start\",\"Page end\",\"DOI\",\"Abstract\",\"Author Keywords\",\"PubMed ID\","
      + "\"Language of Original Document\",\"Document Type\",\"Source\"\r\n";
  static final String SCOPUS_GINKGO = "\"van Kessel A.B.; Okafor C.\",\"van Kessel, Anna B. (57200000001); Okafor,"
      + " Chidi (57200000002)\",\"<i>Ginkgo biloba</i> &amp; memory in older adults: a randomised trial of"
      + " <i>EGb 761</i>\",\"2021\",\"Journal of Gerontological Nursing\",\"47\",\"3\",\"33\",\"40\","
      + "\"10.5555/JGN.2021.033.v2\",\"Older adults took a ginkgo extract or placebo for a year; memory did not"
      + " differ.\",\"ginkgo; memory; peer support\",\"\",\"English\",\"Article\",\"Scopus\"\r\n";
  static final String SCOPUS_OTHER = "\"Ngata T.\",\"Ngata, Tui (57200000003)\",\"Peer support workers in"
      + " community mental health teams\",\"2020\",\"Psychiatric Services\",\"71\",\"5\",\"455\",\"462\","
      + "\"10.5555/ps.2020.455\",\"A peer workforce programme with structured training.\",\"peer support\",\"\","
      + "\"English\",\"Article\",\"Scopus\"\r\n";
  static final String MEDLINE_GINKGO = String.join("\n",
      "PMID- 39990001",
      "OWN - NLM",
      "STAT- MEDLINE",
      "VI  - 47",
      "IP  - 3",
      "DP  - 2021 Mar",
      "TI  - Ginkgo biloba & memory in older adults: a randomised trial of EGb 761.",
      "PG  - 33-40",
      "AB  - Older adults took a ginkgo extract or placebo for a year; memory did not differ.",
      "AU  - van Kessel AB",
      "AU  - Okafor C",
      "LA  - eng",
      "PT  - Journal Article",
      "TA  - J Gerontol Nurs",
      "JT  - Journal of gerontological nursing",
      "", "");

  @Test
  void aPaperSpelledAsAnotherDatabaseSpellsItKeepsItsIdAndDecision(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("scopus-2026-01.csv");
    Files.writeString(first, SCOPUS_HEADER + SCOPUS_GINKGO + SCOPUS_OTHER);
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "-q", "--rules", LivingReviewSequenceTest.rules().toString(),
        "--out", run1.toString(), "--run-id", "2026-01", first.toString());
    assertEquals(0, r1.code(), r1.err());
    Map<String, Map<String, String>> before = LivingReviewSequenceTest.rows(run1);
    assertEquals(2, before.size(), before.keySet().toString());
    String ginkgoId = before.values().stream().filter(r -> r.get("title").contains("Ginkgo")).findFirst()
        .orElseThrow().get("record_id");

    Path second = dir.resolve("pubmed-2026-02.nbib");
    Files.writeString(second, MEDLINE_GINKGO);
    // deduplication, given both exports at once, calls the two spellings one paper
    Path both = dir.resolve("dedup-both");
    CliTest.Result d = CliTest.run("dedup", "-q", "--out", both.toString(), first.toString(), second.toString());
    assertEquals(0, d.code(), d.err());
    assertEquals(2, LivingReviewSequenceTest.csv(both, "records.csv").size(), "one paper to deduplication");

    // reviewers include it by hand, on the first run's id
    Path decisions = dir.resolve("decisions.csv");
    Files.writeString(decisions, "record_id,decision,reason,reviewer,date,note\r\n"
        + ginkgoId + ",include,randomised trial of a supplement,alice,2026-01-20,\r\n");

    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "-q", "--rules", LivingReviewSequenceTest.rules().toString(),
        "--out", run2.toString(), "--run-id", "2026-02", "--previous", run1.toString(),
        "--decisions", decisions.toString(), second.toString());
    assertEquals(0, r2.code(), r2.err());
    Map<String, Map<String, String>> after = LivingReviewSequenceTest.rows(run2);
    assertEquals(2, after.size(), "the PubMed copy is the Scopus record, not a third paper: " + after.keySet());
    Map<String, String> ginkgo = after.get(ginkgoId);
    assertEquals(true, ginkgo != null, "the PubMed copy keeps the first run's id " + ginkgoId + ": " + after.keySet());
    assertEquals("2026-01", ginkgo.get("first_seen"));
    assertEquals("include", ginkgo.get("decision"));
    assertEquals("human", ginkgo.get("stage"));
    assertEquals("39990001", ginkgo.get("pmid"), "this run's copy of the record, matched to the earlier one");
    JsonNode living = LivingReviewSequenceTest.json(run2.resolve("manifest.json")).get("living");
    assertEquals(0, living.get("new").asLong(), living.toString());
    assertEquals(1, living.get("already_known").asLong(), living.toString());
    assertEquals(1, living.get("carried_forward").asLong(), living.toString());
  }
}
