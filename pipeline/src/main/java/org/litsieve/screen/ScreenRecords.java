package org.litsieve.screen;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.litsieve.model.BibRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;

/**
 * Screens unique records against a rules file.
 *
 * <p>Input: {@code KV<recordId, BibRecord>}, one per unique paper. Output: one
 * {@link ScreenedRecord} per input, with its decision, stage, reason, matched blocks and tags.
 * One ParDo, no grouping: each worker loads the rules from their text once, in {@code @Setup},
 * and screens each record on its own (see {@link Screener}), so the records are never shuffled.
 *
 * <p>Failure behaviour: the rules are validated before the pipeline is built, so a worker that
 * cannot load them fails the run with the loader's message; screening itself does not fail on
 * any record content.
 */
public final class ScreenRecords
    extends PTransform<PCollection<KV<String, BibRecord>>, PCollection<ScreenedRecord>> {
  private final String rulesName;
  private final String rulesText;

  private ScreenRecords(String rulesName, String rulesText) {
    this.rulesName = rulesName;
    this.rulesText = rulesText;
  }

  /** Screens with these (already validated) rules. Only their text travels to the workers. */
  public static ScreenRecords with(Rules rules) {
    return new ScreenRecords(rules.fileName(), rules.source());
  }

  @Override
  public PCollection<ScreenedRecord> expand(PCollection<KV<String, BibRecord>> records) {
    return records.apply("Screen", ParDo.of(new ScreenFn(rulesName, rulesText)));
  }

  static final class ScreenFn extends DoFn<KV<String, BibRecord>, ScreenedRecord> {
    /** How many records' counts {@link ScreenFn} keeps before adding them to the counters. */
    private static final int COUNT_EVERY = 256;
    private final String rulesName;
    private final String rulesText;
    private final Counter screened = Metrics.counter(ScreenRecords.class, "screened");
    private final Counter cpuNanos = Metrics.counter("screen", "cpuNanos");
    private transient Screener screener;
    /**
     * Records screened, and their CPU time, not yet added to the counters. The DirectRunner
     * reads a step's counters after every element and hands each changed one on to the
     * pipeline's metrics (new update objects and a shared-map update per counter); counting
     * every {@link #COUNT_EVERY} records (and at the end of each bundle) does that far less
     * often, and keeps the progress display current to a few milliseconds of work.
     */
    private transient int pendingRecords;
    private transient long pendingNanos;

    ScreenFn(String rulesName, String rulesText) {
      this.rulesName = rulesName;
      this.rulesText = rulesText;
    }

    @Setup
    public void setup() throws RulesException {
      Rules rules = RulesLoader.load(rulesName, rulesText);
      screener = new Screener(rules);
    }

    @ProcessElement
    public void process(@Element KV<String, BibRecord> r, OutputReceiver<ScreenedRecord> out) {
      long start = System.nanoTime();
      ScreenedRecord s = screener.screen(new Screener.Input(r.getKey(), r.getValue()));
      pendingNanos += System.nanoTime() - start;
      out.output(s);
      if (++pendingRecords == COUNT_EVERY) {
        count();
      }
    }

    @FinishBundle
    public void finishBundle() {
      count();
    }

    private void count() {
      screened.inc(pendingRecords);
      cpuNanos.inc(pendingNanos);
      pendingRecords = 0;
      pendingNanos = 0;
    }
  }
}
