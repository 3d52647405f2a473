package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.model.BibRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;
import org.litsieve.screen.ScreenRecords;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

/**
 * After a rules change, the previous run's records that nothing in this run matched (carried
 * forward) screened again with this run's rules, inside the pipeline, through the screen stage's
 * transform ({@link ScreenRecords}), from the whole records the previous run kept
 * ({@value RecordStore#FILE}), so that they are decided by today's rules without the exports they
 * came from.
 *
 * <p>Input: the previous run's records by position ({@link #PREVIOUS}) and every pair taken
 * ({@link #PAIRS}: key and fuzzy, few, as a side input); the previous run's store. The store's
 * gzip members (listed on the driver from {@value RecordStore#INDEX}; the whole file as one part
 * when there is no usable index) are read in parallel through Beam's file systems, and each
 * stored line meets the carried
 * records with its id in a grouping by id hash ({@link GroupByShard}); as the driver does, an id
 * stored twice is screened from its first line. The screened records go back to the positions of
 * the carried records holding their id in a second such grouping.
 *
 * <p>Output: {@code KV<position, ScreenedRecord>} per carried-forward record the store holds
 * (screened under its stored id); a carried record the store does not hold gets none and keeps
 * its earlier row. {@link #counted()} gives the same records ({@link #SCREENED}) with the number
 * of carried ids the store holds ({@link #COUNTS}) and each such id's screened record once
 * ({@link #BY_ID}). Failure behaviour: a store that is not gzip,
 * is cut short or holds a line that is not a stored record fails the run with an
 * {@link IOException} naming the file and line.
 */
