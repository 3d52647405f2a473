package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;

/**
 * Finds records that are the same paper and merges each group into one record.
 *
 * <p>Input: every parsed {@link BibRecord}. Output: a tuple with {@link #RECORDS}, one
 * {@code KV<recordId, BibRecord>} per unique paper (merged records carry the provenance of all
 * their inputs), {@link #LINKS}, the duplicate audit (one {@link DuplicateLink} per input record
 * that belongs to a group of two or more, with the rule or score that matched it), and
 * {@link #REVIEW}, the pairs that may be one paper but were not merged (and preprints linked to
 * their published versions), for a human.
 *
 * <p>Steps: each record's {@link BlockingKeys} are computed and the (block, slim record) pairs are
 * grouped by block; within each block {@link BlockComparer} compares every pair with
 * {@link PairMatcher} (blocks over {@link BlockingKeys#MAX_BLOCK} are skipped and counted in the
 * {@code oversizedBlocks} metric); {@link Clusters} joins the MATCH edges into guarded clusters
 * on one worker (it holds only the linked records' ids, never a structure that grows with the
 * square of the input); records and assignments are joined by a shard of the input id, and each
 * cluster is merged by {@link RecordMerger}. Records linked to nothing skip the merge. Last, record ids are
 * made unique ({@link RecordIds#distinct}), since two records that were not merged can share one.
 *
 * <p>Blocks, joins and clusters are grouped by a shard of their key ({@link #SHARDS} shards) and
 * separated in memory within a shard, because runners such as the DirectRunner pay a fixed cost
 * per key group; a shard holds about 1/{@value #SHARDS} of the records' slim copies. The same
 * steps run without Beam in {@link Deduplicator}. Never fails on record content.
 */
public final class Deduplicate extends PTransform<PCollection<BibRecord>, PCollectionTuple> {
  public static final TupleTag<KV<String, BibRecord>> RECORDS = new TupleTag<>() {};
  public static final TupleTag<DuplicateLink> LINKS = new TupleTag<>() {};
  public static final TupleTag<DuplicateCandidate> REVIEW = new TupleTag<>() {};
  /** How many groups blocks and clusters are spread over. */
  public static final int SHARDS = 32;
  private static final TupleTag<KV<Integer, KV<String, KV<String, BibRecord>>>> CLUSTERED = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> ASSIGNED = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> MERGED =
      new TupleTag<>() {};

  private Deduplicate() {}

  /** Fuzzy deduplication with blocking (the only kind). */
  public static Deduplicate records() {
    return new Deduplicate();
  }

  static int shard(String key) {
    return Math.floorMod(key.hashCode(), SHARDS);
  }

