package org.litsieve.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the PRISMA 2020 flow diagram of a run as SVG, in the layout of the PRISMA 2020 statement's
 * template for new reviews ("identification of new studies via databases and registers"), with the
 * "previous studies" column of the template for updated reviews when {@link PrismaFlow#hasPrevious}.
 *
 * <p>Boxes: records identified per input file; records removed before screening (duplicates, and
 * records marked ineligible by automation tools split into eligibility criteria and keyword
 * screening, each with its reasons); records screened; records in the human review queue; records
 * included; and with a previous version, its studies and the total. When reviewers decided some of
 * the screened records (a living review's stage {@code human}), the review box also holds the
 * records reviewers excluded, with their reasons, and the included box says how many the
 * reviewers included; the counts are prisma.json's ({@code excluded.by_stage_reason.human},
 * {@code human}). The layout (box sizes, line
 * wrapping, arrows) is computed here; {@code prisma.svg.ftlx} writes the markup, escaping all text.
 * Text is wrapped by an estimate of Arial's glyph widths, so it fits with the common sans fonts.
 *
 * <p>Failure behaviour: none beyond {@link Templates#render}; any counts draw.
 */
public final class PrismaSvg {
  static final int FONT = 13;
  static final int LINE = 17;
  static final int PAD = 9;
  static final int GAP = 36;
  static final int PHASE_W = 26;
  static final int PREV_W = 230;
  static final int MAIN_W = 300;
  static final int RIGHT_W = 370;
  static final int COL_GAP = 56;
  /** Tall enough for the rotated phase label beside a one-line box. */
  static final int MIN_ROW = 84;

  private PrismaSvg() {}

  /** One text line of a box: its text, indent level and weight. */
  public record Line(String text, int indent, boolean bold) {}

  /** A box and its wrapped text, in SVG coordinates. */
  public record Box(String id, String kind, int x, int y, int w, int h, List<Placed> lines) {
    public int right() {
      return x + w;
    }

    public int bottom() {
      return y + h;
    }

    public int midX() {
      return x + w / 2;
    }

    public int midY() {
      return y + h / 2;
    }
  }

  /** A line of text placed at (x, y). */
  public record Placed(int x, int y, String text, boolean bold) {}

  /** A line from (x1, y1) to (x2, y2), with an arrow head at its end when {@code head}. */
  public record Arrow(int x1, int y1, int x2, int y2, boolean head) {}

  /** The complete SVG document for {@code flow} (with an XML declaration). */
  public static String render(PrismaFlow flow) {
    return Templates.render("prisma.svg.ftlx", model(flow, true));
  }

  /** The SVG element alone, for inlining into HTML. */
  public static String inline(PrismaFlow flow) {
    return Templates.render("prisma.svg.ftlx", model(flow, false));
  }

  static Map<String, Object> model(PrismaFlow f, boolean standalone) {
    boolean prev = f.hasPrevious();
    int phaseX = 8;
    int prevX = phaseX + PHASE_W + 14;
    int mainX = prev ? prevX + PREV_W + COL_GAP / 2 : prevX;
    int rightX = mainX + MAIN_W + COL_GAP;
    int width = rightX + RIGHT_W + 10;

    List<Box> boxes = new ArrayList<>();
    List<Arrow> arrows = new ArrayList<>();
    int top = 8;
    Box header = box("header-new", "header", mainX, top, rightX + RIGHT_W - mainX,
        List.of(new Line("Identification of new studies via databases and registers", 0, true)));
    boxes.add(header);
    if (prev) {
      boxes.add(box("header-previous", "header-previous", prevX, top, PREV_W,
          List.of(new Line("Previous studies", 0, true))));
    }

    // Identification
    int y1 = header.bottom() + GAP / 2;
    List<Line> identified = new ArrayList<>();
    identified.add(new Line("Records identified from databases and files (n = " + f.identified() + "):", 0, false));
    for (Map.Entry<String, Long> e : f.identifiedBySource().entrySet()) {
      identified.add(new Line(e.getKey() + " (n = " + e.getValue() + ")", 1, false));
    }
    if (f.rejected() > 0) {
      identified.add(new Line("Not counted: " + f.rejected() + " unreadable "
          + (f.rejected() == 1 ? "record" : "records") + " (rejected.csv)", 0, false));
    }
    List<Line> removed = new ArrayList<>();
    removed.add(new Line("Records removed before screening:", 0, true));
    removed.add(new Line("Duplicate records removed (n = " + f.duplicates() + ")", 1, false));
    removed.add(new Line("Records marked as ineligible by automation tools (n = " + f.excludedAutomatic() + "):", 1, false));
    stage(removed, "Eligibility criteria", f, PrismaFlow.ELIGIBILITY, 2);
    stage(removed, "Keyword screening", f, PrismaFlow.KEYWORDS, 2);
    Box ident = box("identified", "box", mainX, y1, MAIN_W, identified);
    Box remove = box("removed", "box", rightX, y1, RIGHT_W, removed);
    int row1 = Math.max(ident.h(), remove.h());
    ident = resize(ident, row1);
    remove = resize(remove, row1);
    boxes.add(ident);
    boxes.add(remove);
    arrows.add(new Arrow(ident.right(), ident.midY(), remove.x(), ident.midY(), true));

    // Screening
    int y2 = ident.bottom() + GAP;
    Box screened = box("screened", "box", mainX, y2, MAIN_W,
        List.of(new Line("Records screened (n = " + f.recordsScreened() + ")", 0, false)));
    List<Line> reviewLines = new ArrayList<>();
    reviewLines.add(new Line("Records in the human review queue (n = " + f.review() + ")", 0, false));
    if (f.reviewByReviewers() > 0) {
      reviewLines.add(new Line("reviewers disagree or marked maybe (n = " + f.reviewByReviewers() + ")", 1, false));
    }
    if (f.hasReviewerDecisions()) {
      stage(reviewLines, "Records excluded by reviewers", f, PrismaFlow.HUMAN, 0);
    }
    Box review = box("review", "box review", rightX, y2, RIGHT_W, reviewLines);
    int row2 = Math.max(MIN_ROW, Math.max(screened.h(), review.h()));
    screened = resize(screened, row2);
    review = resize(review, row2);
    boxes.add(screened);
    boxes.add(review);
    arrows.add(new Arrow(ident.midX(), ident.bottom(), screened.midX(), screened.y(), true));
    arrows.add(new Arrow(screened.right(), screened.midY(), review.x(), screened.midY(), true));

    // Included
    int y3 = screened.bottom() + GAP;
    List<Line> includedLines = new ArrayList<>();
    if (f.includedByReviewers() > 0) {
      includedLines.add(new Line("Records included (n = " + f.included() + "):", 0, false));
      includedLines.add(new Line("by the screening rules (n = " + (f.included() - f.includedByReviewers()) + ")", 1, false));
      includedLines.add(new Line("by reviewers' decision (n = " + f.includedByReviewers() + ")", 1, false));
    } else {
      includedLines.add(new Line("Records included by the screening rules (n = " + f.included() + ")", 0, false));
    }
    Box included = box("included", "box included", mainX, y3, MAIN_W, includedLines);
    included = resize(included, Math.max(MIN_ROW, included.h()));
    boxes.add(included);
    arrows.add(new Arrow(screened.midX(), screened.bottom(), included.midX(), included.y(), true));
    int bottom = included.bottom();
    if (prev) {
      Box previous = box("previous", "box", prevX, y1, PREV_W, List.of(
          new Line("Studies included in previous version of review (n = " + f.previousStudies() + ")", 0, false),
          new Line("Reports of studies included in previous version of review (n = " + f.previousReports() + ")", 0, false)));
      boxes.add(previous);
      int y4 = included.bottom() + GAP;
      Box total = box("total", "box included", mainX, y4, MAIN_W,
          List.of(new Line("Total studies included in review (n = " + f.totalIncluded() + ")", 0, false)));
      boxes.add(total);
      arrows.add(new Arrow(included.midX(), included.bottom(), total.midX(), total.y(), true));
      arrows.add(new Arrow(previous.midX(), previous.bottom(), previous.midX(), total.midY(), false));
      arrows.add(new Arrow(previous.midX(), total.midY(), total.x(), total.midY(), true));
      bottom = total.bottom();
    }

    List<Map<String, Object>> phases = new ArrayList<>();
    phases.add(phase("Identification", phaseX, y1, ident.bottom()));
    phases.add(phase("Screening", phaseX, y2, screened.bottom()));
    phases.add(phase("Included", phaseX, y3, bottom));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("standalone", standalone);
    m.put("width", width);
    m.put("height", bottom + 10);
    m.put("font", FONT);
    m.put("boxes", boxes);
    m.put("arrows", arrows);
    m.put("phases", phases);
    return m;
  }

  private static void stage(List<Line> out, String label, PrismaFlow f, String stage, int indent) {
    Map<String, Long> reasons = f.reasonsByStage().getOrDefault(stage, Map.of());
    out.add(new Line(label + " (n = " + f.excludedByStage().getOrDefault(stage, 0L) + ")"
        + (reasons.isEmpty() ? "" : ":"), indent, false));
    for (Map.Entry<String, Long> r : reasons.entrySet()) {
      out.add(new Line(r.getKey() + " (n = " + r.getValue() + ")", indent + 1, false));
    }
  }

  private static Map<String, Object> phase(String label, int x, int y, int bottom) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("label", label);
    p.put("x", x);
    p.put("y", y);
    p.put("w", PHASE_W);
    p.put("h", bottom - y);
    p.put("cx", x + PHASE_W / 2);
    p.put("cy", y + (bottom - y) / 2);
    return p;
  }

  private static Box resize(Box b, int h) {
    // keep the text vertically centred in the taller box
    int shift = (h - b.h()) / 2;
    List<Placed> moved = new ArrayList<>();
    for (Placed p : b.lines()) {
      moved.add(new Placed(p.x(), p.y() + shift, p.text(), p.bold()));
    }
    return new Box(b.id(), b.kind(), b.x(), b.y(), b.w(), h, moved);
  }

  private static Box box(String id, String kind, int x, int y, int w, List<Line> lines) {
    List<Placed> placed = new ArrayList<>();
    int ty = y + PAD + FONT;
    boolean centred = !kind.startsWith("box") || lines.size() == 1;
    for (Line l : lines) {
      int indent = l.indent() * 14;
      int maxChars = (int) ((w - 2 * PAD - indent) / (FONT * 0.52));
      // "(n = 12)" never breaks across lines
      List<String> wrapped = wrap(l.text().replaceAll("\\(n = (\\d+)\\)", "(n\u00a0=\u00a0$1)"), maxChars);
      for (int i = 0; i < wrapped.size(); i++) {
        int lx = centred ? x + w / 2 : x + PAD + indent + (i > 0 ? 10 : 0);
        placed.add(new Placed(lx, ty, wrapped.get(i), l.bold()));
        ty += LINE;
      }
    }
    int h = ty - LINE - y + PAD + 5;
    return new Box(id, centred ? kind + " centred" : kind, x, y, w, h, placed);
  }

  /** Greedy word wrap at {@code max} characters; a longer word is cut. */
  static List<String> wrap(String text, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      while (word.length() > max) {
        if (line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        out.add(word.substring(0, max));
        word = word.substring(max);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > max) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0 || out.isEmpty()) {
      out.add(line.toString());
    }
    return out;
  }
}
