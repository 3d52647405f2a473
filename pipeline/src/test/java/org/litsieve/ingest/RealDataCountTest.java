package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.litsieve.model.Rejected;
import org.litsieve.testing.RealData;

/**
 * Reads every RIS, MEDLINE and CSV/TSV file in the shared real-data folder (exports, the
 * deduplication benchmark's CSVs and the screening datasets; not the search queries) and checks, per file,
 * that the parser that claims it accounts for exactly as many records as a count made here by
 * other means: {@code ER  -} lines for RIS, blank-line-separated tag blocks (split again at a
 * second {@code PMID-}) for MEDLINE, and a quote-aware row count for tables. Files where the two differ for a
 * known reason are listed in {@link #EXPLAINED} with that reason.
 */
public class RealDataCountTest {

  /** Files whose parsed count differs from the independent count, with the count and why. */
  private static final Map<String, Explained> EXPLAINED = Map.of(
      "exports/jabref/importer_fileformat/RisImporterTest1.ris", new Explained(11,
          "11 TY lines (one type each: BOOK, JOUR, …) but only one ER at the end; each TY starts"
              + " a record, and the nine with no title are rejected"),
      "exports/colrev/tests/2_loader/data/ris_data.ris", new Explained(2,
          "two records (TY CONF, TY JOUR) with the ER of the first one missing"),
      "exports/asreview/tests/demo_data/baseline_tag_and_field_definitions.ris", new Explained(1,
          "a tag-definition sheet: after the one record's ER come a stray 'UK  - Unknown Tag' line"
              + " and a second ER, which hold no record"));

  /** A header cell naming a title column, however quoted or cased. */
  private static final Pattern TITLE_HEADER = Pattern.compile(
      "(?i)(^|[,;\\t])\\s*\"?\\s*(title|ti|item title|article title|document title)\\s*\"?\\s*([,;\\t]|$)");

  private record Explained(int count, String reason) {}

  /** Whether {@code rel} (relative to the real-data folder's exports/) is an explained count. */
  static boolean isExplained(String rel, int parsed) {
    Explained e = EXPLAINED.get("exports/" + rel);
    return e != null && e.count() == parsed;
  }

  private static final Pattern RIS_ER = IndependentCounts.RIS_ER;
  private static final Pattern PMID = IndependentCounts.PMID;

