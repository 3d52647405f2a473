package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.litsieve.shuffle.ClusterRunner;
import org.litsieve.testing.SystemProperty;

/**
 * Where {@link ScreeningPipeline#run} decides the living review: inside the graph on any runner but
 * the DirectRunner, on the driver on the DirectRunner (the default), and as the property
 * {@value ScreeningPipeline#LIVING_IN_GRAPH} says whenever it is set. Which path a run then takes,
 * and that both write the same bytes, is {@code cli.LivingInGraphTest}'s.
 */
class DecidesInGraphTest {
  private SystemProperty chosen;

  @BeforeEach
  void unset() {
    chosen = SystemProperty.set(ScreeningPipeline.LIVING_IN_GRAPH, null);
  }

  @AfterEach
  void restore() {
    chosen.close();
  }

  private static PipelineOptions on(Class<? extends org.apache.beam.sdk.PipelineRunner<?>> runner) {
    PipelineOptions o = PipelineOptionsFactory.create();
    o.setRunner(runner);
    return o;
  }

  @Test
  void aClusterRunnerDecidesInTheGraphAndTheDirectRunnerOnTheDriver() {
    assertTrue(ScreeningPipeline.decidesInGraph(on(ClusterRunner.class)));
    assertFalse(ScreeningPipeline.decidesInGraph(on(DirectRunner.class)));
    // the CLI's arguments: no runner named is the DirectRunner
    assertFalse(ScreeningPipeline.decidesInGraph(List.of()));
    assertFalse(ScreeningPipeline.decidesInGraph(List.of("--runner=DirectRunner")));
    assertTrue(ScreeningPipeline.decidesInGraph(List.of("--runner=" + ClusterRunner.class.getName())));
  }

  @Test
  void thePropertyChoosesWhateverTheRunner() {
    System.setProperty(ScreeningPipeline.LIVING_IN_GRAPH, "true");
    assertTrue(ScreeningPipeline.decidesInGraph(on(DirectRunner.class)));
    System.setProperty(ScreeningPipeline.LIVING_IN_GRAPH, "false");
    assertFalse(ScreeningPipeline.decidesInGraph(on(ClusterRunner.class)));
  }
}
