package org.litsieve.pipeline;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.RunReports;
import org.litsieve.output.WriteLiving;
import org.litsieve.rules.Rules;

/**
 * The living review inside the run's graph: every record decided, then every file of the review
 * written once, from typed records, on any runner. A first run's records are all new
 * ({@link FirstRunRecords}); a run with a previous run continues it ({@link ContinueReview}:
 * matching, carrying forward, re-screening after a rules change, the reviewers' decisions). The
 * decided records then go to the writers, side by side: {@link WriteLiving} (the screened files,
 * the new-records files, {@code changes.csv}, {@code included.ris} and the report's records),
 * {@link LivingTotals} ({@code prisma.json}, {@code decisions.csv}, {@code conflicts.csv},
 * {@code decision-problems.csv}), {@link RankReviewQueue} ({@code review.csv} ranked,
 * {@code second-look.csv}) and {@link WriteStore} ({@code records.jsonl.gz}, {@code records.index}).
 *
 * <p>Input: the pipeline's {@link FinalRecord}s (a first run's with its reviewers' decisions
 * applied, {@link DecideRecords}; a later run's as the rules screened them), its file reports (the
 * run id, {@link RunId}) and its PRISMA counters ({@code WriteOutputs.withCounters}). Output: the
 * files, and what the driver needs for the manifest and the reports, in memory from the finished
 * run ({@link #handedOver}, through metrics: the summary, {@code prisma.json}'s document, the
 * ranking's summary and second look); nothing it writes is read back by the run, except the
 * report's records, which {@link RunReports} draws the page from. Failure behaviour: that of its
 * steps (an I/O error fails the run; the caller writes into a temporary folder).
 */
final class LivingReview {
  private final LivingTotals totals;

  private LivingReview(LivingTotals totals) {
    this.totals = totals;
  }

  /**
   * The reviewers' decisions of a run, resolved: the previous run's {@code decisions.csv} (when
   * there is one) and this run's, in that order, as the living review has always taken them.
   */
  static HumanDecisions decisions(ReviewHistory history) {
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    PreviousRun previous = history.previous();
    if (previous != null) {
      sources.put(previous.dir().resolve(LivingUpdate.DECISIONS_CSV).toString(), previous.decisions());
    }
    sources.put(history.decisionsSource(), history.decisions());
    return HumanDecisions.resolve(sources);
  }