  @Test
  void everyExportIsCountedExactly() throws IOException {
    Path exports = RealData.folder();
    assertTrue(Files.isDirectory(exports.resolve("exports")), "no exports/ folder in " + exports);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(exports)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> !exports.relativize(p).startsWith("queries")) // search strings, not exports
          .filter(p -> {
            String n = p.getFileName().toString().toLowerCase();
            return n.endsWith(".ris") || n.endsWith(".nbib") || n.endsWith(".txt")
                || n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".xml")
                || n.endsWith(".isi") || n.endsWith(".bib") || n.endsWith(".enw")
                || n.endsWith(".enl") || n.endsWith(".tab") || n.endsWith(".ciw");
          })
          .sorted()
          .collect(Collectors.toList());
    }
    assertTrue(files.size() > 50, "expected many export files under " + exports + ", found " + files.size());
    List<String> problems = new ArrayList<>();
    Map<String, Integer> claimed = new TreeMap<>();
    StringBuilder table = new StringBuilder();
    for (Path file : files) {
      String rel = exports.relativize(file).toString().replace('\\', '/');
      String name = file.getFileName().toString().toLowerCase();
      byte[] bytes = Files.readAllBytes(file);
      List<String> lines = lines(bytes);
      RecordDump.Result result;
      try {
        result = RecordDump.read(rel, bytes);
      } catch (RuntimeException e) {
        problems.add(rel + ": exception escaped ExportReader: " + e);
        continue;
      }
      String format = result.report().format();
      for (Rejected r : result.rejects()) {
        if (r.position() == 0 && r.reason().contains("parser failed")) {
          problems.add(rel + ": " + r.reason());
        }
      }
      // What the file is, judged here without the parsers' sniffers.
      int erLines = count(lines, RIS_ER);
      int pmidLines = count(lines, PMID);
      String expectedFormat = null;
      if (name.endsWith(".ris") || erLines > 0) {
        expectedFormat = erLines > 0 ? "ris" : null;
      } else if (name.endsWith(".nbib") || pmidLines > 0) {
        expectedFormat = "medline";
      } else if (name.endsWith(".isi") && count(lines, IndependentCounts.WOS_ER) > 0) {
        expectedFormat = "wos";
      } else if (name.endsWith(".xml") && IndependentCounts.occurrences(
          IndependentCounts.text(bytes), IndependentCounts.PUBMED_ARTICLE) > 0) {
        expectedFormat = "pubmed-xml";
      } else if (name.endsWith(".xml") && IndependentCounts.text(bytes).contains("<records>")
          && IndependentCounts.occurrences(
          IndependentCounts.text(bytes), IndependentCounts.ENDNOTE_RECORD) > 0) {
        expectedFormat = "endnote-xml";
      } else if (name.endsWith(".bib") && IndependentCounts.bibEntries(
          IndependentCounts.text(bytes)) > 0) {
        expectedFormat = "bibtex";
      } else if ((name.endsWith(".csv") || name.endsWith(".tsv"))
          && TITLE_HEADER.matcher(lines.get(0)).find()) {
        expectedFormat = "csv"; // a table with a title column must be read; others (id lists,
                                // statistics, a dataset without titles) may be left unclaimed
      }
      if (expectedFormat != null && !expectedFormat.equals(format)) {
        problems.add(rel + ": read as " + format + ", expected " + expectedFormat);
        continue;
      }
      if (format.equals(ExportReader.UNKNOWN)) {
        table.append(String.format("%-8s %6s %6s  %s%n", "-", "", "", rel));
        continue;
      }
      int independent = IndependentCounts.forFormat(format, bytes);
      if (independent < 0) {
        problems.add(rel + ": unexpected format " + format);
        continue;
      }
      int parsed = result.perRecordCount();
      claimed.merge(format, 1, Integer::sum);
      Explained why = EXPLAINED.get(rel);
      table.append(String.format("%-8s %6d %6d  %s%s%n", format, parsed, independent, rel,
          why == null ? "" : "  [explained: " + why.reason() + "]"));
      if (why != null) {
        if (parsed != why.count()) {
          problems.add(rel + ": parsed " + parsed + ", the explained count is " + why.count());
        }
        if (parsed == independent) {
          problems.add(rel + ": listed as explained but the counts now agree (" + parsed + ")");
        }
      } else if (parsed != independent) {
        problems.add(rel + ": parsed " + parsed + " (" + result.records().size() + " records, "
            + (parsed - result.records().size()) + " rejected), counted " + independent);
      }
    }
    System.out.println("format   parsed counted  file\n" + table);
    for (String key : EXPLAINED.keySet()) {
      assertTrue(Files.exists(exports.resolve(key)), "explained file is missing: " + key);
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " real-data files disagree:\n  " + String.join("\n  ", problems));
    }
    // Guard against a detector that silently stops claiming files.
    assertTrue(claimed.getOrDefault("ris", 0) >= 50, "RIS files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("medline", 0) >= 8, "MEDLINE files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("csv", 0) >= 15, "CSV files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("pubmed-xml", 0) >= 15, "PubMed XML files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("wos", 0) >= 6, "WoS files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("ovid", 0) >= 6, "Ovid files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("endnote-xml", 0) >= 7, "EndNote XML files claimed: " + claimed);
    assertTrue(claimed.getOrDefault("bibtex", 0) >= 150, "BibTeX files claimed: " + claimed);
  }

  private static List<String> lines(byte[] bytes) {
    return IndependentCounts.lines(bytes);
  }

  private static int count(List<String> lines, Pattern p) {
    return IndependentCounts.count(lines, p);
  }

  /**
   * Data rows of a delimited file: RFC 4180 quoting (a quote opens a field only at its start),
   * blank rows not counted, header excluded. Tab files without a wholly quoted field are read
   * line by line, as Web of Science writes raw quotes.
   */
  static int tableRows(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String firstLine = text.split("\r\n|\r|\n", 2)[0];
    long tabs = firstLine.chars().filter(c -> c == '\t').count();
    long commas = firstLine.chars().filter(c -> c == ',').count();
    long semis = firstLine.chars().filter(c -> c == ';').count();
    char sep = tabs > 0 && tabs >= commas && tabs >= semis ? '\t' : semis > commas ? ';' : ',';
    boolean quoting = sep != '\t' || Pattern.compile("(^|\\t)\"[^\\t\\n]*\"(\\t|\\r|\\n)",
        Pattern.MULTILINE).matcher(text).find();
    int rows = 0;
    boolean inQuotes = false;
    boolean fieldStart = true;
    boolean rowHasContent = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        rowHasContent = true;
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        }
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (rowHasContent) {
          rows++;
        }
        rowHasContent = false;
        fieldStart = true;
        continue;
      }
      if (c == sep) {
        fieldStart = true;
        continue;
      }
      if (c == '"' && fieldStart && quoting) {
        inQuotes = true;
      } else if (c != ' ' && c != '\uFEFF' && c != '\u00ef' && c != '\u00bb' && c != '\u00bf') {
        rowHasContent = true;
      }
      fieldStart = false;
    }
    if (rowHasContent) {
      rows++;
    }
    return Math.max(0, rows - 1);
  }
}
