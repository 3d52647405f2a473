package org.litsieve.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.litsieve.model.Decision;
import org.litsieve.model.HumanDecision;

/**
 * Reviewers' decisions: rows {@code record_id,decision,reason,reviewer,date,note} with decision
 * {@code include}, {@code exclude} or {@code maybe} (case-insensitive).
 *
 * <p>Input: the rows carried by the previous run ({@code decisions.csv}) and the rows of the
 * {@code --decisions} file. A row whose decision is empty or {@code review} and whose reviewer is
 * empty is an undecided row of a fed-back {@code review.csv} and is skipped. Identical rows count
 * once. For one reviewer and record, the row with the latest {@code date} wins, dates read as
 * dates by {@link DecisionDates} (ISO, or a spreadsheet's {@code 1/15/2024}; day/month order decided
 * per source), and written back as ISO in {@link #kept}.
 *
 * <p>Output: the valid rows to carry forward ({@link #kept}), the decision per record
 * ({@link #byRecord}), records on which reviewers disagree ({@link #conflicts}), and problems.
 *
 * <p>Failure behaviour: nothing is thrown for bad rows. A bad decision value, a missing record
 * id, and rows of one reviewer on one record that disagree with the same date are each a
 * {@link Problem} (the rows are not used); unknown record ids are reported by
 * {@link #unknownIds} but kept, so a decision is never lost.
 */
public final class HumanDecisions {
  /** The decision file's columns, in order. */
  public static final List<String> COLUMNS = List.of("record_id", "decision", "reason", "reviewer", "date", "note");
  /** The valid decision values. */
  public static final Set<String> VALUES = Set.of("include", "exclude", "maybe");

