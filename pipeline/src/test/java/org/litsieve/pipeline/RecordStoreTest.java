package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.testing.SystemProperty;

/** records.jsonl.gz: whole records survive the round trip, ids are read first, bad lines are named. */
class RecordStoreTest {
  static ScreenedRecord record(String id, String title) {
    BibRecord r = BibRecord.builder(new Provenance("cinahl-ebsco.ris", 3, 41, "AN 123", "CINAHL"))
        .title(title).addAuthor("Ngata, Tui").addAuthor("Müller, K.").year(2019).journal("Psychiatr Serv")
        .journalAbbrev("Psychiatr Serv").volume("70").issue("4").pages("301-9").doi("10.5555/peer.2019.4")
        .pmid("30123456").language("eng").abstractText("Peer workers \"trained\" in recovery coaching;\nsecond line.")
        .keywords(List.of("peer support", "training")).subjectHeadings(List.of("*Peer Group", "Mental Health Services"))
        .publicationTypes(List.of("Journal Article", "Randomized Controlled Trial")).type("JOUR").build();
    return new ScreenedRecord(id, r, Decision.REVIEW, ScreenedRecord.STAGE_KEYWORDS,
        "review: missing include block training",
        List.of(new BlockMatch("peers", List.of(new Hit("subject_headings", "Peer Group", 1, 11)))),
        List.of(new BlockMatch("wellbeing", List.of(new Hit("abstract", "recovery", 30, 38)))));
  }

  @Test
  void aHandOverLineCopiedAsBytesIsStoredAsItsParsedRecordWouldBe(@TempDir Path dir) throws Exception {
    ScreenedRecord s = record("ls-00aa \"quoted\"", "Peer support — Ökonomie ✓");
    byte[] handOver = ("xx" + org.litsieve.output.ReportRecords.line(s)).getBytes(StandardCharsets.UTF_8);
    Path a = dir.resolve("a.jsonl.gz");
    Path b = dir.resolve("b.jsonl.gz");
    try (RecordStore.StoreWriter w = RecordStore.writer(a)) {
      w.add(s, true);
    }
    try (RecordStore.StoreWriter w = RecordStore.writer(b)) {
      w.addHandOverLine(s.recordId(), handOver, 2, handOver.length - 3, true); // without "xx" and the line end
    }
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    List<ScreenedRecord> back = new ArrayList<>();
    RecordStore.forEach(b, (id, line) -> back.add(RecordStore.parse(line)));
    assertEquals(List.of(s), back);
  }

  @Test
  void recordsRoundTripWholeAndTheFileIsTheSameEachTime(@TempDir Path dir) throws Exception {
    List<ScreenedRecord> records = List.of(record("ls-00aa", "Peer support workers: a \"trial\" — Ökonomie"),
        record("ls-00bb", "Second <b>paper</b>"));
    Path a = dir.resolve("a.jsonl.gz");
    Path b = dir.resolve("b.jsonl.gz");
    for (Path p : List.of(a, b)) {
      try (RecordStore.StoreWriter w = RecordStore.writer(p)) {
        w.add(records.get(0), false);
        w.addLine("ls-00bb", RecordStore.line(records.get(1)), true);
        assertEquals(2, w.count());
      }
    }
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "deterministic bytes (no gzip timestamp)");
    List<String> ids = new ArrayList<>();
    List<ScreenedRecord> back = new ArrayList<>();
    RecordStore.forEach(a, (id, line) -> {
      ids.add(id);
      back.add(RecordStore.parse(line));
    });
    assertEquals(List.of("ls-00bb", "ls-00aa"), ids, "the result member first");
    assertEquals(List.of(records.get(1), records.get(0)), back,
        "keywords, headings, publication types, provenance and evidence survive");
  }

  @Test
  void membersAreIndexedAndCopiedByteForByte(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a").resolve(RecordStore.FILE);
    Files.createDirectories(a.getParent());
    int n = 26;
    try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", "8");
        RecordStore.StoreWriter w = RecordStore.writer(a)) {
      for (int i = 0; i < n; i++) {
        w.add(record(String.format("ls-%04d", i), "Paper " + i), i % 10 == 0);
      }
    }
    List<RecordStore.Member> members = RecordStore.index(a);
    assertEquals(List.of(8, 8, 3, 7), members.stream().map(m -> m.ids().size()).toList(),
        "23 other records fill two members of 8; then the 3 results and the other 7");
    assertEquals(List.of("ls-0000", "ls-0010", "ls-0020"), members.get(2).ids());
    List<String> all = new ArrayList<>();
    RecordStore.forEach(a, (id, line) -> all.add(id));
    assertEquals(n, all.size(), "one gzip stream to any reader, over every member");
    assertEquals(members.stream().flatMap(m -> m.ids().stream()).toList(), all, "the index lists the file's ids in order");

    Path b = dir.resolve("b").resolve(RecordStore.FILE);
    Files.createDirectories(b.getParent());
    try (RecordStore.StoreWriter w = RecordStore.writer(b)) {
      w.add(record("ls-new", "A new paper"), false);
      w.copy(a, members.get(1));
    }
    List<RecordStore.Member> copied = RecordStore.index(b);
    assertEquals(members.get(1).ids(), copied.get(0).ids());
    List<String> fromCopy = new ArrayList<>();
    RecordStore.forEach(b, copied.get(0), (id, line) -> fromCopy.add(RecordStore.parse(line).record().title()));
    assertEquals(members.get(1).ids().stream().map(id -> "Paper " + Integer.parseInt(id.substring(3))).toList(), fromCopy);
    List<String> everything = new ArrayList<>();
    RecordStore.forEach(b, (id, line) -> everything.add(id));
    assertEquals(8 + 1, everything.size());
    assertEquals("ls-new", everything.get(everything.size() - 1));

    // an index that does not describe the file is not used
    Files.write(b, new byte[] {0x1f}, java.nio.file.StandardOpenOption.APPEND);
    assertEquals(null, RecordStore.index(b));
    Files.delete(a.resolveSibling(RecordStore.INDEX));
    assertEquals(null, RecordStore.index(a));
  }

  @Test
  void aBrokenLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(RecordStore.FILE);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write((RecordStore.line(record("ls-1", "Fine")) + "\n\n{\"screened\": {}, \"record_id\": \"ls-2\"}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    List<String> seen = new ArrayList<>();
    IOException e = assertThrows(IOException.class, () -> RecordStore.forEach(f, (id, line) -> seen.add(id)));
    assertTrue(e.getMessage().startsWith(f + ":3: not a stored record"), e.getMessage());
    assertEquals(List.of("ls-1"), seen, "lines before the broken one were read");

    Path notGzip = dir.resolve("plain.jsonl.gz");
    Files.writeString(notGzip, RecordStore.line(record("ls-1", "Fine")) + "\n");
    IOException g = assertThrows(IOException.class, () -> RecordStore.forEach(notGzip, (id, line) -> {}));
    assertTrue(g.getMessage().contains("not a gzip file"), g.getMessage());
  }
}
