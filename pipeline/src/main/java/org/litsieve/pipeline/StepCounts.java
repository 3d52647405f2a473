package org.litsieve.pipeline;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * A deciding step's count of its own elements, by name, for the counts the decided records do
 * not show ({@link LivingTotals#STEP_COUNTS}).
 *
 * <p>Input: any collection. Output: {@code KV<name, n>} values whose sum is the number of
 * elements {@code counted} accepts: one per bundle that counted some, and one 0, so the name is
 * there when the collection is empty. No side input and no global combine (whose default for an
 * empty input is made through a side input, the chain docs/architecture.md's "ContinueReview's
 * non-finish" warns of): the consumer sums per name. Failure behaviour: none of its own.
 */
final class StepCounts<T> extends PTransform<PCollection<T>, PCollection<KV<String, Long>>> {
  /** This run's records only the deduplication matcher paired ({@link MatchFuzzy}). */
  static final String MATCHED_BY_DEDUP = "matched_by_dedup";
  /** The carried-forward ids the previous run's store holds, screened again after a rules change ({@link RescreenCarried}). */
  static final String RESCREENED = "rescreened";

  static final KvCoder<String, Long> CODER = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private final String name;
  private final SerializableFunction<T, Boolean> counted;

  private StepCounts(String name, SerializableFunction<T, Boolean> counted) {
    this.name = name;
    this.counted = counted;
  }

  static <T> StepCounts<T> of(String name, SerializableFunction<T, Boolean> counted) {
    return new StepCounts<>(name, counted);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<T> in) {
    PCollection<KV<String, Long>> zero = in.getPipeline()
        .apply("Zero", Create.of(List.of(KV.of(name, 0L))).withCoder(CODER));
    PCollection<KV<String, Long>> perBundle = in.apply("CountPerBundle", ParDo.of(new CountFn<>(name, counted)))
        .setCoder(CODER);
    return PCollectionList.of(zero).and(perBundle).apply("ZeroAndCounts", Flatten.pCollections());
  }

  /** Counts a bundle's accepted elements, emitted when the bundle ends (a retried bundle's count goes with it). */
  static final class CountFn<T> extends DoFn<T, KV<String, Long>> {
    private final String name;
    private final SerializableFunction<T, Boolean> counted;
    private transient long n;

    CountFn(String name, SerializableFunction<T, Boolean> counted) {
      this.name = name;
      this.counted = counted;
    }

    @StartBundle
    public void startBundle() {
      n = 0;
    }

    @ProcessElement
    public void process(@Element T t) {
      if (counted.apply(t)) {
        n++;
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (n > 0) {
        c.output(KV.of(name, n), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
  }
}
