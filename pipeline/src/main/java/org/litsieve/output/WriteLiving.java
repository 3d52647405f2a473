package org.litsieve.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.litsieve.model.Decision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes the screened and living-review files of a run that continues a previous one from its
 * decided records, each file once, sorted by {@link SortedFiles} (an external merge sort: no worker
 * holds a whole file): what the driver's living-review step writes from the same records today.
 *
 * <p>Input: a tuple of {@link #RECORDS}, every {@link LivingRecord} of the step (this run's records
 * and the carried-forward ones, every decision made), and optionally {@link #SHOWN}: the whole
 * screened record of each final record id (this run's record as the rules screened it, under the
 * earlier id it now carries; a carried-forward record as the previous run stored it, or as
 * screened again after a rules change), which a {@link LivingRecord} does not hold (its cells are
 * the CSV row; {@code included.ris} needs the record's type, keywords, ISSN, databases…). The
 * living-review steps make it ({@code pipeline.ContinueReview}'s {@code SHOWN} output: every
 * record of this run and every carried-forward record of the result the previous run kept).
 *
 * <p>Output files, each with its header even when empty:
 * <ul>
 *   <li>{@code included.csv}, {@code excluded.csv} and {@code review.csv} (unranked: in the
 *       screened files' order; {@link #withoutReviewCsv} leaves it to the ranking step): each
 *       record under the column of its decision, columns {@link CsvRows#SCREENED_LIVING} (a
 *       column a carried-forward row lacks is empty), by title in lower case
 *       ({@link java.util.Locale#ROOT}), then record id ({@link CsvRows#livingSortKey}); a row
 *       whose decision is none of the three labels goes to none of them, as the driver does;
 *   <li>{@code new-included.csv}, {@code new-review.csv}: the records new in this run, included
 *       or in review, in the same columns and order;
 *   <li>{@code changes.csv}: the records whose decision changed since the previous run
 *       ({@link CsvRows#CHANGES}), by record id;
 *   <li>with {@link #SHOWN}: {@code included.ris}, the entry ({@link RisFormat}) of each included
 *       record's whole record, with the final id, decision, stage and reason of its row, by title
 *       in lower case then record id ({@link CsvRows#screenedSortKey}); an included record with
 *       no whole record (a previous run that kept none) has no entry, as in the driver's file;
 *   <li>with {@link #SHOWN} and {@link #withReportRecords}: the report's hand-over
 *       {@code .report-records.jsonl} ({@link ReportRecords}), each whole record with the final
 *       decision, stage and reason of its row, kept when the report shows it
 *       ({@link ReportRecords#wanted}: included, in review, excluded at the keyword stage or by
 *       reviewers), one {@link ReportRecords#line} each, in {@code included.ris}'s order; what
 *       the driver's living-review step writes after a previous run and in a first run.
 * </ul>
 * Rows that tie on their sort key (two rows of one final id and title: a previous run whose
 * files hold one record id twice, which litsieve never writes) follow their text, where the
 * driver keeps the order it read them in.
 *
 * <p>Runner-agnostic and parallel: each record makes its rows straight into sorted runs. The whole
 * records meet their rows' decision, stage and reason in a {@link CoGroupByKey} by final id, not
 * a side input: the report's records include the keyword exclusions, tens of thousands in a long
 * history. Only the rows that write something travel (included ones, and with the report's records
 * the ones it shows); a whole record whose id has no such row writes nothing. Two rows of one final
 * id (a previous run whose files hold one id twice, which litsieve never writes) give the whole
 * record the first of them in the order of their decision, stage and reason, where the driver
 * takes the row it read last.
 *
 * <p>Failure behaviour: an I/O error fails the run; the caller writes into a temporary folder and
 * moves it into place only after success.
 */
public final class WriteLiving extends PTransform<PCollectionTuple, PDone> {
  /** Every decided record of the step. */
  public static final TupleTag<LivingRecord> RECORDS = new TupleTag<>() {};
  /** Optional: the whole screened record of each final record id, for {@code included.ris}. */
  public static final TupleTag<ScreenedRecord> SHOWN = new TupleTag<>() {};

  static final String INCLUDED_CSV = OutputFile.INCLUDED_CSV.fileName();
  static final String REVIEW_CSV = OutputFile.REVIEW_CSV.fileName();
  static final String EXCLUDED_CSV = OutputFile.EXCLUDED_CSV.fileName();
  static final String NEW_INCLUDED_CSV = OutputFile.NEW_INCLUDED_CSV.fileName();
  static final String NEW_REVIEW_CSV = OutputFile.NEW_REVIEW_CSV.fileName();
  static final String CHANGES_CSV = OutputFile.CHANGES_CSV.fileName();
  static final String INCLUDED_RIS = OutputFile.INCLUDED_RIS.fileName();
  static final String REPORT_RECORDS = OutputFile.REPORT_RECORDS.fileName();

  /** A final row's decision label, stage and reason (stage and reason null where the row has no such cell). */
  private static final KvCoder<String, KV<String, KV<String, String>>> ROW_CODER = KvCoder.of(StringUtf8Coder.of(),
      KvCoder.of(StringUtf8Coder.of(),
          KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(StringUtf8Coder.of()))));
  private static final TupleTag<KV<String, KV<String, String>>> ROW = new TupleTag<>() {};
  private static final TupleTag<ScreenedRecord> WHOLE = new TupleTag<>() {};

  private final String directory;
  private final boolean reviewCsv;
  private final boolean reportRecords;

  private WriteLiving(String directory, boolean reviewCsv, boolean reportRecords) {
    this.directory = directory;
    this.reviewCsv = reviewCsv;
    this.reportRecords = reportRecords;
  }

  /** Writes into {@code directory}, which must exist, {@code review.csv} unranked included. */
  public static WriteLiving to(String directory) {
    return new WriteLiving(directory, true, false);
  }

  /** The same without {@code review.csv}, for a run whose review queue the ranking step orders and writes. */
  public WriteLiving withoutReviewCsv() {
    return new WriteLiving(directory, false, reportRecords);
  }

  /**
   * The same, also writing the report's hand-over {@code .report-records.jsonl} from the
   * {@link #SHOWN} records (which the input must then hold).
   */
  public WriteLiving withReportRecords() {
    return new WriteLiving(directory, reviewCsv, true);
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    if (reportRecords && !in.has(SHOWN)) {
      throw new IllegalArgumentException("the report's records are written from the whole records (SHOWN)");
    }
    PCollection<LivingRecord> records = in.get(RECORDS);
    List<KV<String, KV<String, String>>> headers = new ArrayList<>();
    for (String file : reviewCsv ? List.of(INCLUDED_CSV, REVIEW_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)
        : List.of(INCLUDED_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)) {
      headers.add(KV.of(file, KV.of("", CsvRows.line(CsvRows.SCREENED_LIVING))));
    }
    headers.add(KV.of(CHANGES_CSV, KV.of("", CsvRows.line(CsvRows.CHANGES))));
    if (in.has(SHOWN)) {
      headers.add(KV.of(INCLUDED_RIS, KV.of("", ""))); // the file exists even when nothing is included
      if (reportRecords) {
        headers.add(KV.of(REPORT_RECORDS, KV.of("", "")));
      }
    }
    PCollectionList<KV<String, String>> runs = PCollectionList
        .of(in.getPipeline().apply("LivingHeaders", Create.of(headers).withCoder(SortedFiles.ROW_CODER))
            .apply("LivingHeaderRuns", SortedFiles.runs(directory, SortedFiles.READY_ROWS)))
        .and(records.apply("LivingRows", SortedFiles.runs(directory, new LivingRows(reviewCsv))));
    if (in.has(SHOWN)) {
      PCollection<KV<String, KV<String, KV<String, String>>>> rows = records
          .apply("ShownRows", ParDo.of(new FinalRowFn(reportRecords))).setCoder(ROW_CODER);
      PCollection<KV<String, ScreenedRecord>> whole = in.get(SHOWN)
          .apply("ShownById", ParDo.of(new ById()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ScreenedRecord.ScreenedRecordCoder.of()));
      runs = runs.and(KeyedPCollectionTuple.of(ROW, rows).and(WHOLE, whole)
          .apply("ShownJoin", CoGroupByKey.create())
          .apply("ShownDecided", ParDo.of(new DecidedFn()))
          .setCoder(ScreenedRecord.ScreenedRecordCoder.of())
          .apply("ShownRuns", SortedFiles.runs(directory, new ShownRows(reportRecords))));
    }
    runs.apply("AllLivingRuns", Flatten.pCollections())
        .apply("WriteLivingFiles", SortedFiles.mergeRuns(directory));
    return PDone.in(in.getPipeline());
  }

  /** A living record's rows: its screened file's, its {@code new-*.csv} one, its {@code changes.csv} one. */
  static final class LivingRows implements SortedFiles.RowMaker<LivingRecord> {
    private final boolean reviewCsv;

    LivingRows(boolean reviewCsv) {
      this.reviewCsv = reviewCsv;
    }

    @Override
    public void rows(LivingRecord r, SortedFiles.RowSink sink) throws IOException {
      Map<String, String> cells = r.cells();
      String decision = r.decision();
      boolean include = Decision.INCLUDE.label().equals(decision);
      boolean review = Decision.REVIEW.label().equals(decision);
      boolean exclude = Decision.EXCLUDE.label().equals(decision);
      boolean fresh = r.status() == LivingRecord.Status.NEW;
      if (include || review && (reviewCsv || fresh) || exclude) {
        String key = CsvRows.livingSortKey(cells);
        String text = CsvRows.line(values(cells, CsvRows.SCREENED_LIVING));
        if (include) {
          sink.row(INCLUDED_CSV, key, text);
        } else if (exclude) {
          sink.row(EXCLUDED_CSV, key, text);
        } else if (reviewCsv) {
          sink.row(REVIEW_CSV, key, text);
        }
        if (fresh && include) {
          sink.row(NEW_INCLUDED_CSV, key, text);
        } else if (fresh && review) {
          sink.row(NEW_REVIEW_CSV, key, text);
        }
      }
      if (r.status() == LivingRecord.Status.CHANGED) {
        // the id then a NUL: never the header's empty key, and ids order as the strings do
        sink.row(CHANGES_CSV, r.recordId() + "\u0000", CsvRows.line(values(r.changeRow(), CsvRows.CHANGES)));
      }
    }
  }

  /** The cells of {@code columns} in order; a missing cell is "". */
  private static List<String> values(Map<String, String> cells, List<String> columns) {
    List<String> values = new ArrayList<>(columns.size());
    for (String c : columns) {
      values.add(cells.getOrDefault(c, ""));
    }
    return values;
  }

  /**
   * A final row's decision, stage and reason by final id, when it writes something: included (for
   * {@code included.ris}), or, with the report's records, shown by the report.
   */
  static final class FinalRowFn extends DoFn<LivingRecord, KV<String, KV<String, KV<String, String>>>> {
    private final boolean reportRecords;

    FinalRowFn(boolean reportRecords) {
      this.reportRecords = reportRecords;
    }

    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<KV<String, KV<String, KV<String, String>>>> out) {
      Decision d = Decision.valueOf(r.decision().toUpperCase(java.util.Locale.ROOT));
      String stage = r.cells().get("stage");
      // a row without a stage cell takes the whole record's, which is not known here: sent on
      if (d == Decision.INCLUDE || reportRecords && (stage == null || ReportRecords.wanted(d, stage))) {
        out.output(KV.of(r.recordId(), KV.of(r.decision(), KV.of(stage, r.cells().get("reason")))));
      }
    }
  }

  /** A whole record by its final id. */
  static final class ById extends DoFn<ScreenedRecord, KV<String, ScreenedRecord>> {
    @ProcessElement
    public void process(@Element ScreenedRecord s, OutputReceiver<KV<String, ScreenedRecord>> out) {
      out.output(KV.of(s.recordId(), s));
    }
  }

  /**
   * Each whole record of a final id with its row's decision, stage and reason (the record's own
   * where the row has no such cell), as the driver's living-review step shows it; nothing when
   * the id has no row that writes something.
   */
  static final class DecidedFn extends DoFn<KV<String, CoGbkResult>, ScreenedRecord> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<ScreenedRecord> out) {
      KV<String, KV<String, String>> row = null;
      for (KV<String, KV<String, String>> r : joined.getValue().getAll(ROW)) {
        if (row == null || order(r).compareTo(order(row)) < 0) {
          row = r; // one id twice: the same row whatever order the rows come in
        }
      }
      if (row == null) {
        return;
      }
      Decision d = Decision.valueOf(row.getKey().toUpperCase(java.util.Locale.ROOT));
      for (ScreenedRecord s : joined.getValue().getAll(WHOLE)) {
        String stage = row.getValue().getKey() == null ? s.stage() : row.getValue().getKey();
        String reason = row.getValue().getValue() == null ? s.reason() : row.getValue().getValue();
        out.output(new ScreenedRecord(s.recordId(), s.record(), d, stage, reason, s.matchedBlocks(), s.tags()));
      }
    }

    private static String order(KV<String, KV<String, String>> row) {
      return row.getKey() + "\u0000" + row.getValue().getKey() + "\u0000" + row.getValue().getValue();
    }
  }

  /**
   * A decided whole record's entry of {@code included.ris} when included, and its line of the
   * report's records when those are written and the report shows it.
   */
  static final class ShownRows implements SortedFiles.RowMaker<ScreenedRecord> {
    private final boolean reportRecords;

    ShownRows(boolean reportRecords) {
      this.reportRecords = reportRecords;
    }

    @Override
    public void rows(ScreenedRecord s, SortedFiles.RowSink sink) throws IOException {
      String key = CsvRows.screenedSortKey(s);
      if (s.decision() == Decision.INCLUDE) {
        sink.row(INCLUDED_RIS, key, RisFormat.entry(s));
      }
      if (reportRecords && ReportRecords.wanted(s)) {
        sink.row(REPORT_RECORDS, key, ReportRecords.line(s));
      }
    }
  }
}
