package org.litsieve.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report formats on made-up runs: flow diagram, PRISMA2020 CSV, BibTeX, tags and the page. */
class ReportFormatsTest {
  static final String PRISMA = """
      {"duplicates_removed": 30,
       "excluded": {"total": 12,
         "by_reason": {"year outside 2000-2022": 5, "exclude block: animals": 4, "missing include block: training": 3},
         "by_stage": {"eligibility": 5, "keywords": 7},
         "by_stage_reason": {"eligibility": {"year outside 2000-2022": 5},
                             "keywords": {"exclude block: animals": 4, "missing include block: training": 3}}},
       "identified": {"total": 100, "by_source": {"embase, 2024.ris": 40, "pubmed <&>.nbib": 60}},
       "included": 50, "rejected": 2, "review": 8, "screened": 70}
      """;

  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  static Document xml(String s) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of the SVG group with the given id, lines joined by spaces, NBSPs as spaces. */
  static String boxText(Document svg, String id) {
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("id").equals(id)) {
        NodeList texts = g.getElementsByTagName("text");
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < texts.getLength(); j++) {
          parts.add(texts.item(j).getTextContent());
        }
        return String.join(" ", parts).replace('\u00a0', ' ');
      }
    }
    return null;
  }

  @Test
  void flowDiagramIsValidSvgWithEveryCountInItsBox() throws Exception {
    PrismaFlow flow = PrismaFlow.from(json(PRISMA));
    assertEquals(12, flow.excludedAutomatic());
    assertEquals(58, flow.recordsScreened());
    Document svg = xml(PrismaSvg.render(flow));
    assertEquals("svg", svg.getDocumentElement().getTagName());
    String identified = boxText(svg, "prisma-identified");
    assertTrue(identified.contains("(n = 100)"), identified);
    assertTrue(identified.contains("pubmed <&>.nbib (n = 60)"), identified);
    assertTrue(identified.contains("embase, 2024.ris (n = 40)"), identified);
    assertTrue(identified.contains("2 unreadable records"), identified);
    String removed = boxText(svg, "prisma-removed");
    for (String expected : new String[] {"Duplicate records removed (n = 30)",
        "ineligible by automation tools (n = 12)", "Eligibility criteria (n = 5)",
        "year outside 2000-2022 (n = 5)", "Keyword screening (n = 7)",
        "exclude block: animals (n = 4)", "missing include block: training (n = 3)"}) {
      assertTrue(removed.replaceAll("\\s+", " ").contains(expected), expected + " in " + removed);
    }
    assertEquals("Records screened (n = 58)", boxText(svg, "prisma-screened"));
    assertEquals("Records in the human review queue (n = 8)", boxText(svg, "prisma-review"));
    assertTrue(boxText(svg, "prisma-included").endsWith("(n = 50)"));
    assertEquals(null, boxText(svg, "prisma-previous"), "no previous-version boxes without previous counts");
    assertEquals(null, boxText(svg, "prisma-total"));
  }

  @Test
  void previousVersionBoxesAppearWhenPrismaJsonHasThem() throws Exception {
    String withPrevious = PRISMA.replace("\"included\": 50", "\"previous\": {\"studies\": 17, \"reports\": 19}, \"included\": 50");
    PrismaFlow flow = PrismaFlow.from(json(withPrevious));
    Document svg = xml(PrismaSvg.render(flow));
    String previous = boxText(svg, "prisma-previous");
    assertTrue(previous.contains("previous version of review (n = 17)"), previous);
    assertTrue(previous.contains("(n = 19)"), previous);
    assertEquals("Total studies included in review (n = 67)", boxText(svg, "prisma-total"));
    Map<String, String> n = csvN(PrismaCsv.render(flow));
    assertEquals("17", n.get("previous_studies"));
    assertEquals("19", n.get("previous_reports"));
    assertEquals("67", n.get("total_studies"));
  }

  /** {@link #PRISMA} after reviewers excluded 3 of the screened records and included 4 of the 50. */
  static final String PRISMA_WITH_REVIEWERS = """
      {"duplicates_removed": 30,
       "excluded": {"total": 15,
         "by_reason": {"year outside 2000-2022": 5, "exclude block: animals": 4, "missing include block: training": 3,
                       "protocol only": 2, "wrong population": 1},
         "by_stage": {"eligibility": 5, "human": 3, "keywords": 7},
         "by_stage_reason": {"eligibility": {"year outside 2000-2022": 5},
                             "human": {"protocol only": 2, "wrong population": 1},
                             "keywords": {"exclude block: animals": 4, "missing include block: training": 3}}},
       "human": {"excluded": 3, "included": 4, "review": 1},
       "identified": {"total": 100, "by_source": {"embase, 2024.ris": 40, "pubmed <&>.nbib": 60}},
       "included": 50, "rejected": 2, "review": 5, "screened": 70}
      """;

  @Test
  void reviewersExclusionsAreDrawnAsReviewersNotAutomationTools() throws Exception {
    PrismaFlow flow = PrismaFlow.from(json(PRISMA_WITH_REVIEWERS));
    assertEquals(12, flow.excludedAutomatic(), "a reviewer is not an automation tool");
    assertEquals(3, flow.excludedByReviewers());
    assertEquals(58, flow.recordsScreened(), "identified - duplicates - automatic");
    assertEquals(flow.identified() - flow.duplicates() - flow.excludedAutomatic(), flow.recordsScreened());
    Document svg = xml(PrismaSvg.render(flow));
    String removed = boxText(svg, "prisma-removed").replaceAll("\\s+", " ");
    assertTrue(removed.contains("ineligible by automation tools (n = 12)"), removed);
    assertFalse(removed.contains("protocol only"), removed);
    assertEquals("Records screened (n = 58)", boxText(svg, "prisma-screened"));
    String review = boxText(svg, "prisma-review").replaceAll("\\s+", " ");
    for (String expected : new String[] {"human review queue (n = 5)", "disagree or marked maybe (n = 1)",
        "Records excluded by reviewers (n = 3)", "protocol only (n = 2)", "wrong population (n = 1)"}) {
      assertTrue(review.contains(expected), expected + " in " + review);
    }
    String included = boxText(svg, "prisma-included").replaceAll("\\s+", " ");
    assertTrue(included.contains("Records included (n = 50)") && included.contains("by the screening rules (n = 46)")
        && included.contains("by reviewers' decision (n = 4)"), included);
    Map<String, String> n = csvN(PrismaCsv.render(flow));
    assertEquals("12", n.get("excluded_automatic"));
    assertEquals("58", n.get("records_screened"));
    assertEquals("8", n.get("records_excluded"), "review queue + excluded by reviewers");
    assertEquals("50", n.get("dbr_sought_reports"));
    assertEquals(Long.parseLong(n.get("records_screened")),
        Long.parseLong(n.get("records_excluded")) + Long.parseLong(n.get("dbr_sought_reports")));
    String csv = PrismaCsv.render(flow);
    assertTrue(csv.contains("Excluded by reviewers: 3 (protocol only: 2; wrong population: 1)"), csv);
    assertFalse(PrismaCsv.automaticTooltip(flow).contains("protocol only"));

    // the plain flow is drawn as before
    PrismaFlow plain = PrismaFlow.from(json(PRISMA));
    assertFalse(plain.hasReviewerDecisions());
    assertEquals("Records in the human review queue (n = 8)", boxText(xml(PrismaSvg.render(plain)), "prisma-review"));
  }

  @Test
  void reasonsWithoutStagesAreSplitByWhetherTheyNameABlock() throws Exception {
    String old = PRISMA.replaceAll("(?s),\\s*\"by_stage_reason\": \\{.*?\\}\\}", "");
    assertFalse(old.contains("by_stage_reason"));
    PrismaFlow flow = PrismaFlow.from(json(old));
    assertEquals(Map.of("year outside 2000-2022", 5L), flow.reasonsByStage().get("eligibility"));
    assertEquals(7L, flow.excludedByStage().get("keywords"));
  }

  static Map<String, String> csvN(String csv) throws Exception {
    try (CSVReader r = new CSVReader(new StringReader(csv))) {
      List<String[]> rows = r.readAll();
      assertEquals(PrismaCsv.COLUMNS, List.of(rows.get(0)));
      Map<String, String> n = new java.util.LinkedHashMap<>();
      for (String[] row : rows.subList(1, rows.size())) {
        assertEquals(8, row.length);
        n.put(row[0].equals("NA") ? row[2] : row[0], row[7]);
      }
      return n;
    }
  }

  @Test
  void prismaCsvHasThePackageTemplatesRowsAndTheRunsCounts() throws Exception {
    PrismaFlow flow = PrismaFlow.from(json(PRISMA));
    Map<String, String> n = csvN(PrismaCsv.render(flow));
    assertEquals(List.of("prevstud", "previous_studies", "previous_reports", "newstud", "database_results",
        "database_specific_results", "register_results", "register_specific_results", "othstud",
        "website_results", "organisation_results", "citations_results", "duplicates", "excluded_automatic",
        "excluded_other", "records_screened", "records_excluded", "dbr_sought_reports",
        "dbr_notretrieved_reports", "other_sought_reports", "other_notretrieved_reports", "dbr_assessed",
        "dbr_excluded", "other_assessed", "other_excluded", "new_studies", "new_reports", "total_studies",
        "total_reports", "identification", "screening", "included"), new ArrayList<>(n.keySet()));
    assertEquals("100", n.get("database_results"));
    // the package splits "Name, n; Name, n": names may hold neither separator
    assertEquals("embase  2024.ris, 40; pubmed <&>.nbib, 60".replace("  ", " "), n.get("database_specific_results"));
    assertEquals("30", n.get("duplicates"));
    assertEquals("12", n.get("excluded_automatic"));
    assertEquals("58", n.get("records_screened"));
    assertEquals("8", n.get("records_excluded"));
    assertEquals("50", n.get("new_studies"));
    assertEquals("0", n.get("previous_studies"));
    long sum = 0;
    Matcher m = Pattern.compile(", (\\d+)").matcher(n.get("database_specific_results"));
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
    }
    assertEquals(100, sum);
  }

  static int counter;

  static ScreenedRecord record(String title, List<String> authors, int year, Decision d, List<String> tags) {
    BibRecord r = BibRecord.builder(new Provenance("pubmed.nbib", ++counter, counter * 10, "9" + counter, "PubMed"))
        .title(title).authors(authors).year(year).journal("J Peer Pract").volume("3").issue("2")
        .pages("73-6").doi("10.5555/t." + counter).abstractText("Peer workers & training.")
        .keywords(List.of("peer support, training", "mHealth")).build();
    List<BlockMatch> tagMatches = tags.stream()
        .map(t -> new BlockMatch(t, List.of(new Hit("abstract", "training", 15, 23)))).toList();
    return new ScreenedRecord("ls-" + counter, r, d, d == Decision.INCLUDE ? "final" : "keywords",
        d == Decision.INCLUDE ? "" : "review: missing include block training",
        List.of(new BlockMatch("peers", List.of(new Hit("abstract", "Peer workers", 0, 12)))), tagMatches);
  }

  @Test
  void bibtexEscapesSpecialCharactersAndKeysAreUnique() {
    List<ScreenedRecord> records = List.of(
        record("Peer support & 100% of {braces} for C# users_x: $5 ~ ^ \\ COVID-19", List.of("Smith, Jane", "World Health Organization"), 2020, Decision.INCLUDE, List.of("wellbeing")),
        record("Peer support, again", List.of("Smith, John"), 2020, Decision.INCLUDE, List.of()),
        record("Peer support: a third", List.of("Smith, J."), 2020, Decision.INCLUDE, List.of()),
        record("Ökonomie der Peer-Arbeit", List.of("Šmíd, Ondřej"), 0, Decision.INCLUDE, List.of()));
    String bib = BibtexFormat.render(records);
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^@(\\w+)\\{([^,]+),$").matcher(bib);
    while (m.find()) {
      assertEquals("article", m.group(1));
      keys.add(m.group(2));
    }
    assertEquals(List.of("smith2020peera", "smith2020peerb", "smith2020peerc", "smidokonomie"), keys);
    assertEquals(4, new HashSet<>(keys).size());
    assertTrue(bib.contains("title = {Peer support \\& 100\\% of \\{braces\\} for C\\# users\\_x: \\$5 "
        + "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} {COVID-19}},"), bib);
    assertTrue(bib.contains("author = {Smith, Jane and {World Health Organization}},"), bib);
    assertTrue(bib.contains("pages = {73--76},"), bib);
    assertTrue(bib.contains("keywords = {peer support  training, mHealth, litsieve:wellbeing},"), bib);
    assertTrue(bib.contains("note = {litsieve decision: include; outcome tags: wellbeing; record id: ls-"), bib);
    // braces balance in every entry
    for (String entry : bib.split("\n\n")) {
      String unescaped = entry.replace("\\{", "").replace("\\}", "");
      assertEquals(unescaped.chars().filter(c -> c == '{').count(), unescaped.chars().filter(c -> c == '}').count(), entry);
    }
  }

  @Test
  void tagTableCountsIncludedAndReviewRecordsAndListsUnmatchedTags() {
    List<ScreenedRecord> records = List.of(
        record("A", List.of("A, B"), 2020, Decision.INCLUDE, List.of("wellbeing", "stigma")),
        record("B", List.of("A, B"), 2020, Decision.REVIEW, List.of("wellbeing")),
        record("C", List.of("A, B"), 2020, Decision.INCLUDE, List.of()),
        record("D", List.of("A, B"), 2020, Decision.EXCLUDE, List.of("stigma")));
    List<TagTable.Row> rows = TagTable.rows(records, List.of("stigma", "wellbeing", "supervision"));
    assertEquals(List.of("wellbeing", "stigma", "supervision"), rows.stream().map(TagTable.Row::tag).toList());
    assertEquals(new TagTable.Row("wellbeing", 2, "0.6667", 1, 1,
        List.of(records.get(0).recordId(), records.get(1).recordId())), rows.get(0));
    assertEquals(1, rows.get(1).count());
    assertEquals("0", rows.get(2).share().replace("0.0000", "0"));
    String csv = TagTable.csv(rows);
    assertTrue(csv.startsWith("tag,count,share,included,review,record_ids\n"), csv);
    assertTrue(csv.contains("wellbeing,2,0.6667,1,1," + records.get(0).recordId() + ";" + records.get(1).recordId() + "\n"), csv);
  }

  @Test
  void risKeepsEveryTagOnOneLineWhateverTheLineBreaksInAValue() {
    String ris = RisFormat.entry(record("Peer training:\r\n  a first\rlook\n\nat it  ", List.of("Ng, A"), 2019,
        Decision.INCLUDE, List.of()));
    assertTrue(ris.contains("TI  - Peer training: a first look at it\r\n"), ris);
    for (String line : ris.split("\r\n")) {
      assertTrue(line.isEmpty() || line.matches("[A-Z][A-Z0-9]  - .*"), "a line that is not a tag: [" + line + "]");
    }
  }

  @Test
  void handOverLinesRoundTripEveryField() throws Exception {
    ScreenedRecord s = record("Title with \"quotes\" and\nline breaks", List.of("Ng, A"), 2019, Decision.REVIEW, List.of("x"));
    String line = ReportRecords.line(s);
    assertEquals(1, line.split("\n", -1).length - 1, "one line");
    assertEquals(s, ReportRecords.parse(line));
  }

  @Test
  void reportEscapesEveryTitleAndEmbedsItsDataSafely() {
    ScreenedRecord evil = record("</script><script>alert(1)</script> & <b>bold</b>", List.of("O'Neil, <i>"), 2021, Decision.INCLUDE, List.of("wellbeing"));
    ReportContext ctx = new ReportContext("0.1.0", "Rules <&> \"name\"", "rules.yaml", "ab".repeat(32),
        List.of("peers"), List.of("animals"), List.of("wellbeing"), List.of(Map.of("path", "a<b>.ris", "records", 1)));
    PrismaFlow flow = new PrismaFlow(Map.of("a<b>.ris", 1L), 1, 0, 0, Map.of(), Map.of(), 0, 1, -1, -1, 0, 0);
    String html = ReportHtml.render(ctx, flow, List.of(evil), Map.of(), TagTable.rows(List.of(evil), ctx.tags()));
    assertFalse(html.contains("<script>alert"), "a title never becomes markup");
    assertFalse(html.contains("<b>bold"), "a title never becomes markup");
    assertFalse(html.contains("<i>"));
    assertTrue(html.contains("Rules &lt;&amp;&gt; &quot;name&quot;"), "template values are HTML-escaped");
    assertTrue(html.contains("a&lt;b&gt;.ris"));
    assertTrue(html.toLowerCase(java.util.Locale.ROOT).contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), "JSON hides < from the HTML parser");
    // exactly the two script elements of the template (data and code), and nothing loaded from outside
    assertEquals(2, Pattern.compile("<script").matcher(html).results().count());
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resources");
    assertFalse(html.contains("<link"), "no external stylesheets");
  }

  @Test
  void reportShowsTheRankTheStoppingEstimateAndTheSecondLookEscaped() {
    ScreenedRecord queued = record("A peer workforce training study", List.of("Ng, A"), 2019, Decision.REVIEW, List.of());
    ReportContext ctx = new ReportContext("0.1.0", "rules", "rules.yaml", "ab".repeat(32),
        List.of("peers"), List.of(), List.of(), List.of())
        .withRun("run-7", new java.util.LinkedHashMap<>(Map.of("model", "logistic regression on reviewers' decisions",
            "trained_on", 4, "review_queue", 1, "expected_relevant_in_queue", 2.3, "second_look", 1,
            "knee_<b>", "<b>unseen</b>")));
    PrismaFlow flow = new PrismaFlow(Map.of("a.ris", 1L), 0, 0, 0, Map.of(), Map.of(), 1, 0, -1, -1, 0, 0);
    Map<String, String> second = Map.of("record_id", "ls-2", "rank", "1", "relevance", "0.7100",
        "title", "</script><img src=x onerror=alert(1)>", "year", "2020", "reason", "exclude block: <i>animals</i>");
    String html = ReportHtml.render(ctx, flow, List.of(queued), 1, Map.of(), List.of(),
        new ReportHtml.Ranking(Map.of(queued.recordId(), new String[] {"1", "0.9000"}), List.of(second), 1));
    assertTrue(html.contains("<span id=\"ranking-expected\">2.3</span>"), "the stopping estimate is shown");
    assertTrue(html.contains("id=\"summary-expected\">2.3<"), "and in the run summary");
    assertTrue(html.contains("trained on 4 reviewer decisions"));
    assertTrue(html.contains("\"runId\":\"run-7\""), "decisions are kept under the run's id");
    assertTrue(html.contains("\"rank\":1,\"relevance\":\"0.9000\""), "the queue carries rank and relevance");
    assertTrue(html.contains("\"id\":\"ls-2\",\"rank\":\"1\",\"relevance\":\"0.7100\""), "the second look is listed");
    assertTrue(html.contains("id=\"second-look\""));
    assertFalse(html.contains("<img src=x"), "a second-look title never becomes markup");
    assertFalse(html.contains("<i>animals"));
    assertTrue(html.contains("knee_&lt;b&gt;: &lt;b&gt;unseen&lt;/b&gt;"), "other ranking facts are shown, escaped");
    assertEquals(2, Pattern.compile("<script").matcher(html).results().count());

    String unranked = ReportHtml.render(ctx.withRun("run-8", Map.of()), flow, List.of(queued), Map.of(), List.of());
    assertFalse(unranked.contains("id=\"second-look\""), "no ranking section for a report drawn outside a run");
    assertFalse(unranked.contains("ranking-expected"));
  }

  @Test
  void reportTableStopsAtItsLimitAndSaysSo() {
    ScreenedRecord one = record("A peer workforce training study", List.of("Ng, A"), 2019, Decision.INCLUDE, List.of());
    List<ScreenedRecord> many = java.util.Collections.nCopies(ReportHtml.MAX_TABLE_ROWS + 3, one);
    ReportContext ctx = new ReportContext("0.1.0", "rules", "rules.yaml", "ab".repeat(32),
        List.of("peers"), List.of(), List.of(), List.of());
    PrismaFlow flow = new PrismaFlow(Map.of("a.ris", (long) many.size()), 0, 0, 0, Map.of(), Map.of(), 0,
        many.size(), -1, -1, 0, 0);
    String html = ReportHtml.render(ctx, flow, many, Map.of(), List.of());
    assertTrue(html.contains("the first " + ReportHtml.MAX_TABLE_ROWS + " of " + many.size()), "the page says it is cut");
    String small = ReportHtml.render(ctx, flow, many.subList(0, 5), Map.of(), List.of());
    assertFalse(small.contains("Records in the table below"), "no note when nothing is cut");
    int perRecord = (html.length() - small.length()) / (ReportHtml.MAX_TABLE_ROWS - 5);
    assertTrue(html.length() < small.length() + (long) perRecord * (ReportHtml.MAX_TABLE_ROWS + 1),
        "the table holds no more than the limit");
  }
}
