package org.litsieve.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.OutputSink;
import org.litsieve.model.PaperKeys;
import org.litsieve.model.PreviousRecord;

/**
 * Turns the pipeline's screened rows into a step of a living review: matches each record to the
 * previous run's records, applies human decisions, and writes the update's files, each once.
 *
 * <p><b>Input.</b> An output folder holding the pipeline's hand-overs of the screened rows and
 * counts ({@link OutputFile#pipelineRows}, {@link OutputFile#PIPELINE_PRISMA_JSON}); optionally the
 * {@link PreviousRun} and the rows of a {@code --decisions} file.
 *
 * <p><b>Matching.</b> A record is the same paper as an earlier one when, in this order, its
 * record id, its DOI, its PMID, or its title + year + first author surname (each normalised by
 * {@link PaperKeys}, as the deduplication normalises them: {@link #keys}) equals an earlier record's, or, last, when the caller's {@link FuzzyMatch} (the
 * deduplication matcher) pairs it with an earlier record no key matched. A matched record keeps
 * the earlier {@code record_id} and {@code first_seen}, so decisions made on it stay attached.
 * The keys' candidates are resolved by {@link KeyMatching#resolve}, and each record, this run's or
 * carried forward, is decided by {@link LivingDecision#decide} over typed values
 * ({@link org.litsieve.model.PreviousRecord} → {@link LivingRecord}), the rule a step inside the
 * pipeline can apply as well.
 * Earlier records that this run's inputs do not hold are carried forward (they are not lost).
 * When the rules file's hash differs
 * from the previous run's, the carried-forward records are re-screened through the caller's
 * {@link Rescreen} (this package cannot screen: the driver joins the two stages); a record it
 * cannot re-screen keeps its earlier row and is counted in {@code not_rescreened}, with a
 * warning.
 *
 * <p><b>Output.</b> The three screened files are written with the columns {@code first_seen},
 * {@code status} ({@code new}, {@code unchanged} or {@code changed}: the decision differs from the
 * previous run's), {@code reviewer}, {@code date} and {@code note} added, human decisions applied
 * ({@code stage=human}); {@code new-included.csv}, {@code new-review.csv}, {@code changes.csv},
 * {@code conflicts.csv}, {@code decisions.csv} and {@code decision-problems.csv} are written
 * (always, with a header); {@code review.csv} is ordered by the caller's {@link Ranker} before it is
 * written; and {@code prisma.json} is written from the pipeline's counts with the screening counts
 * recomputed for the records new in this update, with {@code previous} and {@code update} objects.
 *
 * <p><b>Failure behaviour.</b> An I/O error is thrown; the caller writes into a temporary folder,
 * so nothing is left half-written. Bad decision rows are reported, never thrown.
 */
public final class LivingUpdate {
  public static final String DECISIONS_CSV = OutputFile.DECISIONS_CSV.fileName();
  public static final String PROBLEMS_CSV = OutputFile.DECISION_PROBLEMS_CSV.fileName();
  public static final String CONFLICTS_CSV = OutputFile.CONFLICTS_CSV.fileName();
  public static final String CHANGES_CSV = OutputFile.CHANGES_CSV.fileName();
  public static final String NEW_INCLUDED_CSV = OutputFile.NEW_INCLUDED_CSV.fileName();
  public static final String NEW_REVIEW_CSV = OutputFile.NEW_REVIEW_CSV.fileName();

  /** Columns added to the screened files. */
  public static final List<String> ADDED_COLUMNS = LivingRecord.ADDED_COLUMNS;
  public static final List<String> CHANGES_COLUMNS = LivingRecord.CHANGE_COLUMNS;
  public static final List<String> CONFLICTS_COLUMNS =
      List.of("record_id", "title", "reviewer", "decision", "reason", "date", "note");

  public static final String NEW = Status.NEW;
  public static final String UNCHANGED = Status.UNCHANGED;
  public static final String CHANGED = Status.CHANGED;
  public static final String STAGE_HUMAN = org.litsieve.model.ScreenedRecord.STAGE_HUMAN;

  private static final Map<String, String> FILE_OF = Map.of(
      "include", OutputFile.INCLUDED_CSV.fileName(), "review", OutputFile.REVIEW_CSV.fileName(),
      "exclude", OutputFile.EXCLUDED_CSV.fileName());

