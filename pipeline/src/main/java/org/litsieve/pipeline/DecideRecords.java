package org.litsieve.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.ScreenedRecord;

/**
 * Joins the screened records with the reviewers' decisions inside the pipeline, so every output
 * is written from a record whose decisions are all made.
 *
 * <p>Input: the screened records, and the resolved {@link HumanDecision}s (made on the driver by
 * the history stage's {@code HumanDecisions}, which needs all decision rows at once: dates per
 * source, latest per reviewer, conflicts). Output: one {@link FinalRecord} per screened record,
 * carrying the decision on its record id, if any. Decisions on ids no record has are not
 * joined (the living-review step reports them as unknown).
 *
 * <p>The decisions are few (one per decided record), so they reach the records as a side input
 * made from a {@link PCollection}, read into a map once per worker, rather than through a grouping
 * by record id, which would cost the DirectRunner a key group per record. With no decisions the
 * records are only wrapped.
 *
 * <p>Runs without a previous run only: after a previous run the decisions name the earlier ids,
 * which the living-review step assigns after the pipeline; there, the decisions are given empty and
 * that step applies them.
 *
 * <p>Failure behaviour: none of its own; it cannot fail on a record.
 */
public final class DecideRecords extends PTransform<PCollection<ScreenedRecord>, PCollection<FinalRecord>> {
  private final List<HumanDecision> decisions;

  private DecideRecords(List<HumanDecision> decisions) {
    this.decisions = List.copyOf(decisions);
  }

  /** Applies {@code decisions} (one per record id) to the screened records. */
  public static DecideRecords with(List<HumanDecision> decisions) {
    return new DecideRecords(decisions);
  }

  @Override
  public PCollection<FinalRecord> expand(PCollection<ScreenedRecord> screened) {
    if (decisions.isEmpty()) {
      return screened.apply("Undecided", ParDo.of(new DoFn<ScreenedRecord, FinalRecord>() {
        @ProcessElement
        public void process(@Element ScreenedRecord s, OutputReceiver<FinalRecord> out) {
          out.output(new FinalRecord(s, null));
        }
      }));
    }
    PCollectionView<List<HumanDecision>> view = screened.getPipeline()
        .apply("Decisions", Create.of(decisions).withCoder(HumanDecision.HumanDecisionCoder.of()))
        .apply("DecisionsView", View.asList());
    return screened.apply("ApplyDecisions", ParDo.of(new ApplyFn(view)).withSideInputs(view));
  }

  /** Looks each record's id up in the decisions, read into a map once per worker. */
  static final class ApplyFn extends DoFn<ScreenedRecord, FinalRecord> {
    private final PCollectionView<List<HumanDecision>> view;
    private transient Map<String, HumanDecision> byId;

    ApplyFn(PCollectionView<List<HumanDecision>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ScreenedRecord s = c.element();
      if (byId == null) {
        // one window (global) and one list: it never changes during the run
        Map<String, HumanDecision> m = new HashMap<>();
        for (HumanDecision h : c.sideInput(view)) {
          m.put(h.recordId(), h);
        }
        byId = m;
      }
      c.output(new FinalRecord(s, byId.get(s.recordId())));
    }
  }
}
