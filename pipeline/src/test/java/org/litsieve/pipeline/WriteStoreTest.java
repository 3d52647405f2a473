package org.litsieve.pipeline;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;
import org.litsieve.testing.SystemProperty;

/**
 * The record store written inside the pipeline ({@link WriteStore}) is byte for byte the one the
 * driver's {@link LivingStep} writes for the same run: {@code records.jsonl.gz} (the same gzip
 * members, in the same order, the previous store's members copied whole where the driver copies
 * them) and {@code records.index}. On a first run (reviewers' decisions putting records in the
 * result); on a long history continued with the same rules (most of the previous store's members
 * copied, others split between records carried as they were and records this run matched, under
 * earlier ids; carried records decided by reviewers); after a rules change (every carried record
 * screened again; one id stored twice; records without a stored copy). The decided records come
 * from {@link ContinueReview#withCounts()} (or {@link FirstRunRecords}), and so do the records
 * whole: this run's under their final ids ({@link ContinueReview#THIS_RUN}, or
 * {@link WriteStore#firstRunThisRun()}) and the ones screened again
 * ({@link ContinueReview#RESCREENED}); the driver's result gives only the expected bytes. Made-up
 * records; DOIs under 10.5555.
 */
public class WriteStoreTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String RUN = "run-new";
  /** Records per member of this run's store: small, so that member boundaries fall everywhere. */
  private static final String MEMBER_RECORDS = "6";

  @Test
  public void aFirstRunsStoreIsTheDrivers() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.update(new Random(2340), tmp.newFolder("unused").toPath(), rules,
        false);
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("decisions.csv", u.decisionRows());
    List<HumanDecision> decisions = HumanDecisions.resolve(sources).decided();
    ReviewHistory history = new ReviewHistory(null, "decisions.csv", u.decisionRows(), RUN);
    Path dir = tmp.newFolder("driver").toPath();
    Path graph = tmp.newFolder("graph").toPath();
    List<ScreenedRecord> screened = u.current().stream().map(FinalRecord::screened).toList();
    try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", MEMBER_RECORDS)) {
      LivingHandOvers.write(dir, u.current());
      LivingHandOvers.writeScreenedRecords(dir, u.current());
      LivingUpdate.Result result = LivingStep.apply(dir, RUN, rules, history);
      assertTrue("decided by reviewers: " + result.summary(),
          (Long) result.summary().get("records_decided_by_humans") > 10);

      PCollection<FinalRecord> decided = p.apply("Screened", Create.of(screened))
          .apply("Decide", DecideRecords.with(decisions));
      PCollectionTuple.of(WriteStore.RECORDS, decided.apply("AllNew", FirstRunRecords.with(runId())))
          .and(WriteStore.THIS_RUN, decided.apply("ThisRun", WriteStore.firstRunThisRun()))
          .apply("WriteStore", WriteStore.to(graph.toString()));
      PipelineResult run = p.run();
      run.waitUntilFinish();
      assertEquals("a first run's counts", new WriteStore.Counts(0, 0), WriteStore.counts(run));
    }
    assertSameStore(dir, graph, 20);
  }

  /** Most of the previous store's members are copied whole; the others split carried and matched records. */
  @Test
  public void aLongHistoryContinuedWithTheSameRulesIsStoredAsTheDriverStoresIt() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.history(new Random(2341), tmp.newFolder("before").toPath(), rules,
        false, 8);
    LivingUpdate.Result result = check(u, rules);
    long copied = (Long) result.summary().get("stored_records_copied");
    assertTrue("records copied in whole members: " + result.summary(), copied >= 100);
    assertTrue("carried records decompressed too: " + result.summary(), copied < result.carried().size() - 50);
    assertTrue("under earlier ids: " + result.renamed(), result.renamed().size() >= 5);
  }

  /** After a rules change every carried record is screened again; one id is stored twice, some not at all. */
  @Test
  public void aStoreAfterARulesChangeIsTheDrivers() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.update(new Random(2342), tmp.newFolder("before").toPath(), rules,
        true);
    LivingUpdate.Result result = check(u, rules);
    assertTrue("screened again: " + result.rescreened().size(), result.rescreened().size() > 50);
    assertTrue("without a stored record: " + result.summary(),
        (Long) result.summary().get("without_stored_record") > 0);
  }

  /** The long history after a rules change: nothing copied, every carried record screened again in its place. */
  @Test
  public void aLongHistoryAfterARulesChangeIsStoredAsTheDriverStoresIt() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    LivingHandOvers.Update u = LivingHandOvers.history(new Random(2343), tmp.newFolder("before").toPath(), rules,
        true, 8);
    LivingUpdate.Result result = check(u, rules);
    assertTrue("screened again: " + result.rescreened().size(), result.rescreened().size() > 300);
  }

  /** A previous store without its index is read whole and nothing is copied, by the driver and by the graph. */
  @Test
  public void aPreviousStoreWithoutAnIndexIsReadWhole() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    Path before = tmp.newFolder("before").toPath();
    LivingHandOvers.Update u = LivingHandOvers.history(new Random(2344), before, rules, false, 8);
    Files.delete(before.resolve(RecordStore.INDEX));
    LivingUpdate.Result result = check(u, rules);
    assertEquals("copied without an index", 0L, result.summary().get("stored_records_copied"));
    assertTrue("carried records stored: " + result.summary(), (Long) result.summary().get("without_stored_record")
        < result.carried().size() / 10);
  }

  /** Runs the driver and the graph on {@code u}; the stores must be the same bytes. */
  private LivingUpdate.Result check(LivingHandOvers.Update u, Rules rules) throws Exception {
    Path dir = tmp.newFolder("driver").toPath();
    Path graph = tmp.newFolder("graph").toPath();
    LivingUpdate.Result result;
    try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", MEMBER_RECORDS)) {
      LivingHandOvers.write(dir, u.current());
      LivingHandOvers.writeScreenedRecords(dir, u.current());
      result = LivingStep.apply(dir, RUN, rules, new ReviewHistory(u.previous(), "decisions.csv", u.decisionRows(),
          RUN));
      assertTrue("carried forward: " + result.carried().size(), result.carried().size() > 50);
      assertTrue("decided by reviewers: " + result.summary(),
          (Long) result.summary().get("records_decided_by_humans") > 5);

      Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
      sources.put(u.previous().dir().resolve(org.litsieve.model.OutputFile.DECISIONS_CSV.fileName()).toString(),
          u.previous().decisions());
      sources.put("decisions.csv", u.decisionRows());
      PCollectionTuple decided = p.apply("Current", Create.of(u.current()))
          .apply("Continue", ContinueReview.from(u.previous(), rules, HumanDecisions.resolve(sources).decided(),
              runId()).withCounts());
      PCollectionTuple.of(WriteStore.RECORDS, decided.get(ContinueReview.RECORDS))
          .and(WriteStore.THIS_RUN, decided.get(ContinueReview.THIS_RUN))
          .and(WriteStore.RESCREENED, decided.get(ContinueReview.RESCREENED))
          .apply("WriteStore", WriteStore.continuing(graph.toString(), u.previous().dir().resolve(RecordStore.FILE)));
      PipelineResult run = p.run();
      run.waitUntilFinish();
      assertEquals("the living summary's counts", new WriteStore.Counts(
          (Long) result.summary().get("stored_records_copied"), (Long) result.summary().get("without_stored_record")),
          WriteStore.counts(run));
    }
    assertSameStore(dir, graph, 20);
    return result;
  }

  private PCollectionView<String> runId() {
    return p.apply("RunId", Create.of(RUN).withCoder(StringUtf8Coder.of())).apply("RunIdView", View.asSingleton());
  }

  /**
   * Both files byte for byte; the graph's store reads back whole ({@link RecordStore#check}); the
   * graph's folder holds nothing else (its members' part files are gone).
   */
  /**
   * The step after the writer deletes the parts and set-aside lines of its own step, a failed
   * attempt's too, and nothing else: not the store, not another step's parts, not a name that only
   * starts like a part's. The writer itself deletes nothing, so a retried writer finds its parts.
   */
  @Test
  public void theLastStepDeletesItsOwnPartsOnly() throws IOException {
    Path dir = tmp.newFolder("parts").toPath();
    String prefix = ".records-part-0a1b-";
    List<String> gone = List.of(prefix + "0", prefix + "17", prefix + "lines-x", prefix + "lines-y");
    List<String> kept = List.of(RecordStore.FILE, RecordStore.INDEX, ".records-part-ffff-3", prefix + "3.tmp",
        prefix + "notes");
    for (String name : gone) {
      Files.writeString(dir.resolve(name), "part");
    }
    for (String name : kept) {
      Files.writeString(dir.resolve(name), "kept");
    }
    WriteStore.deleteParts(dir.toString(), prefix);
    WriteStore.deleteParts(dir.toString(), prefix); // run again: nothing left to delete is not an error
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(java.util.Set.copyOf(kept),
          files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  private static void assertSameStore(Path driver, Path graph, int minMembers) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(graph)) {
      assertEquals("the graph's folder", java.util.Set.of(RecordStore.FILE, RecordStore.INDEX),
          files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
    String expectedIndex = Files.readString(driver.resolve(RecordStore.INDEX));
    String actualIndex = Files.readString(graph.resolve(RecordStore.INDEX));
    assertTrue("members in the driver's store: " + expectedIndex.lines().count(),
        expectedIndex.lines().count() > minMembers);
    assertEquals(RecordStore.INDEX, expectedIndex, actualIndex);
    byte[] expected = Files.readAllBytes(driver.resolve(RecordStore.FILE));
    byte[] actual = Files.readAllBytes(graph.resolve(RecordStore.FILE));
    assertArrayEquals(RecordStore.FILE + " (" + expected.length + " and " + actual.length + " bytes)", expected, actual);
    RecordStore.check(graph.resolve(RecordStore.FILE));
    assertEquals(RecordStore.index(driver.resolve(RecordStore.FILE)), RecordStore.index(graph.resolve(RecordStore.FILE)));
    assertTrue("a gzip file", expected.length > 2 && expected[0] == 0x1f && (expected[1] & 0xff) == 0x8b);
  }
}
