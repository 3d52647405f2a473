package org.litsieve.shuffle;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How many shards a step that groups by shard spreads its data over, chosen when the graph is
 * built from the runner it will run on.
 *
 * <p>Why: each shard's group is a bundle for the step after it, and the DirectRunner (the CLI's
 * runner) pays for every bundle: a new evaluator, which translates the step's function to its
 * portable form and back, and its bookkeeping per group. On a living update decided in the graph,
 * 8 groups instead of 32 took the run from 52-55 s to about 45 s (docs/performance.md, eighth
 * session). A cluster wants at least as many groups as workers, and its runner's parallelism is
 * not known here, so other runners keep {@link #UNKNOWN_PARALLELISM}.
 *
 * <p>Every step that keys data by shard for one grouping must use the same count: each takes it
 * from this class for the pipeline it is applied to, when it is built, and hands it to its
 * functions (a static would not reach a cluster's workers).
 */
public final class Shards {
  /** Shards on a runner whose parallelism is not known when the graph is built. */
  public static final int UNKNOWN_PARALLELISM = 32;
  /** The fewest shards: some slack for a shard that holds more than its share. */
  static final int FEWEST = 8;

  private Shards() {}

  /**
   * The shard count for steps of {@code p}: on the DirectRunner twice the machine's cores, at
   * least {@value #FEWEST}; on any other runner {@value #UNKNOWN_PARALLELISM}.
   */
  public static int of(Pipeline p) {
    return of(p.getOptions(), Runtime.getRuntime().availableProcessors());
  }

  static int of(PipelineOptions options, int cores) {
    return onDirectRunner(options) ? Math.max(FEWEST, 2 * cores) : UNKNOWN_PARALLELISM;
  }

  /**
   * Whether {@code options} name the DirectRunner, one machine's runner: told by the runner's
   * class name, so that the code stays free of any one runner's classes.
   */
  public static boolean onDirectRunner(PipelineOptions options) {
    Class<?> runner = options.getRunner();
    return runner != null && runner.getSimpleName().equals("DirectRunner");
  }
}
