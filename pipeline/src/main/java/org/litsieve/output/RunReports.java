package org.litsieve.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.litsieve.model.CsvCells;
import org.litsieve.model.Decision;
import org.litsieve.model.OutputFile;
import org.litsieve.model.OutputSink;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes the reports of a finished run into its (local) output folder, from the files the pipeline
 * and the living-review step wrote there: {@code prisma.svg} and {@code prisma.csv} (from
 * {@code prisma.json}), {@code included.bib} and {@code tags.csv} and {@code report.html} (from
 * {@value ReportRecords#FILE}, {@code prisma.json}, {@code duplicates.csv}, and the ranking in
 * {@code review.csv} and {@code second-look.csv}). It then deletes {@value ReportRecords#FILE},
 * which is not an output. (These reads of files the run wrote are what is left of the run's
 * read-back; each file is still written once.)
 *
 * <p>It runs in the driver after the pipeline, like the manifest: these files each need the whole
 * run at once (unique BibTeX keys, tag totals, one HTML page), and rendering them in one place
 * keeps the files deterministic. The hand-over is read twice, one record at a time: the page
 * holds at most {@value ReportHtml#MAX_TABLE_ROWS} records in full, and the BibTeX keys and the
 * tag table need only a little of each record, so a run of a million records fits the heap.
 * Nothing here needs Node.js or a browser.
 *
 * <p>Failure behaviour: an unreadable or malformed input file throws {@link IOException} naming
 * the file; the caller abandons the temporary output folder, so no partial output is committed.
 */
public final class RunReports {
  public static final String PRISMA_SVG = OutputFile.PRISMA_SVG.fileName();
  public static final String PRISMA_CSV = OutputFile.PRISMA_CSV.fileName();
  public static final String INCLUDED_BIB = OutputFile.INCLUDED_BIB.fileName();
  public static final String TAGS_CSV = OutputFile.TAGS_CSV.fileName();
  public static final String REPORT_HTML = OutputFile.REPORT_HTML.fileName();

  private RunReports() {}

  /** Rows of {@code second-look.csv} the page lists at most: a ranking step hands over no more. */
  public static final int SECOND_LOOK_SHOWN = ReportHtml.MAX_SECOND_LOOK;

  /**
   * The review queue's ranking as the page shows it, handed over in memory by the step that ranked
   * it: {@code rank} and {@code relevance} by record id (these may instead come on the report's
   * records' lines, {@link ReportRecords#line(ScreenedRecord, String, String)}), the first rows of
   * {@code second-look.csv} (ranked, with at least {@code record_id, rank, relevance, title, year,
   * reason}; the page lists the first {@link #SECOND_LOOK_SHOWN}, so a step need hand over no
   * more) and the number of rows the file holds, which the page prints when it lists fewer.
   *
   * @throws IllegalArgumentException when {@code secondLookTotal} is less than the rows given
   */
  public record RankedQueue(Map<String, String[]> byRecord, List<Map<String, String>> secondLook,
      long secondLookTotal) {
    public RankedQueue {
      if (secondLookTotal < secondLook.size()) {
        throw new IllegalArgumentException("a second look of " + secondLookTotal + " rows, " + secondLook.size()
            + " of them given");
      }
    }
  }

  /**
   * Writes the five report files into {@code dir} from {@code prisma.json} and the ranking files
   * there, and removes the hand-over file (for a folder written by another step than this run's).
   */
  public static void write(Path dir, ReportContext context) throws IOException {
    OutputSink.reading(dir.resolve(WriteOutputs.PRISMA_JSON));
    write(dir, context, new ObjectMapper().readTree(dir.resolve(WriteOutputs.PRISMA_JSON).toFile()), null);
  }

  /**
   * Writes the five report files into {@code dir} and removes the hand-over file.
   *
   * @param prisma what {@code prisma.json} holds
   * @param queue the ranking, or null to read it from {@code review.csv} and {@code second-look.csv}
   */
  public static void write(Path dir, ReportContext context, JsonNode prisma, RankedQueue queue) throws IOException {
    PrismaFlow flow;
    try {
      flow = PrismaFlow.from(prisma);
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(WriteOutputs.PRISMA_JSON) + ": " + e.getMessage(), e);
    }
    Path handOver = dir.resolve(ReportRecords.FILE);
    boolean handed = Files.exists(handOver);
    // One pass holds at most the page's records in full; the rest only as what the tag table and
    // the BibTeX keys need, so that a run of a million records fits the heap. A line's head
    // (id, decision, stage, reason) is read first; the record is parsed only when the page, the
    // tag table or the BibTeX keys need it.
    List<ScreenedRecord> shown = new ArrayList<>();
    long[] wanted = {0};
    List<TagTable.Tagged> tagged = new ArrayList<>();
    List<String> bibBases = new ArrayList<>();
    BitSet bibRecords = new BitSet(); // ordinals of the included records in the hand-over
    int[] ordinal = {-1};
    Map<String, String[]> lineRanks = new HashMap<>(); // the queue's ranks the lines carry
    if (handed) {
      ReportRecords.forEachLine(handOver, (n, bytes, from, length) -> {
        ordinal[0]++;
        ReportRecords.Head head = ReportRecords.head(handOver, n, bytes, from, length);
        if (!ReportRecords.wanted(head.decision(), head.stage())) {
          return;
        }
        wanted[0]++;
        boolean table = shown.size() < ReportHtml.MAX_TABLE_ROWS;
        if (!table && head.decision() == Decision.EXCLUDE) {
          return; // only counted: not on the page, no tags, no BibTeX (most of a big run's lines)
        }
        ScreenedRecord s = ReportRecords.parse(handOver, n, bytes, from, length);
        if (table) {
          shown.add(s);
          if (head.decision() == Decision.REVIEW) { // the queue's records: their rank may be on the line
            String[] rank = ReportRecords.rank(bytes, from, length);
            if (rank != null) {
              lineRanks.put(s.recordId(), rank);
            }
          }
        }
        if (s.decision() != Decision.EXCLUDE) {
          tagged.add(TagTable.Tagged.of(s));
        }
        if (s.decision() == Decision.INCLUDE) {
          bibBases.add(BibtexFormat.baseKey(s.record()));
          bibRecords.set(ordinal[0]);
        }
      });
    }
    List<TagTable.Row> tags = TagTable.rowsOf(tagged, context.tags());

    // included.bib is written by a second pass on a second core while report.html is drawn here
    CompletableFuture<Void> bib = CompletableFuture.runAsync(() -> {
      try {
        writeBibtex(handOver, bibRecords, BibtexFormat.keysFromBases(bibBases), dir.resolve(INCLUDED_BIB));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    write(dir, PRISMA_SVG, PrismaSvg.render(flow));
    write(dir, PRISMA_CSV, PrismaCsv.render(flow));
    write(dir, TAGS_CSV, TagTable.csv(tags));
    Set<String> shownIds = new HashSet<>();
    shown.forEach(s -> shownIds.add(s.recordId()));
    write(dir, REPORT_HTML, ReportHtml.render(context, flow, shown, wanted[0],
        duplicates(dir.resolve(WriteOutputs.DUPLICATES_CSV), shownIds::contains), tags,
        queue == null ? ranking(dir, shownIds::contains) : ranking(withRanks(queue, lineRanks), shownIds::contains)));
    try {
      bib.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Files.deleteIfExists(handOver);
  }

  /**
   * {@code included.bib}: the hand-over's records numbered in {@code included} (only those are
   * parsed again), in its order, with {@code keys}.
   */
  private static void writeBibtex(Path handOver, BitSet included, List<String> keys, Path target) throws IOException {
    try (Writer w = OutputSink.newWriter(target)) {
      if (included.isEmpty()) {
        return;
      }
      int[] i = {0};
      ReportRecords.forEach(handOver, included::get, s -> w.write(BibtexFormat.entry(s, keys.get(i[0]++))));
    }
  }

  private static void write(Path dir, String name, String text) throws IOException {
    OutputSink.writeString(dir.resolve(name), text);
  }

  /**
   * {@code duplicates.csv} by record id, then input id: {@code [kept, match_rule]}. Columns are
   * found by their header names, so added columns do no harm; a missing file gives no entries.
   */
  static Map<String, Map<String, String[]>> duplicates(Path file) throws IOException {
    return duplicates(file, id -> true);
  }

  /** {@link #duplicates(Path)} for the record ids {@code wanted} accepts. */
  static Map<String, Map<String, String[]>> duplicates(Path file, Predicate<String> wanted)
      throws IOException {
    Map<String, Map<String, String[]>> out = new HashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    OutputSink.reading(file);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(r)) {
      String[] first = csv.readNext();
      if (first == null) {
        return out;
      }
      List<String> header = List.of(first);
      int id = header.indexOf("record_id");
      int input = header.indexOf("input_id");
      int kept = header.indexOf("kept");
      int rule = header.indexOf("match_rule");
      if (id < 0 || input < 0 || kept < 0 || rule < 0) {
        throw new IOException(file + ": expected columns record_id, input_id, kept, match_rule");
      }
      String[] row;
      while ((row = csv.readNext()) != null) { // row by row: a big run's file need not fit the heap
        CsvCells.restore(row);
        if (!wanted.test(row[id])) {
          continue;
        }
        out.computeIfAbsent(row[id], k -> new HashMap<>())
            .put(row[input], new String[] {row[kept], row[rule]});
      }
    } catch (CsvException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The ranking the page shows: {@code rank} and {@code relevance} of the {@code review.csv} rows
   * whose record id {@code wanted} accepts, and the first {@value ReportHtml#MAX_SECOND_LOOK} rows of
   * {@value OutputFiles#SECOND_LOOK_CSV} (with their total). Columns are found by their header
   * names; a missing file or column gives no entries (a run that was not ranked).
   */
  static ReportHtml.Ranking ranking(Path dir, Predicate<String> wanted) throws IOException {
    Map<String, String[]> byRecord = new HashMap<>();
    readCsv(dir.resolve(WriteOutputs.REVIEW_CSV), List.of("record_id", "rank", "relevance"), row -> {
      if (wanted.test(row[0])) {
        byRecord.put(row[0], new String[] {row[1], row[2]});
      }
    });
    List<Map<String, String>> secondLook = new ArrayList<>();
    long[] total = {0};
    List<String> columns = List.of("record_id", "rank", "relevance", "title", "year", "reason");
    readCsv(dir.resolve(OutputFiles.SECOND_LOOK_CSV), columns, row -> {
      if (total[0]++ < ReportHtml.MAX_SECOND_LOOK) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          m.put(columns.get(i), row[i]);
        }
        secondLook.add(m);
      }
    });
    return new ReportHtml.Ranking(byRecord, secondLook, total[0]);
  }

  /** As {@link #ranking(Path, Predicate)}, from a ranking handed over in memory. */
  /** {@code queue} with the ranks the report's records carry on their lines added. */
  private static RankedQueue withRanks(RankedQueue queue, Map<String, String[]> lineRanks) {
    if (lineRanks.isEmpty()) {
      return queue;
    }
    Map<String, String[]> byRecord = new HashMap<>(queue.byRecord());
    byRecord.putAll(lineRanks);
    return new RankedQueue(byRecord, queue.secondLook(), queue.secondLookTotal());
  }

  static ReportHtml.Ranking ranking(RankedQueue queue, Predicate<String> wanted) {
    Map<String, String[]> byRecord = new HashMap<>();
    queue.byRecord().forEach((id, rank) -> {
      if (wanted.test(id)) {
        byRecord.put(id, rank);
      }
    });
    List<Map<String, String>> secondLook = new ArrayList<>();
    List<String> columns = List.of("record_id", "rank", "relevance", "title", "year", "reason");
    for (Map<String, String> row : queue.secondLook()) {
      if (secondLook.size() == ReportHtml.MAX_SECOND_LOOK) {
        break;
      }
      Map<String, String> m = new java.util.LinkedHashMap<>();
      columns.forEach(c -> m.put(c, row.getOrDefault(c, "")));
      secondLook.add(m);
    }
    return new ReportHtml.Ranking(byRecord, secondLook, queue.secondLookTotal());
  }

  /**
   * Hands {@code columns} of each row of a CSV file to {@code visit}, in that order, row by row;
   * nothing when the file or one of the columns is missing.
   */
  private static void readCsv(Path file, List<String> columns, java.util.function.Consumer<String[]> visit)
      throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    OutputSink.reading(file);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(r)) {
      String[] first = csv.readNext();
      if (first == null) {
        return;
      }
      List<String> header = List.of(first);
      int[] at = columns.stream().mapToInt(header::indexOf).toArray();
      if (java.util.Arrays.stream(at).anyMatch(i -> i < 0)) {
        return;
      }
      String[] row;
      while ((row = csv.readNext()) != null) {
        String[] picked = new String[at.length];
        for (int i = 0; i < at.length; i++) {
          picked[i] = at[i] < row.length ? CsvCells.restore(row[at[i]]) : "";
        }
        visit.accept(picked);
      }
    } catch (CsvException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The names of the report files, in the order they are described in the docs. */
  public static List<String> files() {
    return new ArrayList<>(List.of(PRISMA_SVG, PRISMA_CSV, INCLUDED_BIB, TAGS_CSV, REPORT_HTML));
  }
}