final class RescreenCarried extends PTransform<PCollectionTuple, PCollection<KV<Long, ScreenedRecord>>> {
  /** The previous run's records by position. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};
  /** Every pair taken: their earlier records are not carried forward. */
  static final TupleTag<MatchEdge> PAIRS = new TupleTag<>() {};
  /** {@link #counted()}'s output: the screened records by position, as {@link #expand} gives them. */
  static final TupleTag<KV<Long, ScreenedRecord>> SCREENED = new TupleTag<>() {};
  /**
   * {@link #counted()}'s output: the carried ids the store holds, each screened once
   * ({@link StepCounts#RESCREENED}; an id carried twice counts once, as the driver counts it).
   */
  static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};
  /**
   * {@link #counted()}'s output: each carried id the store holds screened again, once (an id
   * carried twice comes once, as the driver shows and stores it): the step's whole records.
   */
  static final TupleTag<ScreenedRecord> BY_ID = new TupleTag<>() {};

  private static final TupleTag<KV<String, BibRecord>> TO_SCREEN = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, Part>> POSITIONS = new TupleTag<>() {};
  private static final KvCoder<Integer, Part> SHARDED = KvCoder.of(VarIntCoder.of(), PartCoder.INSTANCE);
  /** Lines per member at most: a stored line's order is its member's place times this plus its own. */
  private static final long MEMBER_STRIDE = 1L << 32;

  private final String store;
  private final ScreenRecords screen;

  private RescreenCarried(String store, ScreenRecords screen) {
    this.store = store;
    this.screen = screen;
  }

  /** @param store the previous run's {@value RecordStore#FILE} */
  static RescreenCarried with(String store, Rules rules) {
    return new RescreenCarried(store, ScreenRecords.with(rules));
  }

  /**
   * One side of a join by id: a carried record (its position, no line), a stored line (its order
   * in the store, and the line), or a screened record.
   */
  record Part(long order, String id, String line, ScreenedRecord screened) {}

  static int shard(String id, int shards) {
    return Math.floorMod(id.hashCode(), shards);
  }

  @Override
  public PCollection<KV<Long, ScreenedRecord>> expand(PCollectionTuple in) {
    return screenAndCount(in).get(SCREENED);
  }

  /** The same step with its count: {@link #SCREENED} and {@link #COUNTS}. */
  PTransform<PCollectionTuple, PCollectionTuple> counted() {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollectionTuple in) {
        return screenAndCount(in);
      }
    };
  }

  private PCollectionTuple screenAndCount(PCollectionTuple in) {
    PCollectionView<List<MatchEdge>> pairs = in.get(PAIRS).apply("PairsView", ListView.of());
    int shards = Shards.of(in.getPipeline());
    // only the rows' ids wait for the pairs: the whole rows held until then cost the runner the
    // history's bytes for as long as it waits, and the carried records need no more than their ids
    PCollection<KV<Integer, Part>> carried = in.get(PREVIOUS)
        .apply("PreviousIds", PreviousBatch.keepingIds())
        .apply("AwaitPairs", Await.views(pairs))
        .apply("Carried", ParDo.of(new CarriedFn(pairs, shards)).withSideInputs(pairs)).setCoder(SHARDED);
    PCollection<KV<Integer, Part>> lines = in.getPipeline()
        .apply("StoreMembers", StoreMembers.of(store))
        .apply("MemberPlaces", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(),
                TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs())))
            .via((KV<Long, KV<KV<Long, Long>, List<String>>> m) -> KV.of(
                m.getKey() == StoreMembers.WHOLE_FILE ? 0L : m.getKey() * MEMBER_STRIDE, m.getValue().getKey())))
        .setCoder(KvCoder.of(VarLongCoder.of(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
        .apply("SpreadMembers", Reshuffle.viaRandomKey())
        .apply("ReadStoredLines", ParDo.of(new ReadMemberFn(store, shards))).setCoder(SHARDED);
    PCollectionTuple joined = PCollectionList.of(carried).and(lines)
        .apply("CarriedAndStored", Flatten.pCollections())
        .apply("GroupById", GroupByShard.create())
        .apply("StoredRecordOfCarried", ParDo.of(new FirstLineFn())
            .withOutputTags(TO_SCREEN, TupleTagList.of(POSITIONS)));
    joined.get(POSITIONS).setCoder(SHARDED);
    PCollection<KV<String, BibRecord>> toScreen = joined.get(TO_SCREEN)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of()));
    // one per carried id the store holds: the ids the driver counts as screened again
    PCollection<KV<String, Long>> counts =
        toScreen.apply("CountScreenedAgain", StepCounts.of(StepCounts.RESCREENED, r -> true));
    PCollection<ScreenedRecord> screenedOnce = toScreen.apply("ScreenAgain", screen);
    PCollection<KV<Integer, Part>> screened = screenedOnce
        .apply("ById", ParDo.of(new DoFn<ScreenedRecord, KV<Integer, Part>>() {
          @ProcessElement
          public void process(@Element ScreenedRecord s, OutputReceiver<KV<Integer, Part>> out) {
            out.output(KV.of(shard(s.recordId(), shards), new Part(-1, s.recordId(), null, s)));
          }
        })).setCoder(SHARDED);
    PCollection<KV<Long, ScreenedRecord>> byPosition = PCollectionList.of(joined.get(POSITIONS)).and(screened)
        .apply("PositionsAndScreened", Flatten.pCollections())
        .apply("GroupScreenedById", GroupByShard.create())
        .apply("ToPositions", ParDo.of(new ToPositionsFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), ScreenedRecord.ScreenedRecordCoder.of()));
    return PCollectionTuple.of(SCREENED, byPosition).and(COUNTS, counts).and(BY_ID, screenedOnce);
  }

  /** An earlier record no pair took, to its id's shard. */
  static final class CarriedFn extends DoFn<PreviousBatch, KV<Integer, Part>> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final int shards;
    private transient Set<Long> taken;

    CarriedFn(PCollectionView<List<MatchEdge>> pairsView, int shards) {
      this.pairsView = pairsView;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
      }
      c.element().forEach((position, p) -> {
        if (!taken.contains(position)) {
          c.output(KV.of(shard(p.recordId(), shards), new Part(position, p.recordId(), null, null)));
        }
      });
    }
  }

  /** The lines of one member of the store (or of the whole file), each to its id's shard. */
  static final class ReadMemberFn extends DoFn<KV<Long, KV<Long, Long>>, KV<Integer, Part>> {
    private final String store;
    private final int shards;

    ReadMemberFn(String store, int shards) {
      this.store = store;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Long, KV<Long, Long>> part, OutputReceiver<KV<Integer, Part>> out)
        throws IOException {
      long[] order = {part.getKey()};
      RecordStore.LineVisitor emit = (id, line) -> out.output(KV.of(shard(id, shards), new Part(order[0]++, id, line, null)));
      RecordStore.forEach(store, part.getValue().getKey() < 0 ? null
          : new RecordStore.Member(part.getValue().getKey(), part.getValue().getValue(), List.of()), emit);
    }
  }

  /** In a shard: each carried id's first stored line, parsed, to be screened once; the carried positions on. */
  static final class FirstLineFn extends DoFn<KV<Integer, Iterable<Part>>, KV<String, BibRecord>> {
    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Map<String, List<Long>> carried = new HashMap<>();
      Map<String, Part> first = new HashMap<>();
      for (Part p : c.element().getValue()) {
        if (p.line() == null) {
          carried.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p.order());
        } else {
          first.merge(p.id(), p, (a, b) -> a.order() <= b.order() ? a : b);
        }
      }
      for (Map.Entry<String, List<Long>> e : carried.entrySet()) {
        Part line = first.get(e.getKey());
        if (line == null) {
          continue; // not in the store: keeps its earlier row
        }
        c.output(KV.of(e.getKey(), RecordStore.parse(line.line()).record()));
        for (long position : e.getValue()) {
          c.output(POSITIONS, KV.of(c.element().getKey(), new Part(position, e.getKey(), null, null)));
        }
      }
    }
  }

  /** In a shard: each screened record to the positions of the carried records holding its id. */
  static final class ToPositionsFn extends DoFn<KV<Integer, Iterable<Part>>, KV<Long, ScreenedRecord>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Part>> shard, OutputReceiver<KV<Long, ScreenedRecord>> out) {
      Map<String, ScreenedRecord> screened = new HashMap<>();
      List<Part> positions = new ArrayList<>();
      for (Part p : shard.getValue()) {
        if (p.screened() != null) {
          screened.put(p.id(), p.screened());
        } else {
          positions.add(p);
        }
      }
      for (Part p : positions) {
        out.output(KV.of(p.order(), screened.get(p.id())));
      }
    }
  }

  /** Deterministic coder for {@link Part}. */
  static final class PartCoder extends AtomicCoder<Part> {
    static final PartCoder INSTANCE = new PartCoder();
    private static final NullableCoder<String> LINE = NullableCoder.of(StringUtf8Coder.of());
    private static final NullableCoder<ScreenedRecord> SCREENED =
        NullableCoder.of(ScreenedRecord.ScreenedRecordCoder.of());

    @Override
    public void encode(Part p, OutputStream out) throws IOException {
      VarLongCoder.of().encode(p.order(), out);
      StringUtf8Coder.of().encode(p.id(), out);
      LINE.encode(p.line(), out);
      SCREENED.encode(p.screened(), out);
    }

    @Override
    public Part decode(InputStream in) throws IOException {
      return new Part(VarLongCoder.of().decode(in), StringUtf8Coder.of().decode(in), LINE.decode(in),
          SCREENED.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
