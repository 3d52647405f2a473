package org.litsieve.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.litsieve.dedup.Deduplicate;

/**
 * Periodic progress lines for a long run, from the pipeline's Beam metrics: bytes and records
 * read, deduplication's progress (records keyed, block groups compared) until duplicates are
 * removed, duplicates removed, records screened, the reading rate, and estimates of the time left
 * for reading (from the input files' total size) and for screening (from the screening rate).
 * Quiet for the first {@value #QUIET_SECONDS} seconds, so short runs print nothing. Runs on a
 * daemon thread; metrics a runner cannot report are shown as 0.
 */
final class RunProgress implements AutoCloseable {
  static final int QUIET_SECONDS = 5;
  static final int EVERY_SECONDS = 5;

  private final PipelineResult result;
  private final long totalBytes;
  private final Consumer<String> out;
  private final long start = System.nanoTime();
  private final Thread thread;
  private volatile boolean done;

  private RunProgress(PipelineResult result, long totalBytes, Consumer<String> out) {
    this.result = result;
    this.totalBytes = totalBytes;
    this.out = out;
    this.thread = new Thread(this::loop, "litsieve-progress");
    this.thread.setDaemon(true);
  }

  /** Starts reporting; {@code out} null means quiet. */
  static RunProgress start(PipelineResult result, long totalBytes, Consumer<String> out) {
    RunProgress p = new RunProgress(result, totalBytes, out);
    if (out != null) {
      p.thread.start();
    }
    return p;
  }

  private void loop() {
    try {
      Thread.sleep(QUIET_SECONDS * 1000L);
      while (!done) {
        report();
        Thread.sleep(EVERY_SECONDS * 1000L);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The counters one progress line is made from. */
  record Counts(long bytes, long read, long keyed, long groupsCompared, long duplicates, long screened) {}

  private long lastRead = -1;
  private double lastReadSeconds;
  private Screening screening;

  /** When screening was first seen under way, and how many records were screened then. */
  record Screening(double seconds, long screened) {}

  private void report() {
    Counts c;
    try {
      MetricQueryResults m = result.metrics().queryMetrics(MetricsFilter.builder().build());
      c = new Counts(counter(m, "bytesRead"), counter(m, "recordsRead"), counter(m, "recordsKeyed"),
          counter(m, "blockGroupsCompared"), counter(m, "duplicatesRemoved"), counter(m, "screened"));
    } catch (RuntimeException e) {
      return; // this runner cannot report metrics while running
    }
    if (done) {
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (c.read() != lastRead) {
      lastRead = c.read();
      lastReadSeconds = seconds;
    }
    if (screening == null && c.screened() > 0) {
      screening = new Screening(seconds, c.screened());
    }
    out.accept(line(seconds, lastReadSeconds, screening, totalBytes, c));
  }

  /**
   * One progress line: {@code seconds} elapsed, reading last progressed at {@code readSeconds}
   * (the records/s figure is the reading rate, not records over all the time elapsed); the time
   * left to screen comes from the screening rate since {@code screening} (null: not seen yet).
   */
  static String line(double seconds, double readSeconds, Screening screening, long totalBytes, Counts c) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "litsieve: %s elapsed · read %,d records",
        clock(seconds), c.read()));
    boolean reading = totalBytes > 0 && c.bytes() > 0 && c.bytes() < totalBytes;
    if (reading) {
      double rate = c.bytes() / seconds;
      line.append(String.format(Locale.ROOT, " (%.0f%% of the input, about %s left to read)",
          100.0 * c.bytes() / totalBytes, clock((totalBytes - c.bytes()) / rate)));
    } else if (c.read() > 0 && readSeconds > 0) {
      line.append(String.format(Locale.ROOT, " (%,.0f records/s)", c.read() / readSeconds));
    }
    if (!reading && c.keyed() > 0 && c.duplicates() == 0 && c.screened() == 0) {
      line.append(String.format(Locale.ROOT, " · deduplicating: %,d records keyed, %d of %d block groups compared",
          c.keyed(), c.groupsCompared(), Deduplicate.SHARDS));
    }
    if (c.duplicates() > 0) {
      line.append(String.format(Locale.ROOT, " · %,d duplicates removed", c.duplicates()));
    }
    if (c.screened() > 0) {
      line.append(String.format(Locale.ROOT, " · screened %,d", c.screened()));
      long unique = c.read() - c.duplicates();
      if (c.duplicates() > 0 && unique > c.screened() && c.bytes() >= totalBytes) {
        line.append(String.format(Locale.ROOT, " of %,d", unique));
        if (screening != null && seconds > screening.seconds() && c.screened() > screening.screened()) {
          double rate = (c.screened() - screening.screened()) / (seconds - screening.seconds());
          line.append(String.format(Locale.ROOT, " (about %s left)", clock((unique - c.screened()) / rate)));
        }
      } else if (c.duplicates() > 0 && unique == c.screened()) {
        line.append(" · writing the outputs");
      }
    }
    return line.toString();
  }

  private static long counter(MetricQueryResults m, String name) {
    long total = 0;
    for (MetricResult<Long> c : m.getCounters()) {
      if (c.getName().getName().equals(name)) {
        Long v;
        try {
          v = c.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = null;
        }
        if (v == null || v == 0) {
          v = c.getAttempted();
        }
        total += v == null ? 0 : v;
      }
    }
    return total;
  }

  /**
   * CPU time per stage in milliseconds, summed over threads: the {@code cpuNanos} counters each
   * stage keeps under its own namespace (parse, dedup, screen, write). Empty when the runner
   * cannot report metrics.
   */
  static Map<String, Long> stageCpuMillis(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    try {
      for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
        if (c.getName().getName().equals("cpuNanos")) {
          Long v = c.getAttempted();
          out.merge(c.getName().getNamespace(), (v == null ? 0 : v) / 1_000_000, Long::sum);
        }
      }
    } catch (RuntimeException e) {
      return Map.of();
    }
    return out;
  }

  private static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
  }
}
