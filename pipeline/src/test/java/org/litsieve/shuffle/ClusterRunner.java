package org.litsieve.shuffle;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * For tests: a runner that is not the DirectRunner, as a cluster's would be. Only its class is
 * looked at (by what the code decides per runner); running a pipeline on it fails.
 */
public final class ClusterRunner extends PipelineRunner<PipelineResult> {
  public static ClusterRunner fromOptions(PipelineOptions options) {
    return new ClusterRunner();
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    throw new UnsupportedOperationException("not run");
  }
}
