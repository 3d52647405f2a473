package org.litsieve.history;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.CsvCells;

/**
 * A CSV file with a header row, as ordered maps from column name to value. Reads and writes RFC
 * 4180 CSV in UTF-8 (a leading BOM is dropped), {@code \n} line ends, as litsieve's outputs are;
 * formula-leading cells are written neutralised and read back restored ({@link CsvCells}), so a
 * round trip through a spreadsheet-safe file is lossless.
 *
 * @param columns the header, in file order
 * @param rows one map per data row; a short row's missing columns are ""
 */
public record CsvTable(List<String> columns, List<Map<String, String>> rows) {

  /**
   * Reads {@code file}.
   *
   * @throws IOException if it cannot be read or is not well-formed CSV (the message names the file,
   *     and for a quote that is never closed, {@code file:line} of the row where it opens)
   */
  public static CsvTable read(Path file) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> header = forEachRow(file, (columns, row) -> rows.add(row));
    return new CsvTable(header, rows);
  }

  /**
   * Reads {@code file} as {@link #read} does, handing each row to {@code visitor} in file order
   * without keeping them.
   *
   * @return the header ({@code []} for an empty file)
   * @throws IOException as {@link #read}
   */
  public static List<String> forEachRow(Path file, RowVisitor visitor) throws IOException {
    org.litsieve.model.OutputSink.reading(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return forEachRow(in, file.toString(), visitor);
    }
  }

  /** Receives the rows of a CSV file one at a time. */
  @FunctionalInterface
  public interface RowVisitor {
    /**
     * @param columns the header, in file order
     * @param row the row, column → value, in file order; the visitor may keep it
     */
    void visit(List<String> columns, Map<String, String> row) throws IOException;
  }

  /**
   * Reads the CSV text of {@code in} (a reader of any file system) as {@link #read} reads a file,
   * handing each row to {@code visitor} in file order without keeping them.
   *
   * @param name the file's name, for messages
   * @return the header ({@code []} for an empty file)
   * @throws IOException as {@link #read}
   */
  public static List<String> forEachRow(Reader in, String name, RowVisitor visitor) throws IOException {
    try (CSVReader csv = new CSVReaderBuilder(in)
        .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
      // row by row: readAll() returns a LinkedList, and indexing it made reading quadratic
      String[] first = csv.readNext();
      if (first == null) {
        return List.of();
      }
      List<String> header = new ArrayList<>();
      for (String h : first) {
        header.add(h.replace("\uFEFF", "").trim());
      }
      List<String> columns = List.copyOf(header);
      String[] line;
      while (true) {
        long start = csv.getLinesRead() + 1; // where this row starts, for a quote that never ends
        try {
          line = csv.readNext();
        } catch (CsvMalformedLineException e) {
          throw new IOException(name + ":" + start + ": a quoted value starts on this line and its closing"
              + " quote never comes (a \" is missing or extra)", e);
        }
        if (line == null) {
          break;
        }
        if (line.length == 1 && line[0].isBlank()) {
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          // undo the writer's formula neutralising ('=x), so a value read back is the value written
          row.put(header.get(c), c < line.length ? CsvCells.restore(line[c]) : "");
        }
        visitor.visit(columns, row);
      }
      return header;
    } catch (CsvException e) {
      throw new IOException(name + ": not readable as CSV: " + e.getMessage(), e);
    }
  }

  /**
   * Where the rows of a CSV file end, told byte by byte as {@link #forEachRow}'s parser (opencsv's
   * RFC 4180 parser) reads the file, for a reader that cuts a file into pieces read apart: a line
   * feed outside a quoted value. A quote opens a quoted value only at a value's start (elsewhere it
   * is a character of the value, as the parser reads it); inside, two quotes are one quote and a
   * single one closes it. So a cut falls only where the parser of the whole file would start a
   * row, and a quote that never closes (a file edited by hand) leaves no cut after it: the rest is
   * read as one piece, and fails as the whole file's reading would. ({@link #appendColumns} counts
   * quotes more simply, as it reads only files litsieve wrote, whose quotes open values.)
   */
  public static final class RowEnds {
    private boolean quoted;
    private boolean quoteSeen; // inside a quoted value: a quote just came (a doubled one, or the end)
    private boolean valueStart = true;

    /** Whether {@code b}, the file's next byte, ends a row. */
    public boolean endsRow(byte b) {
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (b == '"') {
            return false; // two quotes: one quote in the value
          }
          quoted = false; // the value closed at the quote before: b is read outside it
        } else {
          quoteSeen = b == '"';
          return false;
        }
      }
      if (b == '"' && valueStart) {
        quoted = true;
        valueStart = false;
        return false;
      }
      valueStart = b == ',' || b == '\n';
      return b == '\n';
    }
  }

  /**
   * Adds the columns {@code names} to every row of {@code file}, each row getting {@code values},
   * by appending to each row's text: a file written by {@link #write} (or litsieve's pipeline,
   * which writes CSV the same way) comes out as {@link #write} would write it with the added
   * columns. Row ends are the line ends outside quotes (the quotes of such a file pair up), so a
   * value with line breaks in it stays whole; a carriage return inside a value becomes a line
   * feed, as {@link #read} reads it. Streams the file; memory does not grow with it.
   */
  public static void appendColumns(Path file, List<String> names, List<String> values) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    appendColumns(file, tmp, names, values);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** As {@link #appendColumns(Path, List, List)}, writing the result to {@code target} instead. */
  public static void appendColumns(Path file, Path target, List<String> names, List<String> values)
      throws IOException {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + values.size() + " values");
    }
    byte[] header = suffix(names);
    byte[] row = suffix(values);
    org.litsieve.model.OutputSink.reading(file);
    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        java.io.OutputStream out = new java.io.BufferedOutputStream(
            org.litsieve.model.OutputSink.create(target), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      boolean quoted = false;
      boolean first = true;
      boolean cr = false; // a carriage return inside quotes was held back
      byte last = '\n';
      int n;
      while ((n = in.read(buf)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (cr) {
            cr = false;
            if (b != '\n') {
              out.write('\n'); // a lone CR in a value: a line break, as read() gives it
            }
          }
          if (b == '"') {
            quoted = !quoted;
          } else if (b == '\r' && quoted) {
            // read() gives a value's CRLF or CR as LF; so does this, to write what write() would
            out.write(buf, from, i - from);
            from = i + 1;
            cr = true;
          } else if (b == '\n' && !quoted) {
            out.write(buf, from, i - from);
            out.write(first ? header : row);
            first = false;
            from = i; // the line end itself goes with the next write
          }
        }
        out.write(buf, from, n - from);
        last = buf[n - 1];
      }
      if (cr) {
        out.write('\n');
        last = '\n';
      }
      if (last != '\n') {
        out.write(first ? header : row); // a last row without a line end gets one, as write() ends rows
        out.write('\n');
      }
    }
  }

  /** {@code ,v1,v2,…} as {@link #write} writes the values after other columns, without line end. */
  private static byte[] suffix(List<String> values) {
    return ("," + CsvCells.line(values, "")).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code rows} under {@code columns} (absent values are ""). */
  public static void write(Path file, List<String> columns, List<Map<String, String>> rows)
      throws IOException {
    try (Writer out = org.litsieve.model.OutputSink.newWriter(file)) {
      write(out, columns, rows);
    }
  }

  /**
   * Writes the text {@link #write(Path, List, List)} writes to {@code out} (a writer of any file
   * system, opened through the output sink by the caller), without closing it.
   */
  public static void write(Writer out, List<String> columns, List<Map<String, String>> rows) throws IOException {
    out.write(CsvCells.line(columns));
    for (Map<String, String> row : rows) {
      List<String> line = new ArrayList<>(columns.size());
      for (String c : columns) {
        line.add(row.getOrDefault(c, ""));
      }
      out.write(CsvCells.line(line));
    }
  }

  /**
   * A value as {@link #read} gives it back after {@link #write} wrote it: a carriage return (alone
   * or before a line feed) inside a value comes back as a line feed.
   */
  public static String readBack(String value) {
    return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n');
  }
}
