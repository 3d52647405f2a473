package org.litsieve.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.Decision;
import org.litsieve.model.ScreenedRecord;

/** {@link RunReports} from a hand-over file, and the hand-over's line layout it relies on. */
class RunReportsTest {
  @TempDir
  Path dir;

  private static ScreenedRecord excluded(int i, String stage) {
    ScreenedRecord r = ReportFormatsTest.record("Excluded study " + i, List.of("Ng, A"), 2019, Decision.EXCLUDE,
        List.of());
    return new ScreenedRecord(r.recordId(), r.record(), Decision.EXCLUDE, stage,
        stage.equals(ScreenedRecord.STAGE_KEYWORDS) ? "exclude block: children" : "year outside 1995-2022",
        r.matchedBlocks(), List.of());
  }

  @Test
  void aLineStartsWithWhatHeadReads() throws IOException {
    ScreenedRecord s = ReportFormatsTest.record("Peer training", List.of("Ng, A"), 2019, Decision.INCLUDE,
        List.of("wellbeing"));
    String line = ReportRecords.line(s);
    assertTrue(line.startsWith("{\"recordId\":\"" + s.recordId() + "\",\"decision\":\"INCLUDE\",\"stage\":\"final\","
        + "\"reason\":\"\",\"record\":{"), line);
    assertEquals(new ReportRecords.Head(s.recordId(), Decision.INCLUDE, "final", ""), ReportRecords.head(line));
    assertEquals(s, ReportRecords.parse(line));
  }

  @Test
  void headAndParseReadLinesWrittenInAnotherOrder() throws IOException {
    ScreenedRecord s = excluded(1, ScreenedRecord.STAGE_KEYWORDS);
    String recordFirst = new ObjectMapper().writeValueAsString(s); // the record's own field order
    assertTrue(recordFirst.startsWith("{\"recordId\":\"" + s.recordId() + "\",\"record\":{"), recordFirst);
    assertEquals(new ReportRecords.Head(s.recordId(), Decision.EXCLUDE, "keywords", "exclude block: children"),
        ReportRecords.head(recordFirst));
    assertEquals(s, ReportRecords.parse(recordFirst));
    assertThrows(IOException.class, () -> ReportRecords.head("{\"recordId\":\"x\",\"decision\":\"INCLUDE\"}"));
  }

  @Test
  void linesAreHandedOnAsBytesWhateverTheirLengthAndLineEnds() throws IOException {
    ScreenedRecord longOne = ReportFormatsTest.record("Ökonomie ✓ " + "peer ".repeat(400_000), List.of("Ng, A"),
        2019, Decision.INCLUDE, List.of()); // a line of about 2 MB: longer than the read buffer
    String[] lines = {ReportRecords.line(excluded(1, ScreenedRecord.STAGE_KEYWORDS)).strip(),
        ReportRecords.line(longOne).strip(), ReportRecords.line(excluded(2, ScreenedRecord.STAGE_KEYWORDS)).strip()};
    // CRLF, a blank line, white space only, and no line end at the end
    String text = lines[0] + "\r\n\n" + lines[1] + "\n \t\n" + lines[2];
    Files.writeString(dir.resolve("h.jsonl"), text);
    List<String> seen = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    ReportRecords.forEachLine(dir.resolve("h.jsonl"), (n, bytes, from, length) -> {
      numbers.add(n);
      seen.add(new String(bytes, from, length, StandardCharsets.UTF_8));
    });
    assertEquals(List.of(lines[0], lines[1], lines[2]), seen);
    assertEquals(List.of(1, 3, 5), numbers);
    List<ScreenedRecord> parsed = new ArrayList<>();
    ReportRecords.forEach(dir.resolve("h.jsonl"), i -> i == 1, parsed::add);
    assertEquals(List.of(longOne), parsed, "only the second record is parsed");
  }

  @Test
  void theQueuesRanksComeOnTheReportsRecords() throws IOException {
    ScreenedRecord queued = ReportFormatsTest.record("A queued peer study", List.of("Ruiz, C"), 2020,
        Decision.REVIEW, List.of());
    ScreenedRecord unranked = ReportFormatsTest.record("Another queued study", List.of("Ng, A"), 2021,
        Decision.REVIEW, List.of());
    String line = ReportRecords.line(queued, "7", "0.8125");
    assertEquals(queued, ReportRecords.parse(line), "the record reads back as it was");
    assertEquals(ReportRecords.head(ReportRecords.line(queued)), ReportRecords.head(line));
    byte[] bytes = line.strip().getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("7", "0.8125"), List.of(ReportRecords.rank(bytes, 0, bytes.length)));
    byte[] plain = ReportRecords.line(unranked).strip().getBytes(StandardCharsets.UTF_8);
    assertEquals(null, ReportRecords.rank(plain, 0, plain.length));

