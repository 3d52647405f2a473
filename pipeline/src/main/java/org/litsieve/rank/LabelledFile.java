package org.litsieve.rank;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A labelled screening dataset: a CSV file with a header row, a {@code title} and an {@code abstract}
 * column (either may be missing, not both), optional {@code keywords} and {@code mesh} columns, and a
 * label column named by the caller. Quoted fields may hold line breaks; a UTF-8 byte-order mark is
 * skipped.
 *
 * <p>A label is relevant when it reads {@code 1} (or {@code 1.0}, {@code true}, {@code yes}),
 * irrelevant when it reads {@code 0} ({@code 0.0}, {@code false}, {@code no}). Anything else, an empty
 * label included, stops the read with {@link BadFile} naming the file, line and column: a replay with
 * unknown truth would measure nothing. Row {@code i} is the {@code i}-th data row, from 0.
 *
 * @param texts title and abstract of each row, a line break between them (the title's own breaks made spaces)
 * @param tags keywords and subject headings of each row, as features
 * @param relevant the label of each row
 */
public record LabelledFile(List<String> texts, List<List<String>> tags, boolean[] relevant) {
  /** The file could not be used; the message starts with {@code file:line:col}. */
  public static final class BadFile extends Exception {
    BadFile(String message) {
      super(message);
    }
  }

  /** Reads {@code file}, taking labels from column {@code labelColumn} (matched ignoring case). */
  public static LabelledFile read(Path file, String labelColumn) throws IOException, BadFile {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVReader csv = new CSVReader(in)) {
      String[] header = csv.readNext();
      if (header == null) {
        throw new BadFile(file + ":1:1: the file is empty; a header row is needed");
      }
      if (header.length > 0 && header[0].startsWith("\uFEFF")) {
        header[0] = header[0].substring(1);
      }
      int title = column(header, "title");
      int abs = column(header, "abstract");
      int keywords = column(header, "keywords");
      int mesh = column(header, "mesh");
      int label = column(header, labelColumn);
      if (label < 0) {
        throw new BadFile(file + ":1:1: no column named '" + labelColumn + "'; the header has "
            + String.join(", ", header));
      }
      if (title < 0 && abs < 0) {
        throw new BadFile(file + ":1:1: neither a 'title' nor an 'abstract' column; the header has "
            + String.join(", ", header));
      }
      List<String> texts = new ArrayList<>();
      List<List<String>> tags = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      long line = csv.getLinesRead() + 1;
      String[] row;
      while ((row = csv.readNext()) != null) {
        if (row.length == 1 && row[0].isBlank()) {
          line = csv.getLinesRead() + 1;
          continue;
        }
        String value = cell(row, label).trim().toLowerCase(Locale.ROOT);
        Boolean l = switch (value) {
          case "1", "1.0", "true", "yes" -> Boolean.TRUE;
          case "0", "0.0", "false", "no" -> Boolean.FALSE;
          default -> null;
        };
        if (l == null) {
          throw new BadFile(file + ":" + line + ":" + (label + 1) + ": label '" + value
              + "' in column '" + labelColumn + "' is neither 1 nor 0; every row needs a label to replay");
        }
        labels.add(l);
        texts.add(TextVectors.recordText(cell(row, title), cell(row, abs)));
        List<String> t = new ArrayList<>();
        split(cell(row, keywords), "kw:", t);
        split(cell(row, mesh), "mesh:", t);
        tags.add(t);
        line = csv.getLinesRead() + 1;
      }
      boolean[] rel = new boolean[labels.size()];
      for (int i = 0; i < rel.length; i++) {
        rel[i] = labels.get(i);
      }
      return new LabelledFile(texts, tags, rel);
    } catch (CsvValidationException e) {
      throw new BadFile(file + ":" + e.getLineNumber() + ":1: " + e.getMessage());
    }
  }

  private static void split(String cell, String prefix, List<String> out) {
    for (String s : cell.split("[;|]")) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        out.add(prefix + t);
      }
    }
  }

  private static int column(String[] header, String name) {
    return Arrays.stream(header).map(h -> h.trim().toLowerCase(Locale.ROOT)).toList()
        .indexOf(name.toLowerCase(Locale.ROOT));
  }

  private static String cell(String[] row, int i) {
    return i >= 0 && i < row.length && row[i] != null ? row[i] : "";
  }
}
