package org.litsieve.dedup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.PCollectionView;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Spread;

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
 * <p>Steps: the records are first spread over {@link #RECORD_SHARDS} encoded batches
 * ({@link Spread}), read twice (for keys, and again once the clusters are known). Each record's
 * {@link RecordFeatures} and {@link BlockingKeys} are computed once, and
 * the features (not the record, and without the review label, which is looked up only for the
 * few pairs that go to review) are grouped by block; within each block {@link BlockComparer}
 * compares every pair with {@link PairMatcher} (blocks over {@link BlockingKeys#MAX_BLOCK} are
 * skipped and counted in the {@code oversizedBlocks} metric); {@link Clusters} joins the MATCH
 * edges into guarded clusters on one worker (it holds only the linked records' ids, never a
 * structure that grows with the square of the input). The cluster assignments (linked records
 * only) are a side input: a record linked to nothing goes straight on, and only linked records
 * are grouped, by cluster, and merged by {@link RecordMerger}; the same pass picks up the labels
 * (source id and title) of the records in review pairs, a second small side input for the
 * review rows. Last, record ids are made unique
 * ({@link RecordMerger#distinct}), since two records that were not merged can share one: the ids are
 * counted (grouped by shard), and only records whose id occurs twice are grouped. Full records are thus shuffled
 * only when they are linked or share an id.
 *
 * <p>Blocks and clusters are grouped by a shard of their key ({@link #SHARDS} shards) and
 * separated in memory within a shard, because runners such as the DirectRunner pay a fixed cost
 * per key group; every grouping goes through {@link GroupByShard}, which moves a bundle's values
 * for a shard as one encoded batch (the DirectRunner's cost per grouped value and its copy of a
 * key's state for each arriving bundle made the groupings most of the run before). The steps that
 * make many values per element (the blocking keys, about five a record; the edges; the linked
 * records; the ids) put them into those batches themselves ({@link GroupByShard.Batcher}), so
 * the runner carries one element per batch, not one per value. The same steps run without Beam
 * in {@link Deduplicator}. Never fails on record content.
 */
public final class Deduplicate extends PTransform<PCollection<BibRecord>, PCollectionTuple> {
  public static final TupleTag<KV<String, BibRecord>> RECORDS = new TupleTag<>() {};
  public static final TupleTag<DuplicateLink> LINKS = new TupleTag<>() {};
  public static final TupleTag<DuplicateCandidate> REVIEW = new TupleTag<>() {};
  /** How many groups blocks and clusters are spread over. */
  public static final int SHARDS = 32;
  /**
   * How many shards the input records are spread over: the steps that read them then run in
   * parallel, and the records wait for the cluster assignments encoded rather than as objects.
   */
  public static final int RECORD_SHARDS = 8;
  /** Batches of {@code KV<clusterId, KV<matchRule, record>>} by cluster shard ({@link AssignFn}). */
  private static final TupleTag<KV<Integer, byte[]>> CLUSTERED = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> ASSIGNED = new TupleTag<>() {};
  private static final TupleTag<Edge> REVIEW_EDGES = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, byte[]>> EDGE_BATCHES = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, Long>> PATTERNS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Boolean>> LABEL_WANTED = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> LABELS = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<BibRecord, List<DuplicateLink>>>> SINGLE = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, KV<String, KV<BibRecord, List<DuplicateLink>>>>> SHARED =
      new TupleTag<>() {};

  /** Inputs of at least this many bytes keep the waiting records compressed ({@link #forInputBytes}). */
  public static final long COMPRESS_RECORDS_FROM_BYTES = 512L << 20;

  private final boolean compressRecords;

  private Deduplicate(boolean compressRecords) {
    this.compressRecords = compressRecords;
  }

  /**
   * Fuzzy deduplication with blocking (the only kind), sized for inputs of {@code bytes} in all: from {@value #COMPRESS_RECORDS_FROM_BYTES}
   * bytes on, the records wait for the clusters compressed (about a third of the memory, for some
   * CPU time), so that a million records with abstracts fit a 6 GB heap. The result is the same.
   */
  public static Deduplicate forInputBytes(long bytes) {
    return new Deduplicate(bytes >= COMPRESS_RECORDS_FROM_BYTES);
  }

  static int shard(String key) {
    return Math.floorMod(key.hashCode(), SHARDS);
  }

  @Override
  public PCollectionTuple expand(PCollection<BibRecord> input) {
    PCollection<KV<Integer, Iterable<BibRecord>>> records =
        input.apply("SpreadRecords", Spread.<BibRecord>over(RECORD_SHARDS).compressed(compressRecords));
    PCollectionTuple compared = records
        .apply("BlockingKeys", ParDo.of(new KeysFn()))
        .setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupByBlockShard", GroupByShard.ofBatches(KeysFn.VALUE_CODER))
        .apply("CompareWithinBlocks", ParDo.of(new CompareFn())
            .withOutputTags(EDGE_BATCHES, TupleTagList.of(PATTERNS)));
    // the run's match model is estimated from every compared pair's agreement pattern
    PCollectionView<Map<Integer, Long>> patterns = compared.get(PATTERNS)
        .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
        .apply("SumPatterns", Sum.longsPerKey())
        .apply("PatternCounts", View.asMap());
    PCollectionTuple clustered = compared.get(EDGE_BATCHES)
        .setCoder(GroupByShard.BATCH_CODER)
        .apply("GatherEdges", GroupByShard.ofBatches(Edge.EdgeCoder.of()))
        .apply("Cluster", ParDo.of(new ClusterFn(patterns)).withSideInputs(patterns)
            .withOutputTags(ASSIGNED, TupleTagList.of(REVIEW_EDGES).and(LABEL_WANTED)));
    PCollectionView<Map<String, KV<String, String>>> assignments = clustered.get(ASSIGNED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Assignments", View.asMap());
    PCollectionView<Map<String, Boolean>> labelWanted = clustered.get(LABEL_WANTED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), BooleanCoder.of()))
        .apply("ReviewRecordIds", View.asMap());

    KvCoder<String, KV<BibRecord, List<DuplicateLink>>> uniqueCoder = KvCoder.of(StringUtf8Coder.of(),
        KvCoder.of(BibRecord.BibRecordCoder.of(), ListCoder.of(DuplicateLink.DuplicateLinkCoder.of())));
    PCollectionTuple split = records.apply("SplitSingles", ParDo.of(new AssignFn(assignments, labelWanted))
        .withSideInputs(assignments, labelWanted).withOutputTags(SINGLE, TupleTagList.of(CLUSTERED).and(LABELS)));
    PCollectionView<Map<String, String>> labels = split.get(LABELS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("ReviewLabels", View.asMap());
    PCollection<DuplicateCandidate> review = clustered.get(REVIEW_EDGES).setCoder(Edge.EdgeCoder.of())
        .apply("LabelReviewPairs", ParDo.of(new LabelFn(labels)).withSideInputs(labels))
        .setCoder(DuplicateCandidate.DuplicateCandidateCoder.of());
    PCollection<KV<String, KV<BibRecord, List<DuplicateLink>>>> merged = split.get(CLUSTERED)
        .setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupClusterShards", GroupByShard.ofBatches(AssignFn.CLUSTERED_CODER))
        .apply("MergeClusters", ParDo.of(new MergeFn()))
        .setCoder(uniqueCoder);
    PCollection<KV<String, KV<BibRecord, List<DuplicateLink>>>> unique =
        PCollectionList.of(split.get(SINGLE).setCoder(uniqueCoder)).and(merged)
            .apply("AllUnique", Flatten.pCollections());

    // Two records that were not merged can still share a record id (one DOI on two papers): only
    // the records whose id occurs more than once are grouped to be told apart.
    // (grouped by shard, not by id: the DirectRunner pays a fixed cost for every key group)
    PCollectionView<Map<String, Long>> sharedIds = unique
        .apply("ShardIds", ParDo.of(new IdBatchesFn()))
        .setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupIdShards", GroupByShard.ofBatches(StringUtf8Coder.of()))
        .apply("SharedIds", ParDo.of(new SharedIdsFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("SharedIdsView", View.asMap());
    PCollectionTuple distinct = unique.apply("PassDistinctIds", ParDo.of(new PassDistinctFn(sharedIds))
        .withSideInputs(sharedIds).withOutputTags(RECORDS, TupleTagList.of(LINKS).and(SHARED)));
    PCollectionTuple separated = distinct.get(SHARED)
        .setCoder(KvCoder.of(VarIntCoder.of(), uniqueCoder))
        .apply("GroupSharedIds", GroupByShard.create())
        .apply("DistinctIds", ParDo.of(new DistinctIdsFn()).withOutputTags(RECORDS, TupleTagList.of(LINKS)));
    KvCoder<String, BibRecord> recordCoder = KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of());
    PCollection<KV<String, BibRecord>> allRecords = PCollectionList
        .of(distinct.get(RECORDS).setCoder(recordCoder)).and(separated.get(RECORDS).setCoder(recordCoder))
        .apply("UniqueRecords", Flatten.pCollections());
    PCollection<DuplicateLink> allLinks = PCollectionList
        .of(distinct.get(LINKS).setCoder(DuplicateLink.DuplicateLinkCoder.of()))
        .and(separated.get(LINKS).setCoder(DuplicateLink.DuplicateLinkCoder.of()))
        .apply("DuplicateLinks", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, allRecords).and(LINKS, allLinks)
        .and(REVIEW, review);
  }

  /**
   * A side input read once per bundle and window. Runners may build a map view again on every
   * read (the DirectRunner does), which made reading it per record the costliest step.
   */
  static final class SideInputCache<T> {
    private final PCollectionView<T> view;
    private BoundedWindow window;
    private T value;

    SideInputCache(PCollectionView<T> view) {
      this.view = view;
    }

    T get(DoFn<?, ?>.ProcessContext c, BoundedWindow w) {
      if (value == null || !w.equals(window)) {
        value = c.sideInput(view);
        window = w;
      }
      return value;
    }
  }

  /**
   * Adds one {@link BlockEntry} per blocking key (about seven per record) to the batch of the
   * key's shard: the record's features are encoded once for all of them, and each entry carries
   * the hashes of the record's keys before its own (batched here rather than sent on one element
   * each).
   */
  static final class KeysFn extends DoFn<KV<Integer, Iterable<BibRecord>>, KV<Integer, byte[]>> {
    static final BlockEntry.Coder VALUE_CODER = BlockEntry.Coder.of();
    private final Counter cpuNanos = Metrics.counter("dedup", "cpuNanos");
    private final Counter keyed = Metrics.counter(Deduplicate.class, "recordsKeyed");
    private transient GroupByShard.Batcher<BlockEntry> batches;

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(VALUE_CODER);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<BibRecord>> shard, OutputReceiver<KV<Integer, byte[]>> out)
        throws IOException {
      for (BibRecord r : shard.getValue()) {
        long start = System.nanoTime();
        BlockComparer.Member m = BlockComparer.Member.unlabelled(r);
        BlockEntry[] entries = BlockEntry.of(m, BlockingKeys.of(m.features()));
        cpuNanos.inc(System.nanoTime() - start);
        keyed.inc();
        for (BlockEntry e : entries) {
          batches.add(shard(e.key()), e, out);
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
      batches = null;
    }
  }

  /** Adds each unique record's id to the batch of the id's shard, to count the ids. */
  static final class IdBatchesFn extends DoFn<KV<String, KV<BibRecord, List<DuplicateLink>>>, KV<Integer, byte[]>> {
    private transient GroupByShard.Batcher<String> batches;

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(StringUtf8Coder.of());
    }

    @ProcessElement
    public void process(@Element KV<String, KV<BibRecord, List<DuplicateLink>>> u,
        OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      batches.add(shard(u.getKey()), u.getKey(), out);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
      batches = null;
    }
  }

  /**
   * Separates one shard into its blocks and compares within each block; the edges found go into
   * batches for the one worker that clusters them (shard 0). Each pair's agreement pattern is
   * counted in the first block the two share (decided from the hashes of their earlier keys that
   * each entry carries), and the bundle's counts go out when it finishes. Members are decoded only
   * in blocks of two or more.
   */
  static final class CompareFn extends DoFn<KV<Integer, Iterable<BlockEntry>>, KV<Integer, byte[]>> {
    private final Counter oversized = Metrics.counter(Deduplicate.class, "oversizedBlocks");
    private final Counter cpuNanos = Metrics.counter("dedup", "cpuNanos");
    private final Counter compared = Metrics.counter(Deduplicate.class, "blockGroupsCompared");
    private transient GroupByShard.Batcher<Edge> batches;
    private transient PatternCounts patterns;

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(Edge.EdgeCoder.of());
      patterns = new PatternCounts();
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<BlockEntry>> shard, MultiOutputReceiver out) throws IOException {
      long start = System.nanoTime();
      Map<String, List<BlockEntry>> blocks = new HashMap<>();
      for (BlockEntry e : shard.getValue()) {
        blocks.computeIfAbsent(e.key(), k -> new ArrayList<>(2)).add(e);
      }
      OutputReceiver<KV<Integer, byte[]>> edges = out.get(EDGE_BATCHES);
      for (List<BlockEntry> block : blocks.values()) {
        if (block.size() < 2) {
          continue;
        }
        if (block.size() > BlockingKeys.MAX_BLOCK) {
          oversized.inc();
          continue;
        }
        List<BlockComparer.Member> members = new ArrayList<>(block.size());
        List<long[]> earlier = new ArrayList<>(block.size());
        for (BlockEntry e : block) {
          members.add(e.member());
          earlier.add(e.earlier());
        }
        for (Edge e : BlockComparer.compare(members, earlier, patterns)) {
          batches.add(0, e, edges);
        }
      }
      cpuNanos.inc(System.nanoTime() - start);
      compared.inc();
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
      batches = null;
      for (Map.Entry<Integer, Long> e : patterns.toMap().entrySet()) {
        c.output(PATTERNS, KV.of(e.getKey(), e.getValue()), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
      patterns = null;
    }
  }

  /**
   * Builds the clusters from all edges, with the match model estimated from the pattern counts
   * (a side input): each linked record's cluster assignment, the review pairs (still without
   * labels), and the ids of the records in them, whose labels are wanted.
   */
  static final class ClusterFn extends DoFn<KV<Integer, Iterable<Edge>>, KV<String, KV<String, String>>> {
    private final PCollectionView<Map<Integer, Long>> patterns;

    ClusterFn(PCollectionView<Map<Integer, Long>> patterns) {
      this.patterns = patterns;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Edge>> all, ProcessContext c) {
      List<Edge> edges = new ArrayList<>();
      all.getValue().forEach(edges::add);
      Clusters.Result result = Clusters.build(edges, MatchModel.fit(c.sideInput(patterns)));
      for (Map.Entry<String, Clusters.Assignment> e : result.assignments().entrySet()) {
        c.output(KV.of(e.getKey(), KV.of(e.getValue().clusterId(), e.getValue().rules())));
      }
      Set<String> wanted = new HashSet<>();
      for (Edge e : result.review()) {
        c.output(REVIEW_EDGES, e);
        wanted.add(e.from());
        wanted.add(e.to());
      }
      for (String id : wanted) {
        c.output(LABEL_WANTED, KV.of(id, true));
      }
    }
  }

  /**
   * Gives each review pair its records' labels (a side input) and makes it a review row. Fails
   * with {@link IllegalStateException} if a label is missing, which would be a bug.
   */
  static final class LabelFn extends DoFn<Edge, DuplicateCandidate> {
    private final PCollectionView<Map<String, String>> labels;
    private transient SideInputCache<Map<String, String>> cache;

    LabelFn(PCollectionView<Map<String, String>> labels) {
      this.labels = labels;
    }

    @StartBundle
    public void startBundle() {
      cache = new SideInputCache<>(labels);
    }

    @ProcessElement
    public void process(@Element Edge e, ProcessContext c, BoundedWindow window) {
      Map<String, String> known = cache.get(c, window);
      c.output(BlockComparer.candidate(e.withLabels(label(known, e.from()), label(known, e.to()))));
    }

    /** Every record of a review pair sent its label; a missing one is a bug, not bad input. */
    private static String label(Map<String, String> known, String inputId) {
      String label = known.get(inputId);
      if (label == null) {
        throw new IllegalStateException("no label for record " + inputId + " of a review pair");
      }
      return label;
    }
  }

  /**
   * Sends a record linked to nothing straight on as a unique record, and a linked one to its
   * cluster's shard. The assignments (linked records only) are a side input; so are the ids of
   * the records in review pairs, whose labels it sends on.
   */
  static final class AssignFn extends DoFn<KV<Integer, Iterable<BibRecord>>, KV<String, KV<BibRecord, List<DuplicateLink>>>> {
    /** A linked record in its cluster's batch: {@code KV<clusterId, KV<matchRule, record>>}. */
    static final KvCoder<String, KV<String, BibRecord>> CLUSTERED_CODER =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of()));
    private final PCollectionView<Map<String, KV<String, String>>> assignments;
    private final PCollectionView<Map<String, Boolean>> labelWanted;

    AssignFn(PCollectionView<Map<String, KV<String, String>>> assignments,
        PCollectionView<Map<String, Boolean>> labelWanted) {
      this.assignments = assignments;
      this.labelWanted = labelWanted;
    }

    private transient SideInputCache<Map<String, KV<String, String>>> cache;
    private transient SideInputCache<Map<String, Boolean>> wantedCache;
    private transient GroupByShard.Batcher<KV<String, KV<String, BibRecord>>> clustered;

    @StartBundle
    public void startBundle() {
      cache = new SideInputCache<>(assignments);
      wantedCache = new SideInputCache<>(labelWanted);
      clustered = GroupByShard.Batcher.of(CLUSTERED_CODER);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<BibRecord>> shard, ProcessContext c, BoundedWindow window)
        throws IOException {
      Map<String, KV<String, String>> assigned = cache.get(c, window);
      Map<String, Boolean> wanted = wantedCache.get(c, window);
      for (BibRecord r : shard.getValue()) {
        if (wanted.containsKey(r.inputId())) {
          c.output(LABELS, KV.of(r.inputId(), BlockComparer.label(r)));
        }
        KV<String, String> a = assigned.get(r.inputId());
        if (a == null) {
          c.output(KV.of(RecordIds.of(r), KV.of(r, List.of())));
        } else {
          KV<Integer, byte[]> full = clustered.add(shard(a.getKey()), KV.of(a.getKey(), KV.of(a.getValue(), r)));
          if (full != null) {
            c.output(CLUSTERED, full);
          }
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      for (KV<Integer, byte[]> batch : clustered.drain()) {
        c.output(CLUSTERED, batch, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
      clustered = null;
    }
  }

  /** Within one shard of record ids: each id that occurs more than once, with its count. */
  static final class SharedIdsFn extends DoFn<KV<Integer, Iterable<String>>, KV<String, Long>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> shard, OutputReceiver<KV<String, Long>> out) {
      Map<String, Long> counts = new HashMap<>();
      for (String id : shard.getValue()) {
        counts.merge(id, 1L, Long::sum);
      }
      counts.forEach((id, n) -> {
        if (n > 1) {
          out.output(KV.of(id, n));
        }
      });
    }
  }

  /** Passes on the unique records whose id no other record has; sends the others to be told apart. */
  static final class PassDistinctFn extends DoFn<KV<String, KV<BibRecord, List<DuplicateLink>>>, KV<String, BibRecord>> {
    private final PCollectionView<Map<String, Long>> sharedIds;

    PassDistinctFn(PCollectionView<Map<String, Long>> sharedIds) {
      this.sharedIds = sharedIds;
    }

    private transient SideInputCache<Map<String, Long>> cache;

    @StartBundle
    public void startBundle() {
      cache = new SideInputCache<>(sharedIds);
    }

    @ProcessElement
    public void process(@Element KV<String, KV<BibRecord, List<DuplicateLink>>> u, ProcessContext c,
        BoundedWindow window) {
      if (cache.get(c, window).containsKey(u.getKey())) {
        c.output(SHARED, KV.of(shard(u.getKey()), u));
        return;
      }
      c.output(KV.of(u.getKey(), u.getValue().getKey()));
      for (DuplicateLink l : u.getValue().getValue()) {
        c.output(LINKS, l);
      }
    }
  }

  /** Separates one shard into its clusters and merges each. */
  static final class MergeFn extends DoFn<KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>>,
      KV<String, KV<BibRecord, List<DuplicateLink>>>> {
    private final Counter removed = Metrics.counter(Deduplicate.class, "duplicatesRemoved");
    private final Counter cpuNanos = Metrics.counter("dedup", "cpuNanos");

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>> shard,
        OutputReceiver<KV<String, KV<BibRecord, List<DuplicateLink>>>> out) {
      long start = System.nanoTime();
      merge(shard, out);
      cpuNanos.inc(System.nanoTime() - start);
    }

    private void merge(KV<Integer, Iterable<KV<String, KV<String, BibRecord>>>> shard,
        OutputReceiver<KV<String, KV<BibRecord, List<DuplicateLink>>>> out) {
      Map<String, List<BibRecord>> clusters = new HashMap<>();
      Map<String, String> rules = new HashMap<>();
      for (KV<String, KV<String, BibRecord>> kv : shard.getValue()) {
        clusters.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue().getValue());
        rules.put(kv.getValue().getValue().inputId(), kv.getValue().getKey());
      }
      for (List<BibRecord> members : clusters.values()) {
        RecordMerger.Merged m = RecordMerger.merge(members, rules);
        out.output(KV.of(m.recordId(), KV.of(m.record(), m.links())));
        removed.inc(members.size() - 1L);
      }
    }
  }

  /** Makes record ids unique within one shard of ids ({@link RecordMerger#distinct}). */
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
        for (RecordMerger.Merged m : RecordMerger.distinct(e.getKey(), e.getValue())) {
          out.get(RECORDS).output(KV.of(m.recordId(), m.record()));
          for (DuplicateLink l : m.links()) {
            out.get(LINKS).output(l);
          }
        }
      }
    }
  }
}
