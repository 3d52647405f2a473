package org.litsieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * {@link PreviousRecord.SameColumnsCoder} gives back every record as written, cells and column
 * order included, whether a record has the first record's columns or others (fewer, more, another
 * order); a null cell comes back empty, as with the single record's coder; and records with the
 * same columns cost their names once.
 */
class PreviousRecordCoderTest {
  private static PreviousRecord row(String id, String... more) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("record_id", id);
    cells.put("decision", "include");
    for (int i = 0; i + 1 < more.length; i += 2) {
      cells.put(more[i], more[i + 1]);
    }
    return new PreviousRecord(cells);
  }

  private static List<PreviousRecord> roundTrip(List<PreviousRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PreviousRecord.SameColumnsCoder.of().encode(records, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    List<PreviousRecord> read = PreviousRecord.SameColumnsCoder.of().decode(in);
    assertEquals(-1, in.read(), "nothing left over");
    return read;
  }

  @Test
  void recordsReadBackAsWrittenWhateverTheirColumns() throws IOException {
    Map<String, String> withNull = new LinkedHashMap<>(row("r3", "title", "T", "abstract", "x").cells());
    withNull.put("abstract", null);
    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("decision", "exclude");
    reordered.put("record_id", "r5");
    reordered.put("title", "Müller–Ødegård 研究");
    reordered.put("abstract", "");
    List<PreviousRecord> records = List.of(
        row("r1", "title", "A title", "abstract", "Some words"),
        row("r2", "title", "", "abstract", "More words"),
        new PreviousRecord(withNull),
        row("r4", "title", "Fewer columns"),
        new PreviousRecord(reordered),
        row("r6", "title", "More", "abstract", "columns", "first_seen", "run-1"),
        row("r7", "title", "Back to the first", "abstract", "columns"));
    List<PreviousRecord> read = roundTrip(records);
    List<List<String>> expected = new ArrayList<>();
    List<List<String>> got = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, String> cells = new LinkedHashMap<>(records.get(i).cells());
      cells.replaceAll((k, v) -> v == null ? "" : v);
      expected.add(new ArrayList<>(cells.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      got.add(new ArrayList<>(read.get(i).cells().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    assertEquals(expected, got);
    assertEquals(List.of(), roundTrip(List.of()));
  }

  @Test
  void recordsWithTheSameColumnsShareTheirNames() throws IOException {
    List<PreviousRecord> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(row("r" + i, "title", "t" + i, "a_rather_long_column_name_for_the_abstract", "w"));
    }
    byte[] together = CoderUtils.encodeToByteArray(PreviousRecord.SameColumnsCoder.of(), records);
    long alone = 0;
    for (PreviousRecord r : records) {
      alone += CoderUtils.encodeToByteArray(PreviousRecord.PreviousRecordCoder.of(), r).length;
    }
    assertTrue(together.length * 2 < alone, together.length + " bytes together, " + alone + " alone");
    List<PreviousRecord> read = CoderUtils.decodeFromByteArray(PreviousRecord.SameColumnsCoder.of(), together);
    Map<String, String> names = new HashMap<>();
    for (PreviousRecord r : read) {
      for (String column : r.cells().keySet()) {
        assertSame(names.computeIfAbsent(column, c -> column), column);
      }
    }
    assertEquals(records.size(), read.size());
  }
}
