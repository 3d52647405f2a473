package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;

/**
 * A screening run's ranking reads a record's title as the replay of {@code simulate} does: a title
 * that an export wrapped over two lines ranks as the same title on one line, rather than lending its
 * second line to the abstract (where its terms would weigh less than a title's).
 */
class RankStepTextTest {
  private static final List<String> COLUMNS = List.of("record_id", "title", "abstract", "decision", "stage");

  private static Map<String, String> row(String id, String title, String abs, String decision) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("record_id", id);
    r.put("title", title);
    r.put("abstract", abs);
    r.put("decision", decision);
    r.put("stage", "keywords");
    return r;
  }

  private static Map<String, String> relevance(Path dir, String queued) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    Map<String, Boolean> labels = new HashMap<>();
    String[] topics = {"peer worker training", "hospital discharge audit", "peer support supervision",
        "ward staffing costs", "lived experience workforce", "drug dosing trial"};
    for (int i = 0; i < 12; i++) {
      String id = String.format("ls-%016d", i);
      boolean relevant = i % 2 == 0;
      rows.add(row(id, topics[i % topics.length] + " study " + i, "An abstract on " + topics[(i + 2) % topics.length]
          + " and peer workers.", relevant ? "include" : "exclude"));
      labels.put(id, relevant);
    }
    rows.add(row("ls-9000000000000001", queued, "Outcomes of a programme in two regions.", "review"));
    rows.add(row("ls-9000000000000002", "Hospital discharge audit of wards", "Costs and dosing.", "review"));
    CsvTable ranked = RankStep.rank(dir, COLUMNS, rows, labels, List.of(), new LinkedHashMap<>(), new ArrayList<>());
    Map<String, String> out = new HashMap<>();
    ranked.rows().forEach(r -> out.put(r.get("record_id"), r.get("relevance")));
    return out;
  }

  @Test
  void aTitleWrappedOverTwoLinesRanksAsOneLine(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws Exception {
    Map<String, String> oneLine = relevance(a, "Peer worker training for the lived experience workforce");
    Map<String, String> wrapped = relevance(b, "Peer worker training for the\r\nlived experience workforce");
    assertEquals(oneLine, wrapped, "the same title, wrapped by the export");
    // the relevance is the title's to tell: a shorter title ranks otherwise
    Map<String, String> split = relevance(c, "Peer worker training for the");
    assertNotEquals(oneLine.get("ls-9000000000000001"), split.get("ls-9000000000000001"));
  }
}
