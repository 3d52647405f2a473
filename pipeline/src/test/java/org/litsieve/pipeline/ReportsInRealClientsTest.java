package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.CsvCells;
import org.litsieve.rules.RulesLoader;

/**
 * The Quick start run's reports, checked in the programs people open them with: report.html in
 * headless Chromium (through puppeteer-core), and included.ris and included.bib through
 * citation-js's RIS and BibTeX parsers. Expected values come from the run's own CSV and JSON files.
 * Needs Node.js, {@code npm ci} in {@code pipeline/src/test/js}, and Chromium; skipped without them
 * (failed under {@code -Dlitsieve.requireAll=true}, as CI runs).
 */
class ReportsInRealClientsTest {
  @TempDir static Path tmp;
  static Path out;
  static JsonNode prisma;
  static List<Map<String, String>> included;
  static List<Map<String, String>> review;

  @BeforeAll
  static void runOnce() throws Exception {
    Path root = JsTools.root();
    out = tmp.resolve("out");
    ScreeningPipeline.run(RulesLoader.load(root.resolve("screening-rules/lle-training.yaml")),
        InputFiles.resolve(List.of(root.resolve("sample-data").toString())), out,
        List.of("--targetParallelism=2"), Map.of());
    prisma = new ObjectMapper().readTree(out.resolve("prisma.json").toFile());
    included = csv(out.resolve("included.csv"));
    review = csv(out.resolve("review.csv"));
  }

