package org.litsieve.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.litsieve.dedup.Deduplicator;
import org.litsieve.dedup.MatchParams;
import org.litsieve.dedup.SyntheticCorpus;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Rejected;

/**
 * The deduplication benchmark: accuracy on bib-dedupe's labelled datasets and speed on synthetic
 * corpora. Prints figures; it asserts nothing ({@code DedupAccuracyTest} holds the thresholds).
 *
 * <pre>
 * java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.DedupBenchmark accuracy ../shared/realdata/dedup/bib-dedupe
 * java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.DedupBenchmark leave-one-out ../shared/realdata/dedup/bib-dedupe
 * java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.DedupBenchmark speed 80000 1
 * java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.DedupBenchmark corpus 80000 1 corpus.csv
 * java -cp bench/target/litsieve-bench.jar org.litsieve.pipeline.DedupBenchmark side-by-side \
 *     ../shared/realdata/dedup/bib-dedupe "$(../shared/tools/bib-dedupe/setup.sh)" ../shared/tools/bib-dedupe ./litsieve
 * </pre>
 *
 * <p>Scoring follows bib-dedupe's convention at record level: in each predicted group one record
 * is kept (litsieve's kept record) and the rest are removed; a removed record is a true positive
 * if it is truly in the same group as the kept record, else a false positive; FN = truly
 * removable records − TP; TN = n − TP − FP − FN. Records the reader rejects (no title) count as
 * kept.
 */
public final class DedupBenchmark {
  /** bib-dedupe's and ASySD's published sensitivity and specificity, per dataset. */
  public static final Map<String, double[]> PUBLISHED = Map.of(
      "cytology_screening", new double[] {0.9922, 1.0, 0.9728, 0.9991},
      "haematology", new double[] {0.8889, 1.0, 0.8074, 1.0},
      "respiratory", new double[] {0.9358, 1.0, 0.9151, 1.0});

  /** Record-level confusion counts. */
  public record Score(long n, long tp, long fp, long fn, long tn, long millis, long rejected) {
    public double sensitivity() {
      return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
    }

    public double specificity() {
      return tn + fp == 0 ? 1 : tn / (double) (tn + fp);
    }
  }

  /** One test case from {@code test_cases.json} and what litsieve decided. */
  public record CaseResult(String id, boolean expected, boolean merged, String rule) {
    public boolean correct() {
      return expected == merged;
    }
  }

  private DedupBenchmark() {}