  /** A row that could not be used, or a row to report. */
  public record Problem(String source, int line, String recordId, String reviewer, String decision, String problem) {
    public Map<String, String> row() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("source", source);
      m.put("line", Integer.toString(line));
      m.put("record_id", recordId);
      m.put("reviewer", reviewer);
      m.put("decision", decision);
      m.put("problem", problem);
      return m;
    }
  }

  /**
   * The order of {@code conflicts.csv}'s rows: title ignoring case, then record id (the screened
   * files' order), then reviewer, then title as written. A total order on the rows, so the file
   * does not depend on the order in which records were decided (a step that decides them in
   * parallel sees them in any order).
   */
  public static final java.util.Comparator<Map<String, String>> CONFLICT_ORDER = java.util.Comparator
      .comparing((Map<String, String> r) -> r.get("title").toLowerCase(Locale.ROOT))
      .thenComparing(r -> r.get("record_id"))
      .thenComparing(r -> r.get("reviewer"))
      .thenComparing(r -> r.get("title"));

  /** Columns of {@code decision-problems.csv}. */
  public static final List<String> PROBLEM_COLUMNS = List.of("source", "line", "record_id", "reviewer", "decision", "problem");
  /** The problems a run hands back for the terminal, at most: the file holds them all. */
  public static final int PROBLEMS_SHOWN = 20;

  /** One record's resolved human decision. */
  public record Resolved(String recordId, Map<String, Map<String, String>> byReviewer) {
    /** True when every reviewer gave the same decision. */
    public boolean agreed() {
      return byReviewer.values().stream().map(r -> r.get("decision")).distinct().count() == 1;
    }

    /** The agreed decision (include, exclude or maybe). */
    public String decision() {
      return byReviewer.values().iterator().next().get("decision");
    }

    /** The reason given: the reasons of the reviewers, distinct, joined with "; ". */
    public String reason() {
      Set<String> reasons = new LinkedHashSet<>();
      for (Map<String, String> r : byReviewer.values()) {
        if (!r.get("reason").isBlank()) {
          reasons.add(r.get("reason").trim());
        }
      }
      return String.join("; ", reasons);
    }

    /**
     * The rows of {@code conflicts.csv} for one record these reviewers disagree on: each
     * reviewer's row ({@link #COLUMNS}), in reviewer order, with the record's {@code title}.
     */
    public List<Map<String, String>> conflictRows(String title) {
      List<Map<String, String>> rows = new ArrayList<>(byReviewer.size());
      byReviewer.forEach((rev, d) -> {
        Map<String, String> c = new LinkedHashMap<>(d);
        c.put("title", title);
        rows.add(c);
      });
      return rows;
    }

    /**
     * What the reviewers decided, as it overrides the rules: the agreed decision ({@code maybe}
     * becomes review) with their reasons, or a default reason naming them; when they disagree,
     * review, with the reason naming each reviewer's decision.
     */
    public HumanDecision toDecision() {
      if (!agreed()) {
        List<String> who = new ArrayList<>();
        byReviewer.forEach((rev, r) -> who.add(rev + "=" + r.get("decision")));
        return new HumanDecision(recordId, Decision.REVIEW, "reviewers disagree: " + String.join(", ", who));
      }
      String d = decision();
      String reason = reason();
      return new HumanDecision(recordId,
          d.equals("maybe") ? Decision.REVIEW : Decision.valueOf(d.toUpperCase(Locale.ROOT)),
          reason.isEmpty() ? d + " (" + String.join(", ", byReviewer.keySet()) + ")" : reason);
    }
  }

  private final List<Map<String, String>> kept = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Resolved> byRecord = new TreeMap<>();

  private HumanDecisions() {}

  /**
   * Checks and resolves decisions.
   *
   * @param sources source name (for problem reports) → its rows, in order
   */
  public static HumanDecisions resolve(Map<String, List<Map<String, String>>> sources) {
    HumanDecisions d = new HumanDecisions();
    Set<List<String>> seen = new LinkedHashSet<>();
    // record → reviewer → rows of that reviewer (latest date first wins)
    Map<String, Map<String, List<Map<String, String>>>> all = new TreeMap<>();
    Map<Map<String, String>, String> where = new java.util.IdentityHashMap<>();
    for (Map.Entry<String, List<Map<String, String>>> src : sources.entrySet()) {
      List<Map<String, String>> rows = src.getValue();
      try {
        rows = DecisionDates.normalise(src.getKey(), rows).rows();
      } catch (DecisionDates.UnreadableDateException e) {
        // --decisions files are checked before the run; this is an older decisions.csv: compare as text
        d.problems.add(new Problem(src.getKey(), 0, "", "", "", e.getMessage()));
      }
      int line = 1;
      for (Map<String, String> raw : rows) {
        line++;
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : COLUMNS) {
          row.put(c, raw.getOrDefault(c, "").trim());
        }
        row.put("decision", row.get("decision").toLowerCase(Locale.ROOT));
        String decision = row.get("decision");
        if (row.get("reviewer").isEmpty() && (decision.isEmpty() || decision.equals("review"))) {
          continue; // an undecided row of a fed-back review.csv
        }
        if (row.get("record_id").isEmpty()) {
          d.problems.add(new Problem(src.getKey(), line, "", row.get("reviewer"), decision, "no record_id"));
          continue;
        }
        if (!VALUES.contains(decision)) {
          d.problems.add(new Problem(src.getKey(), line, row.get("record_id"), row.get("reviewer"), decision,
              "decision must be include, exclude or maybe"));
          continue;
        }
        if (!seen.add(List.copyOf(row.values()))) {
          continue;
        }
        d.kept.add(row);
        where.put(row, src.getKey() + ":" + line);
        all.computeIfAbsent(row.get("record_id"), k -> new TreeMap<>())
            .computeIfAbsent(row.get("reviewer"), k -> new ArrayList<>()).add(row);
      }
    }
    for (Map.Entry<String, Map<String, List<Map<String, String>>>> rec : all.entrySet()) {
      Map<String, Map<String, String>> chosen = new TreeMap<>();
      for (Map.Entry<String, List<Map<String, String>>> rev : rec.getValue().entrySet()) {
        // dates compare as times (DecisionDates made them ISO), not as text: 01/15/2024 is after 12/01/2023
        String latest = rev.getValue().stream().map(r -> DecisionDates.sortKey(r.get("date")))
            .max(String::compareTo).orElse("");
        List<Map<String, String>> atLatest = rev.getValue().stream()
            .filter(r -> DecisionDates.sortKey(r.get("date")).equals(latest)).toList();
        Set<String> values = new TreeSet<>();
        atLatest.forEach(r -> values.add(r.get("decision")));
        if (values.size() > 1) {
          for (Map<String, String> r : atLatest) {
            String[] at = where.get(r).split(":(?=\\d+$)");
            d.problems.add(new Problem(at[0], Integer.parseInt(at[1]), rec.getKey(), rev.getKey(), r.get("decision"),
                "reviewer gave conflicting decisions " + values + " on the same date; neither is used"));
          }
          continue;
        }
        chosen.put(rev.getKey(), atLatest.get(0));
      }
      if (!chosen.isEmpty()) {
        d.byRecord.put(rec.getKey(), new Resolved(rec.getKey(), chosen));
      }
    }
    return d;
  }

  /** The valid rows, deduplicated, to write into {@code decisions.csv} and carry forward. */
  public List<Map<String, String>> kept() {
    return kept;
  }

  /** Rows that could not be used. */
  public List<Problem> problems() {
    return problems;
  }

  /** The decisions per record id. */
  public Map<String, Resolved> byRecord() {
    return byRecord;
  }

  /** Each decided record's decision as it overrides the rules, in record id order. */
  public List<HumanDecision> decided() {
    return byRecord.values().stream().map(Resolved::toDecision).toList();
  }

  /** Records whose reviewers disagree. */
  public List<Resolved> conflicts() {
    return byRecord.values().stream().filter(r -> !r.agreed()).toList();
  }

  /** Problems for decisions on record ids not in {@code known}, one per row. */
  public List<Problem> unknownIds(Set<String> known) {
    return unknownIds(kept, known);
  }

  /**
   * Problems for the rows of {@code kept} (as {@link #kept} gives them) on record ids not in
   * {@code known}, one per row: {@code known} need only hold the ids the rows name, so a step that
   * sees the records in parts can gather just those.
   */
  public static List<Problem> unknownIds(List<Map<String, String>> kept, Set<String> known) {
    List<Problem> out = new ArrayList<>();
    for (Map<String, String> row : kept) {
      if (!known.contains(row.get("record_id"))) {
        out.add(new Problem("decisions", 0, row.get("record_id"), row.get("reviewer"), row.get("decision"),
            "unknown record_id (kept in decisions.csv in case the record appears in a later search)"));
      }
    }
    return out;
  }

  /** The distinct reviewers with a usable decision. */
  public Set<String> reviewers() {
    Set<String> r = new TreeSet<>();
    byRecord.values().forEach(x -> r.addAll(x.byReviewer().keySet()));
    return r;
  }

  /**
   * Cohen's kappa between exactly two reviewers, over the records both decided.
   *
   * @return {@code {reviewers, records, observed, expected, kappa}}, or null unless there are two
   *     reviewers with at least one record in common
   */
  public Map<String, Object> kappa() {
    List<String> two = new ArrayList<>(reviewers());
    if (two.size() != 2) {
      return null;
    }
    Map<String, Integer> countA = new TreeMap<>();
    Map<String, Integer> countB = new TreeMap<>();
    int n = 0;
    int agree = 0;
    for (Resolved r : byRecord.values()) {
      Map<String, String> a = r.byReviewer().get(two.get(0));
      Map<String, String> b = r.byReviewer().get(two.get(1));
      if (a == null || b == null) {
        continue;
      }
      n++;
      countA.merge(a.get("decision"), 1, Integer::sum);
      countB.merge(b.get("decision"), 1, Integer::sum);
      if (a.get("decision").equals(b.get("decision"))) {
        agree++;
      }
    }
    if (n == 0) {
      return null;
    }
    double po = (double) agree / n;
    double pe = 0;
    for (String v : VALUES) {
      pe += (countA.getOrDefault(v, 0) / (double) n) * (countB.getOrDefault(v, 0) / (double) n);
    }
    double kappa = pe >= 1.0 ? (po >= 1.0 ? 1.0 : 0.0) : (po - pe) / (1 - pe);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reviewers", two);
    m.put("records", n);
    m.put("observed_agreement", round(po));
    m.put("expected_agreement", round(pe));
    m.put("kappa", round(kappa));
    return m;
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
