package org.litsieve.pipeline;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.CsvTable;
import org.litsieve.history.DecisionDates;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.OutputFile;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * On the repository's sample exports, a run continuing a previous one decided inside the pipeline
 * ({@link ContinueReview} on the records {@link ScreeningPipeline#build} screens, with the run id
 * from {@link RunId}) gives every row the screened files of the same run made by
 * {@link ScreeningPipeline#run} hold (the driver's living-review step), with reviewers' decisions
 * on the same rules. One cell that differs fails it. (Re-screening after a rules change is checked
 * on generated records by {@code ContinueReviewTest}.)
 *
 * <p>This graph once did not finish, twice in twelve runs: its side inputs over collections that
 * turned out empty (no unmatched record, so no hints, so no fuzzy pairs) became ready after the
 * DirectRunner had found nothing left to do ({@link ListView}, docs/architecture.md). A run that
 * does not finish within {@link #BOUND} fails the test, saying so, and is cancelled.
 */
public class ContinueReviewOnSampleDataTest {
  /** Far above the graph's time on a loaded 2-core machine (about a minute). */
  private static final Duration BOUND = Duration.standardMinutes(6);

  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(
      PipelineOptionsFactory.fromArgs("--blockOnRun=false").create());
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** A row as a line, its values as the screened files give them back (line breaks as line feeds). */
  static String line(Map<String, String> cells) {
    Map<String, String> asReadBack = new LinkedHashMap<>();
    cells.forEach((c, v) -> asReadBack.put(c, v.replace("\r\n", "\n").replace('\r', '\n')));
    return DecideLivingTest.line(asReadBack);
  }

  private static Path root() {
    return Path.of(System.getProperty("litsieve.root", ".."));
  }

  /** A hang fails the test instead of blocking the build; the JUnit timeout is the last resort. */
  @Test(timeout = 600_000)
  public void withDecisionsOnTheSameRules() throws Exception {
    check(false);
  }

  /** After a rules change, the carried-forward records are screened again in the graph too. */
  @Test(timeout = 600_000)
  public void withDecisionsAfterARulesChange() throws Exception {
    check(true);
  }

  private void check(boolean changeRules) throws Exception {
    Path rulesFile = root().resolve("screening-rules/lle-training.yaml");
    Rules first = RulesLoader.load(rulesFile);
    Rules rules = changeRules
        ? RulesLoader.load(rulesFile.toString(), Files.readString(rulesFile).replace(
            "ti:(child* OR paediatric*", "ti:(child* OR peer* OR paediatric*"))
        : first;
    Path samples = root().resolve("sample-data");
    Path before = tmp.getRoot().toPath().resolve("s1");
    ScreeningPipeline.run(first, InputFiles.resolve(List.of(samples.toString())), before, List.of(), Map.of(),
        null, ReviewHistory.none());
    PreviousRun previous = PreviousRun.read(before, Version.get());

    // decisions on records of the first run, one unknown, two reviewers disagreeing
    List<Map<String, String>> earlier = CsvTable.read(before.resolve(OutputFile.REVIEW_CSV.fileName())).rows();
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(6, earlier.size()); i++) {
      rows.add(decision(earlier.get(i).get("record_id"), i % 2 == 0 ? "include" : "exclude", "alice"));
    }
    rows.add(decision(earlier.get(0).get("record_id"), "exclude", "bob"));
    rows.add(decision("ls-0000000000000000", "include", "alice"));
    rows = DecisionDates.normalise("decisions.csv", rows).rows();
    ReviewHistory history = new ReviewHistory(previous, "decisions.csv", rows, null);

    // the driver: a whole run with --previous and --decisions on two of the exports
    InputFiles.Resolution inputs = InputFiles.resolve(List.of(samples.resolve("pubmed.nbib").toString(),
        samples.resolve("scopus.csv").toString()));
    List<InputFiles.InputFile> files = inputs.files();
    Path after = tmp.getRoot().toPath().resolve("s2");
    ScreeningPipeline.run(rules, inputs, after, List.of(), Map.of(), null,
        history);
    List<String> expected = new ArrayList<>();
    for (OutputFile f : OutputFile.SCREENED) {
      CsvTable.read(after.resolve(f.fileName())).rows().forEach(r -> expected.add(line(r)));
    }
    assertTrue("carried forward", expected.stream().filter(l -> !l.contains("status=new")).count() > 100);
    assertTrue("decided by reviewers", expected.stream().filter(l -> l.contains("stage=human")).count() >= 5);
    if (changeRules) {
      assertTrue("the new rules move carried records",
          expected.stream().filter(l -> l.contains("status=changed") && !l.contains("stage=human")).count() > 3);
    }

    // the graph: the same files screened, then decided against the previous run's folder
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put(before.resolve(OutputFile.DECISIONS_CSV.fileName()).toString(), previous.decisions());
    sources.put("decisions.csv", rows);
    ScreeningPipeline.Outputs out = ScreeningPipeline.build(p, rules, files, tmp.newFolder("graph").toString(),
        List.of(), true);
    PCollectionView<String> runId = out.reports().apply("RunId", RunId.of(rules, history));
    PCollection<String> decided = out.decided()
        .apply("Continue", ContinueReview.from(previous, rules, HumanDecisions.resolve(sources).decided(), runId))
        .apply(MapElements.into(TypeDescriptors.strings()).via(r -> line(r.cells())));
    PAssert.that(decided).containsInAnyOrder(expected);
    ListViewTest.assertFinishes(p.run(), BOUND, "the DirectRunner's non-finish on side inputs that become"
        + " ready late (docs/architecture.md, ListView) is back");
  }

  private static Map<String, String> decision(String id, String decision, String reviewer) {
    return LivingHandOvers.decisionRow(id, decision, "checked the full text", reviewer, "2026-03-01");
  }
}
