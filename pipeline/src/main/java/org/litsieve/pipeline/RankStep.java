package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.litsieve.history.CsvTable;
import org.litsieve.history.DecisionDates;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.output.OutputFiles;
import org.litsieve.output.RunReports;
import org.litsieve.rank.ActiveLearning;
import org.litsieve.rank.RunModel;
import org.litsieve.rank.SecondLook;
import org.litsieve.rank.StoppingEstimate;
import org.litsieve.rank.TextVectors;

/**
 * Ranks the review queue and takes a second look at keyword exclusions, after the human decisions
 * are applied and before {@code review.csv} is written (by the living-review step, which calls
 * {@link Ranking} with its final rows), so that {@code review.csv} is written once, ranked.
 *
 * <p>Input: the final rows of the three screened files and the kept human decisions (this run's
 * and earlier runs'). When reviewers have included
 * at least one record and excluded at least one, the model {@code simulate} measures ({@link RunModel}:
 * the features and learner of {@link ActiveLearning.Settings#DEFAULT}) is trained once on those records
 * (title, abstract, matched blocks and outcome tags as features) and {@code relevance} is its
 * Platt-scaled probability that a record is relevant; otherwise {@code relevance} comes from the rules' own
 * evidence, {@code 1 - 1 / (1 + blocks + terms / 10)} with the include blocks a record matched and
 * the words they matched. Output: {@code review.csv}'s rows gain {@code rank} and {@code relevance} and are
 * sorted by rank (most likely first, ties by record id); with a model, {@value
 * OutputFiles#SECOND_LOOK_CSV} lists the records excluded by keyword screening (not by eligibility,
 * not by reviewers) whose relevance clears {@link SecondLook#bar}, most likely first (header only
 * otherwise).
 * With any reviewer decision, the summary also holds {@code stopping}: the knee method ({@link
 * StoppingEstimate}) applied to the decided records in the order they were decided, against the
 * queue still to screen. The summary for the manifest and the run summary is left in {@link
 * Ranking#summary}. Fails only
 * when {@value OutputFiles#SECOND_LOOK_CSV} cannot be written.
 */
final class RankStep {
  /** Columns {@code review.csv} gains. */
  static final List<String> ADDED = List.of("rank", "relevance");
  /** Columns of {@code second-look.csv}. */
  static final List<String> SECOND_LOOK = List.of("rank", "relevance", "record_id", "title", "authors", "year",
      "doi", "pmid", "reason", "matched_blocks", "abstract");

  private static final Pattern EVIDENCE = Pattern.compile("\\{([^}]*)\\}");

  private RankStep() {}

  /**
   * The ranker the living-review step calls just before it writes {@code review.csv} (once): it
   * writes {@value OutputFiles#SECOND_LOOK_CSV} and fills {@link #summary} for the manifest and the
   * run summary.
   */
  static final class Ranking implements LivingUpdate.Ranker {
    private final Path dir;
    /** What the ranking did; empty until {@link #rank} ran. */
    final Map<String, Object> summary = new LinkedHashMap<>();

    Ranking(Path dir) {
      this.dir = dir;
    }

    private long nanos;
    /** The latest ranking; null before {@link #rank} ran. */
    private Ranked ranked;

    @Override
    public CsvTable rank(List<String> columns, List<Map<String, String>> rows,
        List<Map<String, String>> keptDecisions) throws IOException {
      long start = System.nanoTime();
      List<Map<String, String>> decisions = decisionRows(keptDecisions);
      ranked = RankStep.ranked(dir, columns, rows, humanLabels(decisions), decisions);
      summary.clear();
      summary.putAll(ranked.summary().toMap());
      nanos += System.nanoTime() - start;
      return new CsvTable(queueColumns(columns), ranked.queue());
    }

    /** The latest ranking (null before {@link #rank} ran). */
    Ranked ranked() {
      return ranked;
    }

    /**
     * The ranking as the report shows it (empty before {@link #rank} ran): the queue's ranks, the
     * second look's first {@link RunReports#SECOND_LOOK_SHOWN} rows and its number of rows, as the
     * graph's ranking hands them over ({@code RankReviewQueue.Outcome#forReport}).
     */
    RunReports.RankedQueue forReport() {
      Map<String, String[]> byRecord = new HashMap<>();
      for (Map<String, String> row : ranked == null ? List.<Map<String, String>>of() : ranked.queue()) {
        byRecord.put(row.get("record_id"), new String[] {row.get("rank"), row.get("relevance")});
      }
      List<Map<String, String>> secondLook = ranked == null ? List.of() : ranked.secondLook();
      return new RunReports.RankedQueue(byRecord,
          new ArrayList<>(secondLook.subList(0, Math.min(RunReports.SECOND_LOOK_SHOWN, secondLook.size()))),
          secondLook.size());
    }

