package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.history.LivingDecision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;
import org.litsieve.shuffle.Spread;

/**
 * Joins this run's records with the previous run's inside the pipeline and decides each one
 * ({@link LivingDecision}, the rule the driver's {@code LivingUpdate} applies): a matched record
 * takes the earlier id and {@code first_seen}, an earlier record nothing matched is carried
 * forward, the reviewers' decision on the final id is applied, and the status is set.
 *
 * <p>Input: this run's {@link FinalRecord}s ({@link #CURRENT}), the previous run's records by
 * position, in batches ({@link #PREVIOUS}; {@link #rereading} reads them again from their files
 * once the pairs are made, rather than holding them until then), and the pairs taken
 * ({@link #PAIRS}: {@link MatchPrevious}'s output, or any pairs resolved by the same rule); the
 * reviewers' resolved decisions (by final id).
 * The pairs and the decisions are few (at most one per record of this run) and reach the records
 * as side inputs, read into maps once per worker. An earlier record no pair took is carried
 * forward and decided where it is (most of the history in an update: it never moves); a matched
 * one meets its record of this run by position in a {@link GroupByShard} (the DirectRunner pays
 * per key group, so a few shards, never one group per record), and so do the carried ones when
 * re-screened records come for them.
 *
 * <p>Output: one {@link LivingRecord} per record of this run and per earlier record nothing
 * matched. This run's row is the record as the rules screened it, in the screened files' columns.
 *
 * <p>The fuzzy matcher's pairs come in {@link #PAIRS} with the key pairs ({@link MatchFuzzy}); a
 * carried-forward record re-screened after a rules change comes in {@link #RESCREENED} (without
 * it, it keeps its earlier row, as with no store). Failure behaviour: none of its own.
 */
final class DecideLiving extends PTransform<PCollectionTuple, PCollection<LivingRecord>> {
  /** This run's records. */
  static final TupleTag<FinalRecord> CURRENT = new TupleTag<>() {};
  /** The previous run's records by their position in its files. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};
  /** The pairs taken: this run's record id → the earlier record's position and id. */
  static final TupleTag<MatchEdge> PAIRS = new TupleTag<>() {};
  /**
   * Optional: carried-forward records screened again after a rules change ({@link RescreenCarried})
   * by the earlier record's position; their decision, stage, reason and evidence replace the
   * earlier row's.
   */
  static final TupleTag<KV<Long, ScreenedRecord>> RESCREENED = new TupleTag<>() {};

  private static final TupleTag<LivingRecord> DECIDED = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, Side>> MATCHED = new TupleTag<>() {};
  private static final KvCoder<Integer, Side> SHARDED = KvCoder.of(VarIntCoder.of(), SideCoder.INSTANCE);

  private final String runId;
  private final PCollectionView<String> runIdView;
  private final List<HumanDecision> decisions;
  /** The previous run's files, read again for the earlier records; null: {@link #PREVIOUS} waits. */
  private final ReadPrevious reread;

  private DecideLiving(String runId, PCollectionView<String> runIdView, List<HumanDecision> decisions,
      ReadPrevious reread) {
    this.runId = runId;
    this.runIdView = runIdView;
    this.decisions = List.copyOf(decisions);
    this.reread = reread;
  }

  /**
   * The same step reading the earlier records again, from {@code previous} ({@link #PREVIOUS}'s
   * source), once the pairs are made ({@link ReadPrevious#after}), instead of holding
   * {@link #PREVIOUS} until then.
   */
  DecideLiving rereading(ReadPrevious previous) {
    return new DecideLiving(runId, runIdView, decisions, previous);
  }

  /**
   * @param runId this run's id, the {@code first_seen} of new records
   * @param decisions the reviewers' resolved decisions, one per final record id
   */
  static DecideLiving with(String runId, List<HumanDecision> decisions) {
    return new DecideLiving(runId, null, decisions, null);
  }

  /**
   * As {@link #with(String, List)}, with the run id made in the pipeline ({@link RunId}): it
   * depends on the input files' hashes, known once they are read.
   */
  static DecideLiving with(PCollectionView<String> runId, List<HumanDecision> decisions) {
    return new DecideLiving(null, runId, decisions, null);
  }

  /** One side of the join on a previous position: this run's matched record, or the earlier record. */
  record Side(long position, FinalRecord current, PreviousRecord previous, ScreenedRecord rescreened) {}

