package org.litsieve.pipeline;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

/**
 * The whole screened record of the final records of a step of a living review, made inside the
 * pipeline: what {@code included.ris}, the record store and the report need of a record and a
 * {@link org.litsieve.model.LivingRecord} (the CSV row) does not hold. As the driver's
 * {@code LivingStep} takes them:
 * <ul>
 *   <li>each record of this run as the rules screened it ({@link FinalRecord#screened()}), under
 *       its final id: the earlier id of the record a pair ({@link #PAIRS}, by key or by the
 *       deduplication matcher) gave it, else its own;
 *   <li>each carried-forward id screened again after a rules change, once ({@link #RESCREENED},
 *       {@link RescreenCarried#BY_ID});
 *   <li>without a rules change: each carried-forward id that is part of the review's result
 *       (included or in review by its earlier row, or decided by reviewers) as the previous run
 *       stored it, from the id's first stored line.
 * </ul>
 * Not here: a carried-forward record the previous store does not hold (a previous run that kept
 * none, or lacks it), as in the driver's files; and, without a rules change, the carried-forward
 * records outside the result (keyword and eligibility exclusions nobody decided, most of a long
 * history): reading them back would make an update's cost follow the history's size, and nothing
 * shows them ({@code included.ris} and the report show the result). They stay in the previous
 * store, whose members the store writer can copy as they are (docs/architecture.md, issue 23's
 * step 4). The decision, stage and reason of a record here are the rules' (or the stored ones):
 * the final ones are in its {@code LivingRecord}, under the same id.
 *
 * <p>How: this run's records are renamed in parallel, the pairs a side input (few). The ids to
 * read from the store are chosen in parallel from the previous run's batches (not taken by a pair,
 * part of the result; few) and reach the store's members, listed on the driver from its index, as
 * a side input: a member that holds none of them is not even read, so the work follows the
 * result, as the driver's does. The lines read meet by id in a {@link GroupByShard}, where each
 * id's first line (store order) is parsed.
 *
 * <p>Failure behaviour: an unreadable store or index fails the run with an {@link IOException}
 * naming the store; a stored line that is not a record fails it with the JSON parser's message.
 */
final class ShownRecords extends PTransform<PCollectionTuple, PCollection<ScreenedRecord>> {
  /** This run's records. */
  static final TupleTag<FinalRecord> CURRENT = new TupleTag<>() {};
  /** The previous run's records by position. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};
  /** Every pair taken: this run's record id → the earlier id it carries. */
  static final TupleTag<MatchEdge> PAIRS = new TupleTag<>() {};
  /** Optional: the carried-forward records screened again, one per id ({@link RescreenCarried#BY_ID}). */
  static final TupleTag<ScreenedRecord> RESCREENED = new TupleTag<>() {};

  /** {@link #withThisRun()}'s output: the records, as {@link #expand} gives them. */
  static final TupleTag<ScreenedRecord> SHOWN = new TupleTag<>() {};
  /**
   * {@link #withThisRun()}'s output: each record of this run, {@code KV<the id the pipeline
   * screened it under, the record as the rules screened it under its final id>}, the renaming
   * {@link #SHOWN} holds, with the id that orders the record store ({@link WriteStore#THIS_RUN}).
   */
  static final TupleTag<KV<String, ScreenedRecord>> THIS_RUN = new TupleTag<>() {};

  /** Lines per member at most: a stored line's order is its member's place times this plus its own. */
  private static final long MEMBER_STRIDE = 1L << 32;
  private static final KvCoder<Integer, RescreenCarried.Part> SHARDED =
      KvCoder.of(VarIntCoder.of(), RescreenCarried.PartCoder.INSTANCE);

  private final String store;
  private final List<HumanDecision> decisions;

  private ShownRecords(String store, List<HumanDecision> decisions) {
    this.store = store;
    this.decisions = List.copyOf(decisions);
  }

  /**
   * @param store the previous run's {@value RecordStore#FILE} to read the carried-forward result
   *     from, or null: none (no store, or a rules change, after which {@link #RESCREENED} holds
   *     every carried id the store holds)
   * @param decisions the reviewers' resolved decisions, one per final record id
   */
  static ShownRecords from(String store, List<HumanDecision> decisions) {
    return new ShownRecords(store, decisions);
  }

