package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.dedup.Deduplicator;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;
import org.litsieve.output.CsvRows;
import org.litsieve.output.WriteOutputs;

/**
 * {@code litsieve dedup} for small inputs, in plain Java without Beam: the same reading
 * ({@link ExportReader}), the same deduplication ({@link Deduplicator}, which finds the groups the
 * Beam {@code Deduplicate} finds) and the same rows, sorted as {@code SortedFiles} sorts them, so
 * the files are byte for byte those of the Beam pipeline. Starting a Beam pipeline costs seconds
 * that a few thousand records do not need.
 *
 * <p>Input: local files whose total size is at most {@link #MAX_BYTES}. Output: the dedup files
 * and {@code inputs.json} in {@code dir}, as the Beam pipeline ({@code DedupPipeline}) writes them. Failure
 * behaviour: a file that cannot be read becomes a reject and an "unreadable" report, as in
 * {@code ReadExports}; an error writing the outputs is thrown.
 */
final class PlainDedup {
  /** Inputs up to this total size are deduplicated in plain Java (everything is held in memory). */
  static final long MAX_BYTES = 32L << 20;

  private PlainDedup() {}

  /** Whether the inputs can take the plain path: all local files, at most {@link #MAX_BYTES} together. */
  static boolean fits(List<InputFiles.InputFile> files) {
    long total = 0;
    for (InputFiles.InputFile f : files) {
      Path p;
      try {
        p = Path.of(f.spec());
      } catch (RuntimeException e) {
        return false;
      }
      if (!Files.isRegularFile(p)) {
        return false;
      }
      try {
        total += Files.size(p);
      } catch (IOException e) {
        return false;
      }
    }
    return total <= MAX_BYTES;
  }

  /** Reads, deduplicates and writes the outputs into {@code dir}. */
  static void run(List<InputFiles.InputFile> files, Path dir) throws IOException {
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    List<FileReport> reports = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      String name = f.displayName();
      ParseSink sink = ParseSink.into(records, rejects);
      try (InputStream in = Files.newInputStream(Path.of(f.spec()))) {
        reports.add(ExportReader.read(name, in, sink));
      } catch (IOException e) {
        sink.reject(new Rejected(name, 0, 0, "cannot read the file: " + org.litsieve.ingest.ReadExports.describe(e), ""));
        reports.add(new FileReport(name, "unreadable", "", "", 0, 0, 1, List.of()));
      }
    }
    Deduplicator.Result result = Deduplicator.run(records);

    Map<String, List<String[]>> rows = new HashMap<>();
    row(rows, DedupFiles.RECORDS_CSV, "", CsvRows.line(CsvRows.RECORDS));
    row(rows, WriteOutputs.DUPLICATES_CSV, "", CsvRows.line(CsvRows.DUPLICATES));
    row(rows, WriteOutputs.REJECTED_CSV, "", CsvRows.line(CsvRows.REJECTED));
    row(rows, WriteOutputs.DUPLICATES_REVIEW_CSV, "", CsvRows.line(CsvRows.DUPLICATES_REVIEW));
    for (var m : result.unique()) {
      row(rows, DedupFiles.RECORDS_CSV, CsvRows.recordSortKey(m.recordId(), m.record()),
          CsvRows.line(CsvRows.record(m.recordId(), m.record())));
    }
    for (DuplicateLink d : result.links()) {
      row(rows, WriteOutputs.DUPLICATES_CSV, CsvRows.duplicateSortKey(d), CsvRows.line(CsvRows.duplicate(d)));
    }
    for (Rejected r : rejects) {
      row(rows, WriteOutputs.REJECTED_CSV, CsvRows.rejectedSortKey(r), CsvRows.line(CsvRows.rejected(r)));
    }
    Map<String, Long> counters = new HashMap<>();
    for (DuplicateCandidate d : result.review()) {
      row(rows, WriteOutputs.DUPLICATES_REVIEW_CSV, CsvRows.duplicateCandidateSortKey(d),
          CsvRows.line(CsvRows.duplicateCandidate(d)));
      counters.merge(d.relation() + "_pairs", 1L, Long::sum);
    }
    for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
      List<String[]> file = e.getValue();
      file.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]));
      StringBuilder text = new StringBuilder();
      file.forEach(r -> text.append(r[1]));
      Files.writeString(dir.resolve(e.getKey()), text, StandardCharsets.UTF_8);
    }

    counters.put("unique", (long) result.unique().size());
    for (FileReport f : reports) {
      counters.merge("identified\t" + f.sourceFile(), f.records(), Long::sum);
      counters.merge("rejected", f.rejected(), Long::sum);
    }
    Files.writeString(dir.resolve(DedupFiles.COUNTS_JSON), WriteOutputs.json(DedupFiles.counts(counters)),
        StandardCharsets.UTF_8);
    reports.sort(Comparator.comparing(FileReport::sourceFile));
    List<Map<String, Object>> json = new ArrayList<>();
    reports.forEach(f -> json.add(WriteOutputs.reportJson(f)));
    Files.writeString(dir.resolve(WriteOutputs.INPUTS_JSON), WriteOutputs.json(json), StandardCharsets.UTF_8);
  }

  private static void row(Map<String, List<String[]>> rows, String file, String key, String text) {
    rows.computeIfAbsent(file, k -> new ArrayList<>()).add(new String[] {key, text});
  }
}
