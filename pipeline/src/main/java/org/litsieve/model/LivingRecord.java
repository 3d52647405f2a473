package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One record of a step of a living review with every decision about it made: this run's record
 * or one carried forward from the previous run, under its final id (the earlier id when it was
 * seen before), with the reviewers' decision applied, its {@code first_seen} and its status. What
 * the screened files, {@code new-*.csv} and {@code changes.csv} show of it comes from here alone.
 *
 * @param cells column → value of its row in the screened files, the living-review columns
 *     ({@code first_seen}, {@code status}, {@code reviewer}, {@code date}, {@code note}) included;
 *     kept as a read-only view of the map given, which the caller must not change afterwards
 * @param status new (not in the previous run), unchanged or changed (its decision differs from
 *     the previous run's)
 * @param oldDecision the previous run's decision, "" for a new record
 * @param oldReason the previous run's reason, "" for a new record
 */
@DefaultCoder(LivingRecord.LivingRecordCoder.class)
public record LivingRecord(Map<String, String> cells, Status status, String oldDecision, String oldReason) {
  /**
   * The columns a living review adds after the screened files' own: {@code first_seen},
   * {@code status}, and the reviewer columns. Here, beside the cells that hold them, so that the
   * driver's writer (history) and the graph's (output), two stages that may not import each
   * other, write one list.
   */
  public static final List<String> ADDED_COLUMNS = List.of("first_seen", "status", "reviewer", "date", "note");

  /** The columns of {@code changes.csv}: the keys of {@link #changeRow}, in order. */
  public static final List<String> CHANGE_COLUMNS =
      List.of("record_id", "old_decision", "new_decision", "old_reason", "new_reason");

  /** A record's status in a step of a living review: the {@code status} column. */
  public enum Status {
    NEW("new"), UNCHANGED("unchanged"), CHANGED("changed");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The value of the {@code status} column. */
    public String label() {
      return label;
    }
  }

  public LivingRecord {
    if (cells == null || !cells.containsKey("record_id") || !cells.containsKey("decision") || status == null) {
      throw new IllegalArgumentException("a living record needs record_id, decision and status");
    }
    // a read-only view, not a copy: a living update makes one of these per record of the whole
    // history (100,000 and more), and each copy of every row cost CPU the update did not have
    // before; the producers (the readers, LivingDecision, the coder) hand over maps they no
    // longer change
    cells = Collections.unmodifiableMap(cells);
    oldDecision = Codec.nonNull(oldDecision);
    oldReason = Codec.nonNull(oldReason);
  }

  /** The final record id. */
  public String recordId() {
    return cells.get("record_id");
  }

  /** The final decision label: include, review or exclude. */
  public String decision() {
    return cells.get("decision");
  }

  /** The row of {@code changes.csv} for a changed record ({@code record_id, old_/new_decision, old_/new_reason}). */
  public Map<String, String> changeRow() {
    if (status != Status.CHANGED) {
      throw new IllegalStateException("record " + recordId() + " did not change");
    }
    Map<String, String> c = new LinkedHashMap<>();
    c.put("record_id", recordId());
    c.put("old_decision", oldDecision);
    c.put("new_decision", decision());
    c.put("old_reason", oldReason);
    c.put("new_reason", cells.get("reason"));
    return c;
  }

  /** Deterministic coder for {@link LivingRecord}. */
  public static final class LivingRecordCoder extends AtomicCoder<LivingRecord> {
    private static final LivingRecordCoder INSTANCE = new LivingRecordCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link LivingRecord}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(LivingRecord.class), INSTANCE);
    }

    public static LivingRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LivingRecord r, OutputStream out) throws IOException {
      Codec.writeCells(r.cells, out);
      Codec.writeInt(r.status.ordinal(), out);
      Codec.writeString(r.oldDecision, out);
      Codec.writeString(r.oldReason, out);
    }

    @Override
    public LivingRecord decode(InputStream in) throws IOException {
      return new LivingRecord(Codec.readCells(in), Status.values()[Codec.readInt(in)], Codec.readString(in),
          Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