  @Override
  public PCollection<LivingRecord> expand(PCollectionTuple in) {
    PCollectionView<String> runId = runIdView != null ? runIdView : in.getPipeline()
        .apply("RunId", Create.of(this.runId).withCoder(StringUtf8Coder.of())).apply("RunIdView", View.asSingleton());
    PCollectionView<List<MatchEdge>> pairs = in.get(PAIRS).apply("PairsView", ListView.of());
    int shards = Shards.of(in.getPipeline());
    PCollectionView<List<HumanDecision>> human = in.getPipeline()
        .apply("Decisions", Create.of(decisions).withCoder(HumanDecision.HumanDecisionCoder.of()))
        .apply("DecisionsView", ListView.of());
    PCollectionTuple routed = in.get(CURRENT)
        .apply("AwaitPairs", Await.views(runId, pairs, human))
        .apply("NewOrMatched", ParDo.of(new RouteFn(runId, pairs, human, shards)).withSideInputs(runId, pairs, human)
            .withOutputTags(DECIDED, TupleTagList.of(MATCHED)));
    routed.get(DECIDED).setCoder(LivingRecord.LivingRecordCoder.of());
    routed.get(MATCHED).setCoder(SHARDED);
    // an earlier record nothing matched and nothing screened again is decided where it is; only
    // the matched ones (few) and the re-screened ones meet their other side by position
    boolean rescreened = in.has(RESCREENED);
    // read again, the history is spread over the shards: a runner fuses the steps after a read
    // with it, so it would decide, rank and write each piece's rows where the piece was read. The
    // pieces (ReadPrevious, about 16 MB each) are fewer than a cluster's shards for a history of a
    // few hundred MB; whether the spread is still worth its shuffle there is not measured
    PCollection<PreviousBatch> earlierRecords = reread != null
        ? in.getPipeline().apply("ReadPreviousAfterPairs", reread.after(runId, pairs, human))
            .apply("SpreadEarlier", Spread.apart(shards))
        : in.get(PREVIOUS).apply("AwaitPairsForEarlier", Await.views(runId, pairs, human));
    PCollectionTuple earlierRouted = earlierRecords
        .apply("CarriedOrMatched", ParDo.of(new EarlierFn(runId, pairs, human, rescreened, shards))
            .withSideInputs(runId, pairs, human)
            .withOutputTags(DECIDED, TupleTagList.of(MATCHED)));
    earlierRouted.get(DECIDED).setCoder(LivingRecord.LivingRecordCoder.of());
    PCollection<KV<Integer, Side>> earlier = earlierRouted.get(MATCHED).setCoder(SHARDED);
    PCollectionList<KV<Integer, Side>> sides = PCollectionList.of(routed.get(MATCHED)).and(earlier);
    if (in.has(RESCREENED)) {
      sides = sides.and(in.get(RESCREENED).apply("RescreenedByPosition", ParDo.of(new RescreenedFn(shards)))
          .setCoder(SHARDED));
    }
    PCollection<LivingRecord> joined = sides
        .apply("BothRuns", Flatten.pCollections())
        .apply("GroupByPosition", GroupByShard.create())
        .apply("DecideMatchedAndCarried", ParDo.of(new JoinFn(runId, human)).withSideInputs(runId, human))
        .setCoder(LivingRecord.LivingRecordCoder.of());
    return PCollectionList.of(routed.get(DECIDED)).and(earlierRouted.get(DECIDED)).and(joined)
        .apply("AllDecided", Flatten.pCollections());
  }

  static int shard(long position, int shards) {
    return (int) Math.floorMod(position, (long) shards);
  }

  /** The record's row as the rules screened it, in the screened files' columns. */
  static Map<String, String> row(FinalRecord f) {
    return MatchPrevious.row(f.screened());
  }

  /** The decisions by record id, read once per worker. */
  static Map<String, HumanDecision> byId(List<HumanDecision> decisions) {
    Map<String, HumanDecision> m = new HashMap<>();
    decisions.forEach(h -> m.put(h.recordId(), h));
    return m;
  }

  /**
   * An earlier record: carried forward and decided here when no pair took it and no re-screened
   * record can come for it; else to its position's shard, to meet its other side.
   */
  static final class EarlierFn extends DoFn<PreviousBatch, LivingRecord> {
    private final PCollectionView<String> runIdView;
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final PCollectionView<List<HumanDecision>> humanView;
    private final boolean rescreened;
    private final int shards;
    private transient java.util.Set<Long> taken;
    private transient Map<String, HumanDecision> human;
    private transient String runId;

