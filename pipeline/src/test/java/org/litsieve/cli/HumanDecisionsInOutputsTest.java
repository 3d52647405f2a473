package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.history.CsvTable;

/**
 * Reviewers' decisions reach every output, not only the CSV files: a record reviewers include
 * appears in included.ris, included.bib, tags.csv and report.html as included (stage human), and a
 * record they exclude leaves them (and shows in the report as excluded by reviewers, with their
 * reason); prisma.json, prisma.svg and prisma.csv count the reviewers' decisions alike.
 */
class HumanDecisionsInOutputsTest {
  static final Pattern RECORD_ID = Pattern.compile("record id: (ls-[0-9a-f]+)");

  static Set<String> ids(Path run, String csv) throws Exception {
    Set<String> ids = new HashSet<>();
    CsvTable.read(run.resolve(csv)).rows().forEach(r -> ids.add(r.get("record_id")));
    return ids;
  }

  /** The record ids named in the notes of included.ris or included.bib. */
  static Set<String> notedIds(Path file) throws Exception {
    Set<String> ids = new HashSet<>();
    Matcher m = RECORD_ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), "listed twice: " + m.group(1));
    }
    return ids;
  }

  /** report.html's embedded records by id. */
  static Map<String, JsonNode> reportRecords(Path run) throws Exception {
    String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?s)<script type=\"application/json\" id=\"litsieve-data\">(.*?)</script>").matcher(html);
    assertTrue(m.find(), "report.html has its data");
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(m.group(1)).get("records")) {
      out.put(r.get("id").asText(), r);
    }
    return out;
  }

  /** The included outputs hold exactly the records of included.csv (and the tags, those of included and review). */
  static void assertOutputsAgreeWithCsv(Path run) throws Exception {
    Set<String> included = ids(run, "included.csv");
    Set<String> review = ids(run, "review.csv");
    assertEquals(included, notedIds(run.resolve("included.ris")), "included.ris = included.csv");
    assertEquals(included, notedIds(run.resolve("included.bib")), "included.bib = included.csv");
    for (Map<String, String> t : CsvTable.read(run.resolve("tags.csv")).rows()) {
      List<String> tagged = t.get("record_ids").isEmpty() ? List.of() : List.of(t.get("record_ids").split(";"));
      assertEquals(tagged.stream().filter(included::contains).count(), Long.parseLong(t.get("included")), t.toString());
      assertEquals(tagged.stream().filter(review::contains).count(), Long.parseLong(t.get("review")), t.toString());
      assertEquals(tagged.size(), Long.parseLong(t.get("included")) + Long.parseLong(t.get("review")), t.toString());
    }
    Map<String, JsonNode> report = reportRecords(run);
    for (String id : included) {
      assertEquals("include", report.get(id).get("decision").asText(), id);
    }
    for (String id : review) {
      assertEquals("review", report.get(id).get("decision").asText(), id);
    }
  }

  static String svgText(Path run) throws Exception {
    return Files.readString(run.resolve("prisma.svg")).replace('\u00a0', ' ').replaceAll("<[^>]+>", " ")
        .replaceAll("\\s+", " ").replace("&#39;", "'").replace("&apos;", "'");
  }

  @Test
  void aRecordOverriddenEachWayMovesInEveryOutput(@TempDir Path dir) throws Exception {
    Path rules = LivingReviewSequenceTest.rules();
    Path pubmed = LivingReviewSequenceTest.sample("pubmed.nbib");
    Path run1 = dir.resolve("run1");
    assertEquals(0, CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", run1.toString(),
        pubmed.toString()).code());
    assertOutputsAgreeWithCsv(run1);

    List<Map<String, String>> included = CsvTable.read(run1.resolve("included.csv")).rows();
    List<Map<String, String>> review = CsvTable.read(run1.resolve("review.csv")).rows();
    List<Map<String, String>> excluded = CsvTable.read(run1.resolve("excluded.csv")).rows();
    String includedToExcluded = included.stream().filter(r -> !r.get("outcome_tags").isEmpty()).findFirst()
        .orElse(included.get(0)).get("record_id");
    String reviewToIncluded = review.stream().filter(r -> !r.get("outcome_tags").isEmpty()).findFirst()
        .orElse(review.get(0)).get("record_id");
    String excludedToIncluded = excluded.stream().filter(r -> r.get("stage").equals("eligibility")).findFirst()
        .orElseThrow().get("record_id");
    assertTrue(reportRecords(run1).containsKey(includedToExcluded));
    assertFalse(reportRecords(run1).containsKey(excludedToIncluded), "eligibility exclusions are not in the report");
    Path decisions = dir.resolve("decisions.csv");
    Files.writeString(decisions, "record_id,decision,reason,reviewer,date,note\n"
        + includedToExcluded + ",exclude,protocol only,alice,2026-03-01,\n"
        + reviewToIncluded + ",include,trains peer workers,alice,2026-03-01,\n"
        + excludedToIncluded + ",include,year misread in the export,alice,2026-03-01,\n");

    // with --previous: the decisions are on records of the previous version
    Path run2 = dir.resolve("run2");
    CliTest.Result r2 = CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", run2.toString(),
        "--previous", run1.toString(), "--decisions", decisions.toString(), pubmed.toString());
    assertEquals(0, r2.code(), r2.err());
    assertOutputsAgreeWithCsv(run2);
    Set<String> ris = notedIds(run2.resolve("included.ris"));
    assertTrue(ris.contains(reviewToIncluded) && ris.contains(excludedToIncluded), "reviewers' includes are in included.ris");
    assertFalse(ris.contains(includedToExcluded), "a reviewer's exclusion leaves included.ris");
    assertFalse(notedIds(run2.resolve("included.bib")).contains(includedToExcluded));
    String risText = Files.readString(run2.resolve("included.ris"));
    assertTrue(risText.contains("reason: year misread in the export; "), "the reviewers' reason is in the RIS note");
    for (Map<String, String> t : CsvTable.read(run2.resolve("tags.csv")).rows()) {
      assertFalse(t.get("record_ids").contains(includedToExcluded), t.toString());
    }
    Map<String, JsonNode> report = reportRecords(run2);
    JsonNode out = report.get(includedToExcluded);
    assertNotNull(out, "a record reviewers excluded is shown in the report, as excluded");
    assertEquals(List.of("exclude", "human", "protocol only"),
        List.of(out.get("decision").asText(), out.get("stage").asText(), out.get("reason").asText()));
    JsonNode in = report.get(excludedToIncluded);
    assertEquals(List.of("include", "human", "year misread in the export"),
        List.of(in.get("decision").asText(), in.get("stage").asText(), in.get("reason").asText()));
    assertEquals("include", report.get(reviewToIncluded).get("decision").asText());

    // without --previous every record is new, so the decisions count in this run's PRISMA flow
    Path run3 = dir.resolve("run3");
    CliTest.Result r3 = CliTest.run("screen", "-q", "--rules", rules.toString(), "--out", run3.toString(),
        "--decisions", decisions.toString(), pubmed.toString());
    assertEquals(0, r3.code(), r3.err());
    assertOutputsAgreeWithCsv(run3);
    // a first run takes its own path through the living step (hand-over lines kept as they are
    // unless a decision changed them): the decided records still move in every output
    Set<String> ris3 = notedIds(run3.resolve("included.ris"));
    assertTrue(ris3.contains(reviewToIncluded) && ris3.contains(excludedToIncluded), ris3.toString());
    assertFalse(ris3.contains(includedToExcluded), "a reviewer's exclusion leaves included.ris on a first run");
    assertTrue(Files.readString(run3.resolve("included.ris")).contains("reason: year misread in the export; "));
    Map<String, JsonNode> report3 = reportRecords(run3);
    assertEquals(List.of("exclude", "human", "protocol only"), List.of(report3.get(includedToExcluded).get("decision")
        .asText(), report3.get(includedToExcluded).get("stage").asText(), report3.get(includedToExcluded).get("reason").asText()));
    assertEquals(List.of("include", "human", "year misread in the export"), List.of(report3.get(excludedToIncluded)
        .get("decision").asText(), report3.get(excludedToIncluded).get("stage").asText(),
        report3.get(excludedToIncluded).get("reason").asText()));
    JsonNode prisma = new ObjectMapper().readTree(run3.resolve("prisma.json").toFile());
    assertEquals(2, prisma.get("human").get("included").asLong());
    assertEquals(1, prisma.get("human").get("excluded").asLong());
    assertEquals(1, prisma.get("excluded").get("by_stage").get("human").asLong());
    long automatic = prisma.get("excluded").get("total").asLong() - 1;
    String svg = svgText(run3);
    assertTrue(svg.contains("ineligible by automation tools (n = " + automatic + ")"), svg);
    assertTrue(svg.contains("Records excluded by reviewers (n = 1)"), svg);
    assertTrue(svg.contains("protocol only (n = 1)"), svg);
    assertTrue(svg.contains("Records included (n = " + prisma.get("included").asLong() + ")"), svg);
    assertTrue(svg.contains("by reviewers' decision (n = 2)"), svg);
    long screenedBox = prisma.get("included").asLong() + prisma.get("review").asLong() + 1;
    assertTrue(svg.contains("Records screened (n = " + screenedBox + ")"), svg);
    Map<String, String> n = new HashMap<>();
    for (Map<String, String> row : CsvTable.read(run3.resolve("prisma.csv")).rows()) {
      n.put(row.get("data"), row.get("n"));
    }
    assertEquals(Long.toString(automatic), n.get("excluded_automatic"));
    assertEquals(Long.toString(screenedBox), n.get("records_screened"));
    assertEquals(Long.toString(prisma.get("review").asLong() + 1), n.get("records_excluded"));
    assertEquals(Long.toString(prisma.get("included").asLong()), n.get("new_studies"));
  }
}
