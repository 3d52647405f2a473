package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;

/** The review queue is ranked, by the rules' evidence at first and by reviewers' decisions once there are some. */
class RankedQueueTest {
  static void assertRanked(List<String> columns, List<Map<String, String>> rows) {
    assertEquals(List.of("rank", "relevance"), columns.subList(0, 2));
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      assertEquals(String.valueOf(i + 1), r.get("rank"));
      double rel = Double.parseDouble(r.get("relevance"));
      assertTrue(rel >= 0 && rel <= 1, r.toString());
      if (i > 0) {
        Map<String, String> p = rows.get(i - 1);
        double prev = Double.parseDouble(p.get("relevance"));
        assertTrue(prev > rel || prev == rel && p.get("record_id").compareTo(r.get("record_id")) < 0,
            "most likely first, ties by record id: " + p.get("record_id") + " before " + r.get("record_id"));
      }
    }
  }

  static JsonNode ranking(Path run) throws Exception {
    return new ObjectMapper().readTree(run.resolve("manifest.json").toFile()).get("living").get("ranking");
  }

  @Test
  void theQueueIsRankedByEvidenceThenByDecisionsAndExclusionsGetASecondLook(@TempDir Path dir) throws Exception {
    Path rules = LivingReviewSequenceTest.rules();
    Path pubmed = LivingReviewSequenceTest.sample("pubmed.nbib");
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "--rules", rules.toString(), "--out", run1.toString(), pubmed.toString());
    assertEquals(0, r1.code(), r1.err());
    CsvTable review1 = CsvTable.read(run1.resolve("review.csv"));
    assertTrue(review1.rows().size() >= 4, "the sample has a queue to rank: " + review1.rows().size());
    assertRanked(review1.columns(), review1.rows());
    assertTrue(ranking(run1).get("model").asText().startsWith("rules' evidence"), ranking(run1).toString());
    assertEquals(List.of("rank", "relevance", "record_id", "title", "authors", "year", "doi", "pmid", "reason",
        "matched_blocks", "abstract"), CsvTable.read(run1.resolve("second-look.csv")).columns());

    // reviewers include the top two of the queue and exclude the bottom two
    List<Map<String, String>> q = review1.rows();
    Path decisions = dir.resolve("decisions.csv");
    Files.writeString(decisions, "record_id,decision,reason,reviewer,date,note\n"
        + q.get(0).get("record_id") + ",include,,alice,2026-03-01,\n"
        + q.get(1).get("record_id") + ",include,,alice,2026-03-01,\n"
        + q.get(q.size() - 1).get("record_id") + ",exclude,,alice,2026-03-01,\n"
        + q.get(q.size() - 2).get("record_id") + ",exclude,,alice,2026-03-01,\n");
    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "--rules", rules.toString(), "--out", run2.toString(),
        "--decisions", decisions.toString(), pubmed.toString());
    assertEquals(0, r2.code(), r2.err());
    CsvTable review2 = CsvTable.read(run2.resolve("review.csv"));
    assertEquals(q.size() - 4, review2.rows().size(), "decided records leave the queue");
    assertRanked(review2.columns(), review2.rows());
    JsonNode ranking = ranking(run2);
    assertTrue(ranking.get("model").asText().startsWith("logistic regression"), ranking.toString());
    assertEquals(4, ranking.get("trained_on").asInt());
    assertTrue(r2.out().contains("ranking     review queue ranked by logistic regression on 4 reviewer decisions"), r2.out());
    for (Map<String, String> s : CsvTable.read(run2.resolve("second-look.csv")).rows()) {
      assertTrue(Double.parseDouble(s.get("relevance")) >= 0.5, s.toString());
    }
  }
}
