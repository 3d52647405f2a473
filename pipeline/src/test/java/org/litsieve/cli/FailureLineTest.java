package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** A failed run's one line says whether a file could not be read or written, or it was a bug. */
class FailureLineTest {
  @Test
  void aFileThatCouldNotBeWrittenIsNotCalledAnInternalError() {
    Throwable root = Main.rootCause(new RuntimeException(new UncheckedIOException(new IOException("No space left on device"))));
    assertEquals("litsieve: a file could not be read or written, so the run stopped: IOException: No space left on device"
        + " (run again with --verbose for details)", Main.failureLine(root, false));
    assertEquals("litsieve: a file could not be read or written, so the run stopped:"
        + " FileSystemException: /out/x.csv: Read-only file system",
        Main.failureLine(new FileSystemException("/out/x.csv", null, "Read-only file system"), true));
  }

  @Test
  void aPipelineThatStoppedIsNeitherAFileNorAnInternalError() {
    String line = Main.failureLine(Main.rootCause(new RuntimeException(
        new org.litsieve.pipeline.PipelineStoppedException("RUNNING"))), false);
    assertEquals("litsieve: the pipeline stopped before it finished (state RUNNING), most often because Java ran"
        + " out of memory: give it more (e.g. LITSIEVE_JAVA_OPTS=-Xmx12g ./litsieve ...), or run again with"
        + " --verbose to see the runner's log (docs/performance.md); nothing was written to the output folder.",
        line);
  }

  @Test
  void anOutOfMemoryRunWithTheParallelCollectorIsToldHowToKeepTheDefault() {
    String hint = Main.collectorHint(java.util.List.of("PS Scavenge", "PS MarkSweep"));
    assertTrue(hint.contains("LITSIEVE_COLLECTOR=0"), hint);
    assertEquals("", Main.collectorHint(java.util.List.of("G1 Young Generation", "G1 Old Generation")));
    assertEquals("", Main.collectorHint(java.util.List.of("Copy", "MarkSweepCompact")));
  }

  @Test
  void anythingElseIsAnInternalError() {
    assertEquals("litsieve: internal error: IllegalStateException: no label for record 7"
        + " (run again with --verbose for details)", Main.failureLine(new IllegalStateException("no label for record 7"), false));
  }
}
