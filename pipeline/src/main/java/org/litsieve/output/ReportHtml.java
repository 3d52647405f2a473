package org.litsieve.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Hit;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;

/**
 * Renders {@code report.html}: one self-contained page (CSS, JavaScript and SVG inline; it loads
 * nothing) with the run summary, the PRISMA flow diagram, a bar chart of outcome tags, the
 * exclusion reasons with counts, and a table of the included and review records that sorts,
 * filters (text, decision, tag, reason, source) and pages in the browser. Each record opens to
 * its title and abstract with the matched words highlighted (include blocks green, exclude blocks
 * red, outcome tags underlined blue), its blocks and tags with their evidence, and its provenance
 * (every input record merged into it, with file, position, database, id and match rule).
 *
 * <p>The review queue carries {@code rank} and {@code relevance} from {@code review.csv} and is
 * sorted most likely first; the page states how the queue was ranked and the stopping estimate
 * (relevant records expected still in the queue), and lists {@code second-look.csv}'s records.
 * A reviewer can include, exclude or mark maybe any record in the table or the second look, with
 * the mouse or the keyboard; the page keeps the decisions in the browser's {@code localStorage}
 * under the run's id and downloads them as a {@code decisions.csv} that {@code --decisions} takes
 * as it is. Nothing is sent anywhere.
 *
 * <p>The records travel as JSON in a {@code <script type="application/json">} element, with
 * {@code <}, {@code >} and {@code &} written as JSON escapes so no title can close the element;
 * the page's script builds rows with DOM text nodes, never {@code innerHTML}. Everything else is
 * written by the FreeMarker template {@code report.html.ftlh}, which escapes every value as HTML.
 * At 10,000 records the page stays fast: only the current page of rows (50 by default) is in the
 * DOM, and a record's details are built when it is opened.
 *
 * <p>Failure behaviour: none beyond {@link Templates#render}.
 */