  @Override
  public PCollectionTuple expand(PCollection<BibRecord> records) {
    PCollection<Edge> edges = records
        .apply("BlockingKeys", ParDo.of(new KeysFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of())))
        .apply("GroupByBlockShard", GroupByKey.create())
        .apply("CompareWithinBlocks", ParDo.of(new CompareFn()))
        .setCoder(Edge.EdgeCoder.of());
    PCollectionTuple clustered = edges
        .apply("AllEdges", WithKeys.of("edges"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Edge.EdgeCoder.of()))
        .apply("GatherEdges", GroupByKey.create())
        .apply("Cluster", ParDo.of(new ClusterFn()).withOutputTags(ASSIGNED, TupleTagList.of(REVIEW)));
    PCollection<KV<Integer, KV<String, KV<String, String>>>> assignments = clustered.get(ASSIGNED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("ShardAssignments", WithKeys.of((KV<String, KV<String, String>> kv) -> shard(kv.getKey()))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))));
    PCollection<KV<Integer, BibRecord>> shardedRecords = records
        .apply("ShardRecords", WithKeys.of((BibRecord r) -> shard(r.inputId())).withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), BibRecord.BibRecordCoder.of()));
    TupleTag<BibRecord> recordTag = new TupleTag<>() {};
    TupleTag<KV<String, KV<String, String>>> assignmentTag = new TupleTag<>() {};

    KvCoder<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>> mergedCoder = KvCoder.of(VarIntCoder.of(),
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(BibRecord.BibRecordCoder.of(),
            ListCoder.of(DuplicateLink.DuplicateLinkCoder.of()))));
    PCollectionTuple assigned = KeyedPCollectionTuple.of(recordTag, shardedRecords)
        .and(assignmentTag, assignments)
        .apply("JoinClusters", CoGroupByKey.create())
        .apply("SplitSingles", ParDo.of(new AssignFn(recordTag, assignmentTag))
            .withOutputTags(MERGED, TupleTagList.of(CLUSTERED)));
    PCollection<KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> merged = assigned.get(CLUSTERED)
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of()))))
        .apply("GroupClusterShards", GroupByKey.create())
        .apply("MergeClusters", ParDo.of(new MergeFn()))
        .setCoder(mergedCoder);
    PCollectionTuple unique = PCollectionList.of(assigned.get(MERGED).setCoder(mergedCoder)).and(merged)
        .apply("AllUnique", Flatten.pCollections())
        .apply("GroupIdShards", GroupByKey.create())
        .apply("DistinctIds", ParDo.of(new DistinctIdsFn()).withOutputTags(RECORDS, TupleTagList.of(LINKS)));
    return PCollectionTuple.of(RECORDS, unique.get(RECORDS)).and(LINKS, unique.get(LINKS))
        .and(REVIEW, clustered.get(REVIEW).setCoder(DuplicateCandidate.DuplicateCandidateCoder.of()));
  }

  /** Emits a slim copy of the record (no abstract, keywords or headings) under each blocking key. */
  static final class KeysFn extends DoFn<BibRecord, KV<Integer, KV<String, BibRecord>>> {
    @ProcessElement
    public void process(@Element BibRecord r, OutputReceiver<KV<Integer, KV<String, BibRecord>>> out) {
      List<String> keys = BlockingKeys.of(RecordFeatures.of(r));
      if (keys.isEmpty()) {
        return;
      }
      BibRecord slim = r.toBuilder().abstractText("").keywords(List.of()).subjectHeadings(List.of())
          .provenance(List.of(r.origin())).build();
      for (String key : keys) {
        out.output(KV.of(shard(key), KV.of(key, slim)));
      }
    }
  }

  /** Separates one shard into its blocks and compares within each block. */
  static final class CompareFn extends DoFn<KV<Integer, Iterable<KV<String, BibRecord>>>, Edge> {
    private final Counter oversized = Metrics.counter(Deduplicate.class, "oversizedBlocks");
    private final Counter cpuNanos = Metrics.counter("dedup", "cpuNanos");

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, BibRecord>>> shard, OutputReceiver<Edge> out) {
      long start = System.nanoTime();
      compare(shard, out);
      cpuNanos.inc(System.nanoTime() - start);
    }

    private void compare(KV<Integer, Iterable<KV<String, BibRecord>>> shard, OutputReceiver<Edge> out) {
      Map<String, List<BibRecord>> blocks = new HashMap<>();
      for (KV<String, BibRecord> kv : shard.getValue()) {
        blocks.computeIfAbsent(kv.getKey(), k -> new ArrayList<>(2)).add(kv.getValue());
      }
      Map<String, BlockComparer.Member> members = new HashMap<>();
      for (List<BibRecord> block : blocks.values()) {
        if (block.size() < 2) {
          continue;
        }
        if (block.size() > BlockingKeys.MAX_BLOCK) {
          oversized.inc();
          continue;
        }
        List<BlockComparer.Member> list = new ArrayList<>(block.size());
        for (BibRecord r : block) {
          list.add(members.computeIfAbsent(r.inputId(), id -> BlockComparer.Member.of(r)));
        }
        for (Edge e : BlockComparer.compare(list)) {
          out.output(e);
        }
      }
    }
  }

  static final class ClusterFn extends DoFn<KV<String, Iterable<Edge>>, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Edge>> all, MultiOutputReceiver out) {
      List<Edge> edges = new ArrayList<>();
      all.getValue().forEach(edges::add);
      Clusters.Result result = Clusters.build(edges);
      for (Map.Entry<String, Clusters.Assignment> e : result.assignments().entrySet()) {
        out.get(ASSIGNED).output(KV.of(e.getKey(), KV.of(e.getValue().clusterId(), e.getValue().rules())));
      }
      for (Edge e : result.review()) {
        out.get(REVIEW).output(BlockComparer.candidate(e));
      }
    }
  }

  /**
   * Within one shard of input ids: sends a record linked to nothing straight on, and a linked one
   * to its cluster's shard.
   */
  static final class AssignFn extends DoFn<KV<Integer, CoGbkResult>, KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> {
    private final TupleTag<BibRecord> recordTag;
    private final TupleTag<KV<String, KV<String, String>>> assignmentTag;

    AssignFn(TupleTag<BibRecord> recordTag, TupleTag<KV<String, KV<String, String>>> assignmentTag) {
      this.recordTag = recordTag;
      this.assignmentTag = assignmentTag;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> shard, MultiOutputReceiver out) {
      Map<String, KV<String, String>> assignments = new HashMap<>();
      for (KV<String, KV<String, String>> a : shard.getValue().getAll(assignmentTag)) {
        assignments.put(a.getKey(), a.getValue());
      }
      for (BibRecord r : shard.getValue().getAll(recordTag)) {
        KV<String, String> a = assignments.get(r.inputId());
        if (a == null) {
          String id = RecordIds.of(r);
          out.get(MERGED).output(KV.of(shard(id), KV.of(id, KV.of(r, List.of()))));
        } else {
          out.get(CLUSTERED).output(KV.of(shard(a.getKey()), KV.of(a.getKey(), KV.of(a.getValue(), r))));
        }
      }
    }
  }

  /** Separates one shard into its clusters and merges each. */
  static final class MergeFn extends DoFn<KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>>,
      KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> {
    private final Counter removed = Metrics.counter(Deduplicate.class, "duplicatesRemoved");
    private final Counter cpuNanos = Metrics.counter("dedup", "cpuNanos");

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>> shard,
        OutputReceiver<KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> out) {
      long start = System.nanoTime();
      merge(shard, out);
      cpuNanos.inc(System.nanoTime() - start);
    }

    private void merge(KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>> shard,
        OutputReceiver<KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> out) {
      Map<String, List<BibRecord>> clusters = new HashMap<>();
      Map<String, String> rules = new HashMap<>();
      for (KV<String, KV<String, BibRecord>> kv : shard.getValue()) {
        clusters.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue().getValue());
        rules.put(kv.getValue().getValue().inputId(), kv.getValue().getKey());
      }
      for (List<BibRecord> members : clusters.values()) {
        RecordMerger.Merged m = RecordMerger.merge(members, rules);
        out.output(KV.of(shard(m.recordId()), KV.of(m.recordId(), KV.of(m.record(), m.links()))));
        removed.inc(members.size() - 1L);
      }
    }
  }

  /** Makes record ids unique within one shard of ids ({@link RecordIds#distinct}). */
  static final class DistinctIdsFn extends DoFn<KV<Integer, Iterable<KV<String, KV<BibRecord, List<DuplicateLink>>>>>,
      KV<String, BibRecord>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<BibRecord, List<DuplicateLink>>>>> shard,
        MultiOutputReceiver out) {
      Map<String, List<RecordMerger.Merged>> byId = new HashMap<>();
      for (KV<String, KV<BibRecord, List<DuplicateLink>>> kv : shard.getValue()) {
        byId.computeIfAbsent(kv.getKey(), k -> new ArrayList<>(1))
            .add(new RecordMerger.Merged(kv.getKey(), kv.getValue().getKey(), kv.getValue().getValue()));
      }
      for (Map.Entry<String, List<RecordMerger.Merged>> e : byId.entrySet()) {
        for (RecordMerger.Merged m : RecordIds.distinct(e.getKey(), e.getValue())) {
          out.get(RECORDS).output(KV.of(m.recordId(), m.record()));
          for (DuplicateLink l : m.links()) {
            out.get(LINKS).output(l);
          }
        }
      }
    }
  }
}
