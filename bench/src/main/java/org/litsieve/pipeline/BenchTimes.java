package org.litsieve.pipeline;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Wall and CPU times of the graph benchmarks' rounds, and their medians. */
final class BenchTimes {
  private BenchTimes() {}

  /** A round's work. */
  interface Work {
    void run() throws Exception;
  }

  /** Wall and process CPU seconds of {@code w}. */
  static double[] time(Work w) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    w.run();
    return new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
  }

  /** The median of the rounds' {@code i}th time (0 wall, 1 CPU). */
  static double median(List<double[]> runs, int i) {
    double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
    return v[v.length / 2];
  }
}
