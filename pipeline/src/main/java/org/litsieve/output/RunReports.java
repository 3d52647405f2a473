package org.litsieve.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.litsieve.model.Decision;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes the reports of a finished run into its (local) output folder, from the files the pipeline
 * wrote there: {@code prisma.svg} and {@code prisma.csv} (from {@code prisma.json}),
 * {@code included.bib} and {@code tags.csv} and {@code report.html} (from
 * {@value ReportRecords#FILE}, {@code prisma.json} and {@code duplicates.csv}). It then deletes
 * {@value ReportRecords#FILE}, which is not an output.
 *
 * <p>It runs in the driver after the pipeline, like the manifest: these files each need the whole
 * run at once (unique BibTeX keys, tag totals, one HTML page), the included and review records
 * are a small part of the input, and rendering them in one place keeps the files deterministic.
 * Nothing here needs Node.js or a browser.
 *
 * <p>Failure behaviour: an unreadable or malformed input file throws {@link IOException} naming
 * the file; the caller abandons the temporary output folder, so no partial output is committed.
 */
public final class RunReports {
  public static final String PRISMA_SVG = "prisma.svg";
  public static final String PRISMA_CSV = "prisma.csv";
  public static final String INCLUDED_BIB = "included.bib";
  public static final String TAGS_CSV = "tags.csv";
  public static final String REPORT_HTML = "report.html";

  private RunReports() {}

  /** Writes the five report files into {@code dir} and removes the hand-over file. */
  public static void write(Path dir, ReportContext context) throws IOException {
    JsonNode prisma = new ObjectMapper().readTree(dir.resolve(WriteOutputs.PRISMA_JSON).toFile());
    PrismaFlow flow;
    try {
      flow = PrismaFlow.from(prisma);
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(WriteOutputs.PRISMA_JSON) + ": " + e.getMessage(), e);
    }
    Path handOver = dir.resolve(ReportRecords.FILE);
    List<ScreenedRecord> records = Files.exists(handOver)
        ? ReportRecords.read(handOver).stream().filter(ReportRecords::wanted).toList() : List.of();
    List<ScreenedRecord> included = records.stream()
        .filter(s -> s.decision() == Decision.INCLUDE).toList();
    List<TagTable.Row> tags = TagTable.rows(records, context.tags());

    // included.bib is drawn on a second core while report.html is drawn on this one
    CompletableFuture<String> bib = CompletableFuture.supplyAsync(() -> BibtexFormat.render(included));
    write(dir, PRISMA_SVG, PrismaSvg.render(flow));
    write(dir, PRISMA_CSV, PrismaCsv.render(flow));
    write(dir, TAGS_CSV, TagTable.csv(tags));
    write(dir, REPORT_HTML, ReportHtml.render(context, flow, records,
        duplicates(dir.resolve(WriteOutputs.DUPLICATES_CSV)), tags));
    try {
      write(dir, INCLUDED_BIB, bib.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Files.deleteIfExists(handOver);
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /**
   * {@code duplicates.csv} by record id, then input id: {@code [kept, match_rule]}. Columns are
   * found by their header names, so added columns do no harm; a missing file gives no entries.
   */
  static Map<String, Map<String, String[]>> duplicates(Path file) throws IOException {
    Map<String, Map<String, String[]>> out = new HashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(r)) {
      List<String[]> rows = csv.readAll();
      if (rows.isEmpty()) {
        return out;
      }
      List<String> header = List.of(rows.get(0));
      int id = header.indexOf("record_id");
      int input = header.indexOf("input_id");
      int kept = header.indexOf("kept");
      int rule = header.indexOf("match_rule");
      if (id < 0 || input < 0 || kept < 0 || rule < 0) {
        throw new IOException(file + ": expected columns record_id, input_id, kept, match_rule");
      }
      for (String[] row : rows.subList(1, rows.size())) {
        out.computeIfAbsent(row[id], k -> new HashMap<>())
            .put(row[input], new String[] {row[kept], row[rule]});
      }
    } catch (CsvException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The names of the report files, in the order they are described in the docs. */
  public static List<String> files() {
    return new ArrayList<>(List.of(PRISMA_SVG, PRISMA_CSV, INCLUDED_BIB, TAGS_CSV, REPORT_HTML));
  }
}