  /**
   * Adds the living review to the graph.
   *
   * @param decided the pipeline's final records
   * @param reports the file reports (for the run id)
   * @param counters the pipeline's PRISMA counters
   * @param decisions {@link #decisions} of {@code history}
   * @param directory the output folder, which must exist
   */
  static LivingReview add(PCollection<FinalRecord> decided, PCollection<FileReport> reports,
      PCollection<KV<String, Long>> counters, Rules rules, ReviewHistory history, HumanDecisions decisions,
      String directory) {
    PCollectionView<String> runId = reports.apply("RunId", RunId.of(rules, history));
    PreviousRun previous = history.previous();
    PCollection<LivingRecord> records;
    PCollection<ScreenedRecord> shown;
    PCollection<KV<String, ScreenedRecord>> thisRun;
    PCollection<ScreenedRecord> rescreened = null;
    PCollection<KV<String, Long>> stepCounts = null;
    WriteStore store;
    LivingTotals totals;
    if (previous == null) {
      records = decided.apply("FirstRunRecords", FirstRunRecords.with(runId));
      // a first run's records are decided whole (the reviewers' decisions applied): no join by id
      shown = decided.apply("AsDecided", MapElements.into(TypeDescriptor.of(ScreenedRecord.class))
          .via(FinalRecord::decided)).setCoder(ScreenedRecord.ScreenedRecordCoder.of());
      thisRun = decided.apply("ThisRun", WriteStore.firstRunThisRun());
      store = WriteStore.to(directory);
      totals = LivingTotals.into(directory, decisions, null, false);
    } else {
      PCollectionTuple continued = decided.apply("ContinueReview",
          ContinueReview.from(previous, rules, decisions.decided(), runId).withCounts());
      records = continued.get(ContinueReview.RECORDS);
      shown = continued.get(ContinueReview.SHOWN);
      thisRun = continued.get(ContinueReview.THIS_RUN);
      rescreened = continued.get(ContinueReview.RESCREENED);
      stepCounts = continued.get(ContinueReview.STEP_COUNTS);
      store = WriteStore.continuing(directory, previous.dir().resolve(RecordStore.FILE));
      totals = LivingTotals.into(directory, decisions, previous.runId(),
          !previous.rulesSha256().equals(rules.sha256()));
    }

    PCollection<RankReviewQueue.Outcome> ranked = records.apply("RankReviewQueue",
        RankReviewQueue.into(directory, RankReviewQueue.columns(), decisions.kept()));
    PCollection<KV<String, KV<String, String>>> ranks = ranked.apply("QueueRanks", ParDo.of(new RanksFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    PCollectionTuple.of(WriteLiving.RECORDS, records)
        .and(previous == null ? WriteLiving.DECIDED_WHOLE : WriteLiving.SHOWN, shown)
        .and(WriteLiving.RANKS, ranks)
        .apply("WriteLiving", WriteLiving.to(directory).withoutReviewCsv().withReportRecords());

    PCollectionTuple totalsIn = PCollectionTuple.of(LivingTotals.RECORDS, records)
        .and(LivingTotals.PIPELINE_COUNTERS, counters);
    if (stepCounts != null) {
      totalsIn = totalsIn.and(LivingTotals.STEP_COUNTS, stepCounts);
    }
    totalsIn.apply("LivingTotals", totals);

    PCollectionTuple storeIn = PCollectionTuple.of(WriteStore.RECORDS, records).and(WriteStore.THIS_RUN, thisRun);
    if (rescreened != null) {
      storeIn = storeIn.and(WriteStore.RESCREENED, rescreened);
    }
    storeIn.apply("WriteStore", store);
    return new LivingReview(totals);
  }

  /** Each queued record's final id with its rank and relevance as {@code review.csv} writes them. */
  static final class RanksFn extends DoFn<RankReviewQueue.Outcome, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element RankReviewQueue.Outcome o, OutputReceiver<KV<String, KV<String, String>>> out) {
      for (int i = 0; i < o.queueIds().size(); i++) {
        out.output(KV.of(o.queueIds().get(i), KV.of(Integer.toString(i + 1), RankStep.relevance(o.relevance().get(i)))));
      }
    }
  }

  /**
   * What the living review handed the driver from the finished run: the manifest's {@code living}
   * object (its {@code ranking} included), {@code prisma.json}'s document and the ranking as the
   * report shows it (the queue's ranks come on the report's records).
   */
  record Handed(Map<String, Object> living, Map<String, Object> prisma, RunReports.RankedQueue queue,
      List<Map<String, String>> problems) {}

  /**
   * Reads what the steps reported from {@code result}, a finished run of the graph {@link #add}
   * built.
   *
   * @throws IllegalStateException when a step did not report (it did not run)
   */
  Handed handedOver(PipelineResult result, String runId) throws IOException {
    Map<String, Object> living = totals.summary(result, runId).toMap();
    WriteStore.Counts stored = WriteStore.counts(result);
    living.put("without_stored_record", stored.withoutStoredRecord());
    living.put("stored_records_copied", stored.storedRecordsCopied());
    if (stored.withoutStoredRecord() > 0) {
      @SuppressWarnings("unchecked")
      List<String> warnings = (List<String>) living.get("warnings");
      warnings.add(withoutStoredRecord(stored.withoutStoredRecord()));
    }
    RankReviewQueue.Outcome ranking = RankReviewQueue.handedOver(result);
    living.put("ranking", ranking.summaryMap());
    return new Handed(living, LivingTotals.prisma(result), ranking.forReport(), LivingTotals.problems(result));
  }

  /** The manifest's warning about {@code n} carried-forward records the previous store lacks. */
  static String withoutStoredRecord(long n) {
    return n + " carried-forward record(s) have no stored copy in the previous run (" + RecordStore.FILE
        + "): they are in the CSV files but not in included.ris, included.bib, tags.csv or report.html, and"
        + " this run's " + RecordStore.FILE + " cannot keep them either.";
  }
}
