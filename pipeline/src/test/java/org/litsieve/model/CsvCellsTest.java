package org.litsieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.opencsv.CSVReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Formula-leading cells are neutralised the OWASP way, and litsieve reads back what it wrote. */
class CsvCellsTest {
  @Test
  void formulaLeadingCellsGetAQuote() {
    assertEquals("'=HYPERLINK(\"http://x.example\",\"a\")", CsvCells.neutralise("=HYPERLINK(\"http://x.example\",\"a\")"));
    assertEquals("'+cmd|' /C calc'!A0", CsvCells.neutralise("+cmd|' /C calc'!A0"));
    assertEquals("'-2+3+cmd", CsvCells.neutralise("-2+3+cmd"));
    assertEquals("'@SUM(1,2)", CsvCells.neutralise("@SUM(1,2)"));
    assertEquals("'\t=1", CsvCells.neutralise("\t=1"));
    assertEquals("'\r=1", CsvCells.neutralise("\r=1"));
  }

  @Test
  void ordinaryTextAndPlainNumbersAreWrittenAsTheyAre() {
    for (String v : List.of("", "Peer support", "5-7", "-5", "-0.25", "+3", "2019", "'Tis the season", "a=b")) {
      assertEquals(v, CsvCells.neutralise(v), v);
    }
  }

  @Test
  void aCellThatAlreadyStartsWithQuotesBeforeAFormulaGetsOneMore() {
    assertEquals("''=1", CsvCells.neutralise("'=1"));
    assertEquals("'=1", CsvCells.restore("''=1"));
    assertEquals("'Tis", CsvCells.restore("'Tis"), "a quote before ordinary text is text");
  }

  @Test
  void everyValueRoundTripsThroughALine() throws Exception {
    Random random = new Random(19);
    String alphabet = "'=+-@\t\",a1.";
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    String line = CsvCells.line(values);
    try (CSVReader r = new CSVReader(new StringReader(line))) {
      String[] cells = r.readNext();
      for (int i = 0; i < values.size(); i++) {
        String cell = cells[i];
        // what a spreadsheet sees never starts a formula, unless it is a plain number
        if (!cell.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
          assertEquals(false, !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "cell " + i + ": " + cell);
        }
        assertEquals(values.get(i), CsvCells.restore(cell), "value " + i);
      }
    }
  }
}
