package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stable record ids "resolved through deduplication against earlier runs": a paper exported again
 * without its DOI, with its title in title case and British spelling and its journal abbreviated
 * (as a second database exports it), matches no key but keeps its earlier id through the
 * deduplication matcher; its protocol paper and an erratum, which the matcher keeps apart, stay
 * new. Made-up records in the RIS layout of EBSCO and Ovid exports.
 */
class HistoryDeduplicationTest {
  static String ris(String... fields) {
    return String.join("\r\n", fields) + "\r\nER  - \r\n\r\n";
  }

  static final String TRIAL_EBSCO = ris("TY  - JOUR",
      "TI  - Peer support workers in community mental health teams: a randomized controlled trial",
      "AU  - Smith, John A.", "AU  - Doe, Anne", "AU  - Ngata, Tui", "PY  - 2019",
      "JO  - Journal of Psychiatric Rehabilitation", "VL  - 12", "IS  - 3", "SP  - 201", "EP  - 210",
      "DO  - 10.5555/jpr.2019.0123",
      "AB  - Peer support workers were trained and embedded in community teams; recovery outcomes improved.",
      "KW  - peer support", "KW  - training", "LA  - English");
  static final String COACHING_EBSCO = ris("TY  - JOUR",
      "TI  - Recovery coaching by peers for people leaving inpatient care",
      "AU  - Okafor, Chidi", "PY  - 2020", "JO  - Psychiatric Services", "VL  - 71", "IS  - 5",
      "SP  - 455", "EP  - 462", "AB  - A peer workforce programme with structured training.", "LA  - English");
  /** The trial again, as Ovid exports it from another database: no DOI, title case, abbreviated journal. */
  static final String TRIAL_OVID = ris("TY  - JOUR",
      "TI  - Peer Support Workers in Community Mental Health Teams: A Randomised Controlled Trial",
      "AU  - Smith, J. A.", "AU  - Doe, A.", "AU  - Ngata, T.", "PY  - 2019",
      "JO  - J Psychiatr Rehabil", "VL  - 12", "IS  - 3", "SP  - 201-10",
      "AB  - Peer support workers were trained and embedded in community teams; recovery outcomes improved.",
      "KW  - Peer Support", "LA  - English");
  /** The trial's protocol: same authors, near-identical title, earlier year, other volume. */
  static final String PROTOCOL_OVID = ris("TY  - JOUR",
      "TI  - Peer Support Workers in Community Mental Health Teams: A Randomised Controlled Trial Protocol",
      "AU  - Smith, J. A.", "AU  - Doe, A.", "PY  - 2017", "JO  - Trials", "VL  - 18", "SP  - 77",
      "DO  - 10.5555/trials.2017.077", "LA  - English");
  /** An erratum to the trial. */
  static final String ERRATUM_OVID = ris("TY  - JOUR",
      "TI  - Erratum: Peer support workers in community mental health teams: a randomized controlled trial",
      "AU  - Smith, J. A.", "PY  - 2019", "JO  - J Psychiatr Rehabil", "VL  - 12", "IS  - 4", "SP  - 388",
      "LA  - English");

  @Test
  void aPaperExportedAgainWithDifferentMetadataKeepsItsIdThroughDeduplication(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("search-2026-01.ris");
    Files.writeString(first, TRIAL_EBSCO + COACHING_EBSCO);
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "-q", "--rules", LivingReviewSequenceTest.rules().toString(),
        "--out", run1.toString(), "--run-id", "2026-01", first.toString());
    assertEquals(0, r1.code(), r1.err());
    Map<String, Map<String, String>> before = LivingReviewSequenceTest.rows(run1);
    assertEquals(2, before.size());
    String trialId = before.values().stream().filter(r -> r.get("title").startsWith("Peer support")).findFirst()
        .orElseThrow().get("record_id");

    Path second = dir.resolve("search-2026-02.ris");
    Files.writeString(second, TRIAL_OVID + PROTOCOL_OVID + ERRATUM_OVID);
    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "-q", "--rules", LivingReviewSequenceTest.rules().toString(),
        "--out", run2.toString(), "--run-id", "2026-02", "--previous", run1.toString(), second.toString());
    assertEquals(0, r2.code(), r2.err());
    Map<String, Map<String, String>> after = LivingReviewSequenceTest.rows(run2);
    Map<String, String> trial = after.values().stream()
        .filter(r -> r.get("title").startsWith("Peer Support Workers") && r.get("title").endsWith("Trial"))
        .findFirst().orElseThrow();
    assertEquals(trialId, trial.get("record_id"), "the Ovid copy keeps the earlier id: " + after.keySet());
    assertEquals("2026-01", trial.get("first_seen"));
    assertNotEquals("new", trial.get("status"));
    for (Map<String, String> r : after.values()) {
      if (r.get("title").endsWith("Protocol") || r.get("title").startsWith("Erratum")) {
        assertEquals("new", r.get("status"), "kept apart by the matcher: " + r.get("title"));
        assertEquals("2026-02", r.get("first_seen"));
      }
    }
    assertEquals(4, after.size(), "trial, coaching (carried forward), protocol, erratum: "
        + after.values().stream().map(r -> r.get("title")).collect(Collectors.toList()));
    JsonNode living = LivingReviewSequenceTest.json(run2.resolve("manifest.json")).get("living");
    assertEquals(1, living.get("matched_by_dedup").asLong(), living.toString());
    assertEquals(1, living.get("already_known").asLong());
    assertEquals(2, living.get("new").asLong());
    assertEquals(1, living.get("carried_forward").asLong());
    List<String> newIds = LivingReviewSequenceTest.csv(run2, "new-included.csv").stream()
        .map(r -> r.get("record_id")).toList();
    assertTrue(!newIds.contains(trialId), "a paper seen before is not new");
  }
}
