package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * A chain of side inputs over collections that turn out empty (a step waiting on an empty view
 * makes nothing, so the next view is empty too, three deep) finishes on the DirectRunner when each
 * view is a {@link ListView}, and the last reader sees no value. With {@code View.asList} in
 * place of {@link ListView} the same graph did not finish in four of five runs (2 cores under load;
 * docs/architecture.md): the last view became ready by a watermark callback after the runner had
 * found nothing left to do, and the work waiting on it was never retried. A run that does not
 * finish within {@link #BOUND} fails the test, saying so. The result is gathered in this process
 * rather than checked with {@code PAssert}, whose own steps keep the runner busy and hide the
 * non-finish.
 */
public class ListViewTest {
  /** Far above the graph's time on a loaded 2-core machine (seconds). */
  private static final Duration BOUND = Duration.standardMinutes(2);

  private static final Queue<String> READ = new ConcurrentLinkedQueue<>();

  @Test(timeout = 300_000)
  public void aChainOfEmptyViewsFinishes() throws Exception {
    READ.clear();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--blockOnRun=false").create());
    PCollection<Integer> previous = p.apply("Seed", Create.of(1, 2, 3)).apply("DropAll", ParDo.of(new DropAllFn()));
    for (int depth = 0; depth < 3; depth++) {
      PCollectionView<List<Integer>> view = previous.apply("View" + depth, ListView.of());
      previous = p.apply("Main" + depth, Create.of(10, 20, 30))
          .apply("Read" + depth, ParDo.of(new PassIfAnyFn(view)).withSideInputs(view));
    }
    PCollectionView<List<Integer>> last = previous.apply("LastView", ListView.of());
    p.apply("Final", Create.of(7)).apply("ReadLast", ParDo.of(new ReadLastFn(last)).withSideInputs(last));
    assertFinishes(p.run(), BOUND, "a side input over an empty collection became ready after the runner had"
        + " found nothing left to do");
    assertEquals(List.of("[]"), new ArrayList<>(READ));
  }

  /**
   * Waits for {@code run} at most {@code bound}, cancels it when it has not ended by then, and
   * fails unless it finished, saying how long it was given and {@code why} it may not have.
   */
  static void assertFinishes(PipelineResult run, Duration bound, String why) throws java.io.IOException {
    PipelineResult.State state = run.waitUntilFinish(bound);
    if (state == null || !state.isTerminal()) {
      run.cancel();
    }
    assertEquals("the graph did not finish within " + bound.getStandardMinutes() + " minutes: " + why,
        PipelineResult.State.DONE, state);
  }

  static final class DropAllFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i, OutputReceiver<Integer> out) {}
  }

  /** Passes its input on when the view holds a value: never, here. */
  static final class PassIfAnyFn extends DoFn<Integer, Integer> {
    private final PCollectionView<List<Integer>> view;

    PassIfAnyFn(PCollectionView<List<Integer>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (!ListView.values(c.sideInput(view)).isEmpty()) {
        c.output(c.element());
      }
    }
  }

  static final class ReadLastFn extends DoFn<Integer, Void> {
    private final PCollectionView<List<Integer>> last;

    ReadLastFn(PCollectionView<List<Integer>> last) {
      this.last = last;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      READ.add(ListView.values(c.sideInput(last)).toString());
    }
  }
}
