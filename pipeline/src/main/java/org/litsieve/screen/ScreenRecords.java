package org.litsieve.screen;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.GroupByKey;
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
 * Records are grouped into {@link #SHARDS} shards by record id; each worker loads the rules from
 * their text once, in {@code @Setup}, and screens a shard in batches of {@link #BATCH_SIZE} (see
 * {@link Screener}).
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

  /** Shards records are grouped into, so that batches are full whatever bundles a runner makes. */
  public static final int SHARDS = 16;

  @Override
  public PCollection<ScreenedRecord> expand(PCollection<KV<String, BibRecord>> records) {
    // Runners may hand a DoFn tiny bundles (the DirectRunner makes one per upstream key), which
    // would make one in-memory index per record; grouping into a few shards gives full batches.
    return records
        .apply("ShardForBatches", ParDo.of(new DoFn<KV<String, BibRecord>, KV<Integer, KV<String, BibRecord>>>() {
          @ProcessElement
          public void process(@Element KV<String, BibRecord> r, OutputReceiver<KV<Integer, KV<String, BibRecord>>> out) {
            out.output(KV.of(Math.floorMod(r.getKey().hashCode(), SHARDS), r));
          }
        }))
        .apply("GroupShards", GroupByKey.create())
        .apply("ScreenInBatches", ParDo.of(new ScreenShardFn(rulesName, rulesText)));
  }

  static final class ScreenShardFn extends DoFn<KV<Integer, Iterable<KV<String, BibRecord>>>, ScreenedRecord> {
    private final String rulesName;
    private final String rulesText;
    private final Counter screened = Metrics.counter(ScreenRecords.class, "screened");
    private final Counter cpuNanos = Metrics.counter("screen", "cpuNanos");
    private transient Screener screener;

    ScreenShardFn(String rulesName, String rulesText) {
      this.rulesName = rulesName;
      this.rulesText = rulesText;
    }

    @Setup
    public void setup() throws RulesException {
      Rules rules = RulesLoader.load(rulesName, rulesText);
      screener = new Screener(rules);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, BibRecord>>> shard,
        OutputReceiver<ScreenedRecord> out) {
      List<Screener.Input> batch = new ArrayList<>(BATCH_SIZE);
      for (KV<String, BibRecord> r : shard.getValue()) {
        batch.add(new Screener.Input(r.getKey(), r.getValue()));
        if (batch.size() == BATCH_SIZE) {
          screen(batch, out);
          batch = new ArrayList<>(BATCH_SIZE);
        }
      }
      screen(batch, out);
    }

    private void screen(List<Screener.Input> batch, OutputReceiver<ScreenedRecord> out) {
      if (batch.isEmpty()) {
        return;
      }
      long start = System.nanoTime();
      List<ScreenedRecord> result = screener.screen(batch);
      cpuNanos.inc(System.nanoTime() - start);
      for (ScreenedRecord r : result) {
        out.output(r);
      }
      screened.inc(batch.size());
    }
  }
}
