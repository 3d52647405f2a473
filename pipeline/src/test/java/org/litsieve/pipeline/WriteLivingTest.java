package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.CsvTable;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.FileReport;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.WriteLiving;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;
import org.litsieve.screen.Screener;
import org.litsieve.testing.SystemProperty;

/**
 * The screened and living-review files written inside the pipeline from a step's decided records
 * ({@link WriteLiving}, fed by {@link ContinueReview}) are byte for byte the files the driver's
 * {@link LivingStep} writes for the same records: {@code included.csv}, {@code review.csv}
 * (unranked), {@code excluded.csv}, {@code new-included.csv}, {@code new-review.csv},
 * {@code changes.csv}, {@code included.ris} and the report's hand-over {@code .report-records.jsonl}
 * ({@link WriteLiving#withReportRecords}). The generated history has new, unchanged and
 * changed records, records matched by id, DOI, PMID, title and by the deduplication matcher under
 * earlier ids, carried-forward ones (some without a stored record), reviewers' decisions with
 * conflicts and unknown ids, titles that tie, differ in case or start with a diacritic, and cells
 * with commas, quotes, line breaks and formula characters; once with the same rules, once after a
 * rules change that screens the carried-forward records again. And a first run's files come out
 * the same from records decided by {@link DecideRecords}. Made-up records; DOIs under 10.5555.
 *
 * <p>{@code included.ris} and the report's records need each record whole: {@link WriteLiving#SHOWN} is
 * {@link ContinueReview#SHOWN}, made in the same graph (this run's records under their final ids,
 * carried-forward ones screened again or as stored), with the same rules, after a rules change,
 * and with no store at all in the previous run.
 */
