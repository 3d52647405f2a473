package org.litsieve.pipeline;

import java.io.IOException;

/**
 * The runner ended a run in a state other than DONE without throwing. The DirectRunner does this
 * when one of its threads runs out of memory at the wrong moment; nothing was written to the
 * output folder. Its message is written for the user as it stands.
 */
public final class PipelineStoppedException extends IOException {
  private static final long serialVersionUID = 1L;

  public PipelineStoppedException(String state) {
    super("the pipeline stopped before it finished (state " + state + "), most often because Java "
        + "ran out of memory: give it more (e.g. LITSIEVE_JAVA_OPTS=-Xmx12g ./litsieve ...), or run "
        + "again with --verbose to see the runner's log (docs/performance.md); nothing was written "
        + "to the output folder.");
  }
}
