package org.litsieve.pipeline;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.litsieve.history.LivingDecision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.LivingRecord;
import org.litsieve.output.CsvRows;

/**
 * A first run's records (no {@code --previous}) as the {@link LivingRecord}s the living-review
 * steps take ({@code WriteLiving}, {@link RankReviewQueue}, {@link LivingTotals}), so a first run
 * and a run continuing one ({@link ContinueReview}) feed those steps the same type, made in one
 * place.
 *
 * <p>Input: the run's {@link FinalRecord}s, the reviewers' decisions already on them ({@link
 * DecideRecords}), and the run id as a singleton side input ({@link RunId}). Output: one {@link
 * LivingRecord} per record, status {@code new}, {@code first_seen} the run id, its cells as the
 * driver's first-run step writes the row: the screened columns ({@link CsvRows#SCREENED}) with the
 * reviewers' decision, stage and reason applied by {@link LivingDecision#decide} (the same call
 * {@link DecideLiving} makes for a new record of a later run), then the living-review columns. A
 * carriage return in a cell reads as a line feed, as in a later run's rows. Failure behaviour:
 * none of its own; a missing side input fails the run as Beam does.
 */
final class FirstRunRecords extends PTransform<PCollection<FinalRecord>, PCollection<LivingRecord>> {
  private final PCollectionView<String> runId;

  private FirstRunRecords(PCollectionView<String> runId) {
    this.runId = runId;
  }

  /** @param runId this run's id ({@link RunId}), the {@code first_seen} of every record */
  static FirstRunRecords with(PCollectionView<String> runId) {
    return new FirstRunRecords(runId);
  }

  @Override
  public PCollection<LivingRecord> expand(PCollection<FinalRecord> records) {
    return records
        .apply("AllNew", ParDo.of(new NewFn(runId)).withSideInputs(runId))
        .setCoder(LivingRecord.LivingRecordCoder.of());
  }

  /** One record, new in this run. */
  static final class NewFn extends DoFn<FinalRecord, LivingRecord> {
    private final PCollectionView<String> runIdView;

    NewFn(PCollectionView<String> runIdView) {
      this.runIdView = runIdView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      FinalRecord f = c.element();
      c.output(LivingDecision.decide(c.sideInput(runIdView), DecideLiving.row(f), null, null,
          CsvRows.SCREENED, f.human()));
    }
  }
}
