package org.litsieve.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link GroupByShard} groups exactly what {@code GroupByKey} would, whether a shard's values come
 * from one bundle or several, whether or not a batch is flushed mid-bundle and whether or not
 * batches are compressed, and whether the batches come from its own first step or from a step's
 * {@link GroupByShard.Batcher}; on the DirectRunner with its immutability and encodability checks on.
 * {@link Spread} passes every element on once, grouped by shard or ({@link Spread#apart}) one by one.
 */
public class GroupByShardTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private PCollection<KV<Integer, String>> values(String name, int from, int to) {
    List<KV<Integer, String>> kvs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      kvs.add(KV.of(i % 3, "value " + i + (i % 7 == 0 ? " ünïcode ✓" : "")));
    }
    return p.apply(name, Create.of(kvs).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())));
  }

  /** Each shard as "shard:count:sum of the value numbers", so a lost, doubled or garbled value shows. */
  private static PCollection<String> describe(String name, PCollection<KV<Integer, Iterable<String>>> grouped) {
    return grouped.apply(name, MapElements.into(TypeDescriptors.strings()).via(kv -> {
      int n = 0;
      long sum = 0;
      for (int pass = 0; pass < 2; pass++) { // the iterable can be read twice
        n = 0;
        sum = 0;
        for (String v : kv.getValue()) {
          n++;
          sum += Long.parseLong(v.split(" ")[1]);
        }
      }
      return kv.getKey() + ":" + n + ":" + sum;
    }));
  }

  private static String expected(int shard, int to) {
    int n = 0;
    long sum = 0;
    for (int i = 0; i < to; i++) {
      if (i % 3 == shard) {
        n++;
        sum += i;
      }
    }
    return shard + ":" + n + ":" + sum;
  }

  @Test
  public void groupsValuesFromSeveralBundlesAndFlushedBatches() {
    PCollection<KV<Integer, String>> all = PCollectionList.of(values("A", 0, 400)).and(values("B", 400, 1000))
        .and(values("C", 1000, 1001)).apply(Flatten.pCollections());
    PAssert.that(describe("DescribeDefault", all.apply("Default", GroupByShard.create())))
        .containsInAnyOrder(expected(0, 1001), expected(1, 1001), expected(2, 1001));
    // a 40-byte threshold flushes a batch every few values
    PAssert.that(describe("DescribeFlushing", all.apply("Flushing", new GroupByShard<>(40, false))))
        .containsInAnyOrder(expected(0, 1001), expected(1, 1001), expected(2, 1001));
    // compressed batches, large and small
    PAssert.that(describe("DescribeCompressed", all.apply("Compressed", GroupByShard.compressed())))
        .containsInAnyOrder(expected(0, 1001), expected(1, 1001), expected(2, 1001));
    PAssert.that(describe("DescribeCompressedFlushing", all.apply("CompressedFlushing", new GroupByShard<>(40, true))))
        .containsInAnyOrder(expected(0, 1001), expected(1, 1001), expected(2, 1001));
    p.run().waitUntilFinish();
  }

  /** Makes its shard's value of each input in a {@link GroupByShard.Batcher}, as a step that fans out would. */
  static final class BatchingFn extends DoFn<KV<Integer, String>, KV<Integer, byte[]>> {
    private final int flushBytes;
    private final boolean compress;
    private transient GroupByShard.Batcher<String> batches;

    BatchingFn(int flushBytes, boolean compress) {
      this.flushBytes = flushBytes;
      this.compress = compress;
    }

    @StartBundle
    public void start() {
      batches = new GroupByShard.Batcher<>(StringUtf8Coder.of(), flushBytes, compress);
    }

    @ProcessElement
    public void process(@Element KV<Integer, String> kv, OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      batches.add(kv.getKey(), kv.getValue(), out);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c);
    }
  }

  @Test
  public void groupsBatchesAStepMadeItself() {
    PCollection<KV<Integer, String>> all = PCollectionList.of(values("A", 0, 400)).and(values("B", 400, 1001))
        .apply(Flatten.pCollections());
    // large batches (sent when the bundle ends), batches full every few values, and compressed ones
    int[][] cases = {{GroupByShard.FLUSH_BYTES, 0}, {40, 0}, {40, 1}, {GroupByShard.FLUSH_BYTES, 1}};
    for (int[] c : cases) {
      String name = c[0] + (c[1] == 1 ? "Compressed" : "");
      PCollection<KV<Integer, Iterable<String>>> grouped = all
          .apply("Batch" + name, ParDo.of(new BatchingFn(c[0], c[1] == 1)))
          .setCoder(GroupByShard.BATCH_CODER)
          .apply("Group" + name, GroupByShard.ofBatches(StringUtf8Coder.of(), c[1] == 1));
      PAssert.that(describe("Describe" + name, grouped))
          .containsInAnyOrder(expected(0, 1001), expected(1, 1001), expected(2, 1001));
    }
    p.run().waitUntilFinish();
  }

  @Test
  public void spreadPassesEveryElementOnce() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      expected.add("value " + i + (i % 7 == 0 ? " ünïcode ✓" : ""));
    }
    PCollection<String> in = PCollectionList.of(values("A", 0, 400)).and(values("B", 400, 1001))
        .apply(Flatten.pCollections())
        .apply("Values", MapElements.into(TypeDescriptors.strings()).via(KV::getValue));
    for (boolean compressed : new boolean[] {false, true}) {
      String name = compressed ? "Compressed" : "Plain";
      PCollection<KV<Integer, Iterable<String>>> spread =
          in.apply("Spread" + name, Spread.<String>over(3).compressed(compressed));
      PAssert.that(spread.apply("Shards" + name, MapElements.into(TypeDescriptors.integers()).via(KV::getKey)))
          .containsInAnyOrder(0, 1, 2);
      PAssert.that(spread.apply("Ungroup" + name, org.apache.beam.sdk.transforms.FlatMapElements
          .into(TypeDescriptors.strings()).via(KV::getValue))).containsInAnyOrder(expected);
    }
    // apart: the elements again, one by one, with the input's coder
    PCollection<String> apart = in.apply("Apart", Spread.apart(3));
    assertEquals(in.getCoder(), apart.getCoder());
    PAssert.that(apart).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void refusesWindowsOtherThanTheGlobalOne() {
    PCollection<KV<Integer, String>> windowed = values("A", 0, 10)
        .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> windowed.apply(GroupByShard.create()));
    assertEquals("GroupByShard works in the global window only", e.getMessage());
    PCollection<KV<Integer, byte[]>> batches = windowed.apply(ParDo.of(new BatchingFn(40, false)))
        .setCoder(GroupByShard.BATCH_CODER);
    e = assertThrows(IllegalArgumentException.class,
        () -> batches.apply(GroupByShard.ofBatches(StringUtf8Coder.of())));
    assertEquals("GroupByShard works in the global window only", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }
}