    EarlierFn(PCollectionView<String> runIdView, PCollectionView<List<MatchEdge>> pairsView,
        PCollectionView<List<HumanDecision>> humanView, boolean rescreened, int shards) {
      this.runIdView = runIdView;
      this.pairsView = pairsView;
      this.humanView = humanView;
      this.rescreened = rescreened;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
        human = byId(ListView.values(c.sideInput(humanView)));
        runId = c.sideInput(runIdView);
      }
      c.element().forEach((position, p) -> {
        if (rescreened || taken.contains(position)) {
          c.output(MATCHED, KV.of(shard(position, shards), new Side(position, null, p, null)));
        } else {
          c.output(LivingDecision.decide(runId, null, p, null, CsvRows.SCREENED, human.get(p.recordId())));
        }
      });
    }
  }

  /** A carried-forward record screened again, to its position's shard. */
  static final class RescreenedFn extends DoFn<KV<Long, ScreenedRecord>, KV<Integer, Side>> {
    private final int shards;

    RescreenedFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Long, ScreenedRecord> r, OutputReceiver<KV<Integer, Side>> out) {
      out.output(KV.of(shard(r.getKey(), shards), new Side(r.getKey(), null, null, r.getValue())));
    }
  }

  /** A re-screened record's row as the driver's re-screening gives it (the values as screened). */
  static Map<String, String> rescreenedRow(ScreenedRecord s) {
    List<String> values = CsvRows.screened(s);
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < CsvRows.SCREENED.size(); i++) {
      row.put(CsvRows.SCREENED.get(i), values.get(i));
    }
    return row;
  }

  /** Decides a new record at once; sends a matched one to its earlier record's position. */
  static final class RouteFn extends DoFn<FinalRecord, LivingRecord> {
    private final PCollectionView<String> runIdView;
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final PCollectionView<List<HumanDecision>> humanView;
    private final int shards;
    private transient Map<String, MatchEdge> pairs;
    private transient Map<String, HumanDecision> human;
    private transient String runId;

    RouteFn(PCollectionView<String> runIdView, PCollectionView<List<MatchEdge>> pairsView,
        PCollectionView<List<HumanDecision>> humanView, int shards) {
      this.runIdView = runIdView;
      this.pairsView = pairsView;
      this.humanView = humanView;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (pairs == null) {
        Map<String, MatchEdge> m = new HashMap<>();
        ListView.values(c.sideInput(pairsView)).forEach(e -> m.put(e.currentId(), e));
        pairs = m;
        human = byId(ListView.values(c.sideInput(humanView)));
        runId = c.sideInput(runIdView);
      }
      FinalRecord f = c.element();
      MatchEdge e = pairs.get(f.screened().recordId());
      if (e == null) {
        c.output(LivingDecision.decide(runId, row(f), null, null, CsvRows.SCREENED,
            human.get(f.screened().recordId())));
      } else {
        c.output(MATCHED, KV.of(shard(e.previous(), shards), new Side(e.previous(), f, null, null)));
      }
    }
  }

  /** On a position: the earlier record with this run's record matched to it, or carried forward. */
  static final class JoinFn extends DoFn<KV<Integer, Iterable<Side>>, LivingRecord> {
    private final PCollectionView<String> runIdView;
    private final PCollectionView<List<HumanDecision>> humanView;
    private transient Map<String, HumanDecision> human;
    private transient String runId;

    JoinFn(PCollectionView<String> runIdView, PCollectionView<List<HumanDecision>> humanView) {
      this.runIdView = runIdView;
      this.humanView = humanView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (human == null) {
        human = byId(ListView.values(c.sideInput(humanView)));
        runId = c.sideInput(runIdView);
      }
      Map<Long, PreviousRecord> earlier = new TreeMap<>();
      Map<Long, FinalRecord> ours = new HashMap<>();
      Map<Long, ScreenedRecord> rescreened = new HashMap<>();
      for (Side s : c.element().getValue()) {
        if (s.previous() != null) {
          earlier.put(s.position(), s.previous());
        } else if (s.current() != null) {
          ours.put(s.position(), s.current());
        } else {
          rescreened.put(s.position(), s.rescreened());
        }
      }
      for (Map.Entry<Long, PreviousRecord> e : earlier.entrySet()) {
        FinalRecord f = ours.get(e.getKey());
        PreviousRecord p = e.getValue();
        ScreenedRecord again = f == null ? rescreened.get(e.getKey()) : null;
        c.output(LivingDecision.decide(runId, f == null ? null : row(f), p,
            again == null ? null : rescreenedRow(again), CsvRows.SCREENED, human.get(p.recordId())));
      }
    }
  }

  /** Deterministic coder for {@link Side}. */
  static final class SideCoder extends AtomicCoder<Side> {
    static final SideCoder INSTANCE = new SideCoder();
    private static final NullableCoder<FinalRecord> CURRENT_CODER = NullableCoder.of(FinalRecord.FinalRecordCoder.of());
    private static final NullableCoder<PreviousRecord> PREVIOUS_CODER =
        NullableCoder.of(PreviousRecord.PreviousRecordCoder.of());
    private static final NullableCoder<ScreenedRecord> RESCREENED_CODER =
        NullableCoder.of(ScreenedRecord.ScreenedRecordCoder.of());

    @Override
    public void encode(Side s, OutputStream out) throws IOException {
      VarLongCoder.of().encode(s.position(), out);
      CURRENT_CODER.encode(s.current(), out);
      PREVIOUS_CODER.encode(s.previous(), out);
      RESCREENED_CODER.encode(s.rescreened(), out);
    }

    @Override
    public Side decode(InputStream in) throws IOException {
      return new Side(VarLongCoder.of().decode(in), CURRENT_CODER.decode(in), PREVIOUS_CODER.decode(in),
          RESCREENED_CODER.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
