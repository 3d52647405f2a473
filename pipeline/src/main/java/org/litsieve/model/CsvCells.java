package org.litsieve.model;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one writer of litsieve's CSV cells, and its inverse for litsieve's own readers.
 *
 * <p>Spreadsheets run a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} (and,
 * in some, tab or carriage return) as a formula, so a title {@code =HYPERLINK(…)} from a database
 * export would run in the reviewer's Excel. Following OWASP's advice on CSV injection, such a cell
 * is written with a single quote in front ({@code '=HYPERLINK(…)}), which spreadsheets show as
 * text. Two exceptions keep the files lossless and useful: a plain number ({@code -5},
 * {@code -0.25}, {@code +3}) is not a formula and is written as it is, so numeric columns stay
 * numbers; and a cell that already starts with quotes before such a character ({@code '=x}) gets
 * one more, so that {@link #restore} can undo exactly what {@link #neutralise} did.
 *
 * <p>Input: any strings (null is ""). Output: RFC 4180 CSV text, {@code \n} line ends, fields
 * quoted where needed. Nothing here fails on content.
 */
public final class CsvCells {
  /** Quotes, then a character a spreadsheet starts a formula with. */
  private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@\\t\\r]");
  /** A cell that was neutralised: at least one quote, then such a character. */
  private static final Pattern NEUTRALISED = Pattern.compile("^'+[=+\\-@\\t\\r]");
  /** A plain number (no formula): sign, digits, an optional decimal part. */
  private static final Pattern NUMBER = Pattern.compile("^[+-]?[0-9]+(\\.[0-9]+)?$");

  private CsvCells() {}

  /** The cell as written: a formula-leading value gets a leading {@code '}; others are unchanged. */
  public static String neutralise(String value) {
    if (value == null) {
      return "";
    }
    if (FORMULA.matcher(value).find() && !NUMBER.matcher(value).matches()) {
      return "'" + value;
    }
    return value;
  }

  /**
   * The value a cell written by {@link #neutralise} stood for (one leading {@code '} dropped).
   * Exactly {@link #NEUTRALISED} ({@link #restoreByPattern}), read character by character: every
   * cell of the previous run's files passes here, and a regular expression per cell was the
   * largest litsieve cost of reading a 100,000-record history.
   */
  public static String restore(String cell) {
    if (cell == null || cell.isEmpty() || cell.charAt(0) != '\'') {
      return cell;
    }
    int i = 1;
    while (i < cell.length() && cell.charAt(i) == '\'') {
      i++;
    }
    return i < cell.length() && startsFormula(cell.charAt(i)) ? cell.substring(1) : cell;
  }

  /** A character a spreadsheet starts a formula with (the class in {@link #NEUTRALISED}). */
  private static boolean startsFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** {@link #restore} by its regular expression: the definition the tests hold it to. */
  static String restoreByPattern(String cell) {
    if (cell != null && NEUTRALISED.matcher(cell).find()) {
      return cell.substring(1);
    }
    return cell;
  }

  /** {@link #restore} applied to every cell of a row, in place; returns the row. */
  public static String[] restore(String[] row) {
    for (int i = 0; i < row.length; i++) {
      row[i] = restore(row[i]);
    }
    return row;
  }

  /** One CSV line, each cell {@link #neutralise}d, ended by {@code lineEnd}. */
  public static String line(List<String> values, String lineEnd) {
    String[] cells = new String[values.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = neutralise(values.get(i));
    }
    StringWriter s = new StringWriter();
    try (ICSVWriter w = new CSVWriter(s, ',', ICSVWriter.DEFAULT_QUOTE_CHARACTER,
        ICSVWriter.DEFAULT_QUOTE_CHARACTER, lineEnd)) {
      w.writeNext(cells, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  /** One CSV line with its {@code \n}, each cell {@link #neutralise}d. */
  public static String line(List<String> values) {
    return line(values, "\n");
  }
}