  static List<Map<String, String>> csv(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file); CSVReader csv = new CSVReader(r)) {
      List<String[]> rows = csv.readAll();
      List<Map<String, String>> out = new ArrayList<>();
      for (String[] row : rows.subList(1, rows.size())) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
          m.put(rows.get(0)[i], CsvCells.restore(row[i]));
        }
        out.add(m);
      }
      return out;
    }
  }

  @Test
  void theRunWritesEveryReportAndNoHandOverFile() throws Exception {
    for (String f : new String[] {"prisma.svg", "prisma.csv", "report.html", "included.ris", "included.bib", "tags.csv"}) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    assertFalse(Files.exists(out.resolve(".report-records.jsonl")), "the hand-over file is removed");
  }

  @Test
  void aSecondRunWritesByteIdenticalReports() throws Exception {
    Path again = tmp.resolve("again");
    Path root = JsTools.root();
    ScreeningPipeline.run(RulesLoader.load(root.resolve("screening-rules/lle-training.yaml")),
        InputFiles.resolve(List.of(root.resolve("sample-data").toString())), again,
        List.of("--targetParallelism=1"), Map.of());
    for (String f : new String[] {"prisma.svg", "prisma.csv", "report.html", "included.bib", "tags.csv", "included.ris"}) {
      assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void reportRendersAndFiltersInChromium() throws Exception {
    JsTools.requireChromium();
    JsTools.requireNodeModules("puppeteer-core");
    Path shots = JsTools.screenshots();
    JsonNode f = JsTools.run("check-report.mjs", out.resolve("report.html").toString(), shots.toString());

    assertEquals(0, f.get("pageErrors").size(), f.get("pageErrors").toString());
    assertEquals(0, f.get("consoleErrors").size(), f.get("consoleErrors").toString());
    assertEquals(0, f.get("otherRequests").size(), "the page loads nothing: " + f.get("otherRequests"));

    long inc = prisma.get("included").asLong();
    long rev = prisma.get("review").asLong();
    // flow diagram: drawn, with the run's counts in its boxes
    JsonNode flow = f.get("flow");
    assertTrue(flow.get("width").asDouble() > 400 && flow.get("height").asDouble() > 300, flow.toString());
    assertEquals(6, flow.get("boxes").asInt());
    assertTrue(flow.get("included").asText().replace('\u00a0', ' ').contains("(n = " + inc + ")"), flow.toString());
    assertTrue(flow.get("review").asText().replace('\u00a0', ' ').contains("(n = " + rev + ")"), flow.toString());
    assertTrue(flow.get("identified").asText().replace('\u00a0', ' ')
        .contains("(n = " + prisma.get("identified").get("total").asLong() + ")"));

    // tag chart: one bar per row of tags.csv, widths in proportion, labels with the counts
    List<Map<String, String>> tags = csv(out.resolve("tags.csv"));
    JsonNode chart = f.get("chart");
    assertEquals(tags.stream().map(t -> t.get("tag")).toList(), texts(chart, "tag"));
    double top = chart.get(0).get("width").asDouble();
    assertTrue(top > 100, "the biggest bar is drawn");
    for (int i = 0; i < tags.size(); i++) {
      long count = Long.parseLong(tags.get(i).get("count"));
      double expected = top * count / Long.parseLong(tags.get(0).get("count"));
      assertEquals(expected, chart.get(i).get("width").asDouble(), 2.0, tags.get(i).get("tag"));
      assertTrue(chart.get(i).get("label").asText().startsWith(count + " ("));
    }

    // exclusion reasons table: one row per reason with its count
    Map<String, Long> reasons = new HashMap<>();
    f.get("reasonRows").forEach(r -> reasons.put(r.get(1).asText(), r.get(2).asLong()));
    Map<String, Long> expectedReasons = new HashMap<>();
    prisma.get("excluded").get("by_reason").fields().forEachRemaining(e -> expectedReasons.put(e.getKey(), e.getValue().asLong()));
    assertEquals(expectedReasons, reasons);

    // table: included and review by default, 50 to a page
    assertEquals(inc + rev, f.get("initial").get("matching").asLong());
    assertEquals(Math.min(50, inc + rev), f.get("initial").get("rows").size());
    // decision filter
    Map<String, Long> byDecision = new HashMap<>();
    for (JsonNode d : f.get("byDecision")) {
      String v = d.get("value").asText();
      byDecision.put(v, d.get("matching").asLong());
      if (!v.equals("*")) {
        d.get("rows").forEach(r -> assertEquals(v, r.get("decision").asText()));
      }
    }
    assertEquals(inc, byDecision.get("include"));
    assertEquals(rev, byDecision.get("review"));
    long keywordExclusions = prisma.get("excluded").get("by_stage").get("keywords").asLong();
    assertEquals(keywordExclusions, byDecision.get("exclude"));
    assertEquals(inc + rev + keywordExclusions, byDecision.get("*"));
    // tag filter: the tag's count from tags.csv, every row carries it
    JsonNode byTag = f.get("byTag");
    String tag = byTag.get("value").asText();
    assertEquals(tags.stream().filter(t -> t.get("tag").equals(tag)).findFirst().orElseThrow().get("count"),
        byTag.get("matching").asText());
    byTag.get("rows").forEach(r -> assertTrue(r.get("tags").toString().contains("\"" + tag + "\""), r.toString()));
    // reason filter: as many as the CSVs hold with that reason
    JsonNode byReason = f.get("byReason");
    String reason = byReason.get("value").asText();
    long withReason = java.util.stream.Stream.concat(included.stream(), review.stream())
        .filter(r -> r.get("reason").equals(reason)).count();
    assertTrue(withReason > 0, "the test picks a reason that review records have: " + reason);
    assertEquals(withReason, byReason.get("matching").asLong());
    byReason.get("rows").forEach(r -> assertEquals(reason, r.get("reason").asText()));
    // source filter: as many as the CSVs list with that source file
    JsonNode bySource = f.get("bySource");
    String source = bySource.get("value").asText();
    long fromSource = java.util.stream.Stream.concat(included.stream(), review.stream())
        .filter(r -> List.of(r.get("sources").split(";")).contains(source)).count();
    assertTrue(fromSource > 0);
    assertEquals(fromSource, bySource.get("matching").asLong());
    // text search by record id
    assertEquals(1, f.get("byText").get("matching").asInt());
    assertEquals(f.get("byText").get("value").asText(), f.get("byText").get("rows").get(0).get("id").asText());
    // sorting by year
    List<Integer> asc = new ArrayList<>();
    f.get("sortedYearAsc").forEach(y -> asc.add(y.asText().isEmpty() ? 0 : y.asInt()));
    assertEquals(asc.stream().sorted().toList(), asc);
    List<Integer> desc = new ArrayList<>();
    f.get("sortedYearDesc").forEach(y -> desc.add(y.asText().isEmpty() ? 0 : y.asInt()));
    assertEquals(desc.stream().sorted(java.util.Comparator.reverseOrder()).toList(), desc);
    // paging
    assertEquals(25, f.get("paging").get("first").size());
    assertNotEquals(f.get("paging").get("first"), f.get("paging").get("second"));
    assertTrue(f.get("paging").get("info").asText().startsWith("Page 2 of "));

    // an opened included record: include-block highlights in green, provenance rows
    JsonNode opened = f.get("openedIncluded");
    assertTrue(opened.get("includeMarks").size() > 0, "a highlight appears: " + opened);
    assertEquals(0, opened.get("excludeMarks").size());
    assertEquals("rgb(201, 240, 207)", opened.get("includeColour").asText());
    assertTrue(opened.get("provenanceRows").asInt() >= 1);
    // an opened keyword exclusion: the exclude block's words in red
    JsonNode excluded = f.get("openedExcluded");
    assertNotNull(excluded, "keyword exclusions are in the report");
    assertTrue(excluded.get("excludeMarks").size() > 0, excluded.toString());
    assertEquals("rgb(255, 208, 204)", excluded.get("excludeColour").asText());

    for (String shot : new String[] {"report-top.png", "report-record.png", "report-flow.png", "report-full.png"}) {
      assertTrue(Files.size(shots.resolve(shot)) > 10_000, shot);
    }
  }

  static final class Expected {
    final String title;
    final List<String[]> authors = new ArrayList<>();
    final int year;
    final String doi;
    final List<String> tags;

    Expected(Map<String, String> row) {
      title = row.get("title");
      for (String a : row.get("authors").split("; ")) {
        if (!a.isBlank()) {
          int comma = a.indexOf(',');
          authors.add(comma < 0 ? new String[] {a.strip(), ""}
              : new String[] {a.substring(0, comma).strip(), a.substring(comma + 1).strip()});
        }
      }
      year = row.get("year").isEmpty() ? 0 : Integer.parseInt(row.get("year"));
      doi = row.get("doi");
      tags = row.get("outcome_tags").isEmpty() ? List.of() : List.of(row.get("outcome_tags").split(";"));
    }
  }

  static void assertArrivesIntact(String format, List<Map<String, String>> rows, JsonNode parsed) {
    assertEquals(rows.size(), parsed.size(), format + ": every record arrives");
    for (int i = 0; i < rows.size(); i++) {
      Expected e = new Expected(rows.get(i));
      JsonNode p = parsed.get(i);
      String where = format + " record " + (i + 1) + " (" + rows.get(i).get("record_id") + ")";
      assertEquals(e.title.replaceAll("\\s+", " ").strip(), p.get("title").asText(), where + ": title");
      List<String> gotAuthors = new ArrayList<>();
      p.get("authors").forEach(a -> gotAuthors.add(a.has("literal") ? a.get("literal").asText() + "|"
          : a.get("family").asText() + "|" + a.get("given").asText()));
      assertEquals(e.authors.stream().map(a -> a[0] + "|" + a[1]).toList(), gotAuthors, where + ": authors");
      assertEquals(e.year, p.get("year").isNull() ? 0 : p.get("year").asInt(), where + ": year");
      assertEquals(e.doi, p.get("doi").asText().toLowerCase(java.util.Locale.ROOT), where + ": DOI");
      List<String> keywords = new ArrayList<>();
      p.get("keywords").forEach(k -> keywords.add(k.asText()));
      for (String t : e.tags) {
        assertTrue(keywords.contains("litsieve:" + t), where + ": tag " + t + " in " + keywords);
      }
      assertTrue(p.get("note").asText().contains("record id: " + rows.get(i).get("record_id")), where + ": note");
    }
  }

  @Test
  void risAndBibtexArriveIntactInCitationJs() throws Exception {
    JsTools.requireNodeModules("@citation-js/core", "@citation-js/plugin-ris", "@citation-js/plugin-bibtex");
    JsonNode parsed = JsTools.run("roundtrip.mjs", out.resolve("included.ris").toString(),
        out.resolve("included.bib").toString());
    assertTrue(included.size() > 10);
    assertArrivesIntact("RIS", included, parsed.get("ris"));
    assertArrivesIntact("BibTeX", included, parsed.get("bib"));
  }
}
