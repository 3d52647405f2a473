package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One record of the previous run of a living review, as that run's screened files give it: the
 * input the living review matches this run's records against and carries forward.
 *
 * <p>The cells are kept whole, in the file's column order, because a record carried forward is
 * written again as it was (columns a newer version added are empty); the accessors name the cells
 * the decisions read. The decision stays the label as written ({@code include}, {@code review},
 * {@code exclude}), so the status of a record compares exactly what the earlier file said.
 *
 * @param cells column → value of the row, in file order; {@code record_id}, {@code decision} and
 *     {@code first_seen} present (the reader fills {@code first_seen} of rows made before living
 *     reviews with that run's id); kept as a read-only view of the map given, which the caller
 *     must not change afterwards
 */
@DefaultCoder(PreviousRecord.PreviousRecordCoder.class)
public record PreviousRecord(Map<String, String> cells) {
  public PreviousRecord {
    if (cells == null || !cells.containsKey("record_id") || !cells.containsKey("decision")) {
      throw new IllegalArgumentException("a previous record needs record_id and decision");
    }
    // a read-only view, not a copy: a living update makes one of these per record of the whole
    // history (100,000 and more), and each copy of every row cost CPU the update did not have
    // before; the producers (the readers, LivingDecision, the coder) hand over maps they no
    // longer change
    cells = Collections.unmodifiableMap(cells);
  }

  /** The record id it carries, under which the reviewers' decisions were made. */
  public String recordId() {
    return cells.get("record_id");
  }

  /** The decision label of the previous run's files. */
  public String decision() {
    return cells.get("decision");
  }

  /** The previous run's reason, or "" when its files had none. */
  public String reason() {
    return cells.getOrDefault("reason", "");
  }

  /** The run that first saw the record. */
  public String firstSeen() {
    return cells.get("first_seen");
  }

  /** The cell of {@code column}, or "" when the previous run's files had no such column. */
  public String cell(String column) {
    return cells.getOrDefault(column, "");
  }

  /** Deterministic coder for {@link PreviousRecord}. */
  public static final class PreviousRecordCoder extends AtomicCoder<PreviousRecord> {
    private static final PreviousRecordCoder INSTANCE = new PreviousRecordCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link PreviousRecord}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(PreviousRecord.class), INSTANCE);
    }

    public static PreviousRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PreviousRecord p, OutputStream out) throws IOException {
      Codec.writeCells(p.cells, out);
    }

    @Override
    public PreviousRecord decode(InputStream in) throws IOException {
      return new PreviousRecord(Codec.readCells(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
