package org.litsieve.history;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
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

/**
 * A CSV file with a header row, as ordered maps from column name to value. Reads and writes RFC
 * 4180 CSV in UTF-8 (a leading BOM is dropped), {@code \n} line ends, as litsieve's outputs are.
 *
 * @param columns the header, in file order
 * @param rows one map per data row; a short row's missing columns are ""
 */
public record CsvTable(List<String> columns, List<Map<String, String>> rows) {

  /**
   * Reads {@code file}.
   *
   * @throws IOException if it cannot be read or is not well-formed CSV (the message names the file)
   */
  public static CsvTable read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVReader csv = new CSVReaderBuilder(in)
            .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
      // row by row: readAll() returns a LinkedList, and indexing it made reading quadratic
      String[] first = csv.readNext();
      if (first == null) {
        return new CsvTable(List.of(), new ArrayList<>());
      }
      List<String> header = new ArrayList<>();
      for (String h : first) {
        header.add(h.replace("\uFEFF", "").trim());
      }
      List<Map<String, String>> rows = new ArrayList<>();
      String[] line;
      while ((line = csv.readNext()) != null) {
        if (line.length == 1 && line[0].isBlank()) {
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          row.put(header.get(c), c < line.length ? line[c] : "");
        }
        rows.add(row);
      }
      return new CsvTable(header, rows);
    } catch (CsvException e) {
      throw new IOException(file + ": not readable as CSV: " + e.getMessage(), e);
    }
  }

  /** Writes {@code rows} under {@code columns} (absent values are ""). */
  public static void write(Path file, List<String> columns, List<Map<String, String>> rows)
      throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        ICSVWriter csv = new CSVWriter(out, ',', ICSVWriter.DEFAULT_QUOTE_CHARACTER,
            ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\n")) {
      csv.writeNext(columns.toArray(new String[0]), false);
      for (Map<String, String> row : rows) {
        String[] line = new String[columns.size()];
        for (int c = 0; c < line.length; c++) {
          line[c] = row.getOrDefault(columns.get(c), "");
        }
        csv.writeNext(line, false);
      }
    }
  }
}
