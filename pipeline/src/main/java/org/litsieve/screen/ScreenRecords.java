package org.litsieve.screen;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
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
 * Each worker loads the rules from their text once, in {@code @Setup}, and screens records in
 * batches of {@link #BATCH_SIZE} (see {@link Screener}).
 *
 * <p>Failure behaviour: the rules are validated before the pipeline is built, so a worker that
 * cannot load them fails the run with the loader's message; screening itself does not fail on
 * any record content.
 */
public final class ScreenRecords
    extends PTransform<PCollection<KV<String, BibRecord>>, PCollection<ScreenedRecord>> {
  /** Records indexed together in one in-memory index. */
  public static final int BATCH_SIZE = 2000;

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
    return records.apply("ScreenInBatches", ParDo.of(new ScreenBatchFn(rulesName, rulesText)));
  }

  static final class ScreenBatchFn extends DoFn<KV<String, BibRecord>, ScreenedRecord> {
    private final String rulesName;
    private final String rulesText;
    private final Counter screened = Metrics.counter(ScreenRecords.class, "screened");
    private transient Screener screener;
    private transient List<Screener.Input> buffer;

    ScreenBatchFn(String rulesName, String rulesText) {
      this.rulesName = rulesName;
      this.rulesText = rulesText;
    }

    @Setup
    public void setup() throws RulesException {
      Rules rules = RulesLoader.load(rulesName, rulesText);
      screener = new Screener(rules);
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>(BATCH_SIZE);
    }

    @ProcessElement
    public void process(@Element KV<String, BibRecord> element, OutputReceiver<ScreenedRecord> out) {
      buffer.add(new Screener.Input(element.getKey(), element.getValue()));
      if (buffer.size() >= BATCH_SIZE) {
        for (ScreenedRecord r : flush()) {
          out.output(r);
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (ScreenedRecord r : flush()) {
        context.output(r, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }

    private List<ScreenedRecord> flush() {
      if (buffer.isEmpty()) {
        return List.of();
      }
      List<ScreenedRecord> result = screener.screen(buffer);
      screened.inc(result.size());
      buffer = new ArrayList<>(BATCH_SIZE);
      return result;
    }
  }
}