    /** The time spent ranking, in milliseconds (for the manifest's timings). */
    long millis() {
      return nanos / 1_000_000;
    }
  }

  /**
   * Ranks {@code rows}' review queue: returns {@code review.csv}'s columns and rows, writes
   * {@value OutputFiles#SECOND_LOOK_CSV} into {@code dir} (and its rows into {@code secondLookOut}),
   * and puts what it did in {@code summary}.
   *
   * @param columns the screened files' columns
   * @param rows the final rows in file order (title, then record id): every review row, and every
   *     row of the screened files when {@code labels} hold both kinds
   * @param labels agreed human decisions by record id (include true), see {@link #humanLabels}
   * @param decisionRows the rows of {@code decisions.csv}, in its order, for the stopping estimate
   */
  static CsvTable rank(Path dir, List<String> columns, List<Map<String, String>> rows, Map<String, Boolean> labels,
      List<Map<String, String>> decisionRows, Map<String, Object> summary, List<Map<String, String>> secondLookOut)
      throws IOException {
    Ranked ranked = ranked(dir, columns, rows, labels, decisionRows);
    secondLookOut.addAll(ranked.secondLook());
    summary.putAll(ranked.summary().toMap());
    return new CsvTable(queueColumns(columns), ranked.queue());
  }

  /**
   * As {@link #rank(Path, List, List, Map, List, Map, List)}: writes {@value OutputFiles#SECOND_LOOK_CSV}
   * and returns the ranking.
   */
  static Ranked ranked(Path dir, List<String> columns, List<Map<String, String>> rows, Map<String, Boolean> labels,
      List<Map<String, String>> decisionRows) throws IOException {
    // each row as the screened file holds it, so ranking sees what a reader of the files sees
    Map<String, List<Map<String, String>>> byDecision = new HashMap<>();
    for (Map<String, String> row : rows) {
      byDecision.computeIfAbsent(row.get("decision"), k -> new ArrayList<>()).add(asReadBack(row, columns));
    }
    List<Map<String, String>> review = byDecision.getOrDefault("review", List.of());
    // the decided records of this run (decisions on records of no input are kept, not counted)
    List<Map<String, String>> training = new ArrayList<>();
    List<Map<String, String>> candidates = new ArrayList<>();
    for (String d : TRAINING_ORDER) {
      for (Map<String, String> row : byDecision.getOrDefault(d, List.of())) {
        if (trains(row, labels)) {
          training.add(row);
        } else if (secondLookCandidate(row, labels)) {
          candidates.add(row);
        }
      }
    }
    Ranked ranked = rank(training, review, candidates, labels, decisionRows);
    CsvTable.write(dir.resolve(OutputFiles.SECOND_LOOK_CSV), SECOND_LOOK, ranked.secondLook());
    return ranked;
  }

  /**
   * The order of the training records by decision (each decision's rows in file order): the features'
   * numbering and the learner follow the records' order, so every caller trains in this one.
   */
  static final List<String> TRAINING_ORDER = List.of("include", "review", "exclude");

  /** Whether {@code row} (of any decision) is one the model learns from: reviewers agreed on it. */
  static boolean trains(Map<String, String> row, Map<String, Boolean> labels) {
    return labels.containsKey(row.get("record_id"));
  }

  /**
   * Whether {@code row} may get a second look: excluded by keyword screening, not decided by
   * reviewers, in a run where reviewers decided something (a model may then exist).
   */
  static boolean secondLookCandidate(Map<String, String> row, Map<String, Boolean> labels) {
    return !labels.isEmpty() && !trains(row, labels) && "exclude".equals(row.get("decision"))
        && "keywords".equals(row.get("stage"));
  }

  /** The columns of {@code review.csv}: {@link #ADDED} first, then the screened files' columns. */
  static List<String> queueColumns(List<String> columns) {
    List<String> queueColumns = new ArrayList<>(columns);
    queueColumns.removeAll(ADDED);
    queueColumns.addAll(0, ADDED);
    return queueColumns;
  }

