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
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PrismaUpdate;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Rejected;
import org.litsieve.output.WriteOutputs;
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

  /**
   * The pipeline's PRISMA counters taken in the graph from the pipeline's own counting step
   * ({@link WriteOutputs#withCounters()}, on the generated records, file reports of two exports
   * and rejects), not made by the test: the driver then reads the hand-overs that same step wrote
   * ({@code .pipeline-*.csv}, {@code .pipeline-prisma.json}), and the four files, the summary and
   * {@code prisma.json}'s document handed over in memory are the driver's.
   */
  @Test
  public void thePipelinesOwnCountersGiveTheDriversFiles() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.update(new Random(2353), tmp.newFolder("before").toPath(), rules,
        false);
    Path driver = tmp.newFolder("driver").toPath();
    // the exports the records came from: more identified than screened (duplicates), in two files
    List<FileReport> reports = List.of(
        new FileReport("export.ris", "ris", "UTF-8", "a".repeat(64), 9000, u.current().size() + 31, 2, List.of()),
        new FileReport("more, \"quoted\".ris", "ris", "UTF-8", "b".repeat(64), 800, 12, 1, List.of()));
    List<Rejected> rejects = List.of(new Rejected("export.ris", 7, 70, "no title", "TY  - JOUR"),
        new Rejected("export.ris", 19, 190, "no title", ""), new Rejected("more, \"quoted\".ris", 2, 9, "no title", ""));
    PCollection<KV<String, Long>> counters = PCollectionTuple
        .of(WriteOutputs.SCREENED, p.apply("Screened", Create.of(u.current()).withCoder(FinalRecord.FinalRecordCoder.of())))
        .and(WriteOutputs.LINKS, p.apply("Links", Create.empty(DuplicateLink.DuplicateLinkCoder.of())))
        .and(WriteOutputs.REJECTS, p.apply("Rejects", Create.of(rejects).withCoder(Rejected.RejectedCoder.of())))
        .and(WriteOutputs.REPORTS, p.apply("Reports", Create.of(reports).withCoder(FileReport.FileReportCoder.of())))
        .apply("WriteOutputs", WriteOutputs.continuing(driver.toString()).withCounters());
    Graph g = graph(false, rules, u, counters);
    PipelineResult run = p.run();
    run.waitUntilFinish();

    Map<String, BibRecord> records = new HashMap<>();
    u.current().forEach(f -> records.put(f.screened().recordId(), f.screened().record()));
    LivingUpdate.Result result = LivingUpdate.apply(driver, "run-new", rules.sha256(), u.previous(),
        "decisions.csv", u.decisionRows(), LivingUpdate.Rescreen.NONE, new HistoryMatcher(records, u.store()));
    String prisma = read(driver, OutputFile.PRISMA_JSON);
    assertTrue("rejects and both exports counted:\n" + prisma,
        prisma.contains("\"rejected\" : 3") && prisma.contains("\"more, \\\"quoted\\\".ris\" : 12"));
    sameAsTheDriver(driver, result, g, run);
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
    graphAgrees(rulesChanged, rules, u, counters, driver, result);
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
      List<KV<String, Long>> counters, Path driver, LivingUpdate.Result result) throws Exception {
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    Graph g = graph(rulesChanged, rules, u, p.apply("Counters", Create.of(counters).withCoder(coder)));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    sameAsTheDriver(driver, result, g, run);
  }

  /** The graph's folder and its totals step. */
  private record Graph(Path dir, LivingTotals totals) {}

  /**
   * Adds to the test's pipeline {@link ContinueReview} and {@link LivingTotals} over {@code u},
   * fed the pipeline's PRISMA counters {@code counters}.
   */
  private Graph graph(boolean rulesChanged, Rules rules, LivingHandOvers.Update u,
      PCollection<KV<String, Long>> counters) throws Exception {
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
    Path graph = tmp.newFolder("graph").toPath();
    LivingTotals totals = LivingTotals.into(graph.toString(), decisions, u.previous().runId(), rulesChanged);
    PCollectionTuple.of(LivingTotals.RECORDS, decided.get(ContinueReview.RECORDS))
        .and(LivingTotals.PIPELINE_COUNTERS, counters)
        .and(LivingTotals.STEP_COUNTS, decided.get(ContinueReview.STEP_COUNTS))
        .apply("Totals", totals);
    return new Graph(graph, totals);
  }

  /**
   * The graph's four files are byte for byte the driver's, its summary (read from the metrics) is
   * the driver's, and so is {@code prisma.json}'s document handed over in memory
   * ({@link LivingTotals#prisma}): the driver's document and the graph's file, as text.
   */
  private static void sameAsTheDriver(Path driver, LivingUpdate.Result result, Graph g, PipelineResult run)
      throws Exception {
    for (OutputFile f : FILES) {
      assertEquals(f.fileName(), read(driver, f), read(g.dir(), f));
    }
    assertEquals(result.summary(), g.totals().summary(run, "run-new").toMap());
    // the same document: the driver's holds some counts as Integer, the handed one every integer as Long
    Map<String, Object> handed = LivingTotals.prisma(run);
    assertEquals(PrismaUpdate.text(result.prisma()), PrismaUpdate.text(handed));
    assertEquals(read(g.dir(), OutputFile.PRISMA_JSON), PrismaUpdate.text(handed));
    assertEquals(result.prisma().keySet(), handed.keySet());
  }

  private static String read(Path dir, OutputFile f) throws java.io.IOException {
    return new String(Files.readAllBytes(dir.resolve(f.fileName())), StandardCharsets.UTF_8);
  }
}