  @Override
  public PCollection<ScreenedRecord> expand(PCollectionTuple in) {
    return shown(in).get(SHOWN);
  }

  /** The same records ({@link #SHOWN}) and this run's records by the pipeline's id ({@link #THIS_RUN}). */
  PTransform<PCollectionTuple, PCollectionTuple> withThisRun() {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollectionTuple in) {
        return shown(in);
      }
    };
  }

  private PCollectionTuple shown(PCollectionTuple in) {
    PCollectionView<List<MatchEdge>> pairs = in.get(PAIRS).apply("PairsView", ListView.of());
    PCollectionTuple renamed = in.get(CURRENT)
        .apply("AwaitPairs", Await.views(pairs))
        .apply("UnderFinalIds", ParDo.of(new FinalIdFn(pairs))
            .withSideInputs(pairs).withOutputTags(SHOWN, TupleTagList.of(THIS_RUN)));
    PCollection<KV<String, ScreenedRecord>> thisRun = renamed.get(THIS_RUN)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ScreenedRecord.ScreenedRecordCoder.of()));
    PCollectionList<ScreenedRecord> shown = PCollectionList.of(renamed.get(SHOWN)
        .setCoder(ScreenedRecord.ScreenedRecordCoder.of()));
    if (in.has(RESCREENED)) {
      shown = shown.and(in.get(RESCREENED));
    }
    if (store != null) {
      shown = shown.and(storedResult(in.get(PREVIOUS), pairs));
    }
    return PCollectionTuple.of(SHOWN, shown.apply("AllShown", Flatten.pCollections())).and(THIS_RUN, thisRun);
  }

  /** The carried-forward result's records as the previous run stored them. */
  private PCollection<ScreenedRecord> storedResult(PCollection<PreviousBatch> previous,
      PCollectionView<List<MatchEdge>> pairs) {
    PCollectionView<List<HumanDecision>> human = previous.getPipeline()
        .apply("Decisions", Create.of(decisions).withCoder(HumanDecision.HumanDecisionCoder.of()))
        .apply("DecisionsView", ListView.of());
    PCollectionView<List<String>> wanted = previous
        .apply("PreviousIds", PreviousBatch.keepingIds())
        .apply("AwaitPairsAndDecisions", Await.views(pairs, human))
        .apply("CarriedResult", ParDo.of(new CarriedResultFn(pairs, human)).withSideInputs(pairs, human))
        .setCoder(StringUtf8Coder.of())
        .apply("CarriedResultView", ListView.of());
    // the index's members in order, each line's order its member's place times the stride plus its own
    return previous.getPipeline().apply("StoreMembers", StoreMembers.of(store))
        .apply("MemberPlaces", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(),
                TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()),
                    TypeDescriptors.lists(TypeDescriptors.strings()))))
            .via((KV<Long, KV<KV<Long, Long>, List<String>>> m) ->
                KV.of(m.getKey() == StoreMembers.WHOLE_FILE ? 0L : m.getKey() * MEMBER_STRIDE, m.getValue())))
        .setCoder(StoreMembers.CODER)
        .apply("SpreadMembers", Reshuffle.viaRandomKey())
        .apply("AwaitWanted", Await.views(wanted))
        .apply("ReadWantedLines", ParDo.of(new ReadWantedFn(store, wanted, Shards.of(previous.getPipeline())))
            .withSideInputs(wanted))
        .setCoder(SHARDED)
        .apply("GroupStoredById", GroupByShard.create())
        .apply("FirstStoredLine", ParDo.of(new FirstLineFn()))
        .setCoder(ScreenedRecord.ScreenedRecordCoder.of());
  }

  /**
   * This run's record as the rules screened it, under the earlier id a pair gave it
   * ({@link #SHOWN}), and the same keyed by its own id ({@link #THIS_RUN}).
   */
  static final class FinalIdFn extends DoFn<FinalRecord, ScreenedRecord> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private transient Map<String, String> earlierIds;

    FinalIdFn(PCollectionView<List<MatchEdge>> pairsView) {
      this.pairsView = pairsView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (earlierIds == null) {
        Map<String, String> m = new HashMap<>();
        ListView.values(c.sideInput(pairsView)).forEach(e -> m.put(e.currentId(), e.previousId()));
        earlierIds = m;
      }
      ScreenedRecord s = c.element().screened();
      String id = earlierIds.get(s.recordId());
      ScreenedRecord renamed = id == null || id.equals(s.recordId()) ? s
          : new ScreenedRecord(id, s.record(), s.decision(), s.stage(), s.reason(), s.matchedBlocks(), s.tags());
      c.output(renamed);
      c.output(THIS_RUN, KV.of(s.recordId(), renamed));
    }
  }

  /**
   * The id of each earlier record no pair took (carried forward) whose final row is part of the
   * review's result: not excluded, or decided by reviewers (as {@code LivingDecision} decides a
   * carried record without re-screening: the reviewers' decision on its id, else its earlier row).
   */
  static final class CarriedResultFn extends DoFn<PreviousBatch, String> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final PCollectionView<List<HumanDecision>> humanView;
    private transient Set<Long> taken;
    private transient Set<String> decided;

    CarriedResultFn(PCollectionView<List<MatchEdge>> pairsView, PCollectionView<List<HumanDecision>> humanView) {
      this.pairsView = pairsView;
      this.humanView = humanView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
        Set<String> d = new HashSet<>();
        ListView.values(c.sideInput(humanView)).forEach(h -> d.add(h.recordId()));
        decided = d;
      }
      c.element().forEach((position, p) -> {
        if (!taken.contains(position) && isResult(p, decided.contains(p.recordId()))) {
          c.output(p.recordId());
        }
      });
    }

    /** A carried record's final row is its earlier row, or a reviewer's decision (stage human). */
    private static boolean isResult(PreviousRecord p, boolean decidedByReviewers) {
      return decidedByReviewers || RecordStore.isResult(p.decision(), p.cells().get("stage"));
    }
  }

  /** The lines of one member of the store (or of the whole file) whose ids are wanted, to their id's shard. */
  static final class ReadWantedFn extends DoFn<KV<Long, KV<KV<Long, Long>, List<String>>>, KV<Integer,
      RescreenCarried.Part>> {
    private final String store;
    private final PCollectionView<List<String>> wantedView;
    private final int shards;
    private transient Set<String> wanted;

    ReadWantedFn(String store, PCollectionView<List<String>> wantedView, int shards) {
      this.store = store;
      this.wantedView = wantedView;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (wanted == null) {
        wanted = new HashSet<>(ListView.values(c.sideInput(wantedView)));
      }
      KV<Long, KV<KV<Long, Long>, List<String>>> part = c.element();
      KV<Long, Long> where = part.getValue().getKey();
      boolean whole = where.getKey() < 0;
      if (!whole && part.getValue().getValue().stream().noneMatch(wanted::contains)) {
        return; // none of its records is wanted: not even read
      }
      long[] order = {part.getKey()};
      RecordStore.LineVisitor emit = (id, line) -> {
        long o = order[0]++;
        if (wanted.contains(id)) {
          c.output(KV.of(RescreenCarried.shard(id, shards), new RescreenCarried.Part(o, id, line, null)));
        }
      };
      RecordStore.forEach(store, whole ? null
          : new RecordStore.Member(where.getKey(), where.getValue(), List.of()), emit);
    }
  }

  /** In a shard: each id's first stored line, parsed. */
  static final class FirstLineFn extends DoFn<KV<Integer, Iterable<RescreenCarried.Part>>, ScreenedRecord> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<RescreenCarried.Part>> shard,
        OutputReceiver<ScreenedRecord> out) throws IOException {
      Map<String, RescreenCarried.Part> first = new HashMap<>();
      for (RescreenCarried.Part p : shard.getValue()) {
        first.merge(p.id(), p, (a, b) -> a.order() <= b.order() ? a : b);
      }
      for (RescreenCarried.Part p : first.values()) {
        out.output(RecordStore.parse(p.line()));
      }
    }
  }
}
