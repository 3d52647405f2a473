package org.litsieve.pipeline;

import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSetResult;

/**
 * The one value a graph step hands the driver through a Beam {@code StringSet} metric, read from
 * the finished run. Metrics are the one channel from the workers to the driver that every runner
 * offers, and a set is idempotent: a retried bundle adds the same string again and changes
 * nothing. The runners cap a metric's size (1 MB), so only values of bounded size travel this way.
 * A number travels as a {@code Distribution} updated once with it and read as its maximum, which a
 * retried bundle cannot change either ({@link #number}).
 */
final class HandedOver {
  private HandedOver() {}

  /**
   * The one string reported under {@code name}: committed where the runner keeps committed
   * metrics, attempted where it does not (the set is the same after retries).
   *
   * @throws IllegalStateException when not exactly one string was reported, naming {@code what}
   */
  static String single(PipelineResult result, MetricNameFilter name, String what) {
    Set<String> values = new HashSet<>();
    for (MetricResult<StringSetResult> r : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(name).build()).getStringSets()) {
      values.addAll(committed(r).getStringSet());
    }
    if (values.size() != 1) {
      throw new IllegalStateException("the run handed the driver " + values.size() + " values of " + what
          + ", not one");
    }
    return values.iterator().next();
  }

  /**
   * The number reported under {@code name} as a {@code Distribution} updated with it (once, or
   * again by a retried bundle with the same value): its maximum, committed where the runner keeps
   * committed metrics, attempted where it does not.
   *
   * @throws IllegalStateException when nothing was reported under {@code name}, naming {@code what}
   */
  static long number(PipelineResult result, MetricNameFilter name, String what) {
    Long max = null;
    for (MetricResult<DistributionResult> r : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(name).build()).getDistributions()) {
      DistributionResult d = committed(r);
      if (d.getCount() > 0) {
        max = max == null ? d.getMax() : Math.max(max, d.getMax());
      }
    }
    if (max == null) {
      throw new IllegalStateException("the run did not hand the driver " + what);
    }
    return max;
  }

  /** A metric's committed value where the runner keeps committed metrics, else its attempted one. */
  private static <T> T committed(MetricResult<T> r) {
    try {
      return r.getCommitted();
    } catch (UnsupportedOperationException e) {
      return r.getAttempted();
    }
  }
}
