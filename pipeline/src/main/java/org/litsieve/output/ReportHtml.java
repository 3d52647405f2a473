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

  private ReportHtml() {}

  /** The page. {@code duplicates} is record id → input id → [kept, match rule]. */
  public static String render(ReportContext ctx, PrismaFlow flow, List<ScreenedRecord> records,
      Map<String, Map<String, String[]>> duplicates, List<TagTable.Row> tags) {
    return render(ctx, flow, records.size() > MAX_TABLE_ROWS ? records.subList(0, MAX_TABLE_ROWS) : records,
        records.size(), duplicates, tags);
  }

  /**
   * The page, from the first {@value #MAX_TABLE_ROWS} (at most) of the {@code total} records it
   * would show: a page of a million records cannot be built (Java strings stop at 2 GB) or opened.
   */
  public static String render(ReportContext ctx, PrismaFlow flow, List<ScreenedRecord> records, long total,
      Map<String, Map<String, String[]>> duplicates, List<TagTable.Row> tags) {
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
    m.put("dataJson", scriptSafeJson(data(ctx, records, duplicates)));
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

  /** The records as the page's script reads them. */
  static Map<String, Object> data(ReportContext ctx, List<ScreenedRecord> records,
      Map<String, Map<String, String[]>> duplicates) {
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
    data.put("tags", ctx.tags());
    data.put("records", out);
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