  /**
   * Re-screens carried-forward records with the current rules. Implemented by the driver, which
   * may call the screening stage; this package may not.
   */
  @FunctionalInterface
  public interface Rescreen {
    /** Re-screens nothing: carried-forward records keep their earlier rows. */
    Rescreen NONE = ids -> Map.of();

    /**
     * @param recordIds the record ids (as in the previous run) of the carried-forward records
     * @return for each record it could re-screen, its new row in the screened files' columns
     *     ({@code decision}, {@code stage}, {@code reason}, evidence…); a record it could not
     *     re-screen is left out of the map
     * @throws IOException if the records cannot be read; the run fails
     */
    Map<String, Map<String, String>> rescreen(Set<String> recordIds) throws IOException;
  }

  /**
   * Matches this run's records that no key matched to earlier records that nothing matched: the
   * last matching step, implemented by the driver with the deduplication stage's matcher (this
   * package may not call it).
   */
  @FunctionalInterface
  public interface FuzzyMatch {
    /** Matches nothing. */
    FuzzyMatch NONE = (ids, earlier) -> Map.of();

    /**
     * @param recordIds this run's record ids (as the pipeline wrote them) that no key matched
     * @param earlier the previous run's records that no key matched, in its files' order
     * @return this run's record id → the earlier record id it is the same paper as; pairs that
     *     name unknown ids or an earlier record twice are ignored
     * @throws IOException if records cannot be read; the run fails
     */
    Map<String, String> match(Set<String> recordIds, List<PreviousRecord> earlier) throws IOException;
  }

  /**
   * Orders the review queue before {@code review.csv} is written (its only writing). Implemented
   * by the driver with the ranking package; {@link #NONE} keeps the rows' order and columns.
   */
  @FunctionalInterface
  public interface Ranker {
    /** Writes the review rows as they are. */
    Ranker NONE = (columns, rows, kept) -> new CsvTable(columns,
        rows.stream().filter(r -> "review".equals(r.get("decision"))).toList());

    /**
     * @param columns the screened files' columns
     * @param rows the final rows in file order (title, then record id): every review row and every
     *     row a kept decision names, and, when there are decisions, all rows
     * @param keptDecisions the rows of {@code decisions.csv} (every usable human decision so far)
     * @return {@code review.csv}'s columns and rows, in the order to write
     * @throws IOException if a file of the ranking cannot be written; the run fails
     */
    CsvTable rank(List<String> columns, List<Map<String, String>> rows, List<Map<String, String>> keptDecisions)
        throws IOException;
  }

  /**
   * What the update did.
   *
   * @param summary the counts and flags for the manifest and the summary line
   * @param problems the decision rows that could not be used, or name unknown records
   * @param kappa Cohen's kappa for two reviewers, or null
   * @param rows every final row (this run's and the carried-forward ones), with the final
   *     {@code record_id}, decision, stage, reason and status
   * @param renamed this run's record id → the earlier id it now carries, for matched records whose
   *     id differs
   * @param carried the record ids of the carried-forward records
   * @param rescreened the record ids of the carried-forward records that were re-screened
   * @param prisma what {@code prisma.json} holds (the run's counts, for the manifest and the summary)
   */
  public record Result(Map<String, Object> summary, List<HumanDecisions.Problem> problems, Map<String, Object> kappa,
      List<Map<String, String>> rows, Map<String, String> renamed, Set<String> carried, Set<String> rescreened,
      Map<String, Object> prisma) {}

  private LivingUpdate() {}

  /**
   * Applies the update to {@code dir}.
   *
   * @param runId this run's id, written as {@code first_seen} of new records
   * @param rulesSha256 the rules file's hash, compared with the previous run's
   * @param previous the previous run, or null for a first run
   * @param decisionsSource a name for the decisions file in problem reports
   * @param decisionRows the rows of the {@code --decisions} file (empty for none)
   */
  public static Result apply(Path dir, String runId, String rulesSha256, PreviousRun previous,
      String decisionsSource, List<Map<String, String>> decisionRows) throws IOException {
    return apply(dir, runId, rulesSha256, previous, decisionsSource, decisionRows, Rescreen.NONE);
  }

