package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.rank.LabelledFile;
import org.litsieve.testing.RealData;

/** {@code litsieve simulate}: its files, its figures and its answer to a file it cannot use. */
class SimulateCommandTest {
  /** A labelled export laid out like the published screening datasets, with made-up records. */
  static Path dataset(Path dir) throws Exception {
    Random r = new Random(5);
    String[] topic = {"exercise", "programme", "falls", "older adults", "balance", "randomised"};
    String[] other = {"dialysis", "tumour", "imaging", "vaccine", "infant", "asthma", "diet", "stroke", "liver"};
    StringBuilder s = new StringBuilder("record_id,pubmedID,title,authors,abstract,year,label_included\n");
    for (int i = 0; i < 300; i++) {
      boolean rel = i % 15 == 4;
      StringBuilder abs = new StringBuilder();
      for (int w = 0; w < 25; w++) {
        String[] from = rel && r.nextBoolean() ? topic : other;
        abs.append(from[r.nextInt(from.length)]).append(w == 12 ? ".\n" : " ");
      }
      s.append(i + 1).append(',').append(90000000 + i).append(",\"Study ").append(i).append(" of ")
          .append(rel ? topic[i % topic.length] : other[i % other.length]).append("\",A Author; B Author,\"")
          .append(abs).append("\",2021,").append(rel ? 1 : 0).append('\n');
    }
    Path f = dir.resolve("falls.csv");
    Files.writeString(f, s);
    return f;
  }

  @Test
  void writesTheOrderAndCurveAndPrintsTheMeasures(@TempDir Path dir) throws Exception {
    Path data = dataset(dir);
    CliTest.Result r = CliTest.run("simulate", data.toString(), "--label-column", "label_included", "--seed", "4",
        "--out", dir.resolve("sim").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("falls.csv: 300 records, 20 relevant, seed 4"), r.out());
    for (String m : new String[] {"WSS@95 ", "WSS@100 ", "RRF@10 ", "records screened to find 95% of the relevant ones: ", "knee stopping rule: "}) {
      assertTrue(r.out().contains(m), m + " in " + r.out());
    }
    List<String> lines = Files.readAllLines(dir.resolve("sim/order.csv"));
    assertEquals("rank,row,label", lines.get(0));
    assertEquals(301, lines.size());
    Set<String> rows = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",");
      assertEquals(String.valueOf(i), c[0]);
      int row = Integer.parseInt(c[1]);
      assertEquals(row % 15 == 4 ? "1" : "0", c[2], "row is the 0-based data row, label its truth");
      rows.add(c[1]);
    }
    assertEquals(300, rows.size(), "every row once");
    assertTrue(lines.get(1).endsWith(",1") && lines.get(2).endsWith(",0"), "priors first: one relevant, one irrelevant");
    assertTrue(Files.readString(dir.resolve("sim/recall.svg")).startsWith("<svg"));

    CliTest.Result again = CliTest.run("simulate", data.toString(), "--label-column", "label_included", "--seed", "4",
        "--out", dir.resolve("sim2").toString());
    assertEquals(Files.readString(dir.resolve("sim/order.csv")), Files.readString(dir.resolve("sim2/order.csv")),
        "the same seed gives the same order");
  }

  @Test
  void replaysARealLabelledDatasetWithLineBreaksInQuotedFields(@TempDir Path dir) throws Exception {
    Path kitchenham = RealData.folder("screening/kitchenham2010/Kitchenham_2010.csv");
    CliTest.Result r = CliTest.run("simulate", kitchenham.toString(), "--label-column", "label_included",
        "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Kitchenham_2010.csv: 1704 records, 45 relevant, seed 1"), r.out());
    assertEquals(1705, Files.readAllLines(dir.resolve("order.csv")).size());
    // the counts the data's README gives
    LabelledFile ace = LabelledFile.read(RealData.folder("screening/cohen2006/ACEInhibitors.csv"), "label_included");
    assertEquals(2544, ace.relevant().length);
    int included = 0;
    for (boolean b : ace.relevant()) {
      included += b ? 1 : 0;
    }
    assertEquals(41, included);
  }

  @Test
  void aMissingLabelColumnStopsWithItsPositionAndExitTwo(@TempDir Path dir) throws Exception {
    Path data = dataset(dir);
    CliTest.Result r = CliTest.run("simulate", data.toString(), "--label-column", "included", "--out",
        dir.resolve("sim").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("litsieve: " + data + ":1:1: no column named 'included'"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(dir.resolve("sim/order.csv")));
  }
}
