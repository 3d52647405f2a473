package org.litsieve.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.litsieve.model.Decision;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Rejected;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes a run's outputs into one directory (any Beam filesystem).
 *
 * <p>Input: a tuple holding {@link #SCREENED} records (every decision made, see
 * {@link FinalRecord}), duplicate {@link #LINKS}, {@link #REJECTS} and file {@link #REPORTS}, and
 * optionally {@link #REVIEW} pairs. Output files, each written once: the final
 * {@code duplicates.csv}, {@code rejected.csv} and {@code duplicates-review.csv} when
 * {@link #REVIEW} is given (each with a header row, even when empty); {@code included.ris} (the
 * included records as decided) unless the run continues a previous one ({@link #continuing});
 * and the hidden hand-overs the driver's living-review step reads once and turns into the final
 * files (see {@link OutputFile}): the rows of the three screened files as decided
 * ({@link #pipelineFileFor}), the counts ({@value #PIPELINE_PRISMA_JSON}), the file reports
 * ({@code .inputs.json}, folded into {@code manifest.json}) and every screened record, whole, with
 * its evidence, as the rules screened it ({@value #SCREENED_RECORDS}, one JSON object a line: kept
 * for later re-screening and drawn in the report). Rows are sorted, so the same input gives
 * byte-identical files.
 *
 * <p>Failure behaviour: an I/O error writing a file fails the run; the caller writes into a
 * temporary directory and only moves it into place after success, so no half-written output is
 * left where the user looks.
 */
public final class WriteOutputs extends PTransform<PCollectionTuple, PDone> {
  /** The screened records with every decision made (the reviewers' ones of a first run applied). */
  public static final TupleTag<FinalRecord> SCREENED = new TupleTag<>() {};
  public static final TupleTag<DuplicateLink> LINKS = new TupleTag<>() {};
  public static final TupleTag<Rejected> REJECTS = new TupleTag<>() {};
  public static final TupleTag<FileReport> REPORTS = new TupleTag<>() {};
  /** Optional: pairs for human review, written to {@code duplicates-review.csv} when present. */
  public static final TupleTag<DuplicateCandidate> REVIEW = new TupleTag<>() {};

  public static final String INCLUDED_CSV = OutputFile.INCLUDED_CSV.fileName();
  public static final String REVIEW_CSV = OutputFile.REVIEW_CSV.fileName();
  public static final String EXCLUDED_CSV = OutputFile.EXCLUDED_CSV.fileName();
  public static final String DUPLICATES_CSV = OutputFile.DUPLICATES_CSV.fileName();
  public static final String REJECTED_CSV = OutputFile.REJECTED_CSV.fileName();
  public static final String DUPLICATES_REVIEW_CSV = OutputFile.DUPLICATES_REVIEW_CSV.fileName();
  public static final String INCLUDED_RIS = OutputFile.INCLUDED_RIS.fileName();
  public static final String PRISMA_JSON = OutputFile.PRISMA_JSON.fileName();
  public static final String INPUTS_JSON = OutputFile.INPUTS_JSON.fileName();
  /** Hand-over: every screened record, whole, one JSON line each ({@link ReportRecords#line}). */
  public static final String SCREENED_RECORDS = OutputFile.SCREENED_RECORDS.fileName();
  /** Hand-over: the pipeline's counts ({@link Prisma#document}), before the living-review step. */
  public static final String PIPELINE_PRISMA_JSON = OutputFile.PIPELINE_PRISMA_JSON.fileName();

  private final String directory;
  private final boolean includedRis;
  /** Whether the screened records' files and hand-overs are written here (not by the living-review steps). */
  private final boolean screenedFiles;

  private WriteOutputs(String directory, boolean includedRis, boolean screenedFiles) {
    this.directory = directory;
    this.includedRis = includedRis;
    this.screenedFiles = screenedFiles;
  }

  /**
   * Writes into {@code directory}, which must exist, for a run whose records are the review's
   * whole result (no previous run): {@code included.ris} is written here, from the final records.
   */
  public static WriteOutputs to(String directory) {
    return new WriteOutputs(directory, true, true);
  }

  /**
   * As {@link #to}, for a run that continues a previous one: its result also holds the
   * carried-forward records and the earlier ids, known only to the living-review step, which
   * writes {@code included.ris}; nothing is written for it here.
   */
  public static WriteOutputs continuing(String directory) {
    return new WriteOutputs(directory, false, true);
  }

  /**
   * Writes only the files of the run's reading and deduplication ({@code duplicates.csv},
   * {@code rejected.csv}, {@code duplicates-review.csv} and the file reports), for a run whose
   * screened records the living-review steps decide and write (the screened files,
   * {@code included.ris}, {@code prisma.json}): no screened row and no hand-over of them is written
   * here, and the counters go on through {@link #withCounters()}.
   */
  public static WriteOutputs withoutScreenedFiles(String directory) {
    return new WriteOutputs(directory, false, false);
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    write(in);
    return PDone.in(in.getPipeline());
  }

  /**
   * The same step, giving the pipeline's PRISMA counters as it counts them for
   * {@value #PIPELINE_PRISMA_JSON}: one {@code KV<counter, sum>} per counter ({@link Prisma}'s
   * names: the rules' counts of the screened records, {@link Prisma#IDENTIFIED} per file,
   * {@link Prisma#REJECTED}), for the steps after it that need them inside the pipeline (the
   * living review's {@code prisma.json}). A counter no record counted is absent.
   */
  public PTransform<PCollectionTuple, PCollection<KV<String, Long>>> withCounters() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollectionTuple in) {
        return write(in);
      }
    };
  }

  /** Writes the outputs; returns the summed PRISMA counters. */
  private PCollection<KV<String, Long>> write(PCollectionTuple in) {
    PCollection<FinalRecord> screened = in.get(SCREENED);

    List<KV<String, KV<String, String>>> headers = new ArrayList<>(List.of(
        header(DUPLICATES_CSV, CsvRows.DUPLICATES), header(REJECTED_CSV, CsvRows.REJECTED)));
    if (screenedFiles) {
      headers.addAll(List.of(header(pipelineFileFor(Decision.INCLUDE), CsvRows.SCREENED),
          header(pipelineFileFor(Decision.REVIEW), CsvRows.SCREENED),
          header(pipelineFileFor(Decision.EXCLUDE), CsvRows.SCREENED), KV.of(SCREENED_RECORDS, KV.of("", ""))));
    }
    if (includedRis) {
      headers.add(KV.of(INCLUDED_RIS, KV.of("", ""))); // the file exists even when nothing is included
    }
    // each kind of element makes its rows straight into sorted runs: the rows never become elements
    PCollectionList<KV<String, String>> runs = PCollectionList
        .of(in.getPipeline().apply("Headers", Create.of(headers).withCoder(SortedFiles.ROW_CODER))
            .apply("HeaderRuns", SortedFiles.runs(directory, SortedFiles.READY_ROWS)));
    if (screenedFiles) {
      runs = runs.and(screened.apply("ScreenedRows", SortedFiles.runs(directory, screenedRows(includedRis))));
    }
    runs = runs
        .and(in.get(LINKS).apply("DuplicateRows", SortedFiles.runs(directory, DUPLICATE_ROWS)))
        .and(in.get(REJECTS).apply("RejectedRows", SortedFiles.runs(directory, REJECTED_ROWS)));
    if (in.has(REVIEW)) {
      runs = runs.and(reviewRuns(in.get(REVIEW), directory));
    }
    runs.apply("AllRuns", Flatten.pCollections())
        .apply("WriteSortedFiles", SortedFiles.mergeRuns(directory));

    PCollection<KV<String, Long>> counters = PCollectionList
        .of(screened.apply("CountScreened", ParDo.of(new ScreenedCountersFn())))
        .and(in.get(REPORTS).apply("CountIdentified", ParDo.of(new DoFn<FileReport, KV<String, Long>>() {
          @ProcessElement
          public void process(@Element FileReport f, OutputReceiver<KV<String, Long>> out) {
            out.output(KV.of(Prisma.IDENTIFIED + f.sourceFile(), f.records()));
          }
        })))
        .and(in.get(REJECTS).apply("CountRejected", ParDo.of(new DoFn<Rejected, KV<String, Long>>() {
          @ProcessElement
          public void process(@Element Rejected r, OutputReceiver<KV<String, Long>> out) {
            out.output(KV.of(Prisma.REJECTED, 1L));
          }
        })))
        .apply("AllCounters", Flatten.pCollections());
    PCollection<KV<String, Long>> sums = counters.apply("SumCounters", Sum.longsPerKey());
    if (!screenedFiles) {
      writeReports(in);
      return sums;
    }
    sums.apply("GatherCounters", WithKeys.of(PIPELINE_PRISMA_JSON))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(),
            org.apache.beam.sdk.coders.VarLongCoder.of())))
        .apply("GroupCounters", GroupByKey.create())
        .apply("WritePrisma", ParDo.of(new WritePrismaFn(directory)));
    writeReports(in);
    return sums;
  }

  /** Writes the file reports ({@value #INPUTS_JSON}). */
  private void writeReports(PCollectionTuple in) {
    in.get(REPORTS)
        .apply("GatherReports", WithKeys.of(INPUTS_JSON))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FileReport.FileReportCoder.of()))
        .apply("GroupReports", GroupByKey.create())
        .apply("WriteReports", ParDo.of(new WriteReportsFn(directory)));
  }

  /** The sorted runs of {@code duplicates-review.csv}, its header included (for {@link SortedFiles#mergeRuns}). */
  public static PCollection<KV<String, String>> reviewRuns(PCollection<DuplicateCandidate> review, String directory) {
    PCollection<KV<String, String>> header = review.getPipeline()
        .apply("ReviewHeader", Create.of(List.of(header(DUPLICATES_REVIEW_CSV, CsvRows.DUPLICATES_REVIEW)))
            .withCoder(SortedFiles.ROW_CODER))
        .apply("ReviewHeaderRuns", SortedFiles.runs(directory, SortedFiles.READY_ROWS));
    PCollection<KV<String, String>> body = review.apply("ReviewRows", SortedFiles.runs(directory, REVIEW_ROWS));
    return PCollectionList.of(header).and(body).apply("AllReviewRuns", Flatten.pCollections());
  }

  /**
   * A screened record's rows: its CSV file's row and its RIS entry when included, as decided
   * (human decisions applied), and its hand-over line as the rules screened it (what the record
   * store keeps for re-screening).
   */
  public static SortedFiles.RowMaker<FinalRecord> screenedRows(boolean includedRis) {
    return includedRis ? SCREENED_ROWS_AND_RIS : SCREENED_ROWS;
  }

  private static final SortedFiles.RowMaker<FinalRecord> SCREENED_ROWS = (f, sink) -> {
    ScreenedRecord s = f.decided();
    String key = CsvRows.screenedSortKey(s);
    sink.row(pipelineFileFor(s.decision()), key, CsvRows.line(CsvRows.screened(s)));
    sink.row(SCREENED_RECORDS, key, ReportRecords.line(f.screened()));
  };

  private static final SortedFiles.RowMaker<FinalRecord> SCREENED_ROWS_AND_RIS = (f, sink) -> {
    SCREENED_ROWS.rows(f, sink);
    ScreenedRecord s = f.decided();
    if (s.decision() == Decision.INCLUDE) {
      sink.row(INCLUDED_RIS, CsvRows.screenedSortKey(s), RisFormat.entry(s));
    }
  };

  /** A duplicate link's row of {@code duplicates.csv}. */
  public static final SortedFiles.RowMaker<DuplicateLink> DUPLICATE_ROWS =
      (d, sink) -> sink.row(DUPLICATES_CSV, CsvRows.duplicateSortKey(d), CsvRows.line(CsvRows.duplicate(d)));

  /** A rejected record's row of {@code rejected.csv}. */
  public static final SortedFiles.RowMaker<Rejected> REJECTED_ROWS =
      (r, sink) -> sink.row(REJECTED_CSV, CsvRows.rejectedSortKey(r), CsvRows.line(CsvRows.rejected(r)));

  /** A review pair's row of {@code duplicates-review.csv}. */
  public static final SortedFiles.RowMaker<DuplicateCandidate> REVIEW_ROWS = (d, sink) -> sink.row(
      DUPLICATES_REVIEW_CSV, CsvRows.duplicateCandidateSortKey(d), CsvRows.line(CsvRows.duplicateCandidate(d)));

  private static KV<String, KV<String, String>> header(String file, List<String> columns) {
    return KV.of(file, KV.of("", CsvRows.line(columns)));
  }

  /** The pipeline's hand-over of the rows of the screened file a decision goes to (the living-review step reads it). */
  public static String pipelineFileFor(Decision d) {
    return OutputFile.of(fileFor(d)).orElseThrow().pipelineRows().fileName();
  }

  /** The output file a decision goes to. */
  public static String fileFor(Decision d) {
    switch (d) {
      case INCLUDE:
        return INCLUDED_CSV;
      case REVIEW:
        return REVIEW_CSV;
      default:
        return EXCLUDED_CSV;
    }
  }

  /**
   * Counts a bundle's records per PRISMA counter and emits the sums when the bundle ends: a few
   * elements per bundle instead of one or more per record, each of which the runner would pass
   * through the flatten and the sum.
   */
  static final class ScreenedCountersFn extends DoFn<FinalRecord, KV<String, Long>> {
    private transient Map<String, Long> counts;

    @StartBundle
    public void startBundle() {
      counts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element FinalRecord f) {
      // the rules' counts: the living-review step recounts the screening with the final decisions
      for (String counter : Prisma.counters(f.screened())) {
        counts.merge(counter, 1L, Long::sum);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      counts.forEach((counter, n) -> c.output(KV.of(counter, n), BoundedWindow.TIMESTAMP_MIN_VALUE,
          GlobalWindow.INSTANCE));
      counts = null;
    }
  }

  static final class WritePrismaFn extends DoFn<KV<String, Iterable<KV<String, Long>>>, Void> {
    private final String directory;

    WritePrismaFn(String directory) {
      this.directory = directory;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> all) throws IOException {
      Map<String, Long> counters = new HashMap<>();
      all.getValue().forEach(kv -> counters.merge(kv.getKey(), kv.getValue(), Long::sum));
      OutputFiles.write(directory, PIPELINE_PRISMA_JSON, json(Prisma.document(counters)));
    }
  }

  static final class WriteReportsFn extends DoFn<KV<String, Iterable<FileReport>>, Void> {
    private final String directory;

    WriteReportsFn(String directory) {
      this.directory = directory;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<FileReport>> all) throws IOException {
      List<FileReport> reports = new ArrayList<>();
      all.getValue().forEach(reports::add);
      reports.sort(Comparator.comparing(FileReport::sourceFile));
      List<Map<String, Object>> files = new ArrayList<>();
      for (FileReport f : reports) {
        files.add(reportJson(f));
      }
      OutputFiles.write(directory, INPUTS_JSON, json(files));
    }
  }

  /** One file report as an ordered JSON object. */
  public static Map<String, Object> reportJson(FileReport f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.sourceFile());
    m.put("format", f.format());
    m.put("encoding", f.encoding());
    m.put("sha256", f.sha256());
    m.put("bytes", f.bytes());
    m.put("records", f.records());
    m.put("rejected", f.rejected());
    m.put("warnings", f.warnings());
    return m;
  }

  /** Pretty JSON with sorted map keys and a final newline. */
  public static String json(Object value) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(value) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
