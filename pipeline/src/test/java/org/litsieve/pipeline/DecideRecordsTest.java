package org.litsieve.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.litsieve.history.HumanDecisions;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.model.Provenance;

/**
 * The reviewers' decisions are joined with the screened records inside the pipeline (a run without
 * a previous run), on the DirectRunner with its immutability and encodability checks on: an agreed
 * decision overrides the rules (stage human, the reviewers' reason), {@code maybe} becomes review,
 * reviewers who disagree send the record to review naming each one, a record nobody decided is
 * left as screened, and the rules' result stays with each record (for the record store).
 */
public class DecideRecordsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static ScreenedRecord screened(String id, String title, Decision d, String stage, String reason) {
    BibRecord r = BibRecord.builder(new Provenance("export.ris", 1, 1, id, "Made-up DB"))
        .title(title).year(2021).doi("10.5555/" + id).build();
    return new ScreenedRecord(id, r, d, stage, reason, List.of(), List.of());
  }

  private static Map<String, String> row(String id, String decision, String reason, String reviewer, String date) {
    return LivingHandOvers.decisionRow(id, decision, reason, reviewer, date);
  }

  @Test
  public void decisionsAreMadeBeforeAnythingIsWritten() {
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(row("rec-a", "include", "peer workers after all", "ann", "2024-01-15"));
    rows.add(row("rec-a", "Include", "", "bob", "2024-01-16"));
    rows.add(row("rec-b", "include", "", "ann", "2024-01-15"));
    rows.add(row("rec-b", "exclude", "wrong population", "bob", "2024-01-15"));
    rows.add(row("rec-c", "maybe", "", "ann", "2024-02-01"));
    rows.add(row("rec-z", "exclude", "", "ann", "2024-02-01")); // no such record in this run
    HumanDecisions resolved = HumanDecisions.resolve(Map.of("decisions.csv", rows));

    PCollection<FinalRecord> out = p.apply(Create.of(List.of(
            screened("rec-a", "Peer support in prisons", Decision.EXCLUDE, "keywords", "exclude block: prisons"),
            screened("rec-b", "Peer mentors for nurses", Decision.INCLUDE, "final", ""),
            screened("rec-c", "Lay health workers", Decision.REVIEW, "keywords", "review: missing include block"),
            screened("rec-d", "Rats in a maze", Decision.EXCLUDE, "keywords", "exclude block: animals"))))
        .apply(DecideRecords.with(resolved.decided()));

    PAssert.that(out.apply(MapElements.into(TypeDescriptors.strings()).via(f -> {
      ScreenedRecord d = f.decided();
      return d.recordId() + " | " + d.decision().label() + " | " + d.stage() + " | " + d.reason()
          + " | screened " + f.screened().decision().label() + " " + f.screened().stage();
    }))).containsInAnyOrder(
        "rec-a | include | human | peer workers after all | screened exclude keywords",
        "rec-b | review | human | reviewers disagree: ann=include, bob=exclude | screened include final",
        "rec-c | review | human | maybe (ann) | screened review keywords",
        "rec-d | exclude | keywords | exclude block: animals | screened exclude keywords");
    p.run().waitUntilFinish();
  }
}
