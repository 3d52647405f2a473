package org.litsieve.pipeline;

import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.OutputFile;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;

/**
 * A step of a living review decided inside the pipeline ({@link MatchPrevious}, then
 * {@link DecideLiving}) gives every row the driver's {@code LivingUpdate.apply} gives on the same
 * records: the same final ids, {@code first_seen}, decisions with the reviewers' applied, status
 * and carried-forward rows, on a generated history full of shared DOIs, PMIDs, titles and
 * repeated earlier ids, with decisions on new, matched and carried records (no rules change, no
 * fuzzy pairs: those stay with the driver). One cell that differs fails it. Made-up records; DOIs
 * under 10.5555.
 */
public class DecideLivingTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<String> COLUMNS = CsvRows.SCREENED_LIVING;

  static String line(Map<String, String> cells) {
    StringBuilder b = new StringBuilder();
    for (String c : COLUMNS) {
      b.append(c).append('=').append(cells.getOrDefault(c, "")).append(" | ");
    }
    return b.toString();
  }

  @Test
  public void theGraphDecidesWhatTheDriverDecides() throws Exception {
    Random rnd = new Random(2323);
    List<FinalRecord> current = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "ls-" + i;
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(100))
          .authors(List.of(LivingHandOvers.AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3))
          .doi(rnd.nextInt(3) == 0 ? "" : "10.5555/T" + rnd.nextInt(120))
          .pmid(rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120))).build();
      Decision d = Decision.values()[rnd.nextInt(3)];
      String reason = d == Decision.EXCLUDE ? "exclude block: animals" : d == Decision.REVIEW ? "review: no include block" : "";
      current.add(new FinalRecord(new ScreenedRecord(id, r, d, "keywords", reason, List.of(), List.of()), null));
    }
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      previous.add(LivingHandOvers.previousRow(rnd, 1000, false));
    }
    List<Map<String, String>> decisionRows = LivingHandOvers.decisionRows(rnd, 60, i -> "ls-" + rnd.nextInt(1000));

    // the driver: the pipeline's hand-overs in the screened files' order, then LivingUpdate.apply
    Path dir = tmp.newFolder("run").toPath();
    LivingHandOvers.write(dir, current);
    Path before = tmp.newFolder("before").toPath();
    List<Map<String, String>> previousCopy = new ArrayList<>();
    previous.forEach(m -> previousCopy.add(new LinkedHashMap<>(m)));
    LivingUpdate.Result result = LivingUpdate.apply(dir, "run-new", "same-rules",
        new PreviousRun(before, "run-c", "same-rules", previousCopy, List.of()), "decisions.csv", decisionRows);
    List<String> expected = result.rows().stream().map(DecideLivingTest::line).toList();
    assertTrue("renamed: " + result.renamed().size(), result.renamed().size() > 30);
    assertTrue("carried: " + result.carried().size(), result.carried().size() > 100);
    assertTrue("changed", expected.stream().anyMatch(l -> l.contains("status=changed")));
    assertTrue("decided by reviewers", expected.stream().filter(l -> l.contains("stage=human")).count() > 20);

    // the graph, on the same records and decisions
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(before.resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), List.of());
    sources.put("decisions.csv", decisionRows);
    List<KV<Long, PreviousRecord>> earlier = new ArrayList<>();
    for (int i = 0; i < previous.size(); i++) {
      Map<String, String> m = new LinkedHashMap<>(previous.get(i));
      earlier.add(KV.of((long) i, new PreviousRecord(m)));
    }
    PCollection<FinalRecord> ours = p.apply("Current", Create.of(current));
    // in batches of a few records, so that the history comes as several elements
    PCollection<PreviousBatch> theirs = p.apply("Previous", Create.of(PreviousBatch.split(earlier, 37)));
    PCollection<MatchEdge> pairs = PCollectionTuple.of(MatchPrevious.CURRENT, ours)
        .and(MatchPrevious.PREVIOUS, theirs).apply("Match", MatchPrevious.byKeys());
    PCollection<String> decided = PCollectionTuple.of(DecideLiving.CURRENT, ours)
        .and(DecideLiving.PREVIOUS, theirs).and(DecideLiving.PAIRS, pairs)
        .apply("Decide", DecideLiving.with("run-new", HumanDecisions.resolve(sources).decided()))
        .apply(MapElements.into(TypeDescriptors.strings()).via(r -> line(r.cells())));
    PAssert.that(decided).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
