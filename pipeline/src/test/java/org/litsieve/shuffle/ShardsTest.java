package org.litsieve.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link Shards}: on the DirectRunner twice the cores, never fewer than eight; on another runner,
 * whose parallelism is not known when the graph is built, 32.
 */
class ShardsTest {
  private static PipelineOptions on(Class<? extends PipelineRunner<?>> runner) {
    PipelineOptions o = PipelineOptionsFactory.create();
    o.setRunner(runner);
    return o;
  }

  @Test
  void theDirectRunnerGetsTwiceItsCoresAndAtLeastEight() {
    assertEquals(8, Shards.of(on(DirectRunner.class), 1));
    assertEquals(8, Shards.of(on(DirectRunner.class), 4));
    assertEquals(12, Shards.of(on(DirectRunner.class), 6));
    assertEquals(64, Shards.of(on(DirectRunner.class), 32));
  }

  @Test
  void anotherRunnerGetsTheCountForAnUnknownParallelism() {
    assertEquals(Shards.UNKNOWN_PARALLELISM, Shards.of(on(ClusterRunner.class), 2));
    assertEquals(32, Shards.UNKNOWN_PARALLELISM);
  }
}
