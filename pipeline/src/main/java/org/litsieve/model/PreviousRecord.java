package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.util.VarInt;

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

  /**
   * The same record with only the cells of {@code columns} that it has, in that order: what a step
   * that carries or holds rows needs of them (the rest, the abstract above all, stays behind).
   * {@code columns} must name {@code record_id} and {@code decision}.
   */
  public PreviousRecord keeping(List<String> columns) {
    Map<String, String> kept = new LinkedHashMap<>(columns.size() * 2);
    for (String c : columns) {
      String v = cells.get(c);
      if (v != null) {
        kept.put(c, v);
      }
    }
    return new PreviousRecord(kept);
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

  /**
   * Deterministic coder for records that mostly share their columns, as the rows of one file do:
   * the first record's columns once, then each record's values in that order; a record with other
   * columns is written whole. Decoded records share the column names.
   *
   * <p>Why: a record written whole repeats its twenty-odd column names, about half of its bytes
   * when the abstract is short, and the history (100,000 records and more) is encoded again by
   * every step that groups it or holds it back (docs/performance.md, eighth session).
   */
  public static final class SameColumnsCoder extends AtomicCoder<List<PreviousRecord>> {
    private static final SameColumnsCoder INSTANCE = new SameColumnsCoder();
    private static final int SAME = 0;
    private static final int OTHER = 1;

    public static SameColumnsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(List<PreviousRecord> records, OutputStream out) throws IOException {
      VarInt.encode(records.size(), out);
      List<String> columns = records.isEmpty() ? List.of() : new ArrayList<>(records.get(0).cells.keySet());
      Codec.writeStrings(columns, out);
      for (PreviousRecord r : records) {
        if (hasColumns(r.cells, columns)) {
          out.write(SAME);
          for (String value : r.cells.values()) {
            Codec.writeString(Codec.nonNull(value), out);
          }
        } else {
          out.write(OTHER);
          Codec.writeCells(r.cells, out);
        }
      }
    }

    @Override
    public List<PreviousRecord> decode(InputStream in) throws IOException {
      int n = VarInt.decodeInt(in);
      List<String> columns = Codec.readStrings(in);
      List<PreviousRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int kind = in.read();
        if (kind == SAME) {
          Map<String, String> cells = new LinkedHashMap<>(columns.size() * 4 / 3 + 1);
          for (String column : columns) {
            cells.put(column, Codec.readString(in));
          }
          records.add(new PreviousRecord(cells));
        } else if (kind == OTHER) {
          records.add(new PreviousRecord(Codec.readCells(in)));
        } else {
          throw new IOException("not a previous record: kind " + kind);
        }
      }
      return records;
    }

    private static boolean hasColumns(Map<String, String> cells, List<String> columns) {
      if (cells.size() != columns.size()) {
        return false;
      }
      Iterator<String> names = cells.keySet().iterator();
      for (String column : columns) {
        if (!column.equals(names.next())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