public class WriteLivingTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String RUN = "run-new";
  /** What WriteLiving writes; each compared with the driver's file of the same name. */
  private static final List<String> FILES = Stream.of(OutputFile.INCLUDED_CSV, OutputFile.REVIEW_CSV,
      OutputFile.EXCLUDED_CSV, OutputFile.NEW_INCLUDED_CSV, OutputFile.NEW_REVIEW_CSV, OutputFile.CHANGES_CSV,
      OutputFile.INCLUDED_RIS, OutputFile.REPORT_RECORDS).map(OutputFile::fileName).toList();
  /** The previous run's columns: fewer than today's, so carried rows lack some. */
  private static final List<String> PREVIOUS_COLUMNS = List.of("record_id", "title", "authors", "year", "journal",
      "volume", "pages", "doi", "pmid", "sources", "decision", "stage", "reason", "outcome_tags", "abstract",
      "first_seen");
  /** Titles that tie, differ only in case, start with a diacritic or a formula character, hold quotes and breaks. */
  private static final List<String> TITLES = List.of("Peer support in recovery, a trial",
      "peer support in recovery, a trial", "Études of \"peer workers\"", "études of \"peer workers\"",
      "Zebrafish, mice and peers", "Éclairage: mental health\nin two lines",
      "Éclairage: mental health\r\nin two lines", "Ångström and peer courses",
      "apple of peer support", "=HYPERLINK(\"x\") peer course", "Lived experience and wellbeing");
  private static final List<String> ABSTRACTS = List.of(
      "Peer support workers, with \"lived experience\", in mental health.\r\nA second line.",
      "Peer support in mice, a course for rats", "A course on wellbeing and stigma", "",
      "Peer workers and addiction; training, \"twice\"");

  @Test
  public void theGraphWritesWhatTheDriverWrites() throws Exception {
    check(false);
  }

  @Test
  public void theGraphWritesWhatTheDriverWritesAfterARulesChange() throws Exception {
    check(true);
  }

  /**
   * A previous run that kept no record store: its carried-forward records are in the CSV files
   * but have no whole record, so none of them is in {@code included.ris}, in the driver's file as
   * in the graph's.
   */
  @Test
  public void theGraphWritesWhatTheDriverWritesWithoutAStore() throws Exception {
    check(false, false);
  }

  /** As {@link #theGraphWritesWhatTheDriverWritesWithoutAStore}, after a rules change: nothing to screen again. */
  @Test
  public void theGraphWritesWhatTheDriverWritesWithoutAStoreAfterARulesChange() throws Exception {
    check(true, false);
  }

  private void check(boolean rulesChanged) throws Exception {
    check(rulesChanged, true);
  }

  private void check(boolean rulesChanged, boolean withStore) throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    Random rnd = new Random(rulesChanged ? 2330 : 2329);
    List<Map<String, String>> previous = previousRows(rnd, TITLES);
    List<FinalRecord> current = currentRecords(rnd, previous, TITLES, rules, null);
    List<Map<String, String>> decisionRows = decisionRows(rnd);

    // the previous run's folder: its screened files, a store that lacks some records
    Path before = tmp.newFolder("before").toPath();
    Files.writeString(before.resolve(OutputFile.MANIFEST_JSON.fileName()), "{\"tool\": \"litsieve\","
        + " \"version\": \"dev\", \"run_id\": \"run-c\", \"rules\": {\"sha256\": \""
        + (rulesChanged ? "earlier-rules" : rules.sha256()) + "\"}}\n");
    for (OutputFile f : OutputFile.SCREENED) {
      String label = Decision.values()[OutputFile.SCREENED.indexOf(f)].label();
      CsvTable.write(before.resolve(f.fileName()), PREVIOUS_COLUMNS,
          previous.stream().filter(m -> m.get("decision").equals(label)).toList());
    }
    Path store = before.resolve(RecordStore.FILE);
    try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", "16");
        RecordStore.StoreWriter w = RecordStore.writer(store)) {
      for (int i = 0; i < previous.size(); i++) {
        if (i % 13 != 4) { // the others not kept: carried forward without a whole record
          Map<String, String> m = previous.get(i);
          BibRecord r = HistoryMatcher.fromRow(m).toBuilder().abstractText(m.get("abstract")).language("english")
              .keywords(List.of("peer support", "earlier keyword")).type(i % 5 == 0 ? "BOOK" : "JOUR").build();
          w.add(new ScreenedRecord(m.get("record_id"), r, Decision.valueOf(m.get("decision").toUpperCase(Locale.ROOT)),
              m.get("stage"), m.get("reason"), List.of(), List.of()), i % 2 == 0);
        }
      }
    }
    if (!withStore) {
      Files.delete(store);
      Files.deleteIfExists(before.resolve(RecordStore.INDEX));
    }

    // the driver: the pipeline's hand-overs, then LivingStep (LivingUpdate.apply, the matcher, the store)
    Path dir = tmp.newFolder("driver").toPath();
    LivingHandOvers.write(dir, current);
    LivingHandOvers.writeScreenedRecords(dir, current);
    PreviousRun previousRun = PreviousRun.read(before, "dev");
    LivingUpdate.Result result = LivingStep.apply(dir, RUN, rules,
        new ReviewHistory(previousRun, "decisions.csv", decisionRows, RUN));
    Map<String, Object> summary = result.summary();
    assertTrue("new: " + summary, (Long) summary.get("new") > 20);
    assertTrue("changed: " + summary, (Long) summary.get("changed") > 10);
    assertTrue("unchanged: " + summary, (Long) summary.get("unchanged") > 10);
    assertTrue("under earlier ids: " + result.renamed().size(), result.renamed().size() > 30);
    assertTrue("by the deduplication matcher: " + summary, (Long) summary.get("matched_by_dedup") >= 3);
    assertTrue("carried: " + result.carried().size(), result.carried().size() > 50);
    assertTrue("carried without a stored record: " + summary, (Long) summary.get("without_stored_record") > 0);
    assertTrue("included carried-forward records", result.rows().stream().anyMatch(
        r -> result.carried().contains(r.get("record_id")) && "include".equals(r.get("decision"))));
    assertTrue("conflicts: " + summary, (Long) summary.get("conflicts") > 0);
    assertTrue("decided by reviewers: " + summary, (Long) summary.get("records_decided_by_humans") > 10);
    assertTrue("unknown ids: " + result.problems(),
        result.problems().stream().anyMatch(pr -> pr.row().get("record_id").startsWith("unknown-")));
    if (rulesChanged && withStore) {
      assertTrue("screened again: " + result.rescreened().size(), result.rescreened().size() > 50);
    }
    String ris = Files.readString(dir.resolve(OutputFile.INCLUDED_RIS.fileName()));
    assertEquals("included.ris holds carried-forward records when they were stored", withStore,
        result.carried().stream().anyMatch(id -> ris.contains("record id: " + id + "\r\n")));

    // the graph: ContinueReview's records, written by WriteLiving, with the records whole
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(before.resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), previousRun.decisions());
    sources.put("decisions.csv", decisionRows);
    PCollectionView<String> runId = p.apply("RunId", Create.of(RUN).withCoder(StringUtf8Coder.of()))
        .apply("RunIdView", View.asSingleton());
    // the whole records too: this run's under their final ids, the carried-forward ones stored or screened again
    PCollectionTuple decided = p.apply("Current", Create.of(current)).apply("Continue",
        ContinueReview.from(previousRun, rules, HumanDecisions.resolve(sources).decided(), runId).withCounts());
    Path graph = tmp.newFolder("graph").toPath();
    PCollectionTuple.of(WriteLiving.RECORDS, decided.get(ContinueReview.RECORDS))
        .and(WriteLiving.SHOWN, decided.get(ContinueReview.SHOWN))
        .apply("WriteLiving", WriteLiving.to(graph.toString()).withReportRecords());
    // where the carried records the graph does not read back are: the members the driver copies or reads
    List<KV<KV<Long, Long>, List<String>>> members = rulesChanged || !withStore ? List.of()
        : storedCarried(store, result);
    if (!rulesChanged && withStore) {
      assertTrue("copied: " + summary, (Long) summary.get("stored_records_copied") > 10);
      assertEquals("members copied whole, as the driver counts them", summary.get("stored_records_copied"),
          copied(store, members, result));
    }
    PAssert.that(decided.get(ContinueReview.CARRIED_STORED)).containsInAnyOrder(members);
    p.run().waitUntilFinish();

    assertReviewersShown(dir);
    assertSameFiles(dir, graph);
  }

  /**
   * The driver's reading of the previous store for the carried-forward records
   * ({@code LivingStep}): members in order, each carried id kept from the first member holding it;
   * per member, the ids it keeps, in its order.
   */
  private static List<KV<KV<Long, Long>, List<String>>> storedCarried(Path store, LivingUpdate.Result result)
      throws IOException {
    java.util.Set<String> pending = new java.util.HashSet<>(result.carried());
    List<KV<KV<Long, Long>, List<String>>> members = new ArrayList<>();
    for (RecordStore.Member m : RecordStore.index(store)) {
      List<String> kept = new ArrayList<>();
      for (String id : m.ids()) {
        if (pending.remove(id)) {
          kept.add(id);
        }
      }
      if (!kept.isEmpty()) {
        members.add(KV.of(KV.of(m.offset(), m.length()), kept));
      }
    }
    assertTrue("members with carried records: " + members.size(), members.size() > 3);
    return members;
  }

  /** The records in members whose every id is listed and none part of the result: the ones copied whole. */
  private static long copied(Path store, List<KV<KV<Long, Long>, List<String>>> listed, LivingUpdate.Result result)
      throws IOException {
    Map<String, Map<String, String>> rows = new java.util.HashMap<>();
    result.rows().forEach(r -> rows.put(r.get("record_id"), r));
    Map<Long, List<String>> byOffset = new java.util.HashMap<>();
    listed.forEach(kv -> byOffset.put(kv.getKey().getKey(), kv.getValue()));
    long copied = 0;
    for (RecordStore.Member m : RecordStore.index(store)) {
      List<String> kept = byOffset.getOrDefault(m.offset(), List.of());
      if (kept.size() == m.ids().size() && m.ids().stream().map(rows::get).allMatch(
          r -> "exclude".equals(r.get("decision")) && !ScreenedRecord.STAGE_HUMAN.equals(r.get("stage")))) {
        copied += kept.size();
      }
    }
    return copied;
  }

  /**
   * A first run's files (no previous run: every record new, {@code first_seen} the run id) written
   * by {@link WriteLiving} from records decided by {@link DecideRecords} and made living-review
   * records by {@link FirstRunRecords} (the run id from {@link RunId}), both with the whole records
   * joined to their rows ({@link WriteLiving#SHOWN}) and with them already decided
   * ({@link WriteLiving#DECIDED_WHOLE}, as the pipeline writes a first run), are the driver's: the
   * pipeline's {@link WriteOutputs} ({@code included.ris} and the hand-overs) and then
   * {@link LivingStep}'s first-run step; with reviewers' decisions (conflicts, unknown ids).
   */
  @Test
  public void aFirstRunsFilesWithDecisionsAreTheDrivers() throws Exception {
    checkFirstRun(true);
  }

  /** As {@link #aFirstRunsFilesWithDecisionsAreTheDrivers}, without decisions. */
  @Test
  public void aFirstRunsFilesWithoutDecisionsAreTheDrivers() throws Exception {
    checkFirstRun(false);
  }

  private void checkFirstRun(boolean withDecisions) throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    Random rnd = new Random(withDecisions ? 2331 : 2332);
    List<Map<String, String>> decisionRows = withDecisions ? decisionRows(rnd) : List.of();
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("decisions.csv", decisionRows);
    List<HumanDecision> decisions = HumanDecisions.resolve(sources).decided();
    // no title with a carriage return: a first run's driver sorts its rows by the title as the
    // records hold it, and WriteLiving by the cell, where a carriage return reads as a line feed
    // (as a run after --previous sorts them), so two titles alike up to a line break, one with CR LF,
    // come in the other order (docs/architecture.md, issue 23's step 1)
    List<String> titles = TITLES.stream().filter(t -> t.indexOf('\r') < 0).toList();
    List<ScreenedRecord> screened = currentRecords(rnd, previousRows(rnd, titles), titles, rules, null).stream()
        .map(FinalRecord::screened).toList();

    // one graph: the pipeline's own writing for the driver, and WriteLiving from the same decided records
    Path dir = tmp.newFolder("first-driver").toPath();
    Path graph = tmp.newFolder("first-graph").toPath();
    PCollection<FinalRecord> decided = p.apply("Screened", Create.of(screened))
        .apply("Decide", DecideRecords.with(decisions));
    PCollection<FileReport> reports = p.apply("Reports", Create.empty(FileReport.FileReportCoder.of()));
    PCollectionTuple.of(WriteOutputs.SCREENED, decided)
        .and(WriteOutputs.LINKS, p.apply("Links", Create.empty(DuplicateLink.DuplicateLinkCoder.of())))
        .and(WriteOutputs.REJECTS, p.apply("Rejects", Create.empty(Rejected.RejectedCoder.of())))
        .and(WriteOutputs.REPORTS, reports)
        .apply("WriteOutputs", WriteOutputs.to(dir.toString()));
    ReviewHistory history = new ReviewHistory(null, "decisions.csv", decisionRows, RUN);
    PCollectionView<String> runId = reports.apply("RunId", RunId.of(rules, history));
    PCollection<LivingRecord> living = decided.apply("AllNew", FirstRunRecords.with(runId));
    PCollectionTuple.of(WriteLiving.RECORDS, living)
        .and(WriteLiving.SHOWN, p.apply("Shown", Create.of(screened)))
        .apply("WriteLiving", WriteLiving.to(graph.toString()).withReportRecords());
    // as the pipeline writes a first run: the records whole and decided, with no join by id
    Path whole = tmp.newFolder("first-graph-decided-whole").toPath();
    PCollectionTuple.of(WriteLiving.RECORDS, living)
        .and(WriteLiving.DECIDED_WHOLE, decided.apply("DecidedWhole",
            MapElements.into(TypeDescriptor.of(ScreenedRecord.class)).via(FinalRecord::decided))
            .setCoder(ScreenedRecord.ScreenedRecordCoder.of()))
        .apply("WriteLivingDecidedWhole", WriteLiving.to(whole.toString()).withReportRecords());
    p.run().waitUntilFinish();

    LivingUpdate.Result result = LivingStep.apply(dir, RUN, rules, history);
    if (withDecisions) {
      assertTrue("decided by reviewers: " + result.summary(),
          (Long) result.summary().get("records_decided_by_humans") > 10);
      assertTrue("conflicts: " + result.summary(), (Long) result.summary().get("conflicts") > 0);
      assertReviewersShown(dir);
    }
    assertSameFiles(dir, graph);
    assertSameFiles(dir, whole);
  }

  /** The previous run's rows: unique ids, titles from {@code titles}, a few fuzzy-only papers. */
  private static List<Map<String, String>> previousRows(Random rnd, List<String> titles) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("record_id", "ls-" + i);
      m.put("title", titles.get(rnd.nextInt(titles.size())) + (rnd.nextInt(4) == 0 ? "" : " " + rnd.nextInt(20)));
      m.put("authors", LivingHandOvers.AUTHORS.get(rnd.nextInt(3)) + "; Okafor, \"Chidi\"");
      m.put("year", Integer.toString(2015 + rnd.nextInt(8)));
      m.put("journal", "Journal of Peer Work, Series B");
      m.put("volume", Integer.toString(rnd.nextInt(40)));
      m.put("pages", (10 + i) + "-" + (20 + i));
      m.put("doi", rnd.nextInt(3) == 0 ? "" : "10.5555/P" + i);
      m.put("pmid", rnd.nextBoolean() ? "" : Integer.toString(92000000 + i));
      m.put("sources", "earlier.ris");
      m.put("decision", Decision.values()[rnd.nextInt(3)].label());
      m.put("stage", "keywords");
      m.put("reason", List.of("", "exclude block: animals", "review: one include block missing, \"training\"")
          .get(rnd.nextInt(3)));
      m.put("outcome_tags", rnd.nextBoolean() ? "" : "wellbeing");
      m.put("abstract", ABSTRACTS.get(rnd.nextInt(ABSTRACTS.size())));
      m.put("first_seen", i % 7 == 0 ? "" : "run-" + (char) ('a' + rnd.nextInt(2)));
      rows.add(m);
    }
    for (int k = 0; k < 8; k++) {
      Map<String, String> m = new LinkedHashMap<>(rows.get(k));
      m.put("record_id", "old-f" + k);
      m.put("title", "Community health workers and hypertension control in district " + k
          + ": a cluster randomised trial");
      m.put("authors", "Okafor, Chidi; Lind, Maja");
      m.put("year", "2019");
      m.put("journal", "Journal of Rural Health");
      m.put("volume", Integer.toString(30 + k));
      m.put("pages", (100 + k) + "-" + (110 + k));
      m.put("doi", "");
      m.put("pmid", "");
      rows.add(m);
    }
    for (int k = 0; k < 48; k++) {
      // carried forward as excluded, nobody deciding them: whole members of the store the driver copies
      Map<String, String> m = new LinkedHashMap<>(rows.get(k));
      m.put("record_id", "old-x" + k);
      m.put("title", "Archived survey of zoo keepers, wave " + k);
      m.put("authors", "Quist, Ola");
      m.put("year", "2011");
      m.put("journal", "Archive Journal");
      m.put("doi", "");
      m.put("pmid", "");
      m.put("decision", "exclude");
      m.put("stage", "keywords");
      m.put("reason", "exclude block: animals");
      rows.add(m);
    }
    return rows;
  }

  /**
   * This run's records, screened by the rules: the same paper as an earlier row (by id, DOI, PMID,
   * title + year + author, or only by the deduplication matcher) or new; {@code human} (by id),
   * when given, applied as the pipeline's {@link DecideRecords} applies it.
   */
  private static List<FinalRecord> currentRecords(Random rnd, List<Map<String, String>> previous,
      List<String> titles, Rules rules, Map<String, HumanDecision> human) {
    Screener screener = new Screener(rules);
    List<FinalRecord> records = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      Map<String, String> earlier = previous.get(i);
      int kind = i % 6;
      String id = kind == 0 ? earlier.get("record_id") : "db-" + i;
      BibRecord.Builder b = BibRecord.builder(new Provenance(i % 4 == 0 ? "scopus, 2024.csv" : "export.ris", i + 1,
              i + 1, "src-" + i, i % 3 == 0 ? "" : "Made-up DB"))
          .type(i % 7 == 0 ? "CHAP" : "JOUR").language("english").year(2015 + rnd.nextInt(8))
          .authors(List.of(LivingHandOvers.AUTHORS.get(rnd.nextInt(3)), "Okafor, \"Chidi\""))
          .journal("Journal of Peer Work, Series B").journalAbbrev("J Peer Work").issn("1234-5678")
          .volume(Integer.toString(rnd.nextInt(40))).pages((10 + i) + "-" + (20 + i))
          .keywords(List.of("peer support", "=formula, keyword"))
          .abstractText(ABSTRACTS.get(rnd.nextInt(ABSTRACTS.size())));
      if (kind <= 3) {
        // the same paper as an earlier row, by id (kind 0), DOI (1), PMID (2) or title, year and author (3)
        b.title(earlier.get("title")).year(Integer.parseInt(earlier.get("year")))
            .authors(List.of(earlier.get("authors").split("; ")[0]));
        if (kind == 1) {
          b.doi(earlier.get("doi"));
        } else if (kind == 2) {
          b.pmid(earlier.get("pmid"));
        }
      } else {
        b.title(titles.get(rnd.nextInt(titles.size())) + " " + (20 + rnd.nextInt(20)))
            .doi(rnd.nextBoolean() ? "10.5555/N" + i : "").url(i % 5 == 0 ? "https://example.org/" + i : "");
      }
      records.add(finalRecord(screener.screen(new Screener.Input(id, b.build())), human));
    }
    for (int k = 0; k < 6; k++) {
      // only the deduplication matcher pairs these: another spelling, the journal abbreviated, no DOI
      BibRecord r = BibRecord.builder(new Provenance("export.ris", 400 + k, 1, "fz-" + k, "Made-up DB"))
          .title("Community health workers and hypertension control in district " + k
              + ": a cluster-randomized trial")
          .authors(List.of("Okafor C", "Lind M")).year(2019).journal("J Rural Health").language("english")
          .volume(Integer.toString(30 + k)).pages((100 + k) + "-" + (110 + k))
          .abstractText(ABSTRACTS.get(k % ABSTRACTS.size())).build();
      records.add(finalRecord(screener.screen(new Screener.Input("fz-" + k, r)), human));
    }
    return records;
  }

  private static FinalRecord finalRecord(ScreenedRecord s, Map<String, HumanDecision> human) {
    return new FinalRecord(s, human == null ? null : human.get(s.recordId()));
  }

  /** Reviewers' rows: on earlier and this run's ids, two reviewers disagreeing, ids nobody holds. */
  private static List<Map<String, String>> decisionRows(Random rnd) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      String id = i % 10 == 9 ? "unknown-" + i : rnd.nextBoolean() ? "ls-" + rnd.nextInt(268) : "db-" + rnd.nextInt(230);
      for (String reviewer : i % 4 == 0 ? List.of("ann", "bob") : List.of(rnd.nextBoolean() ? "ann" : "bob")) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("record_id", id);
        d.put("decision", List.of("include", "exclude", "maybe").get(rnd.nextInt(3)));
        d.put("reason", rnd.nextBoolean() ? "" : "read the full text, \"twice\"");
        d.put("reviewer", reviewer);
        d.put("date", "2024-03-0" + (1 + rnd.nextInt(3)));
        d.put("note", i % 6 == 0 ? "line one\nline two" : "");
        rows.add(d);
      }
    }
    return rows;
  }

  /** Each file {@link WriteLiving} writes is byte for byte the driver's, and it writes nothing else. */
  private static void assertSameFiles(Path driver, Path graph) throws IOException {
    try (Stream<Path> files = Files.list(graph)) {
      assertEquals("the graph's folder", new TreeSet<>(FILES),
          files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
    for (String name : FILES) {
      byte[] expected = Files.readAllBytes(driver.resolve(name));
      byte[] actual = Files.readAllBytes(graph.resolve(name));
      if (!java.util.Arrays.equals(expected, actual)) {
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        int line = 0;
        while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) {
          line++;
        }
        throw new AssertionError(name + " differs first at line " + (line + 1) + " of " + e.length + " (driver) and "
            + a.length + " (graph):\n  driver: " + (line < e.length ? e[line] : "<end>") + "\n  graph:  "
            + (line < a.length ? a[line] : "<end>"));
      }
      assertTrue(name + " has a header", expected.length > 0 || name.endsWith(".ris"));
    }
    assertTrue("rows in every file", Stream.of(FILES.get(0), FILES.get(1), FILES.get(2), FILES.get(3), FILES.get(4))
        .allMatch(n -> lines(driver.resolve(n)) > 2));
    String ris = Files.readString(driver.resolve(OutputFile.INCLUDED_RIS.fileName()));
    assertTrue("entries in included.ris", ris.split("ER  - ", -1).length > 10);
    Map<String, Long> shown = reportStages(driver);
    assertTrue("the report's records: " + shown, Stream.of("include/", "review/", "exclude/keywords")
        .allMatch(k -> shown.keySet().stream().anyMatch(d -> d.startsWith(k))));
  }

  /** The report's records the driver wrote, counted by decision/stage. */
  private static Map<String, Long> reportStages(Path driver) throws IOException {
    return org.litsieve.output.ReportRecords.read(driver.resolve(OutputFile.REPORT_RECORDS.fileName())).stream()
        .collect(java.util.stream.Collectors.groupingBy(s -> s.decision().label() + "/" + s.stage(),
            java.util.stream.Collectors.counting()));
  }

  /** Records reviewers excluded are in the report's records (stage human), and included ones. */
  private static void assertReviewersShown(Path driver) throws IOException {
    Map<String, Long> shown = reportStages(driver);
    assertTrue("reviewers' decisions in the report's records: " + shown,
        shown.getOrDefault("exclude/human", 0L) > 0 && shown.getOrDefault("include/human", 0L) > 0);
  }

  private static long lines(Path file) {
    try {
      return CsvTable.read(file).rows().size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
