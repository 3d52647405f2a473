package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.model.MatchEdge;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

/**
 * Where the carried-forward records of a step of a living review are in the previous run's
 * record store, when nothing screens them again (the rules did not change): for each gzip member
 * of the store, the carried-forward ids whose stored line the new store keeps from it. That is
 * the reference the store writer needs for the carried records {@link ShownRecords} does not read
 * back (most of a long history): as the driver's {@code LivingStep} does, it copies a member byte
 * for byte when every id the member holds is in its list and none is part of the review's result,
 * and otherwise reads the member and keeps the lines of the listed ids.
 *
 * <p>Input: the previous run's records by position ({@link #PREVIOUS}) and every pair taken
 * ({@link #PAIRS}, a side input: few); the store's index, listed on the driver. Output:
 * {@code KV<KV<offset, length>, ids>} for each member holding at least one such id, the ids in
 * the member's order. An id is listed under the first member holding it (an id stored twice is
 * kept from its first line, as the driver keeps it); an id no earlier record holds, or that only
 * matched records hold, is not listed. A store without a usable index gives nothing (its writer
 * reads the whole store, as the driver does then).
 *
 * <p>How: the carried ids (in parallel from the history's batches) and the index's ids (one
 * element per member) are encoded into batches by id hash and meet in a {@link GroupByShard};
 * each carried id goes on with its first member's number and its place there, and a second such
 * grouping, by member, gathers each member's list. Both groupings carry batches, not one element
 * per record.
 *
 * <p>Failure behaviour: an unreadable index fails the pipeline's construction with
 * {@link java.io.UncheckedIOException} naming the store.
 */
final class CarriedMembers extends PTransform<PCollectionTuple, PCollection<KV<KV<Long, Long>, List<String>>>> {
  /** The previous run's records by position. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};
  /** Every pair taken: their earlier records are not carried forward. */
  static final TupleTag<MatchEdge> PAIRS = new TupleTag<>() {};

  /** The output's coder. */
  static final KvCoder<KV<Long, Long>, List<String>> CODER = KvCoder.of(
      KvCoder.of(VarLongCoder.of(), VarLongCoder.of()), ListCoder.of(StringUtf8Coder.of()));

  /** Ids per member at most: a stored id's order is its member's number times this plus its place. */
  private static final long STRIDE = 1L << 32;
  /** An id with this order is a carried record's (the carried side of the join). */
  private static final long CARRIED = -1L;
  private static final KvCoder<String, Long> ENTRY = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private final String store;

  private CarriedMembers(String store) {
    this.store = store;
  }

  /** @param store the previous run's {@value RecordStore#FILE} */
  static CarriedMembers in(String store) {
    return new CarriedMembers(store);
  }