  /**
   * As {@link #apply(Path, String, String, PreviousRun, String, List)}; when the rules changed,
   * {@code rescreen} re-screens the carried-forward records before decisions and changes are
   * worked out.
   */
  public static Result apply(Path dir, String runId, String rulesSha256, PreviousRun previous,
      String decisionsSource, List<Map<String, String>> decisionRows, Rescreen rescreen) throws IOException {
    return apply(dir, runId, rulesSha256, previous, decisionsSource, decisionRows, rescreen, FuzzyMatch.NONE);
  }

  /**
   * As {@link #apply(Path, String, String, PreviousRun, String, List, Rescreen)}; records that no
   * key matched are then offered to {@code fuzzy}, the last matching step.
   */
  public static Result apply(Path dir, String runId, String rulesSha256, PreviousRun previous,
      String decisionsSource, List<Map<String, String>> decisionRows, Rescreen rescreen, FuzzyMatch fuzzy)
      throws IOException {
    return apply(dir, runId, rulesSha256, previous, decisionsSource, decisionRows, rescreen, fuzzy, Ranker.NONE);
  }

  /**
   * As {@link #apply(Path, String, String, PreviousRun, String, List, Rescreen, FuzzyMatch)};
   * {@code ranker} orders {@code review.csv} before it is written.
   */
  public static Result apply(Path dir, String runId, String rulesSha256, PreviousRun previous,
      String decisionsSource, List<Map<String, String>> decisionRows, Rescreen rescreen, FuzzyMatch fuzzy,
      Ranker ranker) throws IOException {
    List<String> baseColumns = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (OutputFile f : OutputFile.SCREENED) {
      CsvTable t = CsvTable.read(dir.resolve(f.pipelineRows().fileName()));
      baseColumns = t.columns();
      rows.addAll(t.rows());
    }
    List<String> columns = new ArrayList<>(baseColumns);
    for (String c : ADDED_COLUMNS) {
      if (!columns.contains(c)) {
        columns.add(c);
      }
    }

    // 1. match to the previous run
    List<PreviousRecord> previousRecords = previous == null ? List.of()
        : previous.rows().stream().map(PreviousRecord::new).toList();
    Map<Map<String, String>, PreviousRecord> earlier = new IdentityHashMap<>();
    List<PreviousRecord> carried = new ArrayList<>();
    int alreadyKnown = 0;
    long fuzzyMatched = 0;
    if (previous != null) {
      // identity: two earlier rows with the same cells are two records
      Set<PreviousRecord> used = Collections.newSetFromMap(new IdentityHashMap<>());
      // the key candidates, resolved in one place: strongest key first, each record once
      Map<String, Long> pairs = KeyMatching.pairs(KeyMatching.edges(rows, previous.rows()));
      for (int i = 0; i < rows.size(); i++) {
        Long p = pairs.get(KeyMatching.order(i));
        if (p != null) {
          PreviousRecord r = previousRecords.get(p.intValue());
          used.add(r);
          earlier.put(rows.get(i), r);
        }
      }
      // last: the deduplication matcher, on what no key matched (MATCH verdicts only)
      Map<String, Map<String, String>> unmatched = new LinkedHashMap<>();
      for (Map<String, String> row : rows) {
        if (!earlier.containsKey(row)) {
          unmatched.put(row.get("record_id"), row);
        }
      }
      List<PreviousRecord> unused = previousRecords.stream().filter(p -> !used.contains(p)).toList();
      if (!unmatched.isEmpty() && !unused.isEmpty()) {
        Map<String, PreviousRecord> unusedById = new HashMap<>();
        unused.forEach(p -> unusedById.putIfAbsent(p.recordId(), p));
        Map<String, String> fuzzyPairs = new TreeMap<>(fuzzy.match(Collections.unmodifiableSet(unmatched.keySet()),
            unused));
        for (Map.Entry<String, String> e : fuzzyPairs.entrySet()) {
          Map<String, String> row = unmatched.get(e.getKey());
          PreviousRecord p = unusedById.get(e.getValue());
          if (row != null && p != null && !used.contains(p) && !earlier.containsKey(row)) {
            used.add(p);
            earlier.put(row, p);
            fuzzyMatched++;
          }
        }
      }
      alreadyKnown = earlier.size();
      for (PreviousRecord p : previousRecords) {
        if (!used.contains(p)) {
          carried.add(p);
        }
      }
    }
    Map<String, String> renamed = new HashMap<>();
    Set<String> known = new HashSet<>();
    for (Map<String, String> row : rows) {
      PreviousRecord p = earlier.get(row);
      if (p != null && !p.recordId().equals(row.get("record_id"))) {
        renamed.put(row.get("record_id"), p.recordId());
      }
      known.add(p == null ? row.get("record_id") : p.recordId());
    }

    // 1b. after a rules change, re-screen what was carried forward
    boolean rulesChanged = previous != null && !previous.rulesSha256().equals(rulesSha256);
    Set<String> carriedIds = new java.util.LinkedHashSet<>();
    carried.forEach(c -> carriedIds.add(c.recordId()));
    known.addAll(carriedIds);
    Map<String, Map<String, String>> fresh = rulesChanged && !carried.isEmpty()
        ? rescreen.rescreen(Collections.unmodifiableSet(carriedIds)) : Map.of();
    Set<String> rescreenedIds = new java.util.LinkedHashSet<>();
    for (PreviousRecord c : carried) {
      if (fresh.containsKey(c.recordId())) {
        rescreenedIds.add(c.recordId());
      }
    }
    long notRescreened = rulesChanged ? carried.size() - rescreenedIds.size() : 0;

    // 2. human decisions
    Map<String, List<Map<String, String>>> sources = new LinkedHashMap<>();
    if (previous != null) {
      sources.put(previous.dir().resolve(DECISIONS_CSV).toString(), previous.decisions());
    }
    sources.put(decisionsSource, decisionRows);
    HumanDecisions decisions = HumanDecisions.resolve(sources);
    List<HumanDecisions.Problem> problems = new ArrayList<>(decisions.problems());
    problems.addAll(decisions.unknownIds(known));

    // 3. each record decided (this run's, then the carried-forward ones): status, changes, conflicts
    List<LivingRecord> decided = new ArrayList<>(rows.size() + carried.size());
    List<Map<String, String>> conflictRows = new ArrayList<>();
    int human = 0;
    for (Map<String, String> row : rows) {
      human += decide(decided, conflictRows, runId, row, earlier.get(row), null, baseColumns, decisions);
    }
    for (PreviousRecord c : carried) {
      human += decide(decided, conflictRows, runId, null, c, fresh.get(c.recordId()), baseColumns, decisions);
    }
    List<Map<String, String>> changes = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    rows = new ArrayList<>(decided.size());
    for (LivingRecord r : decided) {
      if (r.status() == LivingRecord.Status.CHANGED) {
        changes.add(r.changeRow());
      }
      counts.merge(r.status().label(), 1L, Long::sum);
      rows.add(r.cells());
    }

    // 4. write
    rows.sort(ORDER);
    for (Map.Entry<String, String> f : FILE_OF.entrySet()) {
      if (f.getKey().equals("review")) {
        CsvTable queue = ranker.rank(columns, rows, decisions.kept());
        CsvTable.write(dir.resolve(f.getValue()), queue.columns(), queue.rows());
      } else {
        CsvTable.write(dir.resolve(f.getValue()), columns,
            rows.stream().filter(r -> r.get("decision").equals(f.getKey())).toList());
      }
    }
    CsvTable.write(dir.resolve(NEW_INCLUDED_CSV), columns,
        rows.stream().filter(r -> r.get("status").equals(NEW) && r.get("decision").equals("include")).toList());
    CsvTable.write(dir.resolve(NEW_REVIEW_CSV), columns,
        rows.stream().filter(r -> r.get("status").equals(NEW) && r.get("decision").equals("review")).toList());
    changes.sort(Comparator.comparing(c -> c.get("record_id")));
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> prisma = finish(dir, runId, previous, rulesChanged, counts, alreadyKnown, fuzzyMatched,
        carried.size(), rescreenedIds.size(), notRescreened, changes, conflictRows, decisions, problems, human,
        rows, summary);
    Map<String, Object> kappa = decisions.kappa();
    return new Result(summary, problems, kappa, rows, renamed, carriedIds, rescreenedIds, prisma);
  }

