package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.litsieve.history.KeyMatching;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;

/**
 * The key matching inside the pipeline ({@link MatchPrevious}: keys grouped by key hash, the
 * candidates resolved in one place) pairs exactly what the driver's rule pairs on the same records
 * (this run's rows in the screened files' order, {@link KeyMatching#edges} and
 * {@link KeyMatching#resolve}), on a generated history full of shared DOIs, PMIDs and titles, on
 * the DirectRunner with its immutability and encodability checks on. One rename that differs
 * fails it. Made-up records; DOIs under 10.5555.
 */
public class MatchPreviousTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final List<String> AUTHORS = List.of("Smith, J", "Ngata, T", "van der Berg, A");

  @Test
  public void theGraphPairsWhatTheDriversRulePairs() {
    Random rnd = new Random(23);
    List<FinalRecord> current = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String id = "ls-" + i; // this run's ids are unique; some are the previous run's too
      int t = rnd.nextInt(120);
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + t)
          .authors(List.of(AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3))
          .doi(rnd.nextInt(3) == 0 ? "" : "10.5555/T" + rnd.nextInt(150))
          .pmid(rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(150))).build();
      Decision d = Decision.values()[rnd.nextInt(3)];
      current.add(new FinalRecord(new ScreenedRecord(id, r, d, "keywords", "", List.of(), List.of()), null));
    }
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("record_id", "ls-" + rnd.nextInt(1500));
      m.put("title", rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(120));
      m.put("authors", AUTHORS.get(rnd.nextInt(3)));
      m.put("year", Integer.toString(2018 + rnd.nextInt(3)));
      m.put("doi", rnd.nextInt(3) == 0 ? "" : "https://doi.org/10.5555/T" + rnd.nextInt(150));
      m.put("pmid", rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(150)));
      m.put("decision", "exclude");
      m.put("first_seen", "run-a");
      previous.add(m);
    }

    // the driver's rule: this run's rows as the screened files list them
    List<ScreenedRecord> inFileOrder = new ArrayList<>(current.stream().map(FinalRecord::decided).toList());
    inFileOrder.sort(Comparator.comparing((ScreenedRecord s) -> s.decision().ordinal())
        .thenComparing(CsvRows::screenedSortKey));
    List<Map<String, String>> rows = inFileOrder.stream().map(MatchPrevious::row).toList();
    Map<String, String> expected = new TreeMap<>();
    for (MatchEdge e : KeyMatching.resolve(KeyMatching.edges(rows, previous))) {
      expected.put(e.currentId(), e.previousId());
    }
    assertTrue("the generated runs share keys: " + expected.size(), expected.size() > 100);
    assertTrue("some pairs are not by record id",
        expected.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count() > 50);

    List<KV<Long, PreviousRecord>> earlier = new ArrayList<>();
    for (int i = 0; i < previous.size(); i++) {
      earlier.add(KV.of((long) i, new PreviousRecord(previous.get(i))));
    }
    PCollection<FinalRecord> ours = p.apply("Current", Create.of(current));
    // in batches of a few records, so that the history comes as several elements
    PCollection<PreviousBatch> theirs = p.apply("Previous", Create.of(PreviousBatch.split(earlier, 37)));
    PCollection<String> pairs = PCollectionTuple.of(MatchPrevious.CURRENT, ours).and(MatchPrevious.PREVIOUS, theirs)
        .apply(MatchPrevious.byKeys())
        .apply(MapElements.into(TypeDescriptors.strings()).via(e -> e.currentId() + " -> " + e.previousId()));
    PAssert.that(pairs).containsInAnyOrder(
        expected.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList());
    p.run().waitUntilFinish();
    assertEquals(expected.size(), new TreeMap<>(expected).size());
  }
}
