package org.litsieve.shuffle;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Holds a collection back until the collections behind some side inputs are complete, so that the
 * step reading those side inputs gets its elements only once it can use them.
 *
 * <p>Why: a step whose side input is not ready yet cannot process its elements. The DirectRunner
 * (the CLI's runner) then pushes the bundle back and offers it again at once, and again, until the
 * side input is ready: each offer makes a new evaluator, which translates the step's function to
 * its portable form and back. With a side input that comes late (after a long step over the whole
 * collection: the ranking, the fuzzy matching, the store's plan), that loop took one of two cores
 * for as long as the long step ran, and most of the CPU of a living-review update
 * (docs/performance.md, eighth session). Waiting in a group-by instead costs one encoding of the
 * elements ({@link Spread}) and no loop: a group-by gives its groups only when all its inputs are
 * complete, and the side inputs' collections are among them here. On a runner that waits for side
 * inputs by itself (Dataflow, Flink and Spark in batch), it costs that encoding and one shuffle.
 *
 * <p>Input: any collection in the global window whose coder is known. Output: the same elements,
 * each exactly once, in {@link Shards} groups (so the next step runs them in parallel), given
 * on only when every awaited collection is complete. The views' collections are only waited for,
 * never read. Failure: as {@link GroupByShard}.
 */
public final class Await<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final List<PCollection<?>> awaited;

  private Await(List<PCollection<?>> awaited) {
    this.awaited = awaited;
  }

  /**
   * Holds the input back until the collections {@code views} are made from are complete.
   *
   * @throws IllegalArgumentException when a view does not say its collection
   */
  public static <T> Await<T> views(PCollectionView<?>... views) {
    List<PCollection<?>> awaited = new ArrayList<>();
    for (PCollectionView<?> v : views) {
      if (v.getPCollection() == null) {
        throw new IllegalArgumentException("the view " + v.getName() + " does not say its collection");
      }
      awaited.add(v.getPCollection());
    }
    return new Await<>(awaited);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    PCollectionList<KV<Integer, byte[]>> batches = PCollectionList.of(input
        .apply("AssignShards", ParDo.of(new Spread.AssignFn<T>(Shards.of(input.getPipeline()), input.getCoder(),
            false)))
        .setCoder(GroupByShard.BATCH_CODER));
    for (int i = 0; i < awaited.size(); i++) {
      batches = batches.and(awaited.get(i).apply("Awaited" + i, ParDo.of(new NothingFn<>()))
          .setCoder(GroupByShard.BATCH_CODER));
    }
    return batches.apply("WithAwaited", Flatten.pCollections())
        .apply("GroupByShard", GroupByShard.ofBatches(input.getCoder()))
        .apply("Release", ParDo.of(new ReleaseFn<T>()))
        .setCoder(input.getCoder());
  }

  /** Gives nothing: its output is complete when its input is, which is all the group-by needs. */
  static final class NothingFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    @ProcessElement
    public void process(@Element T element) {
      // waited for, never read
    }
  }

  /** Gives a shard's elements on. */
  static final class ReleaseFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> shard, OutputReceiver<T> out) {
      for (T t : shard.getValue()) {
        out.output(t);
      }
    }
  }
}