  /**
   * Decides one record ({@link LivingDecision}) with the reviewers' decision on its final id, adds
   * it to {@code decided} and its reviewers' rows to {@code conflictRows} when they disagree.
   *
   * @return 1 when reviewers decided the record, else 0
   */
  private static int decide(List<LivingRecord> decided, List<Map<String, String>> conflictRows, String runId,
      Map<String, String> current, PreviousRecord previous, Map<String, String> rescreened, List<String> columns,
      HumanDecisions decisions) {
    String id = previous != null ? previous.recordId() : current.get("record_id");
    HumanDecisions.Resolved h = decisions.byRecord().get(id);
    LivingRecord r = LivingDecision.decide(runId, current, previous, rescreened, columns,
        h == null ? null : h.toDecision());
    decided.add(r);
    if (h == null) {
      return 0;
    }
    if (!h.agreed()) {
      conflictRows.addAll(h.conflictRows(r.cells().getOrDefault("title", "")));
    }
    return 1;
  }

  /**
   * Writes the update's own files (changes, conflicts, decisions, decision problems) and
   * {@code prisma.json}, fills {@code summary}, and returns what {@code prisma.json} holds.
   */
  private static Map<String, Object> finish(Path dir, String runId, PreviousRun previous, boolean rulesChanged,
      Map<String, Long> counts, long alreadyKnown, long fuzzyMatched, long carried, long rescreened,
      long notRescreened, List<Map<String, String>> changes, List<Map<String, String>> conflictRows,
      HumanDecisions decisions, List<HumanDecisions.Problem> problems, long human, List<Map<String, String>> rows,
      Map<String, Object> summary) throws IOException {
    CsvTable.write(dir.resolve(CHANGES_CSV), CHANGES_COLUMNS, changes);
    conflictRows.sort(HumanDecisions.CONFLICT_ORDER);
    CsvTable.write(dir.resolve(CONFLICTS_CSV), CONFLICTS_COLUMNS, conflictRows);
    CsvTable.write(dir.resolve(DECISIONS_CSV), HumanDecisions.COLUMNS, decisions.kept());
    CsvTable.write(dir.resolve(PROBLEMS_CSV), HumanDecisions.PROBLEM_COLUMNS,
        problems.stream().map(HumanDecisions.Problem::row).toList());

    summary.putAll(new LivingSummary(runId, previous == null ? null : previous.runId(), rulesChanged,
        counts.getOrDefault(NEW, 0L), counts.getOrDefault(UNCHANGED, 0L), counts.getOrDefault(CHANGED, 0L),
        alreadyKnown, fuzzyMatched, carried, rescreened, notRescreened, decisions.kept().size(), human,
        decisions.conflicts().size(), problems.size(), decisions.kappa()).toMap());
    long previousIncluded = previous == null ? 0
        : previous.rows().stream().filter(r -> "include".equals(r.get("decision"))).count();
    return PrismaUpdate.rewrite(dir, rows, previous == null ? -1 : previousIncluded, summary);
  }

