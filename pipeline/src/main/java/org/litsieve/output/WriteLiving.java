package org.litsieve.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.model.Decision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

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
 * record of this run and every carried-forward record of the result the previous run kept). A
 * first run gives {@link #DECIDED_WHOLE} instead: its records whole, each already carrying its
 * final decision, stage and reason, which need not meet their rows.
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
 *   <li>with {@link #SHOWN} (or {@link #DECIDED_WHOLE}): {@code included.ris}, the entry
 *       ({@link RisFormat}) of each included record's whole record, with the final id, decision,
 *       stage and reason of its row, by title in lower case then record id
 *       ({@link CsvRows#screenedSortKey}); an included record with no whole record (a previous
 *       run that kept none) has no entry, as in the driver's file;
 *   <li>with {@link #SHOWN} (or {@link #DECIDED_WHOLE}) and {@link #withReportRecords}: the
 *       report's hand-over {@code .report-records.jsonl} ({@link ReportRecords}), each whole
 *       record with the final decision, stage and reason of its row, kept when the report shows it
 *       ({@link ReportRecords#wanted}: included, in review, excluded at the keyword stage or by
 *       reviewers), one {@link ReportRecords#line} each, in {@code included.ris}'s order; with
 *       {@link #RANKS}, a review record's line carries its place in the ranked queue, so the
 *       report shows the ranks without reading {@code review.csv} back.
 * </ul>
 * Rows that tie on their sort key (two rows of one final id and title: a previous run whose
 * files hold one record id twice, which litsieve never writes) follow their text, where the
 * driver keeps the order it read them in.
 *
 * <p>Runner-agnostic and parallel: each record makes its rows straight into sorted runs. The whole
 * records meet their rows' decision, stage and reason (and, with {@link #RANKS}, their rank) in a
 * join by final id, not a side input: the report's records include the keyword exclusions, tens of
 * thousands in a long history. The join groups by a few hashes of the id ({@link Shards})
 * ({@link GroupByShard}) and matches the ids within each shard in memory, because a grouping by
 * the id itself costs the DirectRunner a timer per key: at 80,000 ids, more than the rest of the
 * run. Only the rows that write something travel (included ones, and with the report's records
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
  /**
   * Optional, instead of {@link #SHOWN}: each final record whole with its decision, stage and
   * reason already final, one per final id, as a first run has them (its records are the rules'
   * records with the reviewers' decisions applied, under their own ids): written as they come,
   * with no join by id to hold them.
   */
  public static final TupleTag<ScreenedRecord> DECIDED_WHOLE = new TupleTag<>() {};
  /**
   * Optional, with {@link #withReportRecords}: the ranked review queue's places, final id → its
   * {@code rank} and {@code relevance} as {@code review.csv} writes them, carried on the report's
   * records' lines ({@link ReportRecords#line(ScreenedRecord, String, String)}).
   */
  public static final TupleTag<KV<String, KV<String, String>>> RANKS = new TupleTag<>() {};

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
  private static final KvCoder<String, String> RANK_CODER = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  /**
   * The parts of the joins by final id: a row, a whole record, a rank; and a whole record already
   * decided, which meets only its rank ({@link #DECIDED_WHOLE}).
   */
  private static final int ROW = 0;
  private static final int WHOLE = 1;
  private static final int RANK = 2;
  private static final int DECIDED = 3;
  /** {@code KV<shard, KV<final id, KV<part, the part's bytes>>>}. */
  private static final KvCoder<Integer, KV<String, KV<Integer, byte[]>>> PART_CODER = KvCoder.of(VarIntCoder.of(),
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of())));
  /** A decided whole record with its place in the ranked queue, or none. */
  private static final KvCoder<ScreenedRecord, KV<String, String>> DECIDED_CODER =
      KvCoder.of(ScreenedRecord.ScreenedRecordCoder.of(), NullableCoder.of(RANK_CODER));

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
    boolean whole = in.has(SHOWN) || in.has(DECIDED_WHOLE);
    if (reportRecords && !whole) {
      throw new IllegalArgumentException(
          "the report's records are written from the whole records (SHOWN or DECIDED_WHOLE)");
    }
    if (in.has(SHOWN) && in.has(DECIDED_WHOLE)) {
      throw new IllegalArgumentException("the whole records come as SHOWN or as DECIDED_WHOLE, not both");
    }
    PCollection<LivingRecord> records = in.get(RECORDS);
    List<KV<String, KV<String, String>>> headers = new ArrayList<>();
    for (String file : reviewCsv ? List.of(INCLUDED_CSV, REVIEW_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)
        : List.of(INCLUDED_CSV, EXCLUDED_CSV, NEW_INCLUDED_CSV, NEW_REVIEW_CSV)) {
      headers.add(KV.of(file, KV.of("", CsvRows.line(CsvRows.SCREENED_LIVING))));
    }
    headers.add(KV.of(CHANGES_CSV, KV.of("", CsvRows.line(CsvRows.CHANGES))));
    if (whole) {
      headers.add(KV.of(INCLUDED_RIS, KV.of("", ""))); // the file exists even when nothing is included
      if (reportRecords) {
        headers.add(KV.of(REPORT_RECORDS, KV.of("", "")));
      }
    }
    PCollectionList<KV<String, String>> runs = PCollectionList
        .of(in.getPipeline().apply("LivingHeaders", Create.of(headers).withCoder(SortedFiles.ROW_CODER))
            .apply("LivingHeaderRuns", SortedFiles.runs(directory, SortedFiles.READY_ROWS)))
        .and(records.apply("LivingRows", SortedFiles.runs(directory, new LivingRows(reviewCsv))));
    int shards = Shards.of(in.getPipeline());
    boolean ranked = reportRecords && in.has(RANKS);
    if (in.has(DECIDED_WHOLE)) {
      PCollectionTuple decided = in.get(DECIDED_WHOLE).apply("WrittenWhole",
          ParDo.of(new WrittenFn(reportRecords, ranked, shards))
              .withOutputTags(WrittenFn.NOW, TupleTagList.of(WrittenFn.AWAITING_RANK)));
      decided.get(WrittenFn.AWAITING_RANK).setCoder(PART_CODER);
      runs = runs.and(decided.get(WrittenFn.NOW).setCoder(DECIDED_CODER)
          .apply("ShownRuns", SortedFiles.runs(directory, new ShownRows(reportRecords))));
      if (ranked) {
        // only the review queue's records wait for the ranks, which come once the ranking has
        // seen every record
        runs = runs.and(PCollectionList.of(decided.get(WrittenFn.AWAITING_RANK))
            .and(in.get(RANKS).apply("RanksById", ParDo.of(new RankFn(shards))).setCoder(PART_CODER))
            .apply("QueuedParts", Flatten.pCollections())
            .apply("RankJoin", GroupByShard.create())
            .apply("QueuedRanked", ParDo.of(new RankedFn()))
            .setCoder(DECIDED_CODER)
            .apply("QueuedRuns", SortedFiles.runs(directory, new ShownRows(reportRecords))));
      }
    } else if (in.has(SHOWN)) {
      // each final id's row, whole records and rank meet in a grouping by a hash of the id:
      // a grouping by the id itself costs the DirectRunner a timer per id (tens of thousands)
      PCollectionList<KV<Integer, KV<String, KV<Integer, byte[]>>>> parts = PCollectionList
          .of(records.apply("ShownRows", ParDo.of(new FinalRowFn(reportRecords, shards))).setCoder(PART_CODER))
          .and(in.get(SHOWN).apply("ShownById", ParDo.of(new WholeFn(shards))).setCoder(PART_CODER));
      if (ranked) {
        parts = parts.and(in.get(RANKS).apply("RanksById", ParDo.of(new RankFn(shards))).setCoder(PART_CODER));
      }
      runs = runs.and(parts.apply("AllShownParts", Flatten.pCollections())
          .apply("ShownJoin", GroupByShard.create())
          .apply("ShownDecided", ParDo.of(new DecidedFn()))
          .setCoder(DECIDED_CODER)
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
  static final class FinalRowFn extends DoFn<LivingRecord, KV<Integer, KV<String, KV<Integer, byte[]>>>> {
    private final boolean reportRecords;
    private final int shards;

    FinalRowFn(boolean reportRecords, int shards) {
      this.reportRecords = reportRecords;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element LivingRecord r, OutputReceiver<KV<Integer, KV<String, KV<Integer, byte[]>>>> out)
        throws IOException {
      Decision d = Decision.valueOf(r.decision().toUpperCase(java.util.Locale.ROOT));
      String stage = r.cells().get("stage");
      // a row without a stage cell takes the whole record's, which is not known here: sent on
      if (d == Decision.INCLUDE || reportRecords && (stage == null || ReportRecords.wanted(d, stage))) {
        out.output(part(r.recordId(), shards, ROW, ROW_CODER.getValueCoder(),
            KV.of(r.decision(), KV.of(stage, r.cells().get("reason")))));
      }
    }
  }

  /** A whole record by its final id. */
  static final class WholeFn extends DoFn<ScreenedRecord, KV<Integer, KV<String, KV<Integer, byte[]>>>> {
    private final int shards;

    WholeFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element ScreenedRecord s, OutputReceiver<KV<Integer, KV<String, KV<Integer, byte[]>>>> out)
        throws IOException {
      out.output(part(s.recordId(), shards, WHOLE, ScreenedRecord.ScreenedRecordCoder.of(), s));
    }
  }

  /** A queued record's rank and relevance by its final id. */
  static final class RankFn extends DoFn<KV<String, KV<String, String>>, KV<Integer, KV<String, KV<Integer, byte[]>>>> {
    private final int shards;

    RankFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<String, KV<String, String>> rank,
        OutputReceiver<KV<Integer, KV<String, KV<Integer, byte[]>>>> out) throws IOException {
      out.output(part(rank.getKey(), shards, RANK, RANK_CODER, rank.getValue()));
    }
  }

  /** One part of the join: its shard (from the final id), the id, which part, and its value encoded. */
  private static <T> KV<Integer, KV<String, KV<Integer, byte[]>>> part(String id, int shards, int kind,
      org.apache.beam.sdk.coders.Coder<T> coder, T value) throws IOException {
    return KV.of(Math.floorMod(id.hashCode(), shards),
        KV.of(id, KV.of(kind, CoderUtils.encodeToByteArray(coder, value))));
  }

  /**
   * Adds a {@code RANK} part to {@code ranks} by its final id; an id queued twice (a previous run's
   * files holding it twice) keeps its best place.
   */
  private static void addRank(Map<String, KV<String, String>> ranks, KV<String, KV<Integer, byte[]>> rank)
      throws IOException {
    ranks.merge(rank.getKey(), CoderUtils.decodeFromByteArray(RANK_CODER, rank.getValue().getValue()),
        (a, b) -> Long.parseLong(a.getKey()) <= Long.parseLong(b.getKey()) ? a : b);
  }

  /**
   * Each whole record of a final id with its row's decision, stage and reason (the record's own
   * where the row has no such cell), as the driver's living-review step shows it; nothing when
   * the id has no row that writes something.
   */
  static final class DecidedFn
      extends DoFn<KV<Integer, Iterable<KV<String, KV<Integer, byte[]>>>>, KV<ScreenedRecord, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<Integer, byte[]>>>> shard,
        OutputReceiver<KV<ScreenedRecord, KV<String, String>>> out) throws IOException {
      // the shard's parts by final id: only the ids with a row write something
      Map<String, KV<String, KV<String, String>>> rows = new HashMap<>();
      Map<String, KV<String, String>> ranks = new HashMap<>();
      for (KV<String, KV<Integer, byte[]>> p : shard.getValue()) {
        int kind = p.getValue().getKey();
        if (kind == ROW) {
          KV<String, KV<String, String>> r = CoderUtils.decodeFromByteArray(ROW_CODER.getValueCoder(),
              p.getValue().getValue());
          rows.merge(p.getKey(), r, (a, b) -> order(a).compareTo(order(b)) <= 0 ? a : b);
        } else if (kind == RANK) {
          addRank(ranks, p);
        }
      }
      for (KV<String, KV<Integer, byte[]>> p : shard.getValue()) {
        KV<String, KV<String, String>> row = p.getValue().getKey() == WHOLE ? rows.get(p.getKey()) : null;
        if (row == null) {
          continue;
        }
        ScreenedRecord s = CoderUtils.decodeFromByteArray(ScreenedRecord.ScreenedRecordCoder.of(),
            p.getValue().getValue());
        Decision d = Decision.valueOf(row.getKey().toUpperCase(java.util.Locale.ROOT));
        String stage = row.getValue().getKey() == null ? s.stage() : row.getValue().getKey();
        String reason = row.getValue().getValue() == null ? s.reason() : row.getValue().getValue();
        out.output(KV.of(new ScreenedRecord(s.recordId(), s.record(), d, stage, reason, s.matchedBlocks(), s.tags()),
            d == Decision.REVIEW ? ranks.get(p.getKey()) : null));
      }
    }

    private static String order(KV<String, KV<String, String>> row) {
      return row.getKey() + "\u0000" + row.getValue().getKey() + "\u0000" + row.getValue().getValue();
    }
  }

  /**
   * A decided whole record that writes something (included, or shown by the report when its
   * records are written): to {@link #NOW} with no rank, or, when ranks are to come and it is in
   * the review queue, to {@link #AWAITING_RANK} as a {@code DECIDED} part by its id, for
   * {@link RankedFn}.
   */
  static final class WrittenFn extends DoFn<ScreenedRecord, KV<ScreenedRecord, KV<String, String>>> {
    static final TupleTag<KV<ScreenedRecord, KV<String, String>>> NOW = new TupleTag<>() {};
    static final TupleTag<KV<Integer, KV<String, KV<Integer, byte[]>>>> AWAITING_RANK = new TupleTag<>() {};
    private final boolean reportRecords;
    private final boolean ranked;
    private final int shards;

    WrittenFn(boolean reportRecords, boolean ranked, int shards) {
      this.reportRecords = reportRecords;
      this.ranked = ranked;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element ScreenedRecord s, MultiOutputReceiver out) throws IOException {
      if (s.decision() != Decision.INCLUDE && !(reportRecords && ReportRecords.wanted(s))) {
        return;
      }
      if (ranked && s.decision() == Decision.REVIEW) {
        out.get(AWAITING_RANK).output(part(s.recordId(), shards, DECIDED, ScreenedRecord.ScreenedRecordCoder.of(), s));
      } else {
        out.get(NOW).output(KV.of(s, null));
      }
    }
  }

  /** Each queued record with its place in the ranked queue (none when the queue does not hold its id). */
  static final class RankedFn
      extends DoFn<KV<Integer, Iterable<KV<String, KV<Integer, byte[]>>>>, KV<ScreenedRecord, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<Integer, byte[]>>>> shard,
        OutputReceiver<KV<ScreenedRecord, KV<String, String>>> out) throws IOException {
      Map<String, KV<String, String>> ranks = new HashMap<>();
      for (KV<String, KV<Integer, byte[]>> p : shard.getValue()) {
        if (p.getValue().getKey() == RANK) {
          addRank(ranks, p);
        }
      }
      for (KV<String, KV<Integer, byte[]>> p : shard.getValue()) {
        if (p.getValue().getKey() == DECIDED) {
          out.output(KV.of(CoderUtils.decodeFromByteArray(ScreenedRecord.ScreenedRecordCoder.of(),
              p.getValue().getValue()), ranks.get(p.getKey())));
        }
      }
    }
  }

  /**
   * A decided whole record's entry of {@code included.ris} when included, and its line of the
   * report's records when those are written and the report shows it.
   */
  static final class ShownRows implements SortedFiles.RowMaker<KV<ScreenedRecord, KV<String, String>>> {
    private final boolean reportRecords;

    ShownRows(boolean reportRecords) {
      this.reportRecords = reportRecords;
    }

    @Override
    public void rows(KV<ScreenedRecord, KV<String, String>> decided, SortedFiles.RowSink sink) throws IOException {
      ScreenedRecord s = decided.getKey();
      KV<String, String> rank = decided.getValue();
      String key = CsvRows.screenedSortKey(s);
      if (s.decision() == Decision.INCLUDE) {
        sink.row(INCLUDED_RIS, key, RisFormat.entry(s));
      }
      if (reportRecords && ReportRecords.wanted(s)) {
        sink.row(REPORT_RECORDS, key, rank == null ? ReportRecords.line(s)
            : ReportRecords.line(s, rank.getKey(), rank.getValue()));
      }
    }
  }
}