  @Override
  public PCollection<KV<KV<Long, Long>, List<String>>> expand(PCollectionTuple in) {
    List<RecordStore.Member> members;
    try {
      members = RecordStore.index(Path.of(store));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(store + ": cannot read its index: " + e.getMessage(), e);
    }
    if (members == null) {
      return in.getPipeline().apply("NoIndex", Create.empty(CODER));
    }
    long[] offsets = new long[members.size()];
    long[] lengths = new long[members.size()];
    for (int i = 0; i < members.size(); i++) {
      offsets[i] = members.get(i).offset();
      lengths[i] = members.get(i).length();
    }
    PCollectionView<List<MatchEdge>> pairs = in.get(PAIRS).apply("PairsView", ListView.of());
    int shards = Shards.of(in.getPipeline());
    PCollection<KV<Integer, byte[]>> carried = in.get(PREVIOUS)
        .apply("PreviousIds", PreviousBatch.keepingIds())
        .apply("AwaitPairs", Await.views(pairs))
        .apply("CarriedIds", ParDo.of(new CarriedIdsFn(pairs, shards)).withSideInputs(pairs))
        .setCoder(GroupByShard.BATCH_CODER);
    PCollection<KV<Integer, byte[]>> stored = in.getPipeline()
        .apply("IndexIds", StoreMembers.of(store))
        .apply("MemberIds", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(),
                TypeDescriptors.lists(TypeDescriptors.strings())))
            .via((KV<Long, KV<KV<Long, Long>, List<String>>> m) -> KV.of(m.getKey(), m.getValue().getValue())))
        .setCoder(KvCoder.of(VarLongCoder.of(), ListCoder.of(StringUtf8Coder.of())))
        .apply("StoredIds", ParDo.of(new StoredIdsFn(shards))).setCoder(GroupByShard.BATCH_CODER);
    return PCollectionList.of(carried).and(stored)
        .apply("CarriedAndStored", Flatten.pCollections())
        .apply("GroupById", GroupByShard.ofBatches(ENTRY))
        .apply("FirstMemberOfCarried", ParDo.of(new FirstMemberFn(shards))).setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupByMember", GroupByShard.ofBatches(ENTRY))
        .apply("MemberLists", ParDo.of(new MemberListsFn(offsets, lengths))).setCoder(CODER);
  }

  private static int shard(String id, int shards) {
    return Math.floorMod(id.hashCode(), shards);
  }

  private static int shard(long member, int shards) {
    return (int) Math.floorMod(member, (long) shards);
  }

  /** The id of each earlier record no pair took, into batches by id hash. */
  static final class CarriedIdsFn extends DoFn<PreviousBatch, KV<Integer, byte[]>> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final int shards;
    private transient Set<Long> taken;
    private transient GroupByShard.Batcher<KV<String, Long>> batches;

    CarriedIdsFn(PCollectionView<List<MatchEdge>> pairsView, int shards) {
      this.pairsView = pairsView;
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(ENTRY);
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
      }
      PreviousBatch b = c.element();
      for (int i = 0; i < b.records().size(); i++) {
        if (!taken.contains(b.positions().get(i))) {
          String id = b.records().get(i).recordId();
          KV<Integer, byte[]> full = batches.add(shard(id, shards), KV.of(id, CARRIED));
          if (full != null) {
            c.output(full);
          }
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  /** Each id of a member of the index, with its order in the store, into batches by id hash. */
  static final class StoredIdsFn extends DoFn<KV<Long, List<String>>, KV<Integer, byte[]>> {
    private final int shards;
    private transient GroupByShard.Batcher<KV<String, Long>> batches;

    StoredIdsFn(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(ENTRY);
    }

    @ProcessElement
    public void process(@Element KV<Long, List<String>> member, OutputReceiver<KV<Integer, byte[]>> out)
        throws IOException {
      List<String> ids = member.getValue();
      for (int i = 0; i < ids.size(); i++) {
        batches.add(shard(ids.get(i), shards), KV.of(ids.get(i), member.getKey() * STRIDE + i), out);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  /** In an id shard: each carried id the store holds, with its first stored order, into batches by member. */
  static final class FirstMemberFn extends DoFn<KV<Integer, Iterable<KV<String, Long>>>, KV<Integer, byte[]>> {
    private final int shards;
    private transient GroupByShard.Batcher<KV<String, Long>> batches;

    FirstMemberFn(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(ENTRY);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, Long>>> shard,
        OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      Map<String, Long> first = new HashMap<>();
      Set<String> carried = new java.util.HashSet<>();
      for (KV<String, Long> e : shard.getValue()) {
        if (e.getValue() == CARRIED) {
          carried.add(e.getKey());
        } else {
          first.merge(e.getKey(), e.getValue(), Math::min);
        }
      }
      for (String id : carried) {
        Long order = first.get(id);
        if (order != null) {
          batches.add(shard(order / STRIDE, shards), KV.of(id, order), out);
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  /** In a member shard: each member's listed ids in its order, with the member's place in the store. */
  static final class MemberListsFn extends DoFn<KV<Integer, Iterable<KV<String, Long>>>, KV<KV<Long, Long>,
      List<String>>> {
    private final long[] offsets;
    private final long[] lengths;

    MemberListsFn(long[] offsets, long[] lengths) {
      this.offsets = offsets;
      this.lengths = lengths;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, Long>>> shard,
        OutputReceiver<KV<KV<Long, Long>, List<String>>> out) {
      Map<Long, TreeMap<Long, String>> byMember = new HashMap<>();
      for (KV<String, Long> e : shard.getValue()) {
        byMember.computeIfAbsent(e.getValue() / STRIDE, k -> new TreeMap<>()).put(e.getValue(), e.getKey());
      }
      byMember.forEach((member, ids) -> {
        int m = Math.toIntExact(member);
        out.output(KV.of(KV.of(offsets[m], lengths[m]), List.copyOf(ids.values())));
      });
    }
  }
}
