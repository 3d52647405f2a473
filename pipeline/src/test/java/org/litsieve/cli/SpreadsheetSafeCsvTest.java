package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;

/**
 * No CSV file litsieve writes holds a cell a spreadsheet would run as a formula (OWASP's CSV
 * injection), and litsieve reads its own files back to the values it was given: a filled-in
 * review.csv used as {@code --decisions} still applies.
 */
class SpreadsheetSafeCsvTest {
  static final String FORMULA_TITLE = "=HYPERLINK(\"http://evil.example/x\",\"Peer support worker training\")";

  static String ris() {
    return String.join("\r\n",
        "TY  - JOUR", "TI  - " + FORMULA_TITLE, "AU  - @Ames, Ruth", "PY  - 2019", "SP  - -5",
        "JO  - +Journal of Mental Health", "DO  - 10.5555/formula.1",
        "AB  - -Peer support workers in mental health were trained in a course.", "ER  - ", "",
        "TY  - JOUR", "TI  - Peer workers and stigma in addiction services: a training course",
        "AU  - Bell, Ann", "PY  - 2020", "DO  - 10.5555/formula.2",
        "AB  - Peer workers with lived experience were trained; mental health outcomes improved.", "ER  - ", "",
        "TY  - JOUR", "AU  - Untitled, Una", "PY  - 2019", "AB  - =1+1 no title here.", "ER  - ", "");
  }

  static List<String[]> cells(Path csv) throws Exception {
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVReader reader = new CSVReader(r)) {
      return reader.readAll();
    }
  }

  @Test
  void noOutputCellStartsAFormulaAndLitsieveReadsItsOwnFilesBack(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.writeString(in.resolve("search.ris"), ris());
    Path out = dir.resolve("out");
    CliTest.Result r = CliTest.run("screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", out.toString(), in.toString());
    assertEquals(0, r.code(), r.err());

    List<Path> csvs;
    try (Stream<Path> files = Files.list(out)) {
      csvs = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
    }
    assertTrue(csvs.size() >= 6, csvs.toString());
    boolean sawNeutralised = false;
    for (Path csv : csvs) {
      for (String[] row : cells(csv)) {
        for (String cell : row) {
          if (cell.isEmpty() || cell.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
            continue;
          }
          assertFalse("=+-@\t\r".indexOf(cell.charAt(0)) >= 0, csv.getFileName() + ": a cell starts a formula: " + cell);
          sawNeutralised |= cell.startsWith("'=") || cell.startsWith("'@") || cell.startsWith("'-");
        }
      }
    }
    assertTrue(sawNeutralised, "the formula title was written at all");

    // litsieve's own reader gives the values back
    Map<String, String> row = null;
    Path holder = null;
    for (String f : List.of("included.csv", "review.csv", "excluded.csv")) {
      for (Map<String, String> m : CsvTable.read(out.resolve(f)).rows()) {
        if (m.get("doi").equals("10.5555/formula.1")) {
          row = m;
          holder = out.resolve(f);
        }
      }
    }
    assertTrue(row != null, "the formula record was screened");
    assertEquals(FORMULA_TITLE, row.get("title"));
    assertEquals("@Ames, Ruth", row.get("authors"));
    assertEquals("-5", row.get("pages"));

    // a reviewer fills in that file (as a spreadsheet saves it: the quote stays) and feeds it back
    CsvTable table = CsvTable.read(holder);
    List<Map<String, String>> filled = new ArrayList<>();
    for (Map<String, String> m : table.rows()) {
      if (m.get("doi").equals("10.5555/formula.1")) { // the reviewer keeps the row they decided
        Map<String, String> copy = new LinkedHashMap<>(m);
        copy.put("decision", "exclude");
        copy.put("reason", "=wrong population");
        filled.add(copy);
      }
    }
    Path decisions = dir.resolve("filled.csv");
    CsvTable.write(decisions, table.columns(), filled);
    assertTrue(Files.readString(decisions).contains("'=wrong population"), "the reason was neutralised");
    Path out2 = dir.resolve("out2");
    r = CliTest.run("screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", out2.toString(), "--decisions", decisions.toString(), in.toString());
    assertEquals(0, r.code(), r.err());
    List<Map<String, String>> kept = CsvTable.read(out2.resolve("decisions.csv")).rows();
    assertEquals(1, kept.size(), kept.toString());
    assertEquals("=wrong population", kept.get(0).get("reason"));
    assertEquals(row.get("record_id"), kept.get(0).get("record_id"));
    boolean excluded = CsvTable.read(out2.resolve("excluded.csv")).rows().stream()
        .anyMatch(m -> m.get("record_id").equals(kept.get(0).get("record_id")) && m.get("stage").equals("human"));
    assertTrue(excluded, "the reviewer's exclusion applied");
  }
}
