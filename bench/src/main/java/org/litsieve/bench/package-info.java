/**
 * Scale benchmarks: {@link org.litsieve.bench.PlainReference} runs the same stage code as the
 * pipeline (parse, dedup, screen, write) in one plain-Java process, as the limit to approach, and
 * {@link org.litsieve.bench.ScaleBenchmark} times it against the Beam pipeline run the way the CLI
 * runs it, on generated corpora of growing size, and prints a table. Sits beside the CLI:
 * {@code bench → pipeline → stages → model}.
 */
package org.litsieve.bench;