  /**
   * What the ranking made of its rows.
   *
   * @param queue the review rows ranked: each row with {@code rank} and {@code relevance}, best first
   * @param secondLook the rows of {@value OutputFiles#SECOND_LOOK_CSV}, ranked alike
   * @param summary what the ranking did, for the manifest
   * @param relevance every ranked record's relevance (the queue's and the second-look candidates'), unrounded
   */
  record Ranked(List<Map<String, String>> queue, List<Map<String, String>> secondLook, Summary summary,
      Map<String, Double> relevance) {}

  /**
   * What the ranking did, for the manifest's {@code ranking} object ({@link #toMap}).
   *
   * @param model whether a model was trained (else the rules' evidence ranked the queue)
   * @param bar the second look's bar (with a model)
   * @param trainedOn the decided records the model learnt from
   * @param relevantInTraining of them, the included ones
   * @param reviewQueue the records in review
   * @param expected the sum of the queue's relevance (with a model)
   * @param secondLook the records given a second look
   * @param order the decided records in decision order, for the stopping estimate; null without decisions
   */
  record Summary(boolean model, double bar, int trainedOn, int relevantInTraining, int reviewQueue, double expected,
      int secondLook, DecisionOrder order) {
    /** The manifest's {@code ranking} object, its keys in the order a reader finds them. */
    Map<String, Object> toMap() {
      Map<String, Object> summary = new LinkedHashMap<>();
      if (model) {
        summary.put("second_look_bar", Math.round(bar * 1000) / 1000.0);
        summary.put("model", RunModel.describe(ActiveLearning.Settings.DEFAULT));
        summary.put("trained_on", trainedOn);
        summary.put("relevant_in_training", relevantInTraining);
      } else {
        summary.put("model", "rules' evidence (no reviewer decisions of both kinds yet)");
      }
      summary.put("review_queue", reviewQueue);
      if (model) {
        summary.put("expected_relevant_in_queue", Math.round(expected * 10) / 10.0);
      }
      summary.put("second_look", secondLook);
      if (order != null) {
        Map<String, Object> stopping = StoppingEstimate.knee(order.included(), reviewQueue).toMap();
        stopping.put("order", order.basis());
        summary.put("stopping", stopping);
      }
      return summary;
    }
  }

  /**
   * Ranks the review queue from the rows grouped as the model reads them, each row as the screened
   * file gives it back ({@link #asReadBack}); the driver and the graph's ranking both rank here. The
   * result depends on the rows' order (the features are numbered, and the learner reads the records,
   * in that order), so callers give each list in the screened files' order (title ignoring case, then
   * record id), the training records by decision first ({@link #TRAINING_ORDER}).
   *
   * @param training the rows reviewers decided ({@link #trains})
   * @param review the rows in review
   * @param candidates the rows that may get a second look ({@link #secondLookCandidate})
   * @param labels agreed human decisions by record id (include true), see {@link #humanLabels}
   * @param decisionRows the rows of {@code decisions.csv}, in its order, for the stopping estimate
   */
  static Ranked rank(List<Map<String, String>> training, List<Map<String, String>> review,
      List<Map<String, String>> candidates, Map<String, Boolean> labels, List<Map<String, String>> decisionRows) {
    return rank(training, review, candidates, labels, decisionRows, RankStep::features);
  }

  /**
   * The model's features of the ranked rows (training, then review, then candidates), for the
   * settings' learner.
   */
  @FunctionalInterface
  interface Features {
    RunModel.Features of(List<Map<String, String>> rows, ActiveLearning.Settings settings);
  }

