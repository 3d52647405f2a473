package org.litsieve.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A collection as a list side input that is never empty: the values plus one null marker, which
 * {@link #values} drops when the list is read.
 *
 * <p>Why: the DirectRunner makes a side input over an empty collection ready by a watermark
 * callback, which does not wake its driver. Work waiting on such a view is retried only while the
 * driver is busy; when the view becomes ready just after the driver found nothing left to do (the
 * second of two empty views in a chain: a step waiting on the first makes nothing, and so the
 * second is empty too), the waiting work is never retried and the run never finishes, the driver
 * firing watermark callbacks forever (docs/architecture.md, "ContinueReview's non-finish"). A view
 * with one element is written by the runner's view step, which wakes the driver as any output does.
 *
 * <p>Input: any collection with a coder. Output: a view of its values and one null, in no order.
 * Failure behaviour: none of its own.
 */
final class ListView<T> extends PTransform<PCollection<T>, PCollectionView<List<T>>> {
  private ListView() {}

  static <T> ListView<T> of() {
    return new ListView<>();
  }

  /** The values of a list this transform made, without its marker. */
  static <T> List<T> values(List<T> withMarker) {
    List<T> values = new ArrayList<>(Math.max(0, withMarker.size() - 1));
    for (T t : withMarker) {
      if (t != null) {
        values.add(t);
      }
    }
    return values;
  }

  @Override
  public PCollectionView<List<T>> expand(PCollection<T> values) {
    Coder<T> nullable = NullableCoder.of(values.getCoder());
    PCollection<T> same = values.apply("AsNullable", ParDo.of(new DoFn<T, T>() {
      @ProcessElement
      public void process(@Element T t, OutputReceiver<T> out) {
        out.output(t);
      }
    })).setCoder(nullable);
    PCollection<T> marker = values.getPipeline()
        .apply("Marker", Create.of(Arrays.asList((T) null)).withCoder(nullable));
    return PCollectionList.of(same).and(marker)
        .apply("WithMarker", Flatten.pCollections())
        .apply("AsList", View.asList());
  }
}
