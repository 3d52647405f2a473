package org.litsieve.pipeline;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.CsvTable;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.Hit;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.ReportContext;
import org.litsieve.output.RunReports;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * The review queue ranked inside the pipeline ({@link RankReviewQueue}) writes {@code review.csv}
 * and {@code second-look.csv} byte for byte as the driver's {@link RankStep} does after the living
 * review step, with the same unrounded relevance for every queued record (same features, same
 * training order, same seed), the same manifest {@code ranking} object and the same queue for the
 * report. The graph is given the records the driver decided (as {@code ContinueReview} gives them:
 * {@code ContinueReviewTest} holds that those are the same), or in a first run the records {@link
 * FirstRunRecords} makes; made-up records, DOIs under 10.5555.
 */
public class RankReviewQueueTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<String> PREVIOUS_COLUMNS = List.of("record_id", "title", "authors", "year", "doi",
      "pmid", "decision", "stage", "reason", "matched_blocks", "abstract", "first_seen");
  private static final String[] RELEVANT = {"peer support workers", "lived experience", "recovery college",
      "peer-delivered mental health care"};
  private static final String[] OTHER = {"dosing in mice", "hip replacement surgery", "dental caries",
      "statin pharmacokinetics"};
  /** Titles that sort with ties, case and diacritics, and cells CSV must quote. */
  private static final String[] QUIRKS = {"Évaluation of peer support", "evaluation of peer support",
      "Evaluation of peer support", "Peer support, \"lived\" experience", "Peer support\r\nin two lines",
      "=cost of peer support", "Zürich recovery college", "zurich recovery college"};

  /** A model is trained (includes and excludes decided) after a previous run; all dated decisions. */
  @Test
  public void afterAPreviousRunTheModelRanksAsTheDriver() throws Exception {
    Checked c = afterPrevious(new Random(2330), true, true);
    assertEquals(Boolean.TRUE, c.summary.containsKey("trained_on"));
    assertTrue("second look: " + c.summary.get("second_look"), (Integer) c.summary.get("second_look") > 0);
  }

  /** Reviewers excluded only: the rules' evidence ranks; decisions undated in part (row order). */
  @Test
  public void withoutDecisionsOfBothKindsTheRulesEvidenceRanksAsTheDriver() throws Exception {
    Checked c = afterPrevious(new Random(2331), false, false);
    assertFalse(c.summary.containsKey("trained_on"));
    assertTrue(c.summary.containsKey("stopping"));
  }

  /**
   * After a rules change, with carried-forward records screened again, on the shared generated update
   * ({@link LivingHandOvers#update}: titles that sort with ties, case and diacritics, cells with
   * commas, quotes and line breaks, repeated and unknown ids, bad decision rows).
   */
  @Test
  public void afterARulesChangeTheQueueRanksAsTheDriver() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.update(new Random(2333), tmp.newFolder("before").toPath(), rules,
        true);
    Path dir = tmp.newFolder("driver").toPath();
    LivingHandOvers.write(dir, u.current());
    Map<String, BibRecord> records = new HashMap<>();
    u.current().forEach(f -> records.put(f.screened().recordId(), f.screened().record()));
    RankStep.Ranking ranker = new RankStep.Ranking(dir);
    LivingUpdate.Result result = LivingUpdate.apply(dir, "run-new", rules.sha256(), u.previous(), "decisions.csv",
        u.decisionRows(), ids -> LivingStep.rescreen(u.store(), ids, rules, new HashMap<>()),
        new HistoryMatcher(records, u.store()), ranker);
    assertTrue("screened again: " + result.rescreened().size(), result.rescreened().size() > 100);
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(u.previous().dir().resolve(OutputFile.DECISIONS_CSV.fileName()).toString(),
        u.previous().decisions());
    sources.put("decisions.csv", u.decisionRows());
    // the fixture's history holds one id twice under one title: the driver ranks such rows in the order
    // they came to it, which the graph does not know (a known difference), so review.csv is compared up to it
    compare(dir, ranker, records(living(result)), HumanDecisions.resolve(sources).kept(), result.prisma(), true);
  }

  /** The driver's decided rows as the graph's deciding steps give them ({@code ContinueReviewTest}). */
  private static List<LivingRecord> living(LivingUpdate.Result result) {
    List<LivingRecord> living = new ArrayList<>();
    for (Map<String, String> row : result.rows()) {
      LivingRecord.Status status = Stream.of(LivingRecord.Status.values())
          .filter(s -> s.label().equals(row.get("status"))).findFirst().orElseThrow();
      living.add(new LivingRecord(row, status, "", ""));
    }
    return living;
  }

  /** A first run with decisions (no previous run): the same step ranks its screened records. */
  @Test
  public void aFirstRunRanksAsTheDriver() throws Exception {
    Random rnd = new Random(2332);
    List<FinalRecord> screened = current(rnd, 260);
    Checked c = firstRun(screened, decisions(rnd, 70, 260, true, true));
    assertTrue(c.summary.containsKey("trained_on"));
  }

  /**
   * A first run whose keyword exclusions mostly read like the records reviewers included (a rule too
   * narrow): more of them get a second look than the report lists, and the report drawn from what the
   * graph hands the driver prints the file's number of rows, as the driver's does.
   */
  @Test
  public void aSecondLookLongerThanTheReportListsReachesTheReportAsTheDriversDoes() throws Exception {
    List<Map<String, String>> decisionRows = new ArrayList<>();
    List<FinalRecord> screened = narrowRule(new Random(2334), 2000, decisionRows);
    Checked c = firstRun(screened, decisionRows);
    int total = (Integer) c.summary.get("second_look");
    assertTrue("second look: " + total, total > RankReviewQueue.SECOND_LOOK_HANDED);
    String listed = "The first " + RankReviewQueue.SECOND_LOOK_HANDED + " of " + total + " are listed";
    assertTrue(listed, c.page.contains(listed));
  }

  /**
   * The first run of {@code screened} with the reviewers' {@code decisionRows}, ranked by the driver
   * after {@code LivingUpdate.firstRun} and by the graph from the records {@link FirstRunRecords} makes.
   */
  private Checked firstRun(List<FinalRecord> screened, List<Map<String, String>> decisionRows) throws Exception {
    HumanDecisions decisions = HumanDecisions.resolve(Map.of("decisions.csv", decisionRows));
    Map<String, HumanDecision> byId = new HashMap<>();
    decisions.decided().forEach(h -> byId.put(h.recordId(), h));
    List<FinalRecord> current = new ArrayList<>();
    screened.forEach(f -> current.add(new FinalRecord(f.screened(), byId.get(f.screened().recordId()))));

    Path dir = tmp.newFolder("driver").toPath();
    LivingHandOvers.write(dir, current);
    List<Map<String, String>> rows = new ArrayList<>();
    for (FinalRecord f : current) {
      ScreenedRecord s = f.decided();
      Map<String, String> row = new LinkedHashMap<>();
      row.put("record_id", s.recordId());
      row.put("decision", s.decision().label());
      row.put("stage", s.stage());
      row.put("reason", s.reason());
      rows.add(row);
    }
    // the first run's records as the wiring gives them to the ranking, the run id from RunId
    PCollectionView<String> runId = p.apply("Reports", Create.empty(FileReport.FileReportCoder.of()))
        .apply("RunId", RunId.of(RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml")),
            new ReviewHistory(null, "decisions.csv", decisionRows, "run-new")));
    PCollection<LivingRecord> living = p.apply("Current", Create.of(current))
        .apply("FirstRun", FirstRunRecords.with(runId));
    RankStep.Ranking ranker = new RankStep.Ranking(dir);
    LivingUpdate.Result result = LivingUpdate.firstRun(dir, "run-new", decisions, rows, Map.of(), ranker);
    return compare(dir, ranker, living, decisions.kept(), result.prisma(), false);
  }

  /** What was compared: the driver's ranking summary and the report page drawn from either ranking. */
  private record Checked(Map<String, Object> summary, String page) {}

  /**
   * A living update of generated records against a generated previous run (renamed, carried, changed
   * and new records; reviewers agreeing, in conflict, naming unknown ids), ranked by the driver and by
   * the graph.
   */
  private Checked afterPrevious(Random rnd, boolean bothKinds, boolean allDated) throws Exception {
    List<FinalRecord> current = current(rnd, 240);
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, String> m = LivingHandOvers.previousRow(rnd, 600, true);
      m.put("abstract", text(rnd, rnd.nextBoolean()));
      m.put("matched_blocks", rnd.nextBoolean() ? "population;intervention" : "");
      previous.add(m);
    }
    // one earlier record in review given twice, alike in every cell: both carried forward, two rows of the queue
    Map<String, String> twice = new LinkedHashMap<>(previous.stream()
        .filter(m -> m.get("decision").equals("review")).findFirst().orElseThrow());
    twice.put("record_id", "ls-twice");
    twice.put("title", "A paper given twice, alike");
    twice.put("doi", "");
    twice.put("pmid", "");
    previous.add(twice);
    previous.add(new LinkedHashMap<>(twice));
    List<Map<String, String>> decisionRows = decisions(rnd, 90, 600, bothKinds, allDated);

    Path before = tmp.newFolder("before").toPath();
    LivingHandOvers.writePreviousRun(before, PREVIOUS_COLUMNS, previous, "same-rules");
    Path dir = tmp.newFolder("driver").toPath();
    LivingHandOvers.write(dir, current);
    PreviousRun previousRun = PreviousRun.read(before, "dev");
    RankStep.Ranking ranker = new RankStep.Ranking(dir);
    LivingUpdate.Result result = LivingUpdate.apply(dir, "run-new", "same-rules", previousRun, "decisions.csv",
        decisionRows, LivingUpdate.Rescreen.NONE, LivingUpdate.FuzzyMatch.NONE, ranker);
    assertTrue("renamed: " + result.renamed().size(), result.renamed().size() > 20);
    assertTrue("carried: " + result.carried().size(), result.carried().size() > 50);
    assertTrue("changed", result.rows().stream().anyMatch(r -> r.get("status").equals(LivingUpdate.CHANGED)));
    assertTrue("unknown ids", result.problems().size() > 0);
    assertEquals("one record twice in the queue", 2, result.rows().stream()
        .filter(r -> r.get("record_id").equals("ls-twice") && r.get("decision").equals("review")).count());
    assertTrue("conflicts", !bothKinds || (Long) result.summary().get("conflicts") > 0);

    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(before.resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), List.of());
    sources.put("decisions.csv", decisionRows);
    return compare(dir, ranker, records(living(result)), HumanDecisions.resolve(sources).kept(), result.prisma(),
        false);
  }

  private PCollection<LivingRecord> records(List<LivingRecord> living) {
    return p.apply("Records", Create.of(living));
  }

  /**
   * Runs the graph on {@code living} and compares its files and outcome with the driver's in {@code dir},
   * and {@code report.html} drawn from what each hands the report ({@code prisma}: the run's counts).
   */
  private Checked compare(Path dir, RankStep.Ranking ranker, PCollection<LivingRecord> living,
      List<Map<String, String>> kept, Map<String, Object> prisma, boolean rowsOfOneIdInAnyOrder) throws IOException {
    Path graph = tmp.newFolder("graph").toPath();
    // the driver's ranking, as the driver holds it in memory
    RankStep.Ranked ranked = ranker.ranked();
    TreeMap<String, Long> bits = new TreeMap<>();
    for (Map<String, String> row : ranked.queue()) {
      bits.put(row.get("record_id"), Double.doubleToRawLongBits(ranked.relevance().get(row.get("record_id"))));
    }
    String summary = WriteOutputs.json(ranker.summary);
    String report = report(ranker.forReport());
    assertTrue("a queue: " + bits.size(), bits.size() > 50);

    PCollection<RankReviewQueue.Outcome> outcome = living
        .apply("Rank", RankReviewQueue.into(graph.toString(), RankReviewQueue.columns(), kept));
    PAssert.thatSingleton(outcome).satisfies(o -> {
      TreeMap<String, Long> got = new TreeMap<>();
      for (int i = 0; i < o.queueIds().size(); i++) {
        got.put(o.queueIds().get(i), Double.doubleToRawLongBits(o.relevance().get(i)));
      }
      assertEquals("every queued record's relevance, bit for bit", bits, got);
      assertEquals("the manifest's ranking object", summary, WriteOutputs.json(o.summaryMap()));
      assertEquals("the report's queue", report, report(o.forReport()));
      return null;
    });
    PipelineResult run = p.run();
    run.waitUntilFinish();
    // what the driver gets in memory: the manifest's ranking object and the report's second look
    RankReviewQueue.Outcome handed = RankReviewQueue.handedOver(run);
    assertEquals(summary, WriteOutputs.json(handed.summaryMap()));
    List<Map<String, String>> secondLook = ranked.secondLook();
    assertEquals(secondLook.size(), handed.summary().secondLook());
    assertEquals(Math.min(secondLook.size(), RankReviewQueue.SECOND_LOOK_HANDED), handed.secondLook().size());
    for (int i = 0; i < handed.secondLook().size(); i++) {
      for (String c : List.of("record_id", "rank", "relevance", "title", "year", "reason")) {
        assertEquals(c, secondLook.get(i).get(c), handed.secondLook().get(i).get(RankStep.SECOND_LOOK.indexOf(c)));
      }
    }
    // the page drawn from the hand-over, as the driver's own ranking draws it (no records in its table:
    // the queue's ranks meet the report's records in the graph, not through the hand-over)
    String page = page(ranker.forReport(), ranker.summary, prisma);
    assertEquals("report.html from the hand-over", page, page(handed.forReport(), handed.summaryMap(), prisma));

    for (OutputFile f : List.of(OutputFile.REVIEW_CSV, OutputFile.SECOND_LOOK_CSV)) {
      if (rowsOfOneIdInAnyOrder && f == OutputFile.REVIEW_CSV) {
        sameUpToRowsOfOneId(dir.resolve(f.fileName()), graph.resolve(f.fileName()));
        continue;
      }
      byte[] expected = Files.readAllBytes(dir.resolve(f.fileName()));
      byte[] actual = Files.readAllBytes(graph.resolve(f.fileName()));
      if (!java.util.Arrays.equals(expected, actual)) {
        assertEquals(f.fileName(), new String(expected, java.nio.charset.StandardCharsets.UTF_8),
            new String(actual, java.nio.charset.StandardCharsets.UTF_8));
      }
      assertArrayEquals(f.fileName(), expected, actual);
    }
    try (Stream<Path> files = Files.list(graph)) {
      assertEquals("only the two files, no run files left", 2, files.count());
    }
    return new Checked(ranker.summary, page);
  }

  /** {@code report.html} drawn from {@code queue} and the ranking {@code summary}, its table empty. */
  private String page(RunReports.RankedQueue queue, Map<String, Object> summary, Map<String, Object> prisma)
      throws IOException {
    Path reports = tmp.newFolder().toPath();
    ReportContext context = new ReportContext("test", "rules", "rules.yaml", "0".repeat(64), List.of("population"),
        List.of("animals"), List.of(), List.of()).withRun("run-new", summary);
    RunReports.write(reports, context, new ObjectMapper().readTree(WriteOutputs.json(prisma)), queue);
    return Files.readString(reports.resolve(RunReports.REPORT_HTML));
  }

  /**
   * The two files hold the same rows, and the same record id and relevance at every rank: they are
   * the same but for the order of rows of one record id (whose relevance is one).
   */
  private static void sameUpToRowsOfOneId(Path expected, Path actual) throws IOException {
    CsvTable a = CsvTable.read(expected);
    CsvTable b = CsvTable.read(actual);
    assertEquals(a.columns(), b.columns());
    assertEquals(column(a, "record_id"), column(b, "record_id"));
    assertEquals(column(a, "relevance"), column(b, "relevance"));
    assertEquals(column(a, "rank"), column(b, "rank"));
    assertEquals(withoutRank(a), withoutRank(b));
  }

  private static List<String> column(CsvTable t, String c) {
    return t.rows().stream().map(r -> r.get(c)).toList();
  }

  private static List<String> withoutRank(CsvTable t) {
    return t.rows().stream().map(r -> {
      Map<String, String> m = new LinkedHashMap<>(r);
      m.remove("rank");
      return m.toString();
    }).sorted().toList();
  }

  /**
   * The report's queue as text: each queued record's rank and relevance, the second look's number of
   * rows and its rows' columns.
   */
  private static String report(RunReports.RankedQueue q) {
    StringBuilder b = new StringBuilder();
    b.append("second look: ").append(q.secondLookTotal()).append('\n');
    new TreeMap<>(q.byRecord()).forEach((id, v) -> b.append(id).append(' ').append(String.join(" ", v)).append('\n'));
    for (Map<String, String> row : q.secondLook()) {
      for (String c : RankStep.SECOND_LOOK) {
        b.append(row.getOrDefault(c, "")).append(" | ");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /**
   * This run's records: ids {@code ls-0…}, keys drawn from the pools {@link LivingHandOvers#previousRow}
   * draws from (so some are earlier papers, under an earlier id), texts on peer support or on other
   * topics, the rules' evidence on some.
   */
  private static List<FinalRecord> current(Random rnd, int n) {
    List<FinalRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean relevant = rnd.nextBoolean();
      String title = rnd.nextInt(6) == 0 ? QUIRKS[rnd.nextInt(QUIRKS.length)]
          : rnd.nextInt(3) == 0 ? "Peer support trial " + rnd.nextInt(100)
          : (relevant ? RELEVANT : OTHER)[rnd.nextInt(4)] + " study " + rnd.nextInt(40);
      String id = "cur-" + i;
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(title).abstractText(text(rnd, relevant))
          .authors(List.of(LivingHandOvers.AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3))
          .doi(rnd.nextInt(3) == 0 ? "" : "10.5555/T" + rnd.nextInt(120))
          .pmid(rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120))).build();
      Decision d = Decision.values()[rnd.nextInt(3)];
      List<BlockMatch> blocks = new ArrayList<>();
      for (String block : List.of("population", "intervention")) {
        if (d != Decision.EXCLUDE && rnd.nextBoolean()) {
          blocks.add(new BlockMatch(block, List.of(new Hit("title", "peer", 0, 4), new Hit("abstract", "support", 3,
              10)).subList(0, 1 + rnd.nextInt(2))));
        }
      }
      String stage = d == Decision.EXCLUDE && rnd.nextInt(4) == 0 ? "eligibility" : "keywords";
      String reason = d == Decision.EXCLUDE ? "exclude block: animals" : d == Decision.REVIEW
          ? "review: one include block, \"intervention\"" : "";
      out.add(new FinalRecord(new ScreenedRecord(id, r, d, stage, reason, blocks, List.of()), null));
    }
    return out;
  }

  /**
   * {@code n} records of a first run, a tenth of them in review and the rest excluded by keywords,
   * four in five on peer support (so a rule that excluded them was too narrow), and a reviewer's
   * dated decision on one in twenty: include when on peer support, exclude when not (added to
   * {@code decisionRows}).
   */
  private static List<FinalRecord> narrowRule(Random rnd, int n, List<Map<String, String>> decisionRows) {
    List<FinalRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean relevant = rnd.nextInt(5) > 0;
      String id = "cur-" + i;
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(rnd.nextInt(20) == 0 ? QUIRKS[rnd.nextInt(QUIRKS.length)]
              : (relevant ? RELEVANT : OTHER)[rnd.nextInt(4)] + " study " + rnd.nextInt(400))
          .abstractText(text(rnd, relevant))
          .authors(List.of(LivingHandOvers.AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3)).build();
      boolean review = i % 10 == 0;
      List<BlockMatch> blocks = review ? List.of(new BlockMatch("population", List.of(new Hit("title", "peer", 0, 4))))
          : List.of();
      out.add(new FinalRecord(new ScreenedRecord(id, r, review ? Decision.REVIEW : Decision.EXCLUDE, "keywords",
          review ? "review: one include block, \"population\"" : "exclude block: animals", blocks, List.of()), null));
      if (i % 20 == 1) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("record_id", id);
        d.put("decision", relevant ? "include" : "exclude");
        d.put("reason", "");
        d.put("reviewer", "ann");
        d.put("date", "2024-02-" + (10 + rnd.nextInt(9)));
        d.put("note", "");
        decisionRows.add(d);
      }
    }
    return out;
  }

  /** An abstract on peer support or on another topic, with commas, quotes and line breaks now and then. */
  private static String text(Random rnd, boolean relevant) {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < 2 + rnd.nextInt(3); s++) {
      String[] pool = rnd.nextInt(4) == 0 ? (relevant ? OTHER : RELEVANT) : relevant ? RELEVANT : OTHER;
      b.append("We studied ").append(pool[rnd.nextInt(4)]).append(", with ").append(pool[rnd.nextInt(4)])
          .append(rnd.nextInt(5) == 0 ? " (\"pilot\")" : "").append(rnd.nextInt(7) == 0 ? ".\r\n" : ". ");
    }
    return b.toString().trim();
  }

  /**
   * Reviewers' rows: two reviewers (so some disagree), ids of this run's records, of earlier records
   * and unknown ones; include only with {@code bothKinds}; dates on all rows or on some.
   */
  private static List<Map<String, String>> decisions(Random rnd, int n, int ids, boolean bothKinds,
      boolean allDated) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> d = new LinkedHashMap<>();
      int k = rnd.nextInt(10);
      d.put("record_id", k == 0 ? "ls-unknown-" + i : k < 4 ? "cur-" + rnd.nextInt(240) : "ls-" + rnd.nextInt(ids));
      d.put("decision", bothKinds ? List.of("include", "exclude", "include", "maybe").get(rnd.nextInt(4)) : "exclude");
      d.put("reason", rnd.nextBoolean() ? "" : "checked the full text, twice");
      d.put("reviewer", rnd.nextBoolean() ? "ann" : "bob");
      d.put("date", allDated || rnd.nextBoolean() ? "2024-02-" + (10 + rnd.nextInt(9)) : "");
      d.put("note", "");
      out.add(d);
    }
    return out;
  }
}
