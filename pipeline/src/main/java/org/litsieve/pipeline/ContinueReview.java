package org.litsieve.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;

/**
 * A step of a living review decided inside the pipeline: the previous run read
 * ({@link ReadPrevious}), this run's records matched to it by key ({@link MatchPrevious}) and then
 * by the deduplication matcher on what no key matched ({@link MatchFuzzy}), the carried-forward
 * records screened again after a rules change ({@link RescreenCarried}), and every record of
 * either run decided ({@link DecideLiving}: final id, {@code first_seen}, the reviewers' decision,
 * status, the earlier records nothing matched carried forward).
 *
 * <p>Input: this run's {@link FinalRecord}s (as the rules screened them; the reviewers' decisions
 * are applied here, under the final ids), the previous run (checked on the driver), the
 * reviewers' resolved decisions (the previous run's and this run's) and the run id as a side
 * input ({@link RunId}). Output: one {@link LivingRecord} per record of this run and per earlier
 * record nothing matched, the rows the driver's {@code LivingUpdate.apply} decides. Through
 * {@link #withCounts()}, the same records ({@link #RECORDS}) with the two counts the decided
 * records do not show, made by the steps that know them ({@link #STEP_COUNTS}), and the final
 * records' whole screened records ({@link #SHOWN}, {@link ShownRecords}) and, for the
 * carried-forward ones it does not read back, where they are stored ({@link #CARRIED_STORED},
 * {@link CarriedMembers}).
 *
 * <p>After a rules change, the carried-forward records the previous run kept whole are screened
 * again ({@link RescreenCarried}, through the screen stage's transform). Failure behaviour: that of
 * its steps (an unreadable file or store of the previous run fails the run).
 */
final class ContinueReview extends PTransform<PCollection<FinalRecord>, PCollection<LivingRecord>> {
  private final String previousDir;
  private final String previousRunId;
  private final String previousStore;
  private final List<HumanDecision> decisions;
  private final PCollectionView<String> runId;
  /** The rules to screen carried-forward records with, when they changed and the previous run kept its records. */
  private final Rules rescreenWith;

  private ContinueReview(String previousDir, String previousRunId, String previousStore, Rules rescreenWith,
      List<HumanDecision> decisions, PCollectionView<String> runId) {
    this.previousDir = previousDir;
    this.previousRunId = previousRunId;
    this.previousStore = previousStore;
    this.rescreenWith = rescreenWith;
    this.decisions = List.copyOf(decisions);
    this.runId = runId;
  }

  /**
   * @param previous the previous run
   * @param rules this run's rules: when their hash differs from the previous run's, the
   *     carried-forward records the previous run kept are screened again with them
   * @param decisions the reviewers' resolved decisions, one per final record id
   * @param runId this run's id ({@link RunId})
   */
  static ContinueReview from(PreviousRun previous, Rules rules, List<HumanDecision> decisions,
      PCollectionView<String> runId) {
    Path store = previous.dir().resolve(RecordStore.FILE);
    boolean stored = Files.isRegularFile(store);
    boolean changed = !previous.rulesSha256().equals(rules.sha256());
    return new ContinueReview(previous.dir().toString(), previous.runId(), stored ? store.toString() : null,
        stored && changed ? rules : null, decisions, runId);
  }

  /** {@link #withCounts()}'s output: the decided records, as {@link #expand} gives them. */
  static final TupleTag<LivingRecord> RECORDS = new TupleTag<>() {};
  /**
   * {@link #withCounts()}'s output: the deciding steps' own counts by name, for
   * {@link LivingTotals#STEP_COUNTS}: {@link StepCounts#MATCHED_BY_DEDUP} from {@link MatchFuzzy}
   * and, after a rules change with a store, {@link StepCounts#RESCREENED} from
   * {@link RescreenCarried}; each name's values sum to its count.
   */
  static final TupleTag<KV<String, Long>> STEP_COUNTS = new TupleTag<>() {};
  /**
   * {@link #withCounts()}'s output: the whole screened record of the final records, for
   * {@code WriteLiving.SHOWN} ({@code included.ris}) and the record store ({@link ShownRecords}):
   * every record of this run under its final id, every carried-forward id screened again after a
   * rules change, and, without one, the carried-forward ids that are part of the review's result
   * as the previous run stored them. Not the carried-forward records outside the result when the
   * rules did not change (read back, they would make an update cost the history's size), nor
   * those the previous store lacks.
   */
  static final TupleTag<ScreenedRecord> SHOWN = new TupleTag<>() {};
  /**
   * {@link #withCounts()}'s output: where the carried-forward records {@link #SHOWN} does not
   * read back are, for the store writer: without a rules change, each member of the previous
   * store with the carried ids whose stored line the new store keeps from it
   * ({@link CarriedMembers}); empty after a rules change (every carried id the store holds is
   * screened again, in {@link #SHOWN}) or without a store.
   */
  static final TupleTag<KV<KV<Long, Long>, List<String>>> CARRIED_STORED = new TupleTag<>() {};
  /**
   * {@link #withCounts()}'s output, for {@link WriteStore#THIS_RUN}: each record of this run,
   * {@code KV<the id the pipeline screened it under, the record as the rules screened it under its
   * final id>} (the renaming {@link #SHOWN} holds, made once, by {@link ShownRecords}).
   */
  static final TupleTag<KV<String, ScreenedRecord>> THIS_RUN = new TupleTag<>() {};
  /**
   * {@link #withCounts()}'s output, for {@link WriteStore#RESCREENED}: the carried-forward records
   * screened again after a rules change, one per id ({@link RescreenCarried#BY_ID}); empty when
   * nothing is screened again (no rules change, or no store).
   */
  static final TupleTag<ScreenedRecord> RESCREENED = new TupleTag<>() {};