public final class ReportHtml {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
  }

  /** Writes {@code < > &} and U+2028/U+2029 as {@code \\uXXXX} inside JSON strings. */
  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    ScriptSafeEscapes() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }

  /** Records the page's table holds at most, in the run's order; the CSV files hold them all. */
  static final int MAX_TABLE_ROWS = 20_000;
  /** Rows of {@code second-look.csv} the page lists at most; the file holds them all. */
  static final int MAX_SECOND_LOOK = 1_000;

  /**
   * What the ranking step wrote, as the page shows it.
   *
   * @param byRecord record id → {@code [rank, relevance]} from {@code review.csv}
   * @param secondLook the first rows of {@code second-look.csv} ({@code record_id}, {@code rank},
   *     {@code relevance}, {@code title}, {@code year}, {@code reason})
   * @param secondLookTotal rows in {@code second-look.csv}
   */
  public record Ranking(Map<String, String[]> byRecord, List<Map<String, String>> secondLook, long secondLookTotal) {
    /** No ranking (a report drawn outside a screening run). */
    public static final Ranking NONE = new Ranking(Map.of(), List.of(), 0);
  }

  private ReportHtml() {}

  /** The page. {@code duplicates} is record id → input id → [kept, match rule]. */
  public static String render(ReportContext ctx, PrismaFlow flow, List<ScreenedRecord> records,
      Map<String, Map<String, String[]>> duplicates, List<TagTable.Row> tags) {
    return render(ctx, flow, records.size() > MAX_TABLE_ROWS ? records.subList(0, MAX_TABLE_ROWS) : records,
        records.size(), duplicates, tags, Ranking.NONE);
  }

  /** {@link #render(ReportContext, PrismaFlow, List, long, Map, List, Ranking)} without a ranking. */
  public static String render(ReportContext ctx, PrismaFlow flow, List<ScreenedRecord> records, long total,
      Map<String, Map<String, String[]>> duplicates, List<TagTable.Row> tags) {
    return render(ctx, flow, records, total, duplicates, tags, Ranking.NONE);
  }

  /**
   * The page, from the first {@value #MAX_TABLE_ROWS} (at most) of the {@code total} records it
   * would show: a page of a million records cannot be built (Java strings stop at 2 GB) or opened.
   */
  public static String render(ReportContext ctx, PrismaFlow flow, List<ScreenedRecord> records, long total,
      Map<String, Map<String, String[]>> duplicates, List<TagTable.Row> tags, Ranking ranking) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> summary = summary(flow);
    if (total > records.size()) {
      summary.add(row("Records in the table below: the first " + records.size() + " of " + total
          + " (all are in included.csv and review.csv)", records.size(), ""));
    }
    m.put("ctx", ctx);
    m.put("flow", flow);
    m.put("flowSvg", PrismaSvg.inline(flow));
    m.put("summary", summary);
    m.put("reasons", reasons(flow));
    m.put("chart", chart(tags));
    m.put("ranking", rankingFacts(ctx.ranking(), ranking));
    m.put("dataJson", scriptSafeJson(data(ctx, records, duplicates, ranking)));
    return Templates.render("report.html.ftlh", m);
  }

  private static List<Map<String, Object>> summary(PrismaFlow f) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("Records identified", f.identified(), ""));
    rows.add(row("Unreadable records (rejected.csv)", f.rejected(), ""));
    rows.add(row("Duplicates removed", f.duplicates(), ""));
    rows.add(row("Unique records screened", f.identified() - f.duplicates(), ""));
    rows.add(row("Excluded by eligibility criteria", f.excludedByStage().getOrDefault(PrismaFlow.ELIGIBILITY, 0L), ""));
    rows.add(row("Excluded by keyword screening", f.excludedByStage().getOrDefault(PrismaFlow.KEYWORDS, 0L), ""));
    if (f.hasReviewerDecisions()) {
      rows.add(row("Excluded by reviewers", f.excludedByReviewers(), ""));
      rows.add(row("Included by reviewers", f.includedByReviewers(), ""));
    }
    rows.add(row("In the human review queue", f.review(), "review"));
    rows.add(row("Included", f.included(), "include"));
    if (f.hasPrevious()) {
      rows.add(row("Studies included in the previous version", f.previousStudies(), ""));
    }
    return rows;
  }

  private static Map<String, Object> row(String label, long n, String cls) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("label", label);
    r.put("n", n);
    r.put("cls", cls);
    return r;
  }

  private static List<Map<String, Object>> reasons(PrismaFlow f) {
    List<Map<String, Object>> rows = new ArrayList<>();
    f.reasonsByStage().forEach((stage, reasons) -> reasons.forEach((reason, n) -> {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("stage", stage);
      r.put("reason", reason);
      r.put("n", n);
      rows.add(r);
    }));
    rows.sort((a, b) -> Long.compare((Long) b.get("n"), (Long) a.get("n")));
    return rows;
  }

  /** The tag chart's geometry: one bar per tag, included and review stacked. */
  static Map<String, Object> chart(List<TagTable.Row> tags) {
    int labelW = 200;
    int barMax = 420;
    int rowH = 26;
    long max = tags.stream().mapToLong(TagTable.Row::count).max().orElse(0);
    List<Map<String, Object>> bars = new ArrayList<>();
    int y = 8;
    for (TagTable.Row t : tags) {
      Map<String, Object> b = new LinkedHashMap<>();
      int wInc = max == 0 ? 0 : (int) Math.round(barMax * (double) t.included() / max);
      int wRev = max == 0 ? 0 : (int) Math.round(barMax * (double) t.count() / max) - wInc;
      b.put("tag", t.tag());
      b.put("count", t.count());
      b.put("included", t.included());
      b.put("review", t.review());
      b.put("percent", String.format(java.util.Locale.ROOT, "%.1f", Double.parseDouble(t.share()) * 100));
      b.put("y", y);
      b.put("textY", y + rowH / 2 + 4);
      b.put("wInc", wInc);
      b.put("wRev", Math.max(wRev, 0));
      b.put("xRev", labelW + wInc);
      b.put("xCount", labelW + wInc + Math.max(wRev, 0) + 6);
      bars.add(b);
      y += rowH;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("bars", bars);
    c.put("labelW", labelW);
    c.put("barH", rowH - 8);
    c.put("width", labelW + barMax + 130);
    c.put("height", y + 8);
    return c;
  }

  /**
   * What the page says about the ranking, from the ranking step's summary: how the queue was
   * ranked, and the stopping estimate (relevant records expected still in the queue) when a model
   * trained on reviewers' decisions gave one. Keys this page does not know are listed as they are,
   * so nothing the step reports is dropped.
   */
  static Map<String, Object> rankingFacts(Map<String, Object> summary, Ranking ranking) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("ranked", !summary.isEmpty() || !ranking.byRecord().isEmpty());
    f.put("model", String.valueOf(summary.getOrDefault("model", "")));
    f.put("trainedOn", summary.containsKey("trained_on") ? String.valueOf(summary.get("trained_on")) : "");
    f.put("relevantInTraining", summary.containsKey("relevant_in_training")
        ? String.valueOf(summary.get("relevant_in_training")) : "");
    f.put("queue", summary.containsKey("review_queue") ? String.valueOf(summary.get("review_queue")) : "");
    f.put("expected", summary.containsKey("expected_relevant_in_queue")
        ? String.valueOf(summary.get("expected_relevant_in_queue")) : "");
    f.put("stopping", stoppingFacts(summary.get("stopping")));
    f.put("secondLookTotal", ranking.secondLookTotal());
    f.put("secondLookShown", ranking.secondLook().size());
    List<Map<String, String>> other = new ArrayList<>();
    summary.forEach((k, v) -> {
      if (!List.of("model", "trained_on", "relevant_in_training", "review_queue", "expected_relevant_in_queue",
          "second_look", "stopping").contains(k)) {
        other.add(Map.of("key", k, "value", String.valueOf(v)));
      }
    });
    f.put("other", other);
    return f;
  }

  /**
   * The stopping estimate as the page shows it ({@code shown} false when the run had no reviewer
   * decisions): the ranking step's {@code stopping} map, every value as text, empty when absent.
   */
  static Map<String, Object> stoppingFacts(Object stopping) {
    Map<String, Object> f = new LinkedHashMap<>();
    Map<?, ?> m = stopping instanceof Map<?, ?> map ? map : Map.of();
    f.put("shown", !m.isEmpty());
    f.put("stop", Boolean.TRUE.equals(m.get("stop")));
    for (String k : List.of("method", "why", "decided", "included", "still_to_screen", "estimated_relevant_unseen",
        "estimated_recall", "order")) {
      f.put(k, m.get(k) == null ? "" : String.valueOf(m.get(k)));
    }
    return f;
  }

  /** The records as the page's script reads them. */
  static Map<String, Object> data(ReportContext ctx, List<ScreenedRecord> records,
      Map<String, Map<String, String[]>> duplicates) {
    return data(ctx, records, duplicates, Ranking.NONE);
  }

  /** The records, their ranks and the second look, as the page's script reads them. */
  static Map<String, Object> data(ReportContext ctx, List<ScreenedRecord> records,
      Map<String, Map<String, String[]>> duplicates, Ranking ranking) {
    List<Object> out = new ArrayList<>();
    for (ScreenedRecord s : records) {
      var r = s.record();
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", s.recordId());
      o.put("title", r.title());
      o.put("authors", r.authors());
      o.put("year", r.year());
      o.put("journal", r.journal().isEmpty() ? r.journalAbbrev() : r.journal());
      o.put("volume", r.volume());
      o.put("issue", r.issue());
      o.put("pages", r.pages());
      o.put("doi", r.doi());
      o.put("pmid", r.pmid());
      o.put("abstract", r.abstractText());
      o.put("decision", s.decision().label());
      o.put("stage", s.stage());
      o.put("reason", s.reason());
      o.put("sources", CsvRows.sources(s));
      String[] rank = ranking.byRecord().get(s.recordId());
      o.put("rank", rank == null || !rank[0].matches("\\d{1,9}") ? null : Integer.valueOf(rank[0]));
      o.put("relevance", rank == null ? "" : rank[1]);
      o.put("tags", s.tags().stream().map(BlockMatch::name).toList());
      List<Object> blocks = new ArrayList<>();
      for (BlockMatch b : s.matchedBlocks()) {
        String kind = ctx.includeBlocks().contains(b.name()) ? "include"
            : ctx.excludeBlocks().contains(b.name()) ? "exclude" : "include";
        blocks.add(block(b, kind));
      }
      o.put("blocks", blocks);
      List<Object> tagEvidence = new ArrayList<>();
      for (BlockMatch t : s.tags()) {
        tagEvidence.add(block(t, "tag"));
      }
      o.put("tagHits", tagEvidence);
      Map<String, String[]> dups = duplicates.getOrDefault(s.recordId(), Map.of());
      List<Object> prov = new ArrayList<>();
      for (Provenance p : r.provenance()) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("file", p.sourceFile());
        q.put("position", p.position());
        q.put("line", p.line());
        q.put("sourceId", p.sourceId());
        q.put("database", p.database());
        String[] d = dups.get(p.inputId());
        q.put("kept", d == null ? r.provenance().size() == 1 : "true".equals(d[0]));
        q.put("rule", d == null ? "" : d[1]);
        prov.add(q);
      }
      o.put("provenance", prov);
      out.add(o);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("runId", ctx.runId().isEmpty() ? ctx.rulesSha256() : ctx.runId());
    data.put("tags", ctx.tags());
    data.put("records", out);
    List<Object> second = new ArrayList<>();
    for (Map<String, String> row : ranking.secondLook()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", row.get("record_id"));
      o.put("rank", row.get("rank"));
      o.put("relevance", row.get("relevance"));
      o.put("title", row.get("title"));
      o.put("year", row.get("year"));
      o.put("reason", row.get("reason"));
      second.add(o);
    }
    data.put("secondLook", second);
    return data;
  }

  private static Map<String, Object> block(BlockMatch b, String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("kind", kind);
    List<Object> hits = new ArrayList<>();
    for (Hit h : b.hits()) {
      hits.add(List.of(h.field(), h.start(), h.end(), h.text()));
    }
    m.put("hits", hits);
    return m;
  }

  /**
   * JSON that is safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} (and
   * the line separators JavaScript once rejected) become {@code \\uXXXX} escapes, which only ever
   * occur inside JSON strings, where they mean the same character.
   */
  static String scriptSafeJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
