package org.litsieve.shuffle;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Spreads a collection over a fixed number of shards, so that the steps after it work in
 * parallel: a runner keeps a step's output in the bundles its input came in, and one large export
 * file is one bundle (one thread) until something regroups it.
 *
 * <p>Input: any collection in the global window whose coder is known. Output: the same elements
 * (none lost or doubled), in up to {@code shards} bundles, through {@link GroupByShard}, so the
 * move costs one encoding of each element. Elements go to shards round-robin; which element lands
 * where is not specified and nothing may depend on it. Failure: as {@link GroupByShard}.
 */
public final class Rebalance<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final int shards;

  private Rebalance(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    this.shards = shards;
  }

  /** Spreads over {@code shards} shards. */
  public static <T> Rebalance<T> over(int shards) {
    return new Rebalance<>(shards);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    Coder<T> coder = input.getCoder();
    return input
        .apply("AssignShards", ParDo.of(new AssignFn<T>(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("GroupByShard", GroupByShard.create())
        .apply("Ungroup", ParDo.of(new UngroupFn<T>()))
        .setCoder(coder);
  }

  /** Gives each element the next shard in turn. */
  static final class AssignFn<T> extends DoFn<T, KV<Integer, T>> {
    private final int shards;
    private transient int next;

    AssignFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, T>> out) {
      out.output(KV.of(next, element));
      next = (next + 1) % shards;
    }
  }

  /** Emits a shard's elements one by one. */
  static final class UngroupFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> shard, OutputReceiver<T> out) {
      for (T element : shard.getValue()) {
        out.output(element);
      }
    }
  }
}
