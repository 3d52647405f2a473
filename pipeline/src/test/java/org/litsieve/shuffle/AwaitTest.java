package org.litsieve.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link Await} passes every element on once, and a step behind it that reads a late side input
 * gets its first bundle only once the side input's collection is complete. Without {@code Await}
 * (the control) the DirectRunner offers the step its elements while the side input is still being
 * made, and offers them again each time the pipeline makes progress elsewhere.
 */
public class AwaitTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Per test: bundles the step reading the late side input started before that input was made. */
  private static final Map<String, AtomicInteger> EARLY = new ConcurrentHashMap<>();
  /** Per test: whether the late side input has been made. */
  private static final Map<String, Boolean> MADE = new ConcurrentHashMap<>();

  /** Makes its one output only after a while: a side input that comes late. */
  static final class SlowFn extends DoFn<String, String> {
    private final String test;

    SlowFn(String test) {
      this.test = test;
    }

    @ProcessElement
    public void process(@Element String s, OutputReceiver<String> out) throws InterruptedException {
      Thread.sleep(500);
      out.output(s);
      MADE.put(test, true);
    }
  }

  /** Tags each element with the side input, counting the bundles it starts too early. */
  static final class TagFn extends DoFn<String, String> {
    private final String test;
    private final PCollectionView<String> side;

    TagFn(String test, PCollectionView<String> side) {
      this.test = test;
      this.side = side;
    }

    @StartBundle
    public void start() {
      AtomicInteger early = EARLY.computeIfAbsent(test, t -> new AtomicInteger());
      if (!MADE.getOrDefault(test, false)) {
        early.incrementAndGet();
      }
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.element() + "/" + c.sideInput(side));
    }
  }

  private int run(String test, boolean await) {
    List<String> in = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      in.add("e" + i);
      expected.add("e" + i + "/late");
    }
    PCollectionView<String> side = p.apply("Side", Create.of("late").withCoder(StringUtf8Coder.of()))
        .apply("Slow", ParDo.of(new SlowFn(test))).apply("SideView", View.asSingleton());
    PCollection<String> main = p.apply("Main", Create.of(in).withCoder(StringUtf8Coder.of()));
    if (await) {
      main = main.apply("AwaitSide", Await.views(side));
    }
    PAssert.that(main.apply("Tag", ParDo.of(new TagFn(test, side)).withSideInputs(side)))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
    return EARLY.get(test).get();
  }

  @Test
  public void aStepBehindAwaitStartsOnlyOnceItsSideInputIsMade() {
    assertEquals("bundles started before the side input was made", 0, run("await", true));
  }

  @Test
  public void withoutAwaitTheStepIsOfferedItsElementsBeforeItsSideInputIsMade() {
    assertTrue(run("control", false) > 0);
  }
}