  @Override
  public PCollection<LivingRecord> expand(PCollection<FinalRecord> current) {
    return decide(current, false).get(RECORDS);
  }

  /**
   * The same step with the deciding steps' counts and the whole records: {@link #RECORDS},
   * {@link #STEP_COUNTS}, {@link #SHOWN}, {@link #CARRIED_STORED}, {@link #THIS_RUN} and
   * {@link #RESCREENED}.
   */
  PTransform<PCollection<FinalRecord>, PCollectionTuple> withCounts() {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollection<FinalRecord> current) {
        return decide(current, true);
      }
    };
  }

  /** The decided records and the steps' counts; with {@code withShown}, the whole records too. */
  private PCollectionTuple decide(PCollection<FinalRecord> current, boolean withShown) {
    ReadPrevious history = ReadPrevious.from(previousDir, previousRunId);
    PCollection<PreviousBatch> previous = current.getPipeline().apply("ReadPrevious", history);
    PCollection<MatchEdge> keyPairs = PCollectionTuple.of(MatchPrevious.CURRENT, current)
        .and(MatchPrevious.PREVIOUS, previous)
        .apply("MatchByKey", MatchPrevious.byKeys());
    PCollectionTuple matched = PCollectionTuple.of(MatchFuzzy.CURRENT, current)
        .and(MatchFuzzy.PREVIOUS, previous).and(MatchFuzzy.KEY_PAIRS, keyPairs)
        .apply("MatchTheRest", MatchFuzzy.of(previousStore, history).counted());
    PCollection<MatchEdge> pairs = matched.get(MatchFuzzy.PAIRS);
    PCollectionList<KV<String, Long>> counts = PCollectionList.of(matched.get(MatchFuzzy.COUNTS));
    PCollectionTuple shown = PCollectionTuple.of(ShownRecords.CURRENT, current).and(ShownRecords.PREVIOUS, previous)
        .and(ShownRecords.PAIRS, pairs);
    PCollectionTuple decide = PCollectionTuple.of(DecideLiving.CURRENT, current)
        .and(DecideLiving.PREVIOUS, previous).and(DecideLiving.PAIRS, pairs);
    PCollection<ScreenedRecord> screenedAgain = null;
    if (rescreenWith != null) {
      PCollectionTuple rescreened = PCollectionTuple.of(RescreenCarried.PREVIOUS, previous)
          .and(RescreenCarried.PAIRS, pairs)
          .apply("RescreenCarried", RescreenCarried.with(previousStore, rescreenWith).counted());
      decide = decide.and(DecideLiving.RESCREENED, rescreened.get(RescreenCarried.SCREENED));
      counts = counts.and(rescreened.get(RescreenCarried.COUNTS));
      screenedAgain = rescreened.get(RescreenCarried.BY_ID);
      shown = shown.and(ShownRecords.RESCREENED, screenedAgain);
    }
    // no rules change (or no store): nothing is screened again, and LivingTotals reads the absent name as 0
    PCollectionTuple out = PCollectionTuple
        .of(RECORDS, decide.apply("DecideLiving", DecideLiving.with(runId, decisions).rereading(history)))
        .and(STEP_COUNTS, counts.apply("StepCounts", Flatten.pCollections()).setCoder(StepCounts.CODER));
    if (!withShown) {
      return out;
    }
    // the store is read for the carried-forward result only when nothing screened them again
    boolean carriedAsStored = rescreenWith == null && previousStore != null;
    PCollectionTuple whole = shown.apply("ShownRecords",
        ShownRecords.from(carriedAsStored ? previousStore : null, decisions).withThisRun());
    return out.and(SHOWN, whole.get(ShownRecords.SHOWN))
        .and(THIS_RUN, whole.get(ShownRecords.THIS_RUN))
        .and(RESCREENED, screenedAgain != null ? screenedAgain
            : current.getPipeline().apply("NothingScreenedAgain",
                Create.empty(ScreenedRecord.ScreenedRecordCoder.of())))
        .and(CARRIED_STORED, carriedAsStored
            ? PCollectionTuple.of(CarriedMembers.PREVIOUS, previous).and(CarriedMembers.PAIRS, pairs)
                .apply("CarriedMembers", CarriedMembers.in(previousStore))
            : current.getPipeline().apply("NoCarriedMembers", Create.empty(CarriedMembers.CODER)));
  }
}
