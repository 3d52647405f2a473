package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litsieve.model.Decision;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.PreviousRecord;

/**
 * The per-record decision of a living review ({@link LivingDecision}), on typed values: what one
 * record's final row, status and change are, given this run's row, the matched earlier record, a
 * re-screening and the reviewers' decision. Made-up records; DOIs under 10.5555.
 */
class LivingDecisionTest {
  static Map<String, String> row(String id, String title, String decision, String stage, String reason) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", id);
    m.put("title", title);
    m.put("doi", "10.5555/" + id);
    m.put("decision", decision);
    m.put("stage", stage);
    m.put("reason", reason);
    return m;
  }

  static PreviousRecord earlier(String id, String title, String decision, String reason, String firstSeen) {
    Map<String, String> m = row(id, title, decision, "keywords", reason);
    m.put("first_seen", firstSeen);
    m.put("status", "new");
    m.put("reviewer", "Ana");
    m.put("date", "2024-01-15");
    m.put("note", "kept from the earlier file");
    return new PreviousRecord(m);
  }

  @Test
  void aNewRecordKeepsItsIdAndIsFirstSeenInThisRun() {
    LivingRecord r = LivingDecision.decide("run-b", row("ls-9", "Peer support", "include", "final", ""),
        null, null, List.of(), null);
    assertEquals(LivingRecord.Status.NEW, r.status());
    assertEquals("ls-9", r.recordId());
    assertEquals("run-b", r.cells().get("first_seen"));
    assertEquals(List.of("record_id", "title", "doi", "decision", "stage", "reason", "first_seen", "reviewer",
        "date", "note", "status"), List.copyOf(r.cells().keySet()));
    assertEquals("new", r.cells().get("status"));
    assertEquals("", r.cells().get("reviewer"));
  }

  @Test
  void aMatchedRecordTakesTheEarlierIdAndFirstSeenAndComparesItsDecision() {
    PreviousRecord p = earlier("ls-1", "Peer support", "review", "review: no include block", "run-a");
    LivingRecord same = LivingDecision.decide("run-b", row("ls-7", "Peer support", "review", "keywords",
        "review: no include block"), p, null, List.of(), null);
    assertEquals("ls-1", same.recordId());
    assertEquals("run-a", same.cells().get("first_seen"));
    assertEquals(LivingRecord.Status.UNCHANGED, same.status());

    LivingRecord changed = LivingDecision.decide("run-b", row("ls-7", "Peer support", "include", "final", ""),
        p, null, List.of(), null);
    assertEquals(LivingRecord.Status.CHANGED, changed.status());
    assertEquals("changed", changed.cells().get("status"));
    assertEquals(Map.of("record_id", "ls-1", "old_decision", "review", "new_decision", "include",
        "old_reason", "review: no include block", "new_reason", ""), changed.changeRow());
  }

  @Test
  void aCarriedRecordKeepsItsEarlierRowWithoutTheEarlierReviewerColumns() {
    PreviousRecord p = earlier("ls-2", "Group therapy", "exclude", "exclude: animals", "run-a");
    LivingRecord r = LivingDecision.decide("run-c", null, p, null, List.of(), null);
    assertEquals("ls-2", r.recordId());
    assertEquals("Group therapy", r.cells().get("title"));
    assertEquals("run-a", r.cells().get("first_seen"));
    assertEquals("", r.cells().get("reviewer"));
    assertEquals("", r.cells().get("note"));
    assertEquals(LivingRecord.Status.UNCHANGED, r.status());
    assertThrows(IllegalStateException.class, r::changeRow);
  }

  @Test
  void aReScreenedCarriedRecordTakesTheNewRowButNeverANewId() {
    PreviousRecord p = earlier("ls-2", "Group therapy", "exclude", "exclude: animals", "run-a");
    Map<String, String> fresh = row("other-id", "Group therapy", "review", "keywords", "review: no include block");
    fresh.put("matched_blocks", "population");
    LivingRecord r = LivingDecision.decide("run-c", null, p, fresh,
        List.of("record_id", "title", "decision", "stage", "reason"), null);
    assertEquals("ls-2", r.recordId());
    assertEquals("review", r.decision());
    assertEquals("review: no include block", r.cells().get("reason"));
    // only the columns of this run's screened files are taken over
    assertEquals(null, r.cells().get("matched_blocks"));
    assertEquals(LivingRecord.Status.CHANGED, r.status());
    assertEquals("exclude", r.oldDecision());
  }

  @Test
  void theReviewersDecisionOverridesTheRulesAndCountsAsAChange() {
    PreviousRecord p = earlier("ls-3", "Mentoring", "review", "review: no include block", "run-a");
    LivingRecord r = LivingDecision.decide("run-b", row("ls-3", "Mentoring", "review", "keywords",
        "review: no include block"), p, null, List.of(), new HumanDecision("ls-3", Decision.EXCLUDE, "wrong design"));
    assertEquals("exclude", r.decision());
    assertEquals("human", r.cells().get("stage"));
    assertEquals("wrong design", r.cells().get("reason"));
    assertEquals(LivingRecord.Status.CHANGED, r.status());
    // reviewers' decisions are listed in decisions.csv; the screened files' reviewer columns stay empty
    assertEquals("", r.cells().get("reviewer"));
  }

  @Test
  void aCarriedRecordNeedsTheEarlierRecord() {
    assertThrows(IllegalArgumentException.class, () -> LivingDecision.decide("run-b", null, null, null, List.of(), null));
  }

  @Test
  void typedValuesSurviveTheirCoders() throws Exception {
    PreviousRecord p = earlier("ls-4", "Ünïcode, \"quoted\"\nline", "include", "", "run-a");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PreviousRecord.PreviousRecordCoder.of().encode(p, out);
    PreviousRecord back = PreviousRecord.PreviousRecordCoder.of().decode(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(p, back);
    assertEquals(List.copyOf(p.cells().keySet()), List.copyOf(back.cells().keySet()));

    LivingRecord r = LivingDecision.decide("run-b", row("ls-8", "T", "exclude", "keywords", "x"), p, null,
        List.of(), null);
    out.reset();
    LivingRecord.LivingRecordCoder.of().encode(r, out);
    assertEquals(r, LivingRecord.LivingRecordCoder.of().decode(new ByteArrayInputStream(out.toByteArray())));
  }
}