    try (Writer w = Files.newBufferedWriter(dir.resolve(ReportRecords.FILE), StandardCharsets.UTF_8)) {
      w.write(line);
      w.write(ReportRecords.line(unranked));
    }
    Map<String, Long> counters = new HashMap<>();
    counters.put(Prisma.IDENTIFIED + "a.ris", 2L);
    counters.put(Prisma.SCREENED, 2L);
    counters.put(Prisma.REVIEW, 2L);
    ReportContext ctx = new ReportContext("0.1.0", "rules", "rules.yaml", "ab".repeat(32), List.of("peers"),
        List.of(), List.of(), List.of(Map.of("path", "a.ris", "records", 2)));
    // the ranks handed in memory hold none of the queue (it is too large for that channel)
    RunReports.write(dir, ctx, new ObjectMapper().readTree(WriteOutputs.json(Prisma.document(counters))),
        new RunReports.RankedQueue(Map.of(), List.of(), 0));
    String html = Files.readString(dir.resolve(RunReports.REPORT_HTML));
    assertTrue(html.contains("\"rank\":7") && html.contains("\"relevance\":\"0.8125\""), "the rank on the line is shown");
    assertTrue(html.contains("\"rank\":null"), "a record without one has none");
  }

  @Test
  void recordsPastThePageStillReachTheBibtexAndTagFiles() throws IOException {
    // more keyword exclusions than the page holds, an eligibility exclusion, then included records
    int pageRows = ReportHtml.MAX_TABLE_ROWS;
    ScreenedRecord lateInclude = ReportFormatsTest.record("A late peer training study", List.of("Okafor, B"), 2021,
        Decision.INCLUDE, List.of("wellbeing"));
    ScreenedRecord lateReview = ReportFormatsTest.record("A late peer study", List.of("Ruiz, C"), 2020,
        Decision.REVIEW, List.of("wellbeing"));
    try (Writer w = Files.newBufferedWriter(dir.resolve(ReportRecords.FILE), StandardCharsets.UTF_8)) {
      for (int i = 0; i < pageRows + 2; i++) {
        w.write(ReportRecords.line(excluded(i, ScreenedRecord.STAGE_KEYWORDS)));
      }
      w.write(ReportRecords.line(excluded(-1, ScreenedRecord.STAGE_ELIGIBILITY)));
      w.write(ReportRecords.line(lateInclude));
      w.write(ReportRecords.line(lateReview));
    }
    Map<String, Long> counters = new HashMap<>();
    counters.put(Prisma.IDENTIFIED + "a.ris", pageRows + 5L);
    counters.put(Prisma.SCREENED, pageRows + 5L);
    counters.put(Prisma.INCLUDED, 1L);
    counters.put(Prisma.REVIEW, 1L);
    counters.put(Prisma.EXCLUDED + "exclude block: children", pageRows + 2L);
    counters.put(Prisma.EXCLUDED + "year outside 1995-2022", 1L);
    Files.writeString(dir.resolve(WriteOutputs.PRISMA_JSON), WriteOutputs.json(Prisma.document(counters)));
    ReportContext ctx = new ReportContext("0.1.0", "rules", "rules.yaml", "ab".repeat(32), List.of("peers"),
        List.of("children"), List.of("wellbeing"), List.of(Map.of("path", "a.ris", "records", pageRows + 5)));

    RunReports.write(dir, ctx);

    String bib = Files.readString(dir.resolve(RunReports.INCLUDED_BIB));
    assertEquals(1, bib.lines().filter(l -> l.startsWith("@")).count(), bib);
    assertTrue(bib.contains("A late peer training study"), bib);
    String tags = Files.readString(dir.resolve(RunReports.TAGS_CSV));
    assertTrue(tags.contains("wellbeing,2,"), tags);
    assertTrue(tags.contains(lateInclude.recordId()) && tags.contains(lateReview.recordId()), tags);
    String html = Files.readString(dir.resolve(RunReports.REPORT_HTML));
    // shown: the keyword exclusions, the include and the review; not the eligibility exclusion
    assertTrue(html.contains("the first " + pageRows + " of " + (pageRows + 4)), "the page counts every shown record");
    assertFalse(Files.exists(dir.resolve(ReportRecords.FILE)), "the hand-over is removed");
  }

  @Test
  void aBrokenLinePastThePageIsStillReportedWithItsLineNumber() throws IOException {
    try (Writer w = Files.newBufferedWriter(dir.resolve(ReportRecords.FILE), StandardCharsets.UTF_8)) {
      w.write(ReportRecords.line(excluded(1, ScreenedRecord.STAGE_KEYWORDS)));
      w.write("{\"recordId\":\"ls-x\",\"decision\":\"MAYBE\",\"stage\":\"keywords\",\"reason\":\"\"}\n");
    }
    Files.writeString(dir.resolve(WriteOutputs.PRISMA_JSON), WriteOutputs.json(Prisma.document(Map.of())));
    ReportContext ctx = new ReportContext("0.1.0", "rules", "rules.yaml", "ab".repeat(32), List.of("peers"),
        List.of(), List.of(), List.of());
    IOException e = assertThrows(IOException.class, () -> RunReports.write(dir, ctx));
    assertTrue(e.getMessage().contains(ReportRecords.FILE + ":2: not a screened record"), e.getMessage());
  }
}
