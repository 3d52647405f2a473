package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never stops a run: each broken file or record is a row in rejected.csv. */
class BadInputTest {
  @Test
  void brokenFilesAndRecordsAreRejectedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.writeString(in.resolve("empty.ris"), "");
    Files.write(in.resolve("picture.ris"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    Files.writeString(in.resolve("unknown.csv"), "just a sentence, not a table\n");
    Files.writeString(in.resolve("records.ris"), String.join("\r\n",
        "TY  - JOUR", "TI  - Peer support worker training in mental health", "AU  - Ames, Ruth",
        "PY  - Spring", "AB  - Peer workers were trained.", "ER  - ", "",
        "TY  - JOUR", "AU  - Untitled, Una", "PY  - 2019", "AB  - No title here.", "ER  - ", "",
        "TY  - JOUR", "TI  - A last record cut off", "AU  - Cut, Carl", "PY  - 2020"));
    Path out = dir.resolve("out");
    CliTest.Result r = CliTest.run("screen", "--rules",
        CliTest.fixtures().resolve("rules.yaml").toString(), "--out", out.toString(), in.toString());
    assertEquals(0, r.code(), r.err());
    List<String> reasons = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(out.resolve("rejected.csv"), StandardCharsets.UTF_8);
        CSVReader csv = new CSVReader(reader)) {
      List<String[]> rows = csv.readAll();
      assertEquals(List.of("source_file", "position", "reason", "excerpt"), List.of(rows.get(0)));
      for (String[] row : rows.subList(1, rows.size())) {
        reasons.add(row[0].replaceAll(".*/", "") + "#" + row[1] + " " + row[2]);
      }
    }
    assertEquals(4, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).startsWith("empty.ris#0 empty file"), reasons.toString());
    assertTrue(reasons.get(1).startsWith("picture.ris#0 binary file"), reasons.toString());
    assertTrue(reasons.get(2).startsWith("records.ris#2 no title (line 8)"), reasons.toString());
    assertTrue(reasons.get(3).startsWith("unknown.csv#0 unknown format (tried: RIS"), reasons.toString());
    // the record with an unreadable year is kept (year unknown); the truncated one has a title, so it is kept too
    String all = Files.readString(out.resolve("included.csv")) + Files.readString(out.resolve("review.csv"))
        + Files.readString(out.resolve("excluded.csv"));
    assertTrue(all.contains("Peer support worker training in mental health"), all);
    assertTrue(all.contains("A last record cut off"), all);
    assertTrue(r.out().contains("identified        2 records in 4 files (4 rejected"), r.out());
  }
}
