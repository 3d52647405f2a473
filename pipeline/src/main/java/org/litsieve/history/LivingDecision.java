package org.litsieve.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.ScreenedRecord;

/**
 * The decision of a living review about one record, as a pure function of typed values, so that
 * the same rule serves the driver's {@link LivingUpdate} and a step inside the pipeline: which id
 * the record carries, since when it is known, what the reviewers decided, and whether its decision
 * changed since the previous run.
 *
 * <p>Input: this run's row of the record (the screened files' columns) or none for a record
 * carried forward; the previous run's record it is the same paper as, or none for a new record;
 * for a carried-forward record after a rules change, its re-screened row, or none; the reviewers'
 * decision on its final id, or none.
 *
 * <p>Output: the {@link LivingRecord}: this run's row under the earlier id and {@code first_seen}
 * (a new record keeps its id and is first seen in this run), or the earlier row carried forward
 * with the re-screened decision taken over; the reviewers' decision applied (stage
 * {@code human}); the reviewer columns empty (the reviewers' rows are listed in
 * {@code decisions.csv}); status new, unchanged or changed against the previous run's decision.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} when there is neither this run's row nor
 * an earlier record; nothing else is checked here (the readers checked the rows).
 */
public final class LivingDecision {
  private LivingDecision() {}

  /**
   * Decides one record.
   *
   * @param runId this run's id, the {@code first_seen} of a new record
   * @param current this run's row of the record, or null for a record carried forward
   * @param previous the previous run's record it is, or null for a new record
   * @param rescreened a carried-forward record's row screened again with this run's rules, or null
   * @param columns this run's screened columns: the ones a re-screened row replaces ({@code record_id} never)
   * @param human the reviewers' decision on the record's final id, or null
   */
  public static LivingRecord decide(String runId, Map<String, String> current, PreviousRecord previous,
      Map<String, String> rescreened, List<String> columns, HumanDecision human) {
    Map<String, String> row;
    if (current != null) {
      row = new LinkedHashMap<>(current);
      row.put("first_seen", previous == null ? runId : previous.firstSeen());
      if (previous != null) {
        row.put("record_id", previous.recordId());
      }
    } else if (previous != null) {
      // copied entry by entry: copying the read-only view as a map wraps every entry it visits
      row = new LinkedHashMap<>(previous.cells().size() * 4 / 3 + 8);
      previous.cells().forEach(row::put);
      if (rescreened != null) {
        for (String col : columns) {
          if (!col.equals("record_id") && rescreened.containsKey(col)) {
            row.put(col, rescreened.get(col));
          }
        }
      }
    } else {
      throw new IllegalArgumentException("a record is this run's or the previous run's");
    }
    row.put("reviewer", "");
    row.put("date", "");
    row.put("note", "");
    if (human != null) {
      row.put("stage", ScreenedRecord.STAGE_HUMAN);
      row.put("decision", human.decision().label());
      row.put("reason", human.reason());
    }
    LivingRecord.Status status = previous == null ? LivingRecord.Status.NEW
        : previous.decision().equals(row.get("decision")) ? LivingRecord.Status.UNCHANGED
        : LivingRecord.Status.CHANGED;
    row.put("status", status.label());
    return previous == null ? new LivingRecord(row, status, "", "")
        : new LivingRecord(row, status, previous.decision(), previous.reason());
  }
}
