package org.litsieve.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.litsieve.history.KeyMatching;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

/**
 * The key step of matching this run's records to the previous run's, inside the pipeline: the
 * graph half of {@link KeyMatching}, so that the pairs are made where the records are, on any
 * runner, and resolved by the same rule the driver applies.
 *
 * <p>Input: this run's {@link FinalRecord}s ({@link #CURRENT}) and the previous run's records with
 * their position in its files, in batches ({@link #PREVIOUS}: {@link PreviousBatch}). Each record's keys
 * ({@link KeyMatching#keys}, from its row as the screened files give it) are grouped by key hash
 * ({@link GroupByShard}: the DirectRunner pays per key group, so a few shards, not one group per
 * key; the keys of a bundle are encoded into batches as they are made, {@link GroupByShard.Batcher},
 * so the runner carries one element per batch, not per key); in a key's group the first earlier record (lowest position) holding it pairs with every
 * record of this run holding it ({@link MatchEdge}, this run's order being the screened files'
 * order: included, review, excluded, each by title and record id). The candidates, at most four
 * per record of this run, are gathered in one group and resolved there
 * ({@link KeyMatching#resolve}: strongest key first, each record once).
 *
 * <p>Output: the candidates taken, one per matched record of this run ({@code currentId} →
 * {@code previousId}). Failure behaviour: none of its own; a record the coders cannot encode fails
 * the bundle, as anywhere in the pipeline.
 */
final class MatchPrevious extends PTransform<PCollectionTuple, PCollection<MatchEdge>> {
  /** This run's records. */
  static final TupleTag<FinalRecord> CURRENT = new TupleTag<>() {};
  /** The previous run's records by their position in its files. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};

  private MatchPrevious() {}

  /** Matches the tuple's {@link #CURRENT} records to its {@link #PREVIOUS} ones by key. */
  static MatchPrevious byKeys() {
    return new MatchPrevious();
  }

  /** A key entry travels as {@code KV<key, MatchEdge>}: this run's side with its order, the previous side without. */
  private static final KvCoder<String, MatchEdge> ENTRY =
      KvCoder.of(StringUtf8Coder.of(), MatchEdge.MatchEdgeCoder.of());

  @Override
  public PCollection<MatchEdge> expand(PCollectionTuple input) {
    int shards = Shards.of(input.getPipeline());
    PCollection<KV<Integer, byte[]>> ours = input.get(CURRENT)
        .apply("KeysOfThisRun", ParDo.of(new CurrentKeysFn(shards))).setCoder(GroupByShard.BATCH_CODER);
    PCollection<KV<Integer, byte[]>> theirs = input.get(PREVIOUS)
        .apply("KeysOfThePreviousRun", ParDo.of(new PreviousKeysFn(shards))).setCoder(GroupByShard.BATCH_CODER);
    return PCollectionList.of(ours).and(theirs)
        .apply("AllKeys", Flatten.pCollections())
        .apply("GroupByKeyHash", GroupByShard.ofBatches(ENTRY))
        .apply("Candidates", ParDo.of(new CandidatesFn())).setCoder(MatchEdge.MatchEdgeCoder.of())
        .apply("InOnePlace", ParDo.of(new OneKeyFn())).setCoder(KvCoder.of(VarIntCoder.of(), MatchEdge.MatchEdgeCoder.of()))
        .apply("GatherCandidates", GroupByShard.create())
        .apply("Resolve", ParDo.of(new ResolveFn())).setCoder(MatchEdge.MatchEdgeCoder.of());
  }

  /** Each key of this run's record, with the record's place in this run's order, into batches by key hash. */
  static final class CurrentKeysFn extends DoFn<FinalRecord, KV<Integer, byte[]>> {
    private final int shards;
    private transient GroupByShard.Batcher<KV<String, MatchEdge>> batches;

    CurrentKeysFn(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(ENTRY);
    }

    @ProcessElement
    public void process(@Element FinalRecord f, OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      ScreenedRecord d = f.decided();
      String order = fileRank(d.decision()) + CsvRows.screenedSortKey(d);
      for (String k : KeyMatching.keys(row(d))) {
        batches.add(shard(k, shards), KV.of(k, new MatchEdge(KeyMatching.kind(k), order, d.recordId(), -1, "")), out);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  /** Each key of an earlier record, with its position (no order: that marks the previous side), into batches. */
  static final class PreviousKeysFn extends DoFn<PreviousBatch, KV<Integer, byte[]>> {
    private final int shards;
    private transient GroupByShard.Batcher<KV<String, MatchEdge>> batches;

    PreviousKeysFn(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(ENTRY);
    }

    @ProcessElement
    public void process(@Element PreviousBatch batch, OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      for (int i = 0; i < batch.records().size(); i++) {
        PreviousRecord p = batch.records().get(i);
        long position = batch.positions().get(i);
        for (String k : KeyMatching.keys(p.cells())) {
          batches.add(shard(k, shards), KV.of(k, new MatchEdge(KeyMatching.kind(k), "", "", position, p.recordId())), out);
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  /** In a shard: per key, the first earlier record holding it paired with each record of this run holding it. */
  static final class CandidatesFn extends DoFn<KV<Integer, Iterable<KV<String, MatchEdge>>>, MatchEdge> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, MatchEdge>>> shard, OutputReceiver<MatchEdge> out) {
      Map<String, MatchEdge> first = new HashMap<>();
      List<KV<String, MatchEdge>> ours = new ArrayList<>();
      for (KV<String, MatchEdge> e : shard.getValue()) {
        if (e.getValue().currentOrder().isEmpty()) {
          first.merge(e.getKey(), e.getValue(), (a, b) -> a.previous() <= b.previous() ? a : b);
        } else {
          ours.add(e);
        }
      }
      for (KV<String, MatchEdge> e : ours) {
        MatchEdge p = first.get(e.getKey());
        if (p != null) {
          MatchEdge c = e.getValue();
          out.output(new MatchEdge(c.kind(), c.currentOrder(), c.currentId(), p.previous(), p.previousId()));
        }
      }
    }
  }

  /** Every candidate under one key: they are resolved together. */
  static final class OneKeyFn extends DoFn<MatchEdge, KV<Integer, MatchEdge>> {
    @ProcessElement
    public void process(@Element MatchEdge e, OutputReceiver<KV<Integer, MatchEdge>> out) {
      out.output(KV.of(0, e));
    }
  }

  /** The candidates resolved in one place, by the driver's rule. */
  static final class ResolveFn extends DoFn<KV<Integer, Iterable<MatchEdge>>, MatchEdge> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<MatchEdge>> all, OutputReceiver<MatchEdge> out) {
      KeyMatching.resolve(all.getValue()).forEach(out::output);
    }
  }

  /** The screened files' order of files: included, review, excluded. */
  static String fileRank(Decision d) {
    return switch (d) {
      case INCLUDE -> "0";
      case REVIEW -> "1";
      case EXCLUDE -> "2";
    };
  }

  static int shard(String key, int shards) {
    return Math.floorMod(key.hashCode(), shards);
  }

  /** The record's row as the screened files give it back (line breaks in values as line feeds). */
  static Map<String, String> row(ScreenedRecord s) {
    List<String> values = CsvRows.screened(s);
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < CsvRows.SCREENED.size(); i++) {
      String v = values.get(i);
      row.put(CsvRows.SCREENED.get(i), v.indexOf('\r') < 0 ? v : v.replace("\r\n", "\n").replace('\r', '\n'));
    }
    return row;
  }
}
