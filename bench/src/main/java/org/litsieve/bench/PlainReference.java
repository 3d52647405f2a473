package org.litsieve.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.dedup.Deduplicator;
import org.litsieve.dedup.RecordMerger;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.Prisma;
import org.litsieve.output.ReportRecords;
import org.litsieve.output.RisFormat;
import org.litsieve.output.RunReports;
import org.litsieve.output.WriteOutputs;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.LivingStep;
import org.litsieve.pipeline.ReviewHistory;
import org.litsieve.pipeline.ScreeningPipeline;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;
import org.litsieve.screen.Screener;

/**
 * The plain-Java reference: the pipeline's stage code (ExportReader, Deduplicator, Screener,
 * CsvRows/RisFormat/Prisma, then the driver's LivingStep and RunReports) run one after the other
 * in one thread, without Beam. It writes the pipeline's hand-over files (the screened rows and
 * counts the living-review step reads, under their hidden names) and then what the step and the
 * reports write. {@code included.csv}, {@code excluded.csv}, {@code included.ris},
 * {@code duplicates.csv} and {@code rejected.csv} are byte-identical to {@code screen --run-id
 * bench}'s on the sample data. {@code review.csv} is not ranked, and its PRISMA counts are not the
 * pipeline's: it is a yardstick for time, not a second implementation. Prints one line of JSON
 * with the time of each stage and the peak heap.
 *
 * <p>Usage: {@code java -cp litsieve-bench.jar org.litsieve.bench.PlainReference RULES OUT INPUT...}
 */
public final class PlainReference {
  /** The run id both this reference and the benchmark's CLI run use ({@code --run-id}). */
  public static final String RUN_ID = "bench";

  private PlainReference() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: PlainReference RULES OUT INPUT...");
      System.exit(2);
    }
    Rules rules = RulesLoader.load(Path.of(args[0]));
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    InputFiles.Resolution inputs = InputFiles.resolve(List.of(args).subList(2, args.length));
    Map<String, Long> millis = new LinkedHashMap<>();

    long t = System.nanoTime();
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    List<FileReport> reports = new ArrayList<>();
    ParseSink sink = ParseSink.into(records, rejects);
    for (InputFiles.InputFile f : inputs.files()) {
      try (InputStream in = Files.newInputStream(Path.of(f.spec()))) {
        reports.add(ExportReader.read(f.displayName(), in, sink));
      }
    }
    millis.put("parse", ms(t));

    t = System.nanoTime();
    Deduplicator.Result dedup = Deduplicator.run(records);
    millis.put("dedup", ms(t));

    t = System.nanoTime();
    Screener screener = new Screener(rules);
    List<ScreenedRecord> screened = new ArrayList<>(dedup.unique().size());
    for (RecordMerger.Merged m : dedup.unique()) {
      screened.add(screener.screen(new Screener.Input(m.recordId(), m.record())));
    }
    millis.put("screen", ms(t));

    t = System.nanoTime();
    write(out, screened, dedup.links(), rejects, reports);
    List<String> handOver = new ArrayList<>(screened.size());
    for (ScreenedRecord s : screened) {
      handOver.add(CsvRows.screenedSortKey(s) + "\u0000" + ReportRecords.line(s));
    }
    handOver.sort(null);
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve(ReportRecords.FILE), StandardCharsets.UTF_8)) {
      for (String line : handOver) {
        w.write(line.substring(line.lastIndexOf('\u0000') + 1));
      }
    }
    millis.put("write", ms(t));

    t = System.nanoTime();
    LivingStep.apply(out, RUN_ID, rules, ReviewHistory.none());
    millis.put("living", ms(t));

    t = System.nanoTime();
    List<Object> files = new ArrayList<>();
    for (FileReport f : reports) {
      files.add(WriteOutputs.reportJson(f));
    }
    RunReports.write(out, ScreeningPipeline.reportContext(rules, files));
    millis.put("reports", ms(t));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records.size());
    result.put("unique", screened.size());
    result.put("stage_ms", millis);
    result.put("peak_heap_mb", peakHeapMb());
    System.out.println(WriteOutputs.json(result).replaceAll("\\s*\\n\\s*", " ").strip());
  }

  static void write(Path out, List<ScreenedRecord> screened, List<DuplicateLink> links,
      List<Rejected> rejects, List<FileReport> reports) throws IOException {
    Map<String, List<String[]>> files = new HashMap<>();
    List<String> screenedFiles = List.of(WriteOutputs.pipelineFileFor(Decision.INCLUDE),
        WriteOutputs.pipelineFileFor(Decision.REVIEW), WriteOutputs.pipelineFileFor(Decision.EXCLUDE));
    for (String f : screenedFiles) {
      files.put(f, new ArrayList<>());
    }
    for (String f : new String[] {WriteOutputs.DUPLICATES_CSV, WriteOutputs.REJECTED_CSV, WriteOutputs.INCLUDED_RIS}) {
      files.put(f, new ArrayList<>());
    }
    Map<String, Long> counters = new HashMap<>();
    for (ScreenedRecord s : screened) {
      String key = CsvRows.screenedSortKey(s);
      files.get(WriteOutputs.pipelineFileFor(s.decision())).add(new String[] {key, CsvRows.line(CsvRows.screened(s))});
      for (String counter : Prisma.counters(s)) {
        counters.merge(counter, 1L, Long::sum);
      }
      if (s.decision() == Decision.INCLUDE) {
        files.get(WriteOutputs.INCLUDED_RIS).add(new String[] {key, RisFormat.entry(s)});
      }
    }
    for (DuplicateLink d : links) {
      files.get(WriteOutputs.DUPLICATES_CSV).add(new String[] {CsvRows.duplicateSortKey(d), CsvRows.line(CsvRows.duplicate(d))});
    }
    for (Rejected r : rejects) {
      files.get(WriteOutputs.REJECTED_CSV).add(new String[] {CsvRows.rejectedSortKey(r), CsvRows.line(CsvRows.rejected(r))});
      counters.merge(Prisma.REJECTED, 1L, Long::sum);
    }
    for (FileReport f : reports) {
      counters.merge(Prisma.IDENTIFIED + f.sourceFile(), f.records(), Long::sum);
    }
    Map<String, List<String>> headers = new HashMap<>(Map.of(WriteOutputs.DUPLICATES_CSV, CsvRows.DUPLICATES,
        WriteOutputs.REJECTED_CSV, CsvRows.REJECTED));
    screenedFiles.forEach(f -> headers.put(f, CsvRows.SCREENED));
    for (Map.Entry<String, List<String[]>> e : files.entrySet()) {
      List<String[]> rows = e.getValue();
      rows.sort(Comparator.<String[], String>comparing(r -> r[0]).thenComparing(r -> r[1]));
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(e.getKey()), StandardCharsets.UTF_8)) {
        List<String> header = headers.get(e.getKey());
        if (header != null) {
          w.write(CsvRows.line(header));
        }
        for (String[] row : rows) {
          w.write(row[1]);
        }
      }
    }
    Files.writeString(out.resolve(WriteOutputs.PIPELINE_PRISMA_JSON), WriteOutputs.json(Prisma.document(counters)));
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The sum of the heap pools' peak usage, in MB. */
  static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
