package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;
import org.litsieve.pipeline.JsTools;

/**
 * A reviewer decides records in report.html, in headless Chromium, with the keyboard and the mouse;
 * the page keeps them over a reload and downloads decisions.csv, which a second {@code screen} run
 * takes with {@code --decisions} as it is. Needs Node.js, {@code npm ci} in
 * {@code pipeline/src/test/js}, and Chromium; skipped without them (failed under
 * {@code -Dlitsieve.requireAll=true}).
 */
class ReportDecisionsInChromiumTest {
  static Map<String, String> mine(JsonNode rows) {
    Map<String, String> m = new TreeMap<>();
    rows.forEach(r -> {
      if (!r.get("mine").asText().isEmpty()) {
        m.put(r.get("id").asText(), r.get("mine").asText());
      }
    });
    return m;
  }

  @Test
  void decisionsMadeInTheReportTakeEffectInTheNextRun(@TempDir Path dir) throws Exception {
    JsTools.requireChromium();
    JsTools.requireNodeModules("puppeteer-core");
    Path rules = LivingReviewSequenceTest.rules();
    Path data = CliTest.root().resolve("sample-data");
    Path run1 = dir.resolve("run1");
    CliTest.Result r1 = CliTest.run("screen", "--rules", rules.toString(), "--out", run1.toString(), data.toString());
    assertEquals(0, r1.code(), r1.err());
    List<Map<String, String>> queue = CsvTable.read(run1.resolve("review.csv")).rows();
    assertTrue(queue.size() >= 7, "the sample has a queue to decide: " + queue.size());

    Path downloads = dir.resolve("downloads");
    JsonNode f = JsTools.run("decide-report.mjs", run1.resolve("report.html").toAbsolutePath().toString(),
        downloads.toAbsolutePath().toString());
    assertEquals(0, f.get("pageErrors").size(), f.get("pageErrors").toString());
    assertEquals(0, f.get("consoleErrors").size(), f.get("consoleErrors").toString());
    assertEquals(0, f.get("otherRequests").size(), "the page loads nothing: " + f.get("otherRequests"));

    // the queue comes first, in review.csv's order (most likely first), with its rank and relevance
    JsonNode initial = f.get("initial");
    for (int i = 0; i < Math.min(queue.size(), initial.size()); i++) {
      JsonNode row = initial.get(i);
      assertEquals(queue.get(i).get("record_id"), row.get("id").asText(), "row " + i);
      assertEquals(queue.get(i).get("rank"), row.get("rank").asText(), "row " + i);
      assertEquals(queue.get(i).get("relevance"), row.get("relevance").asText(), "row " + i);
    }
    assertTrue(f.get("ranking").asText().contains("ranked by rules' evidence"), f.get("ranking").asText());

    // no download without a reviewer's name
    assertTrue(f.get("noReviewer").get("message").asText().contains("name"), f.get("noReviewer").toString());
    assertEquals(0, f.get("noReviewer").get("files").size());
    assertTrue(f.get("afterJ").get(0).get("current").asBoolean(), "j makes the first record current");
    assertTrue(f.get("atFirst").get(0).get("current").asBoolean(), "k moves back to the first record");
    assertEquals("include", f.get("atFirst").get(0).get("mine").asText(), "i included it");
    assertEquals(Map.of(), mine(f.get("undone")), "u takes the decision back");

    String[] ids = new String[7];
    for (int i = 0; i < 7; i++) {
      ids[i] = initial.get(i).get("id").asText();
    }
    Map<String, String> expected = new TreeMap<>(Map.of(ids[0], "include", ids[1], "exclude", ids[3], "maybe",
        ids[4], "exclude", ids[5], "exclude"));
    assertEquals(expected, mine(f.get("decided")), "keys i, e, m and the buttons decide; a second click takes back");
    assertEquals("5", f.get("count").asText());
    assertEquals(expected, mine(f.get("afterReload")), "a reload keeps the decisions");
    assertEquals("tester", f.get("reviewerAfterReload").asText());
    String reason = "wrong population, \"children\" only";
    assertFalse(f.get("reasonFieldOnUndecided").asBoolean(), "an undecided record has no reason field");
    assertEquals(reason, f.get("reasonAfterReload").asText(), "a reload keeps the reason typed");

    // decisions.csv: the layout --decisions takes
    assertEquals("[\"decisions.csv\"]", f.get("files").toString(), "the download arrives");
    Path csv = downloads.resolve("decisions.csv");
    CsvTable t = CsvTable.read(csv);
    assertEquals(List.of("record_id", "decision", "reason", "reviewer", "date", "note"), t.columns());
    Map<String, String> got = new TreeMap<>();
    for (Map<String, String> row : t.rows()) {
      got.put(row.get("record_id"), row.get("decision"));
      assertEquals(row.get("record_id").equals(ids[1]) ? reason : "", row.get("reason"), row.toString());
      assertEquals("tester", row.get("reviewer"));
      assertTrue(row.get("date").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), row.get("date"));
    }
    assertEquals(expected, got);

    // the next run takes the file as it is
    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "--rules", rules.toString(), "--out", run2.toString(),
        "--decisions", csv.toString(), data.toString());
    assertEquals(0, r2.code(), r2.err());
    assertFalse(r2.err().contains("decisions:"), "no decision problems: " + r2.err());
    JsonNode prisma = new ObjectMapper().readTree(run2.resolve("prisma.json").toFile());
    JsonNode human = prisma.get("human");
    assertEquals(1, human.get("included").asInt(), human.toString());
    assertEquals(1, human.get("review").asInt(), human.toString());
    Map<String, Map<String, String>> rows = LivingReviewSequenceTest.rows(run2);
    assertEquals("include", rows.get(ids[0]).get("decision"));
    assertEquals("review", rows.get(ids[3]).get("decision"));
    for (String id : List.of(ids[1], ids[4], ids[5])) {
      assertEquals("exclude", rows.get(id).get("decision"), id);
      assertEquals("human", rows.get(id).get("stage"), id);
    }
    assertTrue(rows.get(ids[1]).get("reason").contains(reason), "the reviewer's reason reaches the next run: "
        + rows.get(ids[1]));
    assertEquals("review", rows.get(ids[2]).get("decision"), "an undecided record stays in the queue");
    assertTrue(CsvTable.read(run2.resolve("included.csv")).rows().stream()
        .anyMatch(r -> r.get("record_id").equals(ids[0])));

    // with decisions of both kinds, the second run's report shows the model and the stopping estimate
    JsonNode ranking = new ObjectMapper().readTree(run2.resolve("manifest.json").toFile()).get("living").get("ranking");
    String html = Files.readString(run2.resolve("report.html"));
    assertTrue(html.contains("<span id=\"ranking-expected\">" + ranking.get("expected_relevant_in_queue").asText()
        + "</span>"), ranking.toString());
    assertTrue(html.contains("trained on " + ranking.get("trained_on").asText() + " reviewer decisions"));
  }
}
