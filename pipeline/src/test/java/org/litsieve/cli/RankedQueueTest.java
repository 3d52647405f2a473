package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.litsieve.rank.ActiveLearning;
import org.litsieve.rank.RunModel;

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
    // the model simulate measures, whatever ActiveLearning.Settings.DEFAULT is
    assertEquals(RunModel.describe(ActiveLearning.Settings.DEFAULT), ranking.get("model").asText(), ranking.toString());
    assertEquals(4, ranking.get("trained_on").asInt());
    assertTrue(r2.out().contains("ranking     review queue ranked by " + RunModel.describe(ActiveLearning.Settings.DEFAULT)
        + ", trained on 4 reviewer decisions"), r2.out());
    double bar = ranking.get("second_look_bar").asDouble();
    assertTrue(bar >= 0.5, ranking.toString());
    for (Map<String, String> s : CsvTable.read(run2.resolve("second-look.csv")).rows()) {
      // both figures are rounded for their files: a thousandth either way
      assertTrue(Double.parseDouble(s.get("relevance")) >= bar - 0.001, s + " under the bar " + bar);
    }
  }

  @Test
  void aRunWithDecisionsShowsTheKneeMethodsStoppingEstimateOverTheDecisionsInDateOrder(@TempDir Path dir)
      throws Exception {
    Path rules = LivingReviewSequenceTest.rules();
    Path pubmed = LivingReviewSequenceTest.sample("pubmed.nbib");
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "--rules", rules.toString(), "--out", run1.toString(), pubmed.toString());
    assertEquals(0, r1.code(), r1.err());
    assertFalse(r1.out().contains("stopping by"), "no decisions, no stopping estimate: " + r1.out());
    assertTrue(ranking(run1).get("stopping") == null, ranking(run1).toString());
    List<Map<String, String>> q = CsvTable.read(run1.resolve("review.csv")).rows();

    // the includes come first in the file but were decided a day after the excludes; an unknown record
    // id is kept in decisions.csv and not counted
    Path decisions = dir.resolve("decisions.csv");
    Files.writeString(decisions, "record_id,decision,reason,reviewer,date,note\n"
        + q.get(0).get("record_id") + ",include,,alice,2026-03-02,\n"
        + q.get(1).get("record_id") + ",include,,alice,2026-03-02,\n"
        + "ls-not-in-this-search,include,,alice,2026-02-01,\n"
        + q.get(q.size() - 1).get("record_id") + ",exclude,,alice,2026-03-01,\n"
        + q.get(q.size() - 2).get("record_id") + ",exclude,,alice,2026-03-01,\n");
    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "--rules", rules.toString(), "--out", run2.toString(),
        "--decisions", decisions.toString(), pubmed.toString());
    assertEquals(0, r2.code(), r2.err());
    int left = q.size() - 4;
    // in date order the gain curve is 0, 0, 1, 2: no knee yet, so the rate is (2 + 1) / 4 over all four
    // (in row order it would be 1, 2, 2, 2 with the knee at 2 and a rate of 1 / 2)
    double unseen = Math.round(Math.min(left, 0.75 * left) * 10) / 10.0;
    double recall = Math.round(1000 * 2 / (2 + Math.min(left, 0.75 * left))) / 10.0;
    JsonNode stop = ranking(run2).get("stopping");
    assertEquals("knee method (Cormack and Grossman 2016)", stop.get("method").asText(), stop.toString());
    assertFalse(stop.get("stop").asBoolean());
    assertEquals("4 records decided; the rule needs at least 150", stop.get("why").asText());
    assertEquals(4, stop.get("decided").asInt());
    assertEquals(2, stop.get("included").asInt());
    assertEquals(left, stop.get("still_to_screen").asInt());
    assertEquals("decision dates", stop.get("order").asText());
    assertEquals(unseen, stop.get("estimated_relevant_unseen").asDouble(), 1e-9);
    assertEquals(recall, stop.get("estimated_recall").asDouble(), 1e-9);
    String line = r2.out().lines().filter(l -> l.startsWith("ranking ")).findFirst().orElse("");
    assertTrue(line.endsWith("; stopping by the knee method (Cormack and Grossman 2016) over 4 decisions in decision dates:"
        + " not yet (4 records decided; the rule needs at least 150), about " + unseen
        + " relevant still unseen, estimated recall " + recall + "%"), line);
    String html = Files.readString(run2.resolve("report.html"));
    assertTrue(html.contains("<strong id=\"ranking-stop\">not yet</strong>"), "the report's queue section says not yet");
    assertTrue(html.contains("<span id=\"ranking-unseen\">" + unseen + "</span>"), "and the estimate");
    assertTrue(html.contains("<span id=\"ranking-recall\">" + recall + "%</span>"), "and the recall");
    assertTrue(html.contains("id=\"summary-stop\">not yet<"), "the run summary table too");

    // without dates, the order is the file's: the knee is after the two includes, the rate 1 / 2
    Path undated = dir.resolve("undated.csv");
    Files.writeString(undated, Files.readString(decisions).replace("2026-03-02", "").replace("2026-03-01", ""));
    Path run3 = dir.resolve("run3");
    CliTest.Result r3 = CliTest.run("screen", "--rules", rules.toString(), "--out", run3.toString(),
        "--decisions", undated.toString(), pubmed.toString());
    assertEquals(0, r3.code(), r3.err());
    JsonNode stop3 = ranking(run3).get("stopping");
    assertEquals("row order of decisions.csv", stop3.get("order").asText(), stop3.toString());
    assertEquals(Math.round(0.5 * left * 10) / 10.0, stop3.get("estimated_relevant_unseen").asDouble(), 1e-9);
  }
}
