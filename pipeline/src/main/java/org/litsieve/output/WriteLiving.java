package org.litsieve.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
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
 *       no whole record (a previous run that kept none) has no entry, as in the driver's file.
 * </ul>
 * Rows that tie on their sort key (two rows of one final id and title: a previous run whose
 * files hold one record id twice, which litsieve never writes) follow their text, where the
 * driver keeps the order it read them in.
 *
 * <p>Runner-agnostic and parallel: each record makes its rows straight into sorted runs; the only
 * side input is the included records' final id, stage and reason (few), which picks the
 * {@link #SHOWN} records to write as RIS where they are.
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

  private static final KvCoder<String, KV<String, String>> INCLUDED_CODER = KvCoder.of(StringUtf8Coder.of(),
      KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(StringUtf8Coder.of())));

  private final String directory;
  private final boolean reviewCsv;

  private WriteLiving(String directory, boolean reviewCsv) {
    this.directory = directory;
    this.reviewCsv = reviewCsv;
  }

  /** Writes into {@code directory}, which must exist, {@code review.csv} unranked included. */
  public static WriteLiving to(String directory) {
    return new WriteLiving(directory, true);
  }

  /** The same without {@code review.csv}, for a run whose review queue the ranking step orders and writes. */
  public WriteLiving withoutReviewCsv() {
    return new WriteLiving(directory, false);
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    PCollection<LivingRecord> records = in.get(RECORDS);
    List<KV<String, KV<String, String>>> headers = new ArrayList<>();
    for (String file : reviewCsv ? List.of(INCLUDED_CSV, REVIEW_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)
        : List.of(INCLUDED_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)) {
      headers.add(KV.of(file, KV.of("", CsvRows.line(CsvRows.SCREENED_LIVING))));
    }
    headers.add(KV.of(CHANGES_CSV, KV.of("", CsvRows.line(CsvRows.CHANGES))));
    if (in.has(SHOWN)) {
      headers.add(KV.of(INCLUDED_RIS, KV.of("", ""))); // the file exists even when nothing is included
    }
    PCollectionList<KV<String, String>> runs = PCollectionList
        .of(in.getPipeline().apply("LivingHeaders", Create.of(headers).withCoder(SortedFiles.ROW_CODER))
            .apply("LivingHeaderRuns", SortedFiles.runs(directory, SortedFiles.READY_ROWS)))
        .and(records.apply("LivingRows", SortedFiles.runs(directory, new LivingRows(reviewCsv))));
    if (in.has(SHOWN)) {
      PCollectionView<List<KV<String, KV<String, String>>>> included = records
          .apply("IncludedIds", ParDo.of(new IncludedFn())).setCoder(INCLUDED_CODER)
          .apply("IncludedView", View.asList());
      runs = runs.and(in.get(SHOWN)
          .apply("IncludedRecords", ParDo.of(new ShownIncludedFn(included)).withSideInputs(included))
          .setCoder(ScreenedRecord.ScreenedRecordCoder.of())
          .apply("RisRuns", SortedFiles.runs(directory, RIS_ROWS)));
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

  /** An included record's final id, and its row's stage and reason (null where its row has no such cell). */
  static final class IncludedFn extends DoFn<LivingRecord, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<KV<String, KV<String, String>>> out) {
      if (Decision.INCLUDE.label().equals(r.decision())) {
        out.output(KV.of(r.recordId(), KV.of(r.cells().get("stage"), r.cells().get("reason"))));
      }
    }
  }

  /** A whole record whose final id is included, with its row's decision, stage and reason. */
  static final class ShownIncludedFn extends DoFn<ScreenedRecord, ScreenedRecord> {
    private final PCollectionView<List<KV<String, KV<String, String>>>> includedView;
    private transient Map<String, KV<String, String>> included;

    ShownIncludedFn(PCollectionView<List<KV<String, KV<String, String>>>> includedView) {
      this.includedView = includedView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (included == null) {
        // read once per worker into a map (the DirectRunner would rebuild a map view on every read)
        Map<String, KV<String, String>> m = new HashMap<>();
        c.sideInput(includedView).forEach(kv -> m.put(kv.getKey(), kv.getValue()));
        included = m;
      }
      ScreenedRecord s = c.element();
      KV<String, String> row = included.get(s.recordId());
      if (row != null) {
        String stage = row.getKey() == null ? s.stage() : row.getKey();
        String reason = row.getValue() == null ? s.reason() : row.getValue();
        c.output(new ScreenedRecord(s.recordId(), s.record(), Decision.INCLUDE, stage, reason, s.matchedBlocks(),
            s.tags()));
      }
    }
  }

  /** An included record's entry of {@code included.ris}. */
  private static final SortedFiles.RowMaker<ScreenedRecord> RIS_ROWS =
      (s, sink) -> sink.row(INCLUDED_RIS, CsvRows.screenedSortKey(s), RisFormat.entry(s));
}
