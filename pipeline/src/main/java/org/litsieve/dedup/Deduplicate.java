package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
 * <p>Steps: each record's {@link BlockingKeys} are grouped; within each block, {@link BlockComparer}
 * compares every pair with {@link PairMatcher} (blocks over {@link BlockingKeys#MAX_BLOCK} are
 * skipped and counted in the {@code oversizedBlocks} metric); {@link Clusters} joins the MATCH
 * edges into guarded clusters (one step that holds only the linked records' ids, never a
 * structure that grows with the square of the input); records are joined with their cluster and
 * each cluster is merged by {@link RecordMerger}. Records linked to nothing skip the merge. The
 * same steps run without Beam in {@link Deduplicator}. Never fails on record content.
 */
public final class Deduplicate extends PTransform<PCollection<BibRecord>, PCollectionTuple> {
  public static final TupleTag<KV<String, BibRecord>> RECORDS = new TupleTag<>() {};
  public static final TupleTag<DuplicateLink> LINKS = new TupleTag<>() {};
  public static final TupleTag<DuplicateCandidate> REVIEW = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, BibRecord>>> CLUSTERED = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> ASSIGNED = new TupleTag<>() {};

  private Deduplicate() {}

  /** Fuzzy deduplication with blocking (the only kind). */
  public static Deduplicate records() {
    return new Deduplicate();
  }

  @Override
  public PCollectionTuple expand(PCollection<BibRecord> records) {
    PCollection<Edge> edges = records
        .apply("BlockingKeys", ParDo.of(new KeysFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of()))
        .apply("GroupByBlock", GroupByKey.create())
        .apply("CompareWithinBlock", ParDo.of(new CompareFn()))
        .setCoder(Edge.EdgeCoder.of());
    PCollectionTuple clustered = edges
        .apply("AllEdges", WithKeys.of("edges"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Edge.EdgeCoder.of()))
        .apply("GatherEdges", GroupByKey.create())
        .apply("Cluster", ParDo.of(new ClusterFn()).withOutputTags(ASSIGNED, TupleTagList.of(REVIEW)));
    PCollection<KV<String, KV<String, String>>> assignments = clustered.get(ASSIGNED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    PCollection<KV<String, BibRecord>> byInput =
        records.apply("KeyByInputId", WithKeys.of(BibRecord::inputId))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), BibRecord.BibRecordCoder.of()));

    TupleTag<BibRecord> recordTag = new TupleTag<>() {};
    TupleTag<KV<String, String>> assignmentTag = new TupleTag<>() {};
    PCollectionTuple assigned = KeyedPCollectionTuple.of(recordTag, byInput)
        .and(assignmentTag, assignments)
        .apply("JoinClusters", CoGroupByKey.create())
        .apply("SplitSingles", ParDo.of(new AssignFn(recordTag, assignmentTag))
            .withOutputTags(RECORDS, TupleTagList.of(CLUSTERED)));

    PCollectionTuple merged = assigned.get(CLUSTERED)
        .apply("GroupClusters", GroupByKey.create())
        .apply("MergeClusters", ParDo.of(new MergeFn()).withOutputTags(RECORDS, TupleTagList.of(LINKS)));

    PCollection<KV<String, BibRecord>> unique = PCollectionList.of(assigned.get(RECORDS))
        .and(merged.get(RECORDS))
        .apply("AllUnique", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, unique).and(LINKS, merged.get(LINKS))
        .and(REVIEW, clustered.get(REVIEW).setCoder(DuplicateCandidate.DuplicateCandidateCoder.of()));
  }

  /** Emits a slim copy of the record (no abstract, keywords or headings) under each blocking key. */
  static final class KeysFn extends DoFn<BibRecord, KV<String, BibRecord>> {
    @ProcessElement
    public void process(@Element BibRecord r, OutputReceiver<KV<String, BibRecord>> out) {
      List<String> keys = BlockingKeys.of(RecordFeatures.of(r));
      if (keys.isEmpty()) {
        return;
      }
      BibRecord slim = r.toBuilder().abstractText("").keywords(List.of()).subjectHeadings(List.of())
          .provenance(List.of(r.origin())).build();
      for (String key : keys) {
        out.output(KV.of(key, slim));
      }
    }
  }

  static final class CompareFn extends DoFn<KV<String, Iterable<BibRecord>>, Edge> {
    private final Counter oversized = Metrics.counter(Deduplicate.class, "oversizedBlocks");

    @ProcessElement
    public void process(@Element KV<String, Iterable<BibRecord>> block, OutputReceiver<Edge> out) {
      Iterator<BibRecord> it = block.getValue().iterator();
      BibRecord first = it.next();
      if (!it.hasNext()) {
        return; // a key only one record has
      }
      List<BlockComparer.Member> members = new ArrayList<>();
      members.add(BlockComparer.Member.of(first));
      while (it.hasNext()) {
        members.add(BlockComparer.Member.of(it.next()));
        if (members.size() > BlockingKeys.MAX_BLOCK) {
          oversized.inc();
          return;
        }
      }
      for (Edge e : BlockComparer.compare(members)) {
        out.output(e);
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

  static final class AssignFn extends DoFn<KV<String, CoGbkResult>, KV<String, BibRecord>> {
    private final TupleTag<BibRecord> recordTag;
    private final TupleTag<KV<String, String>> assignmentTag;

    AssignFn(TupleTag<BibRecord> recordTag, TupleTag<KV<String, String>> assignmentTag) {
      this.recordTag = recordTag;
      this.assignmentTag = assignmentTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      KV<String, String> assignment = joined.getValue().getOnly(assignmentTag, null);
      for (BibRecord r : joined.getValue().getAll(recordTag)) {
        if (assignment == null) {
          out.get(RECORDS).output(KV.of(RecordIds.of(r), r));
        } else {
          out.get(CLUSTERED).output(KV.of(assignment.getKey(), KV.of(assignment.getValue(), r)));
        }
      }
    }
  }

  static final class MergeFn extends DoFn<KV<String, Iterable<KV<String, BibRecord>>>, KV<String, BibRecord>> {
    private final Counter removed = Metrics.counter(Deduplicate.class, "duplicatesRemoved");

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, BibRecord>>> cluster, MultiOutputReceiver out) {
      List<BibRecord> members = new ArrayList<>();
      Map<String, String> rules = new HashMap<>();
      for (KV<String, BibRecord> kv : cluster.getValue()) {
        members.add(kv.getValue());
        rules.put(kv.getValue().inputId(), kv.getKey());
      }
      RecordMerger.Merged merged = RecordMerger.merge(members, rules);
      out.get(RECORDS).output(KV.of(merged.recordId(), merged.record()));
      for (DuplicateLink link : merged.links()) {
        out.get(LINKS).output(link);
      }
      removed.inc(members.size() - 1L);
    }
  }
}
