package org.litsieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Formula-leading cells are neutralised the OWASP way, and litsieve reads back what it wrote. */
class CsvCellsTest {
  /**
   * {@link CsvCells#restore} reads cells by hand; it must drop a quote exactly where its regular
   * expression does: every cell of up to five characters over quotes, the formula characters,
   * a line feed, a letter, a digit and a space, and 20,000 longer random ones.
   */
  @Test
  void restoreAgreesWithItsRegularExpression() {
    char[] alphabet = {'\'', '=', '+', '-', '@', '\t', '\r', '\n', 'a', '5', ' '};
    List<String> cells = new ArrayList<>();
    cells.add("");
    for (int length = 1; length <= 5; length++) {
      for (long n = 0; n < Math.pow(alphabet.length, length); n++) {
        long k = n;
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < length; d++) {
          b.append(alphabet[(int) (k % alphabet.length)]);
          k /= alphabet.length;
        }
        cells.add(b.toString());
      }
    }
    Random rnd = new Random(23);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int quotes = rnd.nextInt(4);
      b.append("'".repeat(quotes));
      for (int i = rnd.nextInt(12); i > 0; i--) {
        b.append(rnd.nextInt(3) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (char) (32 + rnd.nextInt(95)));
      }
      cells.add(b.toString());
    }
    int restored = 0;
    for (String cell : cells) {
      String want = CsvCells.restoreByPattern(cell);
      assertEquals(want, CsvCells.restore(cell), () -> "cell [" + cell.replace("\t", "\\t").replace("\r", "\\r")
          .replace("\n", "\\n") + "]");
      if (!want.equals(cell)) {
        restored++;
      }
    }
    assertTrue(restored > 1000, "cells with a quote to drop: " + restored);
    assertEquals(null, CsvCells.restore((String) null));
  }

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
