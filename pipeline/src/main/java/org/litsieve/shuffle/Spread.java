package org.litsieve.shuffle;

import java.io.IOException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Spreads a collection over a fixed number of shards and hands each shard on as one batch, so
 * that the steps after it work in parallel and hold the elements encoded: a runner keeps a step's
 * output in the bundles its input came in (one large export file is one bundle, one thread), and
 * a step that must wait (for a side input, say) would otherwise hold every element as objects.
 *
 * <p>Input: any collection in the global window whose coder is known. Output: one
 * {@code KV<shard, Iterable<element>>} per shard that received elements, through
 * {@link GroupByShard} (each element is encoded into its shard's batch as it arrives, with the
 * input's coder): every element exactly once, the iterable decoding lazily each time it is read.
 * Elements go to shards round-robin; which element lands where is not specified and nothing
 * may depend on it. Failure: as {@link GroupByShard}.
 */
public final class Spread<T> extends PTransform<PCollection<T>, PCollection<KV<Integer, Iterable<T>>>> {
  private final int shards;
  private final boolean compressed;

  private Spread(int shards, boolean compressed) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    this.shards = shards;
    this.compressed = compressed;
  }

  /** Spreads over {@code shards} shards. */
  public static <T> Spread<T> over(int shards) {
    return new Spread<>(shards, false);
  }

  /**
   * The elements again, each on its own, spread over {@code shards} shards: for the steps after a
   * read, which a runner fuses with the read and so runs where each part was read, as many workers
   * as there were parts read. Input: as {@link #over}. Output: every input element once, with
   * the input's coder, in no particular order. Failure: as {@link GroupByShard}.
   */
  public static <T> PTransform<PCollection<T>, PCollection<T>> apart(int shards) {
    Spread<T> spread = over(shards);
    return new PTransform<>() {
      @Override
      public PCollection<T> expand(PCollection<T> input) {
        return input.apply("Spread", spread)
            .apply("Batches", Values.create())
            .apply("EachElement", Flatten.iterables()).setCoder(input.getCoder());
      }
    };
  }

  /**
   * The same spread, its batches compressed ({@link GroupByShard#compressed}) when
   * {@code compressed}: about a third of the memory for text while the elements wait, for the CPU
   * time of deflating them once and inflating them on every read.
   */
  public Spread<T> compressed(boolean compressed) {
    return new Spread<>(shards, compressed);
  }

  @Override
  public PCollection<KV<Integer, Iterable<T>>> expand(PCollection<T> input) {
    return input
        .apply("AssignShards", ParDo.of(new AssignFn<T>(shards, input.getCoder(), compressed)))
        .setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupByShard", GroupByShard.ofBatches(input.getCoder(), compressed));
  }

  /** Adds each element to the next shard's batch in turn. */
  static final class AssignFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    private final int shards;
    private final Coder<T> coder;
    private final boolean compressed;
    private transient int next;
    private transient GroupByShard.Batcher<T> batches;

    AssignFn(int shards, Coder<T> coder, boolean compressed) {
      this.shards = shards;
      this.coder = coder;
      this.compressed = compressed;
    }

    @StartBundle
    public void start() {
      batches = GroupByShard.Batcher.of(coder, compressed);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      batches.add(next, element, out);
      next = (next + 1) % shards;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
      batches = null;
    }
  }
}