  /**
   * The update of a first run without decisions, with less work and the same files as
   * {@link #apply}: see {@link #firstRun}; the decisions are none.
   *
   * @param rows every screened record's {@code decision}, {@code stage} and {@code reason}, as in
   *     the screened files (for {@code prisma.json})
   * @return the result; its {@code rows} are {@code rows} with {@code status} new
   */
  public static Result firstRunWithoutDecisions(Path dir, String runId, String decisionsSource,
      List<Map<String, String>> rows) throws IOException {
    return firstRunWithoutDecisions(dir, runId, decisionsSource, rows, Ranker.NONE);
  }

  /**
   * As {@link #firstRunWithoutDecisions(Path, String, String, List)}; {@code ranker} orders
   * {@code review.csv} (given the review rows only: there are no decisions).
   */
  public static Result firstRunWithoutDecisions(Path dir, String runId, String decisionsSource,
      List<Map<String, String>> rows, Ranker ranker) throws IOException {
    return firstRun(dir, runId, HumanDecisions.resolve(Map.of(decisionsSource, List.of())), rows, Map.of(),
        ranker);
  }

  /**
   * The update of a first run (no previous run), with less work and the same files as
   * {@link #apply}. The pipeline has already applied the human decisions to the rows it handed
   * over (the screened rows, in the order {@link #apply} writes them: title ignoring case, then
   * record id), and every record is new and keeps its id, so the screened files only gain the
   * added columns ({@code first_seen} = {@code runId}, {@code status} = new, empty reviewer, date
   * and note), appended to each row as text ({@link CsvTable#appendColumns}) instead of reading
   * every row into a map and writing it back; the new-records files are copies. Only the ranker
   * reads rows back: the review rows, or, when there are decisions, every row (it learns from
   * the decided ones), as {@link #apply} gives them.
   *
   * @param decisions the resolved decisions the pipeline applied
   * @param rows every screened record's final {@code record_id}, {@code decision}, {@code stage}
   *     and {@code reason}, in file order (for {@code prisma.json}, the known ids and the conflicts)
   * @param titles the titles of the records whose reviewers disagree (for {@code conflicts.csv})
   * @return the result; its {@code rows} are {@code rows} with {@code status} new
   */
  public static Result firstRun(Path dir, String runId, HumanDecisions decisions, List<Map<String, String>> rows,
      Map<String, String> titles, Ranker ranker) throws IOException {
    List<String> values = List.of(runId, NEW, "", "", "");
    Path included = dir.resolve(OutputFile.INCLUDED_CSV.pipelineRows().fileName());
    Path review = dir.resolve(OutputFile.REVIEW_CSV.pipelineRows().fileName());
    Path excluded = dir.resolve(OutputFile.EXCLUDED_CSV.pipelineRows().fileName());
    CsvTable.appendColumns(included, dir.resolve(FILE_OF.get("include")), ADDED_COLUMNS, values);
    CsvTable.appendColumns(included, dir.resolve(NEW_INCLUDED_CSV), ADDED_COLUMNS, values);
    CsvTable.appendColumns(excluded, dir.resolve(FILE_OF.get("exclude")), ADDED_COLUMNS, values);
    // the queue unranked is new-review.csv; ranked, review.csv
    CsvTable.appendColumns(review, dir.resolve(NEW_REVIEW_CSV), ADDED_COLUMNS, values);
    boolean decided = !decisions.kept().isEmpty();
    List<String> columns = null;
    List<Map<String, String>> rankRows = new ArrayList<>();
    for (Path f : decided ? List.of(included, review, excluded) : List.of(review)) {
      CsvTable t = CsvTable.read(f);
      columns = t.columns();
      rankRows.addAll(t.rows());
    }
    columns = new ArrayList<>(columns);
    for (String c : ADDED_COLUMNS) {
      if (!columns.contains(c)) {
        columns.add(c);
      }
    }
    for (Map<String, String> r : rankRows) {
      // in the order apply() adds them, so the ranker sees the same rows
      r.put("first_seen", runId);
      r.put("reviewer", "");
      r.put("date", "");
      r.put("note", "");
      r.put("status", NEW);
    }
    if (decided) {
      rankRows.sort(ORDER);
    }
    CsvTable queue = ranker.rank(columns, rankRows, decided ? decisions.kept() : List.of());
    CsvTable.write(dir.resolve(FILE_OF.get("review")), queue.columns(), queue.rows());

    List<Map<String, String>> statusRows = new ArrayList<>(rows.size());
    Set<String> known = new HashSet<>();
    List<Map<String, String>> conflictRows = new ArrayList<>();
    int human = 0;
    for (Map<String, String> r : rows) {
      Map<String, String> row = new HashMap<>(r);
      row.put("status", NEW);
      statusRows.add(row);
      String id = r.getOrDefault("record_id", "");
      known.add(id);
      HumanDecisions.Resolved h = decisions.byRecord().get(id);
      if (h == null) {
        continue;
      }
      human++;
      if (!h.agreed()) {
        conflictRows.addAll(h.conflictRows(titles.getOrDefault(id, "")));
      }
    }
    List<HumanDecisions.Problem> problems = new ArrayList<>(decisions.problems());
    problems.addAll(decisions.unknownIds(known));
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> prisma = finish(dir, runId, null, false, Map.of(NEW, (long) rows.size()), 0, 0, 0, 0, 0,
        List.of(), conflictRows, decisions, problems, human, statusRows, summary);
    return new Result(summary, problems, decisions.kappa(), statusRows, Map.of(), Set.of(), Set.of(), prisma);
  }

  /** The screened files' order: title ignoring case, then record id (as the pipeline sorts them). */
  private static final Comparator<Map<String, String>> ORDER = Comparator
      .comparing((Map<String, String> r) -> r.getOrDefault("title", "").toLowerCase(Locale.ROOT))
      .thenComparing(r -> r.get("record_id"));
}
