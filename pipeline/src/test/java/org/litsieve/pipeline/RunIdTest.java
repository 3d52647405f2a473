package org.litsieve.pipeline;

import static org.junit.Assert.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.FileReport;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * The run id made inside the pipeline ({@link RunId}, a side input from the file reports) is the
 * one the driver makes from the same run ({@code ScreeningPipeline.runId} over the reports
 * as {@code manifest.json} lists them): for a first run, for a run continuing a previous one with
 * decisions, for a run without input files, and the caller's id when one is given. The ids differ
 * from each other, so a graph that dropped a file's hash, the previous run or the decisions fails.
 */
public class RunIdTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static PCollection<String> idOf(TestPipeline p, String name, List<FileReport> reports, RunId runId) {
    PCollectionView<String> view = p.apply(name + "Reports",
        Create.of(reports).withCoder(FileReport.FileReportCoder.of())).apply(name + "RunId", runId);
    return p.apply(name + "One", Create.of(1)).apply(name + "Read", ParDo.of(new DoFn<Integer, String>() {
      @ProcessElement
      public void process(ProcessContext c) {
        c.output(c.sideInput(view));
      }
    }).withSideInputs(view));
  }

  private static String driver(Rules rules, List<FileReport> reports, ReviewHistory history) {
    List<Object> json = new ArrayList<>();
    reports.forEach(r -> json.add(WriteOutputs.reportJson(r)));
    return ScreeningPipeline.runId(rules, json, history);
  }

  @Test
  public void theGraphsRunIdIsTheDrivers() throws Exception {
    Rules rules = RulesLoader.load(ScreeningPipelineTest.fixtures().resolve("rules.yaml"));
    List<FileReport> reports = new ArrayList<>();
    for (String sha : List.of("f3", "0a", "9c", "55")) {
      reports.add(new FileReport("export-" + sha + ".ris", "ris", "UTF-8", sha.repeat(32), 100, 3, 0, List.of()));
    }
    ReviewHistory first = ReviewHistory.none();
    ReviewHistory continuing = new ReviewHistory(
        new PreviousRun(Path.of("earlier"), "run-0123456789ab", "abc", List.of(), List.of()), "decisions.csv",
        List.of(Map.of("record_id", "ls-1", "decision", "include")), null);
    ReviewHistory given = new ReviewHistory(null, "", List.of(), "run-given");
    List<String> ids = List.of(driver(rules, reports, first), driver(rules, reports, continuing),
        driver(rules, List.of(), first), driver(rules, reports.subList(1, 4), first));
    assertNotEquals(ids.get(0), ids.get(1));
    assertNotEquals(ids.get(0), ids.get(2));
    assertNotEquals(ids.get(0), ids.get(3));

    PAssert.thatSingleton(idOf(p, "First", reports, RunId.of(rules, first))).isEqualTo(ids.get(0));
    PAssert.thatSingleton(idOf(p, "Continuing", reports, RunId.of(rules, continuing))).isEqualTo(ids.get(1));
    PAssert.thatSingleton(idOf(p, "NoFiles", List.of(), RunId.of(rules, first))).isEqualTo(ids.get(2));
    PAssert.thatSingleton(idOf(p, "Given", reports, RunId.of(rules, given))).isEqualTo("run-given");
    p.run().waitUntilFinish();
  }
}
