package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A previous run's screened rows each hold a decision the living review knows. A row whose
 * decision is anything else (a hand-edited file) would be carried into no screened file, and the
 * paper lost without a word; the run must stop first and say where.
 */
class PreviousRunTest {
  private static Path run(Path dir, String decision) throws Exception {
    LivingUpdateTest.writeRun(dir, List.of(
        LivingUpdateTest.row("ls-a", "Peer support training", "Smith, J", "2019", "10.5555/a", "", "include", ""),
        LivingUpdateTest.row("ls-b", "Recovery coaching", "Ngata, T", "2020", "", "", "review", "missing block")), 2);
    Files.writeString(dir.resolve("manifest.json"),
        "{\"tool\": \"litsieve\", \"version\": \"dev\", \"run_id\": \"2026-01\", \"rules\": {\"sha256\": \"aaa\"}}");
    CsvTable review = CsvTable.read(dir.resolve("review.csv"));
    List<Map<String, String>> rows = new ArrayList<>(review.rows());
    Map<String, String> edited = rows.get(0);
    edited.put("decision", decision);
    CsvTable.write(dir.resolve("review.csv"), review.columns(), rows);
    return dir;
  }

  @Test
  void everyKnownDecisionIsRead(@TempDir Path tmp) throws Exception {
    PreviousRun previous = PreviousRun.read(run(tmp.resolve("prev"), "review"), "dev");
    assertEquals(List.of("include", "review"), previous.rows().stream().map(r -> r.get("decision")).toList());
  }

  @Test
  void aRowWithAnUnknownDecisionStopsTheRunAndSaysWhere(@TempDir Path tmp) throws Exception {
    Path prev = run(tmp.resolve("prev"), "maybe");
    PreviousRun.NotARunException e = assertThrows(PreviousRun.NotARunException.class,
        () -> PreviousRun.read(prev, "dev"));
    String m = e.getMessage();
    assertTrue(m.contains("review.csv") && m.contains("row 1") && m.contains("ls-b") && m.contains("\"maybe\""), m);
    PreviousRun.NotARunException checked = assertThrows(PreviousRun.NotARunException.class,
        () -> PreviousRun.check(prev, "dev"));
    assertEquals(m, checked.getMessage(), "checking without keeping the rows fails the same way");
  }

  /**
   * The graph's path reads the rows again in its pipeline, so the driver only checks them: the
   * same run id and rules, none of the rows held, and a file without the id or decision column
   * refused as {@link PreviousRun#read} refuses it, with a header only or with rows.
   */
  @Test
  void checkingKeepsNoRowsAndRefusesWhatReadingRefuses(@TempDir Path tmp) throws Exception {
    Path prev = run(tmp.resolve("prev"), "review");
    PreviousRun read = PreviousRun.read(prev, "dev");
    PreviousRun checked = PreviousRun.check(prev, "dev");
    assertEquals(2, read.rows().size());
    assertEquals(List.of(), checked.rows());
    assertEquals(read.runId(), checked.runId());
    assertEquals(read.rulesSha256(), checked.rulesSha256());
    assertEquals(read.decisions(), checked.decisions());

    for (String content : List.of("record_id,title\n", "record_id,title\nls-c,Peer work\n")) {
      Files.writeString(prev.resolve("excluded.csv"), content);
      String expected = assertThrows(PreviousRun.NotARunException.class, () -> PreviousRun.read(prev, "dev"))
          .getMessage();
      assertTrue(expected.contains("excluded.csv has no record_id/decision columns"), expected);
      assertEquals(expected,
          assertThrows(PreviousRun.NotARunException.class, () -> PreviousRun.check(prev, "dev")).getMessage());
    }
  }
}