  /**
   * The driver's features: each row's text and tags analysed here, as {@code simulate} builds them,
   * on every core (the driver ranks after its pipeline has finished, so the other cores are idle).
   */
  static RunModel.Features features(List<Map<String, String>> rows, ActiveLearning.Settings settings) {
    List<String> texts = new ArrayList<>(rows.size());
    List<List<String>> tags = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      texts.add(text(row));
      tags.add(tags(row));
    }
    return RunModel.Features.of(texts, tags, settings, Runtime.getRuntime().availableProcessors());
  }

  /** The text of a row the model reads: title and abstract ({@link TextVectors#recordText}). */
  static String text(Map<String, String> row) {
    return TextVectors.recordText(row.get("title"), row.get("abstract"));
  }

  /**
   * The feature views {@link RunModel.Features#of} builds for {@code settings}, in the order {@link
   * #analysedFeatures} takes them: the default features, and ASReview's for
   * the ensemble's SVM. A caller that analyses the records elsewhere ({@code RankReviewQueue})
   * analyses them with each of these.
   */
  static List<TextVectors.Options> views(ActiveLearning.Settings settings) {
    return settings.learner() == ActiveLearning.Learner.ENSEMBLE
        ? List.of(TextVectors.Options.DEFAULT, TextVectors.Options.ASREVIEW) : List.of(TextVectors.Options.DEFAULT);
  }

  /**
   * The features of records analysed elsewhere, one iterable of analyses per view of {@link #views}
   * (each in the rows' order): the same vectors, bit for bit, as {@link RunModel.Features#of} of their
   * texts and tags (RankFeaturesTest holds the two together for every learner).
   */
  static RunModel.Features analysedFeatures(List<Iterable<TextVectors.Analysis>> analysed,
      ActiveLearning.Settings settings) {
    List<TextVectors.Options> views = views(settings);
    List<org.litsieve.rank.SparseVector> x = TextVectors.vectors(analysed.get(0), views.get(0));
    return new RunModel.Features(x, views.size() > 1 ? TextVectors.vectors(analysed.get(1), views.get(1)) : x);
  }

  /**
   * As {@link #rank(List, List, List, Map, List)}, the features made by {@code features} (the same
   * ones, made elsewhere).
   */
  static Ranked rank(List<Map<String, String>> training, List<Map<String, String>> review,
      List<Map<String, String>> candidates, Map<String, Boolean> labels, List<Map<String, String>> decisionRows,
      Features features) {
    Map<String, Double> relevance = new HashMap<>();
    List<Map<String, String>> secondLook = new ArrayList<>();
    // a model needs an include and an exclude among the records of this run: decisions on records of no
    // input (kept for a later run) teach nothing about this one's
    boolean[] y = new boolean[training.size()];
    int relevantInTraining = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(training.get(i).get("record_id"));
      relevantInTraining += y[i] ? 1 : 0;
    }
    boolean model = relevantInTraining > 0 && relevantInTraining < y.length;
    double bar = 0;
    if (model) {
      List<Map<String, String>> all = new ArrayList<>(training);
      all.addAll(review);
      all.addAll(candidates);
      // the model simulate measures (its features, its learner), trained once on the decided records
      ActiveLearning.Settings settings = ActiveLearning.Settings.DEFAULT;
      RunModel.Trained m = RunModel.train(features.of(all, settings), y, settings, 1);
      for (int i = training.size(); i < all.size(); i++) {
        relevance.put(all.get(i).get("record_id"), m.probability(i));
      }
      double[] excluded = new double[training.size()];
      int nExcluded = 0;
      for (int i = 0; i < training.size(); i++) {
        if (!y[i]) {
          excluded[nExcluded++] = m.probability(i);
        }
      }
      bar = SecondLook.bar(Arrays.copyOf(excluded, nExcluded));
      for (Map<String, String> row : candidates) {
        if (relevance.get(row.get("record_id")) >= bar) {
          secondLook.add(row);
        }
      }
    } else {
      for (Map<String, String> row : review) {
        relevance.put(row.get("record_id"), evidence(row));
      }
    }
    List<Map<String, String>> queue = ranked(review, relevance);
    List<Map<String, String>> secondLookRanked = ranked(secondLook, relevance);
    double expected = 0;
    for (Map<String, String> row : review) {
      expected += relevance.get(row.get("record_id"));
    }
    DecisionOrder order = null;
    if (!labels.isEmpty()) {
      Set<String> known = new HashSet<>();
      training.forEach(r -> known.add(r.get("record_id")));
      order = decisionOrder(decisionRows, labels, known);
    }
    return new Ranked(queue, secondLookRanked, new Summary(model, bar, training.size(), relevantInTraining,
        queue.size(), expected, secondLook.size(), order), relevance);
  }

  /**
   * The labels of the decided records in the order they were decided, and what that order rests on.
   *
   * @param included true for each record included, in decision order
   * @param basis {@code "decision dates"} or {@code "row order of decisions.csv"}
   */
  record DecisionOrder(boolean[] included, String basis) {}

  /**
   * The records of {@code known} with an agreed include or exclude, in the order reviewers decided
   * them: by the date of a record's first decision row when every such record has a date (ties in row
   * order), otherwise in the order its first row appears in {@code decisions.csv} (earlier runs'
   * decisions first, then this run's file, each in its own row order).
   */
  static DecisionOrder decisionOrder(List<Map<String, String>> rows, Map<String, Boolean> labels, Set<String> known) {
    Map<String, String> firstDate = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      String id = row.getOrDefault("record_id", "").trim();
      if (!known.contains(id) || !labels.containsKey(id)) {
        continue;
      }
      String date = row.getOrDefault("date", "").trim();
      String key = date.isEmpty() ? "" : DecisionDates.sortKey(date);
      String had = firstDate.get(id);
      if (had == null || !key.isEmpty() && (had.isEmpty() || key.compareTo(had) < 0)) {
        firstDate.put(id, key);
      }
    }
    boolean allDated = true;
    for (String d : firstDate.values()) {
      allDated &= !d.isEmpty();
    }
    List<String> ids = new ArrayList<>(firstDate.keySet());
    if (allDated) {
      // a stable sort: records decided on the same date keep their row order
      ids.sort(Comparator.comparing(firstDate::get));
    }
    boolean[] included = new boolean[ids.size()];
    for (int i = 0; i < included.length; i++) {
      included[i] = labels.get(ids.get(i));
    }
    return new DecisionOrder(included, allDated && !ids.isEmpty() ? "decision dates" : "row order of decisions.csv");
  }

  /**
   * {@code row} as {@link CsvTable#read} would give it back from a file written with
   * {@code columns}: those columns only (absent ones ""), line breaks in values as line feeds.
   */
  static Map<String, String> asReadBack(Map<String, String> row, List<String> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String c : columns) {
      String v = row.getOrDefault(c, "");
      out.put(c, v.indexOf('\r') < 0 ? v : v.replace("\r\n", "\n").replace('\r', '\n'));
    }
    return out;
  }

  /** Rows sorted by relevance (highest first, ties by record id), numbered from 1. */
  static List<Map<String, String>> ranked(List<Map<String, String>> rows, Map<String, Double> relevance) {
    List<Map<String, String>> out = new ArrayList<>(rows);
    out.sort(Comparator.<Map<String, String>>comparingDouble(r -> -relevance.get(r.get("record_id")))
        .thenComparing(r -> r.get("record_id")));
    for (int i = 0; i < out.size(); i++) {
      Map<String, String> row = new LinkedHashMap<>(out.get(i));
      row.put("rank", Integer.toString(i + 1));
      row.put("relevance", relevance(relevance.get(row.get("record_id"))));
      out.set(i, row);
    }
    return out;
  }

  /** A relevance as the files write it. */
  static String relevance(double relevance) {
    return String.format(Locale.ROOT, "%.4f", relevance);
  }

  /** The rules' evidence for a review row: matched include blocks and the words they matched. */
  static double evidence(Map<String, String> row) {
    String blocks = row.getOrDefault("matched_blocks", "");
    int b = blocks.isBlank() ? 0 : blocks.split("[;|]").length;
    int terms = 0;
    Matcher m = EVIDENCE.matcher(row.getOrDefault("block_evidence", ""));
    while (m.find()) {
      terms += m.group(1).isBlank() ? 0 : m.group(1).split("\\|").length;
    }
    return 1 - 1 / (1 + b + terms / 10.0);
  }

  /** The tags of a row the model reads: its matched blocks and outcome tags. */
  static List<String> tags(Map<String, String> row) {
    List<String> t = new ArrayList<>();
    for (String col : List.of("matched_blocks", "outcome_tags")) {
      for (String s : row.getOrDefault(col, "").split("[;|]")) {
        if (!s.isBlank()) {
          t.add(col + ":" + s.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return t;
  }

  /** The kept decision rows as {@code decisions.csv} gives them back, for {@link #humanLabels} and the stopping order. */
  static List<Map<String, String>> decisionRows(List<Map<String, String>> keptDecisions) {
    List<Map<String, String>> decisions = new ArrayList<>(keptDecisions.size());
    keptDecisions.forEach(d -> decisions.add(asReadBack(d, HumanDecisions.COLUMNS)));
    return decisions;
  }

  /** Agreed include (true) and exclude (false) decisions by record id; maybe and conflicts are left out. */
  static Map<String, Boolean> humanLabels(List<Map<String, String>> decisions) {
    Map<String, Boolean> out = new HashMap<>();
    HumanDecisions d = HumanDecisions.resolve(Map.of(LivingUpdate.DECISIONS_CSV, decisions));
    for (HumanDecisions.Resolved r : d.byRecord().values()) {
      if (r.agreed() && !r.decision().equals("maybe")) {
        out.put(r.recordId(), r.decision().equals("include"));
      }
    }
    return out;
  }
}