  /** Reads one export file completely; rejects are counted in {@code rejected}. */
  public static List<BibRecord> read(Path file, List<Rejected> rejected) throws IOException {
    List<BibRecord> records = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      ExportReader.read(file.getFileName().toString(), in, ParseSink.into(records, rejected));
    }
    return records;
  }

  /** Runs and scores one dataset folder ({@code records_pre_merged.csv}, {@code merged_record_ids.csv}). */
  public static Score dataset(Path dir) throws IOException {
    List<Rejected> rejected = new ArrayList<>();
    long start = System.nanoTime();
    List<BibRecord> records = read(dir.resolve("records_pre_merged.csv"), rejected);
    Deduplicator.Result result = Deduplicator.run(records);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return score(records.size() + rejected.size(), result.links(), truth(dir), rejected.size(), millis);
  }

  /** The true groups: source id → group number. */
  static Map<String, Integer> truth(Path dir) throws IOException {
    Map<String, Integer> group = new HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("merged_record_ids.csv"), StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      for (String id : lines.get(i).replace("\"", "").strip().split(";")) {
        if (!id.isBlank()) {
          group.put(id.strip(), i);
        }
      }
    }
    return group;
  }

  /** Scores predicted groups (the duplicate audit) against the true groups. */
  public static Score score(long n, List<DuplicateLink> links, Map<String, Integer> truth, long rejected,
      long millis) {
    Map<String, List<DuplicateLink>> predicted = new LinkedHashMap<>();
    for (DuplicateLink l : links) {
      predicted.computeIfAbsent(l.recordId(), k -> new ArrayList<>()).add(l);
    }
    long tp = 0;
    long fp = 0;
    for (List<DuplicateLink> group : predicted.values()) {
      String kept = group.stream().filter(DuplicateLink::kept).findFirst().orElseThrow().sourceId();
      for (DuplicateLink l : group) {
        if (l.kept()) {
          continue;
        }
        Integer g = truth.get(l.sourceId());
        if (g != null && g.equals(truth.get(kept))) {
          tp++;
        } else {
          fp++;
        }
      }
    }
    Map<Integer, Integer> sizes = new HashMap<>();
    truth.values().forEach(g -> sizes.merge(g, 1, Integer::sum));
    long removable = sizes.values().stream().mapToLong(s -> s - 1).sum();
    long fn = removable - tp;
    long tn = n - tp - fp - fn;
    return new Score(n, tp, fp, fn, tn, millis, rejected);
  }

  /** Decides every pair in {@code test_cases.json}, reading each pair as a two-row CSV export. */
  public static List<CaseResult> testCases(Path json, Path workDir) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<CaseResult> out = new ArrayList<>();
    List<String> columns = List.of("ID", "ENTRYTYPE", "author", "title", "year", "journal", "booktitle",
        "volume", "number", "pages", "doi");
    for (JsonNode c : root.get("cases")) {
      StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
      for (String side : List.of("record_a", "record_b")) {
        List<String> cells = new ArrayList<>();
        for (String col : columns) {
          JsonNode v = c.get(side).get(col);
          String text = v == null || v.isNull() ? "" : v.asText();
          cells.add("\"" + text.replace("\"", "\"\"") + "\"");
        }
        csv.append(String.join(",", cells)).append('\n');
      }
      Path file = workDir.resolve(c.get("id").asText() + ".csv");
      Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
      List<Rejected> rejected = new ArrayList<>();
      List<BibRecord> records = read(file, rejected);
      Deduplicator.Result r = Deduplicator.run(records);
      boolean merged = records.size() == 2 && r.unique().size() == 1;
      String rule = r.links().stream().map(DuplicateLink::matchRule).filter(s -> !s.isEmpty())
          .findFirst().orElse(r.review().isEmpty() ? "" : "review: " + r.review().get(0).rule());
      out.add(new CaseResult(c.get("id").asText(), c.get("expected_duplicate").asBoolean(), merged, rule));
    }
    return out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length >= 2 && args[0].equals("accuracy")) {
      accuracy(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("model")) {
      model(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("leave-one-out")) {
      leaveOneOut(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("explain")) {
      explain(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("speed")) {
      int n = Integer.parseInt(args[1]);
      long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
      speed(n, seed, !(args.length > 3 && args[3].equals("rules")));
    } else if (args.length >= 4 && args[0].equals("side-by-side")) {
      sideBySide(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
          args.length > 4 ? Path.of(args[4]) : Path.of("litsieve"));
    } else if (args.length >= 2 && args[0].equals("doi-holdout")) {
      List<Path> files = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        files.add(Path.of(args[i]));
      }
      doiHoldout(files);
    } else if (args.length >= 4 && args[0].equals("labelled-corpus")) {
      labelledCorpus(Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]));
    } else if (args.length >= 4 && args[0].equals("corpus")) {
      SyntheticCorpus corpus = SyntheticCorpus.generate(Integer.parseInt(args[1]), Long.parseLong(args[2]));
      corpus.writeCsv(Path.of(args[3]));
      System.out.printf(Locale.ROOT, "wrote %d records (%d papers) to %s%n", corpus.records().size(),
          corpus.papers(), args[3]);
    } else {
      System.err.println("usage: DedupBenchmark accuracy DIR | leave-one-out DIR | model DIR | explain DATASET_DIR | speed N [SEED [rules]]"
          + " | corpus N SEED FILE.csv | labelled-corpus N SEED DIR | side-by-side DIR BIB_DEDUPE_PYTHON BIB_DEDUPE_TOOLS_DIR [LAUNCHER]");
      System.exit(2);
    }
  }

  static void accuracy(Path dir) throws IOException {
    System.out.println("| dataset | records | TP | FP | FN | TN | sensitivity | specificity | runtime | bib-dedupe | ASySD |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String name : List.of("cytology_screening", "haematology", "respiratory")) {
      Score s = dataset(dir.resolve(name));
      double[] p = PUBLISHED.get(name);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.4f | %.4f | %.2f s | %.4f / %.4f | %.4f / %.4f |%n",
          name, s.n(), s.tp(), s.fp(), s.fn(), s.tn(), s.sensitivity(), s.specificity(), s.millis() / 1000.0,
          p[0], p[1], p[2], p[3]);
    }
    Path work = Files.createTempDirectory("litsieve-cases");
    List<CaseResult> cases = testCases(dir.resolve("test_cases.json"), work);
    long correct = cases.stream().filter(CaseResult::correct).count();
    System.out.printf(Locale.ROOT, "%ntest_cases.json: %d of %d decided correctly%n", correct, cases.size());
    for (CaseResult c : cases) {
      System.out.printf(Locale.ROOT, "  %s %-70s expected %-5s merged %-5s %s%n", c.correct() ? "ok  " : "FAIL",
          c.id(), c.expected(), c.merged(), c.rule());
    }
  }

  /**
   * The run's match model ({@link org.litsieve.dedup.MatchModel}) on each labelled set: the
   * figures with the rules alone and with the model as a second opinion, the model's weights, and
   * every rule match it sent to review, with whether the pair is truly one paper.
   */
  static void model(Path dir) throws IOException {
    for (String name : List.of("cytology_screening", "haematology", "respiratory", "special_cases")) {
      Path d = dir.resolve(name);
      if (!Files.isRegularFile(d.resolve("records_pre_merged.csv"))) {
        continue;
      }
      List<Rejected> rejected = new ArrayList<>();
      List<BibRecord> records = read(d.resolve("records_pre_merged.csv"), rejected);
      Map<String, Integer> truth = truth(d);
      long n = records.size() + rejected.size();
      Deduplicator.Result rules = Deduplicator.run(records, MatchParams.DEFAULT, false);
      Deduplicator.Result withModel = Deduplicator.run(records, MatchParams.DEFAULT, true);
      Score a = score(n, rules.links(), truth, rejected.size(), 0);
      Score b = score(n, withModel.links(), truth, rejected.size(), 0);
      System.out.printf(Locale.ROOT, "%s: rules alone TP %d FP %d FN %d (review %d); with the model TP %d FP %d FN %d "
              + "(review %d)%n", name, a.tp(), a.fp(), a.fn(), rules.review().size(), b.tp(), b.fp(), b.fn(),
          withModel.review().size());
      if (withModel.model() != null) {
        System.out.print(withModel.model().weights());
      }
      for (org.litsieve.model.DuplicateCandidate c : withModel.review()) {
        if (c.rule().contains("match model doubts")) {
          Integer ga = truth.get(c.sourceIdA());
          boolean same = ga != null && ga.equals(truth.get(c.sourceIdB()));
          System.out.printf(Locale.ROOT, "  doubted (%s): %s%n    %s | %s%n", same ? "truly one paper" : "truly two",
              c.rule(), c.titleA(), c.titleB());
        }
      }
    }
  }

  /**
   * Writes a generated corpus as a labelled dataset both tools can read, in the layout of
   * bib-dedupe's benchmark: {@code DIR/records_pre_merged.csv} and {@code DIR/merged_record_ids.csv}
   * (one line per paper with more than one copy), for {@link #sideBySide} on distinct records of
   * any size.
   */
  static void labelledCorpus(int n, long seed, Path dir) throws IOException {
    SyntheticCorpus corpus = SyntheticCorpus.generate(n, seed);
    Files.createDirectories(dir);
    corpus.writeCsv(dir.resolve("records_pre_merged.csv"));
    Map<Integer, List<String>> groups = new java.util.TreeMap<>();
    Map<String, Integer> truth = corpus.truth();
    for (BibRecord r : corpus.records()) {
      groups.computeIfAbsent(truth.get(r.origin().sourceId()), k -> new ArrayList<>())
          .add(r.origin().sourceId());
    }
    StringBuilder out = new StringBuilder("merged_ids\n");
    for (List<String> g : groups.values()) {
      if (g.size() > 1) {
        out.append('"').append(String.join(";", g)).append("\"\n");
      }
    }
    Files.writeString(dir.resolve("merged_record_ids.csv"), out.toString(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %d records (%d papers) to %s%n", corpus.records().size(),
        corpus.papers(), dir);
  }

  /** The grid {@link #leaveOneOut} chooses the cut-offs from, around {@link MatchParams#DEFAULT}. */
  static List<MatchParams> grid() {
    List<MatchParams> grid = new ArrayList<>();
    for (double same : new double[] {0.97, 0.95, 0.93}) {
      for (double close : new double[] {0.93, 0.90, 0.85}) {
        for (double id : new double[] {0.90, 0.85, 0.80}) {
          for (double authors : new double[] {0.67, 0.5, 0.34}) {
            if (close <= same) {
              grid.add(new MatchParams(same, close, id, authors));
            }
          }
        }
      }
    }
    return grid;
  }

  /**
   * Leave one labelled set out, in turn: for each of the three sets, the cut-offs
   * ({@link MatchParams}) are chosen from {@link #grid} on the other two (fewest false merges
   * first, then the most true positives, then the strictest), and the figures are those of the chosen cut-offs on the set left out. Printed
   * beside the figures of the default cut-offs on the same set, which were chosen while all three
   * sets were looked at (tuned, not held out).
   */
  static void leaveOneOut(Path dir) throws IOException {
    List<String> names = List.of("cytology_screening", "haematology", "respiratory");
    List<MatchParams> grid = grid();
    Map<String, List<Score>> scores = new LinkedHashMap<>();
    for (String name : names) {
      Path d = dir.resolve(name);
      List<Rejected> rejected = new ArrayList<>();
      List<BibRecord> records = read(d.resolve("records_pre_merged.csv"), rejected);
      Map<String, Integer> truth = truth(d);
      List<Score> row = new ArrayList<>();
      for (MatchParams p : grid) {
        long start = System.nanoTime();
        Deduplicator.Result r = Deduplicator.run(records, p);
        row.add(score(records.size() + rejected.size(), r.links(), truth, rejected.size(),
            (System.nanoTime() - start) / 1_000_000));
      }
      scores.put(name, row);
    }
    int defaults = grid.indexOf(MatchParams.DEFAULT);
    System.out.printf(Locale.ROOT, "%d cut-off combinations; default: %s%n%n", grid.size(), MatchParams.DEFAULT);
    System.out.println("| held out | chosen on the other two | held-out TP | FP | FN | sensitivity | specificity "
        + "| default (tuned) TP | FP | FN | sensitivity | specificity |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String held : names) {
      int best = -1;
      long bestFp = Long.MAX_VALUE;
      long bestTp = -1;
      for (int i = 0; i < grid.size(); i++) {
        long fp = 0;
        long tp = 0;
        for (String train : names) {
          if (!train.equals(held)) {
            fp += scores.get(train).get(i).fp();
            tp += scores.get(train).get(i).tp();
          }
        }
        // (grid order runs from the strictest cut-offs, so a tie keeps the stricter ones; the
        // default gets no preference, it was chosen seeing the set left out)
        if (fp < bestFp || fp == bestFp && tp > bestTp) {
          best = i;
          bestFp = fp;
          bestTp = tp;
        }
      }
      Score h = scores.get(held).get(best);
      Score t = scores.get(held).get(defaults);
      System.out.printf(Locale.ROOT, "| %s | %s (training: %d FP, %d TP) | %d | %d | %d | %.4f | %.4f | %d | %d | %d | %.4f | %.4f |%n",
          held, grid.get(best), bestFp, bestTp, h.tp(), h.fp(), h.fn(), h.sensitivity(), h.specificity(),
          t.tp(), t.fp(), t.fn(), t.sensitivity(), t.specificity());
    }
    System.out.println();
    System.out.println("every combination: set TP/FP/FN");
    for (int i = 0; i < grid.size(); i++) {
      StringBuilder line = new StringBuilder(grid.get(i).toString());
      for (String name : names) {
        Score s = scores.get(name).get(i);
        line.append(String.format(Locale.ROOT, " | %s %d/%d/%d", name, s.tp(), s.fp(), s.fn()));
      }
      System.out.println(line);
    }
  }

  /**
   * Runs bib-dedupe and {@code litsieve dedup}, each as a fresh process (interpreter or JVM start,
   * reading and writing included), on every labelled dataset in {@code dir} (each folder with a
   * {@code records_pre_merged.csv} and a {@code merged_record_ids.csv}, by name), one after the other
   * in one sitting, and scores both tools' {@code duplicates.csv} with {@link #score}. bib-dedupe
   * runs through {@code run_bibdedupe.py} in {@code tools} with {@code python} (a virtual
   * environment made by that folder's {@code setup.sh}); litsieve through {@code launcher}. A tool
   * that fails is reported with its exit code and the table goes on.
   */
  static void sideBySide(Path dir, Path python, Path tools, Path launcher) throws IOException {
    Path work = Files.createTempDirectory("litsieve-side-by-side");
    System.out.println("| dataset | records | tool | TP | FP | FN | TN | sensitivity | specificity | wall time |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    List<String> names = new ArrayList<>();
    try (var list = Files.list(dir)) {
      list.filter(d -> Files.isRegularFile(d.resolve("records_pre_merged.csv"))
              && Files.isRegularFile(d.resolve("merged_record_ids.csv")))
          .map(d -> d.getFileName().toString()).sorted().forEach(names::add);
    }
    for (String name : names) {
      Path records = dir.resolve(name).resolve("records_pre_merged.csv");
      List<Rejected> rejected = new ArrayList<>();
      long n = read(records, rejected).size() + rejected.size();
      Map<String, Integer> truth = truth(dir.resolve(name));
      Path bd = work.resolve("bib-dedupe").resolve(name);
      Path ls = work.resolve("litsieve").resolve(name);
      List<List<String>> runs = List.of(
          List.of(python.toString(), tools.resolve("run_bibdedupe.py").toString(), records.toString(), bd.toString()),
          List.of(launcher.toString(), "dedup", "--quiet", "--out", ls.toString(), records.toString()));
      for (int t = 0; t < 2; t++) {
        String tool = t == 0 ? "bib-dedupe 0.11.0" : "litsieve";
        long start = System.nanoTime();
        int exit;
        try {
          exit = new ProcessBuilder(runs.get(t)).redirectErrorStream(true)
              .redirectOutput(work.resolve(name + "-" + t + ".log").toFile()).start().waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Path dups = (t == 0 ? bd : ls).resolve("duplicates.csv");
        if (exit != 0 || !Files.isRegularFile(dups)) {
          System.out.printf(Locale.ROOT, "| %s | %d | %s | failed (exit %d, see %s) | | | | | | %.1f s |%n", name, n,
              tool, exit, work.resolve(name + "-" + t + ".log"), millis / 1000.0);
          continue;
        }
        Score s = score(n, links(dups), truth, 0, millis);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %.4f | %.4f | %.1f s |%n",
            name, n, tool, s.tp(), s.fp(), s.fn(), s.tn(), s.sensitivity(), s.specificity(), millis / 1000.0);
      }
    }
  }

  /**
   * A check on exports nobody labelled: the records that carry a DOI, grouped by DOI, are the truth;
   * the DOIs and PMIDs are taken away and the rest deduplicated; a merge of two DOIs is a false
   * merge, a DOI group left in pieces a miss. Scored as {@link #score}, by input id.
   */
  static void doiHoldout(List<Path> files) throws IOException {
    List<BibRecord> stripped = new ArrayList<>();
    Map<String, Integer> truth = new HashMap<>();
    Map<String, Integer> groups = new HashMap<>();
    long rejected = 0;
    for (Path f : files) {
      List<Rejected> rej = new ArrayList<>();
      for (BibRecord r : read(f, rej)) {
        if (r.doi().isEmpty()) {
          continue;
        }
        truth.put(r.inputId(), groups.computeIfAbsent(r.doi(), k -> groups.size()));
        stripped.add(r.toBuilder().doi("").pmid("").pmcid("").url("").build());
      }
      rejected += rej.size();
    }
    long start = System.nanoTime();
    Deduplicator.Result result = Deduplicator.run(stripped);
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<DuplicateLink> byInput = result.links().stream().map(l -> new DuplicateLink(l.recordId(), l.inputId(),
        l.sourceFile(), l.inputId(), l.kept(), l.matchRule())).toList();
    Score s = score(stripped.size(), byInput, truth, 0, millis);
    Map<String, BibRecord> byId = new HashMap<>();
    stripped.forEach(r -> byId.put(r.inputId(), r));
    Map<String, List<String>> predicted = new LinkedHashMap<>();
    byInput.forEach(l -> predicted.computeIfAbsent(l.recordId(), k -> new ArrayList<>()).add(l.inputId()));
    for (List<String> members : predicted.values()) {
      for (int i = 1; i < members.size(); i++) {
        if (!truth.get(members.get(0)).equals(truth.get(members.get(i)))) {
          System.out.println("FALSE " + describe(byId.get(members.get(0)), byId.get(members.get(i))));
        }
      }
    }
    Map<String, String> cluster = new HashMap<>();
    byInput.forEach(l -> cluster.put(l.inputId(), l.recordId()));
    Map<Integer, List<String>> truthGroups = new HashMap<>();
    truth.forEach((id, g) -> truthGroups.computeIfAbsent(g, k -> new ArrayList<>()).add(id));
    for (List<String> g : truthGroups.values()) {
      for (int i = 1; i < g.size(); i++) {
        String c = cluster.get(g.get(0));
        if (c == null || !c.equals(cluster.get(g.get(i)))) {
          System.out.println("MISSED " + describe(byId.get(g.get(0)), byId.get(g.get(i))));
        }
      }
    }
    System.out.printf(Locale.ROOT, "records with a DOI %d (%d DOIs; %d records rejected by the reader), "
            + "DOIs and PMIDs removed: TP %d FP %d FN %d TN %d sensitivity %.4f specificity %.4f, "
            + "review pairs %d, %.2f s%n", stripped.size(), groups.size(), rejected, s.tp(), s.fp(), s.fn(), s.tn(),
        s.sensitivity(), s.specificity(), result.review().size(), millis / 1000.0);
  }

  /** The rows of a {@code duplicates.csv} (either tool's). */
  static List<DuplicateLink> links(Path duplicatesCsv) throws IOException {
    List<DuplicateLink> out = new ArrayList<>();
    try (com.opencsv.CSVReaderHeaderAware csv = new com.opencsv.CSVReaderHeaderAware(
        Files.newBufferedReader(duplicatesCsv, StandardCharsets.UTF_8))) {
      Map<String, String> row;
      while ((row = csv.readMap()) != null) {
        out.add(new DuplicateLink(row.get("record_id"), row.get("input_id"), row.get("source_file"),
            row.get("source_id"), Boolean.parseBoolean(row.get("kept")), row.get("match_rule")));
      }
    } catch (com.opencsv.exceptions.CsvValidationException e) {
      throw new IOException(duplicatesCsv + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Prints, for one dataset, the true pairs left apart and the false merges, with the matcher's verdict. */
  static void explain(Path dir) throws IOException {
    List<Rejected> rejected = new ArrayList<>();
    List<BibRecord> records = read(dir.resolve("records_pre_merged.csv"), rejected);
    Deduplicator.Result result = Deduplicator.run(records);
    Map<String, String> cluster = new HashMap<>();
    result.links().forEach(l -> cluster.put(l.sourceId(), l.recordId()));
    Map<String, BibRecord> bySource = new HashMap<>();
    records.forEach(r -> bySource.put(r.origin().sourceId(), r));
    Map<Integer, List<String>> groups = new HashMap<>();
    truth(dir).forEach((id, g) -> groups.computeIfAbsent(g, k -> new ArrayList<>()).add(id));
    for (List<String> g : groups.values()) {
      g.sort(null);
      for (int i = 0; i < g.size(); i++) {
        for (int j = i + 1; j < g.size(); j++) {
          String a = g.get(i);
          String b = g.get(j);
          if (cluster.get(a) != null && cluster.get(a).equals(cluster.get(b))) {
            continue;
          }
          System.out.println("MISSED " + describe(bySource.get(a), bySource.get(b)));
        }
      }
    }
    Map<String, Integer> truth = truth(dir);
    Map<String, List<String>> predicted = new HashMap<>();
    cluster.forEach((id, c) -> predicted.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
    for (List<String> members : predicted.values()) {
      members.sort(null);
      for (int i = 1; i < members.size(); i++) {
        Integer g0 = truth.get(members.get(0));
        if (g0 == null || !g0.equals(truth.get(members.get(i)))) {
          System.out.println("FALSE " + describe(bySource.get(members.get(0)), bySource.get(members.get(i))));
        }
      }
    }
  }

  private static String describe(BibRecord a, BibRecord b) {
    if (a == null || b == null) {
      return "(a record was rejected by the reader) " + (a == null ? "" : a.title()) + (b == null ? "" : b.title());
    }
    org.litsieve.dedup.PairMatcher.Verdict v = org.litsieve.dedup.PairMatcher.compare(
        org.litsieve.dedup.RecordFeatures.of(a), org.litsieve.dedup.RecordFeatures.of(b));
    return v.kind() + " [" + v.rule() + "] " + String.format(Locale.ROOT, "%.3f", v.score()) + "\n   A " + line(a) + "\n   B " + line(b);
  }

  private static String line(BibRecord r) {
    return r.origin().sourceId() + " | " + r.title() + " | " + r.year() + " | "
        + String.join("; ", r.authors().subList(0, Math.min(3, r.authors().size()))) + " | " + r.journal()
        + " | " + r.volume() + " | " + r.issue() + " | " + r.pages() + " | " + r.doi() + " | " + r.type();
  }

  /** Deduplicates a synthetic corpus in memory, with the run's match model or by the rules alone. */
  static void speed(int n, long seed, boolean model) {
    long t0 = System.nanoTime();
    SyntheticCorpus corpus = SyntheticCorpus.generate(n, seed);
    long t1 = System.nanoTime();
    Deduplicator.Result r = Deduplicator.run(corpus.records(), MatchParams.DEFAULT, model);
    long t2 = System.nanoTime();
    Map<String, Integer> truth = corpus.truth();
    Score s = score(corpus.records().size(), r.links(), truth, 0, (t2 - t1) / 1_000_000);
    System.out.printf(Locale.ROOT, "records %d, papers %d, generated in %.1f s, deduplicated in %.2f s "
            + "(blocks %d, oversized %d, comparisons %d, edges %d)%n", corpus.records().size(), corpus.papers(),
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, r.stats().blocks(), r.stats().skippedBlocks(), r.stats().comparisons(),
        r.stats().edges());
    System.out.printf(Locale.ROOT, "TP %d FP %d FN %d TN %d sensitivity %.4f specificity %.4f review %d%n",
        s.tp(), s.fp(), s.fn(), s.tn(), s.sensitivity(), s.specificity(), r.review().size());
  }

}
