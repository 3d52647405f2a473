package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * The files and counts of a step of a living review that need every record at once, made inside
 * the pipeline ({@link ContinueReview}, then {@link LivingTotals}) from the previous run's folder,
 * are byte for byte the driver's ({@code LivingUpdate.apply} with its deduplication matcher and,
 * after a rules change, its re-screening) on the same generated update
 * ({@link LivingHandOvers#update}: new, unchanged, changed, carried-forward and re-named records,
 * conflicts, decisions on unknown ids and bad rows, titles that tie, differ by case or diacritics
 * and hold commas, quotes, line breaks and a formula's sign): {@code conflicts.csv},
 * {@code decision-problems.csv}, {@code decisions.csv}, {@code prisma.json}; and the summary the
 * driver reads back in memory equals the driver's, its {@code matched_by_dedup} and
 * {@code rescreened} counted by the deciding steps ({@link ContinueReview#withCounts()}). One byte
 * or one count that differs fails it.
 * Made-up records; DOIs under 10.5555.
 */
public class LivingTotalsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<OutputFile> FILES = List.of(OutputFile.CONFLICTS_CSV,
      OutputFile.DECISION_PROBLEMS_CSV, OutputFile.DECISIONS_CSV, OutputFile.PRISMA_JSON);

  @Test
  public void theGraphWritesWhatTheDriverWrites() throws Exception {
    check(false);
  }

  /** After a rules change, with carried-forward records screened again (and some the store lacks). */
  @Test
  public void theGraphWritesWhatTheDriverWritesAfterARulesChange() throws Exception {
    check(true);
  }

  /**
   * An update whose exports hold nothing: no pair of any kind, every earlier record carried
   * forward; the deciding steps' counts are right (0 pairs made) and the run finishes although
   * the matcher's collections are empty.
   */
  @Test
  public void noRecordsThisRunAndNoRulesChange() throws Exception {
    check(false, false);
  }

  /**
   * As {@link #noRecordsThisRunAndNoRulesChange}, after a rules change: every carried id the store
   * holds is screened again.
   */
  @Test
  public void noRecordsThisRunAfterARulesChange() throws Exception {
    check(true, false);
  }

  private void check(boolean rulesChanged) throws Exception {
    check(rulesChanged, true);
  }

  private void check(boolean rulesChanged, boolean withCurrent) throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update generated = LivingHandOvers.update(new Random(rulesChanged ? 2352 : 2351),
        tmp.newFolder("before").toPath(), rules, rulesChanged);
    LivingHandOvers.Update u = withCurrent ? generated : new LivingHandOvers.Update(List.of(),
        generated.previous(), generated.decisionRows(), generated.store());
    List<KV<String, Long>> counters = LivingHandOvers.counters(u.current());

    // the driver, on the pipeline's hand-overs
    Path driver = tmp.newFolder("driver").toPath();
    LivingHandOvers.write(driver, u.current());
    LivingHandOvers.writeCounts(driver, counters);
    Map<String, BibRecord> records = new HashMap<>();
    u.current().forEach(f -> records.put(f.screened().recordId(), f.screened().record()));
    LivingUpdate.Rescreen rescreen = rulesChanged
        ? ids -> LivingStep.rescreen(u.store(), ids, rules, new HashMap<>()) : LivingUpdate.Rescreen.NONE;
    LivingUpdate.Result result = LivingUpdate.apply(driver, "run-new", rules.sha256(), u.previous(),
        "decisions.csv", u.decisionRows(), rescreen, new HistoryMatcher(records, u.store()));
    Map<String, Object> expected = result.summary();
    if (!withCurrent) {
      assertEquals("paired by the matcher: " + expected, 0L, expected.get("matched_by_dedup"));
      assertTrue("carried forward: " + expected, (Long) expected.get("carried_forward") > 100);
      assertEquals("screened again: " + expected, rulesChanged, (Long) expected.get("rescreened") > 100);
    }
    if (withCurrent) {
      checkTheUpdateShowsEverything(rulesChanged, driver, result, expected);
    }
    graphAgrees(rulesChanged, rules, u, counters, driver, expected);
  }

  private void checkTheUpdateShowsEverything(boolean rulesChanged, Path driver, LivingUpdate.Result result,
      Map<String, Object> expected) throws Exception {
    for (String count : List.of("new", "unchanged", "changed", "already_known", "carried_forward", "conflicts",
        "records_decided_by_humans")) {
      assertTrue(count + ": " + expected, (Long) expected.get(count) > 0);
    }
    assertTrue("renamed: " + result.renamed().size(), result.renamed().size() > 10);
    assertTrue("problems", result.problems().stream().anyMatch(x -> x.problem().startsWith("unknown record_id")));
    assertTrue("bad rows", result.problems().stream().anyMatch(x -> x.problem().equals("no record_id")));
    String conflicts = read(driver, OutputFile.CONFLICTS_CSV);
    assertTrue("titles with a comma and quotes in conflicts.csv:\n" + conflicts,
        conflicts.contains("\"\"talking\"\"") && conflicts.contains("'=Peer") && conflicts.contains("line two")
        && conflicts.contains("\u00c9ducation"));
    assertTrue("paired by the matcher: " + expected, (Long) expected.get("matched_by_dedup") > 0);
    if (rulesChanged) {
      assertTrue("screened again: " + expected, (Long) expected.get("rescreened") > 100);
      assertTrue("not screened again: " + expected, (Long) expected.get("not_rescreened") > 0);
    }
  }

  private void graphAgrees(boolean rulesChanged, Rules rules, LivingHandOvers.Update u,
      List<KV<String, Long>> counters, Path driver, Map<String, Object> expected) throws Exception {
    // the graph, on the same records, the previous run's folder and the same decisions resolved once
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(u.previous().dir().resolve(OutputFile.DECISIONS_CSV.fileName()).toString(),
        u.previous().decisions());
    sources.put("decisions.csv", u.decisionRows());
    HumanDecisions decisions = HumanDecisions.resolve(sources);
    PCollectionView<String> runId = p.apply("RunId", Create.of("run-new").withCoder(StringUtf8Coder.of()))
        .apply("RunIdView", View.asSingleton());
    // the counts the decided records do not show come from the deciding steps themselves
    PCollectionTuple decided = p
        .apply("Current", Create.of(u.current()).withCoder(FinalRecord.FinalRecordCoder.of()))
        .apply("Continue", ContinueReview.from(u.previous(), rules, decisions.decided(), runId).withCounts());
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    Path graph = tmp.newFolder("graph").toPath();
    LivingTotals totals = LivingTotals.into(graph.toString(), decisions, u.previous().runId(), rulesChanged);
    PCollectionTuple.of(LivingTotals.RECORDS, decided.get(ContinueReview.RECORDS))
        .and(LivingTotals.PIPELINE_COUNTERS, p.apply("Counters", Create.of(counters).withCoder(coder)))
        .and(LivingTotals.STEP_COUNTS, decided.get(ContinueReview.STEP_COUNTS))
        .apply("Totals", totals);
    PipelineResult run = p.run();
    run.waitUntilFinish();

    for (OutputFile f : FILES) {
      assertEquals(f.fileName(), read(driver, f), read(graph, f));
    }
    assertEquals(expected, totals.summary(run, "run-new").toMap());
  }

  private static String read(Path dir, OutputFile f) throws java.io.IOException {
    return new String(Files.readAllBytes(dir.resolve(f.fileName())), StandardCharsets.UTF_8);
  }
}
