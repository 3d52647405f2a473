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
import org.litsieve.model.DuplicateLink;

/**
 * Finds records that are the same paper and merges each group into one record.
 *
 * <p>Input: every parsed {@link BibRecord}. Output: a tuple with {@link #RECORDS}, one
 * {@code KV<recordId, BibRecord>} per unique paper (merged records carry the provenance of all
 * their inputs), and {@link #LINKS}, the duplicate audit: one {@link DuplicateLink} per input
 * record that belongs to a group of two or more.
 *
 * <p>Steps: each record's {@link MatchKeys} are grouped; {@link KeyLinker} links the members of
 * each key; {@link Clusters} joins the links into guarded clusters (one step that holds only the
 * linked records' ids); records are joined with their cluster and each cluster is merged by
 * {@link RecordMerger}. Records linked to nothing skip the merge. Never fails on record content.
 */
public final class Deduplicate extends PTransform<PCollection<BibRecord>, PCollectionTuple> {
  public static final TupleTag<KV<String, BibRecord>> RECORDS = new TupleTag<>() {};
  public static final TupleTag<DuplicateLink> LINKS = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, BibRecord>>> CLUSTERED = new TupleTag<>() {};

  private Deduplicate() {}

  public static Deduplicate exact() {
    return new Deduplicate();
  }

  @Override
  public PCollectionTuple expand(PCollection<BibRecord> records) {
    PCollection<KV<String, KV<String, String>>> keyed =
        records.apply("MatchKeys", ParDo.of(new KeysFn()));
    PCollection<KeyLinker.Link> links = keyed
        .apply("GroupByMatchKey", GroupByKey.create())
        .apply("LinkWithinKey", ParDo.of(new LinkFn()))
        .setCoder(LinkCoder.of());
    PCollection<KV<String, KV<String, String>>> assignments = links
        .apply("AllLinks", WithKeys.of("links"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LinkCoder.of()))
        .apply("GatherLinks", GroupByKey.create())
        .apply("Cluster", ParDo.of(new ClusterFn()));
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
    return PCollectionTuple.of(RECORDS, unique).and(LINKS, merged.get(LINKS));
  }

  static final class KeysFn extends DoFn<BibRecord, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element BibRecord r, OutputReceiver<KV<String, KV<String, String>>> out) {
      for (MatchKeys.Key key : MatchKeys.of(r)) {
        out.output(KV.of(key.encoded(), KV.of(r.inputId(), r.doi())));
      }
    }
  }

  static final class LinkFn extends DoFn<KV<String, Iterable<KV<String, String>>>, KeyLinker.Link> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, String>>> group,
        OutputReceiver<KeyLinker.Link> out) {
      Iterator<KV<String, String>> it = group.getValue().iterator();
      KV<String, String> first = it.next();
      if (!it.hasNext()) {
        return; // a key only one record has
      }
      List<KeyLinker.Member> members = new ArrayList<>();
      members.add(new KeyLinker.Member(first.getKey(), first.getValue()));
      it.forEachRemaining(kv -> members.add(new KeyLinker.Member(kv.getKey(), kv.getValue())));
      for (KeyLinker.Link link : KeyLinker.link(MatchKeys.Key.ruleOf(group.getKey()), members)) {
        out.output(link);
      }
    }
  }

  static final class ClusterFn extends DoFn<KV<String, Iterable<KeyLinker.Link>>, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KeyLinker.Link>> all,
        OutputReceiver<KV<String, KV<String, String>>> out) {
      List<KeyLinker.Link> links = new ArrayList<>();
      all.getValue().forEach(links::add);
      for (Map.Entry<String, Clusters.Assignment> e : Clusters.build(links).entrySet()) {
        out.output(KV.of(e.getKey(), KV.of(e.getValue().clusterId(), e.getValue().rules())));
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
