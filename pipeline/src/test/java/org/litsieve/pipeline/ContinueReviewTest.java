package org.litsieve.pipeline;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.CsvTable;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;
import org.litsieve.testing.SystemProperty;

/**
 * A step of a living review decided inside the pipeline from the previous run's folder
 * ({@link ContinueReview}: {@link ReadPrevious}, {@link MatchPrevious}, {@link MatchFuzzy},
 * {@link DecideLiving}) gives every row the driver's {@code LivingUpdate.apply} with its
 * deduplication matcher ({@link HistoryMatcher}) gives on the same records: papers matched by id,
 * DOI, PMID, title and, with none of those, by the deduplication matcher (a title spelt another
 * way, an abbreviated journal, no DOI), repeated earlier ids, decisions on new, matched and
 * carried records. One cell that differs fails it. Made-up records; DOIs under 10.5555.
 */
public class ContinueReviewTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<String> PREVIOUS_COLUMNS = List.of("record_id", "title", "authors", "year",
      "journal", "volume", "pages", "doi", "pmid", "decision", "stage", "reason", "first_seen");

  @Test
  public void theGraphDecidesWhatTheDriverDecides() throws Exception {
    check(false);
  }

  /**
   * After a rules change, the carried-forward records the previous run kept whole (in several
   * gzip members, one id stored twice, a few not stored) are screened again inside the pipeline
   * ({@link RescreenCarried}) as the driver screens them again.
   */
  @Test
  public void theGraphScreensCarriedRecordsAgainAsTheDriverDoes() throws Exception {
    check(true);
  }

  private void check(boolean rulesChanged) throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    Random rnd = new Random(2324);
    List<FinalRecord> current = new ArrayList<>();
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String id = "ls-" + i;
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(100))
          .authors(List.of(LivingHandOvers.AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3))
          .doi(rnd.nextInt(3) == 0 ? "" : "10.5555/T" + rnd.nextInt(120))
          .pmid(rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120))).build();
      current.add(screened(r, Decision.values()[rnd.nextInt(3)]));
    }
    for (int i = 0; i < 400; i++) {
      previous.add(LivingHandOvers.previousRow(rnd, 800, true));
    }
    // papers only the deduplication matcher pairs: another spelling of the title, the journal
    // abbreviated, no DOI or PMID; one earlier id twice
    for (int i = 0; i < 30; i++) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("record_id", "old-f" + (i == 7 ? 3 : i));
      m.put("title", "Community health workers and hypertension control in district " + i
          + ": a cluster randomised trial");
      m.put("authors", "Okafor, Chidi; Lind, Maja");
      m.put("year", "2019");
      m.put("journal", "Journal of Rural Health");
      m.put("volume", Integer.toString(30 + i));
      m.put("pages", (100 + i) + "-" + (110 + i));
      m.put("decision", "review");
      m.put("stage", "keywords");
      m.put("reason", "no include block");
      m.put("first_seen", "run-f");
      previous.add(rnd.nextInt(previous.size()), m);
      if (i % 3 != 2) {
        BibRecord r = BibRecord.builder(new Provenance("export.ris", 300 + i, 1, "new-f" + i, "Made-up DB"))
            .title("Community health workers and hypertension control in district " + i
                + ": a cluster-randomized trial")
            .authors(List.of("Okafor C", "Lind M")).year(2019).journal("J Rural Health")
            .volume(Integer.toString(30 + i)).pages((100 + i) + "-" + (110 + i)).build();
        current.add(screened(r, Decision.REVIEW));
      }
    }
    List<Map<String, String>> decisionRows = LivingHandOvers.decisionRows(rnd, 60, i -> i % 10 == 0 ? "old-f" + i / 10 : "ls-" + rnd.nextInt(800));

    // the previous run's folder, as an earlier run leaves it
    Path before = tmp.newFolder("before").toPath();
    Files.writeString(before.resolve(OutputFile.MANIFEST_JSON.fileName()), "{\"tool\": \"litsieve\","
        + " \"version\": \"dev\", \"run_id\": \"run-c\", \"rules\": {\"sha256\": \"same-rules\"}}\n");
    for (OutputFile f : OutputFile.SCREENED) {
      String label = List.of("include", "review", "exclude").get(OutputFile.SCREENED.indexOf(f));
      CsvTable.write(before.resolve(f.fileName()), PREVIOUS_COLUMNS,
          previous.stream().filter(m -> m.get("decision").equals(label)).toList());
    }
    Path store = before.resolve(RecordStore.FILE);
    if (rulesChanged) {
      try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", "16");
          RecordStore.StoreWriter w = RecordStore.writer(store)) {
        for (int i = 0; i < previous.size(); i++) {
          Map<String, String> m = previous.get(i);
          if (i % 17 == 5) {
            continue; // not kept: keeps its earlier row
          }
          BibRecord r = HistoryMatcher.fromRow(m).toBuilder().abstractText(i % 3 == 0
              ? "A trial of peer support workers for mental health in " + m.get("title")
              : i % 3 == 1 ? "Peer support for mice" : "Walking groups for older adults").build();
          w.add(new ScreenedRecord(m.get("record_id"), r, Decision.valueOf(m.get("decision").toUpperCase(java.util.Locale.ROOT)), "keywords",
              m.get("reason"), List.of(), List.of()), i % 2 == 0);
        }
      }
      assertTrue("several members", RecordStore.index(store).size() > 5);
    }

    // the driver: the pipeline's hand-overs in the screened files' order, then LivingUpdate.apply
    Path dir = tmp.newFolder("run").toPath();
    LivingHandOvers.write(dir, current);
    PreviousRun previousRun = PreviousRun.read(before, "dev");
    Map<String, BibRecord> records = new HashMap<>();
    current.forEach(f -> records.put(f.screened().recordId(), f.screened().record()));
    LivingUpdate.Rescreen rescreen = rulesChanged
        ? ids -> LivingStep.rescreen(store, ids, rules, new HashMap<>()) : LivingUpdate.Rescreen.NONE;
    LivingUpdate.Result result = LivingUpdate.apply(dir, "run-new", rulesChanged ? rules.sha256() : "same-rules",
        previousRun, "decisions.csv", decisionRows, rescreen, new HistoryMatcher(records, rulesChanged ? store : null));
    List<String> expected = result.rows().stream().map(DecideLivingTest::line).toList();
    assertTrue("matched by the deduplication matcher: " + result.summary().get("matched_by_dedup"),
        (Long) result.summary().get("matched_by_dedup") >= 15);
    assertTrue("renamed: " + result.renamed().size(), result.renamed().size() > 40);
    assertTrue("carried: " + result.carried().size(), result.carried().size() > 100);
    assertTrue("decided by reviewers", expected.stream().filter(l -> l.contains("stage=human")).count() > 20);
    if (rulesChanged) {
      assertTrue("screened again: " + result.rescreened().size(), result.rescreened().size() > 150);
      assertTrue("some change their decision", expected.stream().filter(l -> l.contains("status=changed")).count()
          > expected.stream().filter(l -> l.contains("status=unchanged")).count() / 10);
    }

    // the graph, on the same records, the previous run's folder and the same decisions
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(before.resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), List.of());
    sources.put("decisions.csv", decisionRows);
    PCollectionView<String> runId = p.apply("RunId", Create.of("run-new").withCoder(StringUtf8Coder.of()))
        .apply("RunIdView", View.asSingleton());
    PCollection<String> decided = p.apply("Current", Create.of(current))
        .apply("Continue", ContinueReview.from(previousRun, rulesChanged ? rules : sameRules(rules),
            HumanDecisions.resolve(sources).decided(), runId))
        .apply(MapElements.into(TypeDescriptors.strings()).via(r -> DecideLivingTest.line(r.cells())));
    PAssert.that(decided).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  /** {@code rules} under the previous run's hash ("same-rules"): nothing to screen again. */
  private static Rules sameRules(Rules rules) {
    return new Rules(rules.fileName(), rules.source(), "same-rules", rules.name(), rules.description(),
        rules.stemming(), rules.meshDescriptors(), rules.defaultFields(), rules.eligibility(), rules.include(),
        rules.exclude(), rules.maxMissingIncludeBlocks(), rules.tags(), rules.warnings());
  }

  private static FinalRecord screened(BibRecord r, Decision d) {
    String reason = d == Decision.EXCLUDE ? "exclude block: animals" : d == Decision.REVIEW ? "review: no include block" : "";
    return new FinalRecord(new ScreenedRecord(r.provenance().get(0).sourceId(), r, d, "keywords", reason, List.of(),
        List.of()), null);
  }
}
