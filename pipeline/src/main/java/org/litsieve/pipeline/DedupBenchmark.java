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
 * java -cp pipeline/target/litsieve.jar org.litsieve.pipeline.DedupBenchmark accuracy ../shared/realdata/dedup/bib-dedupe
 * java -cp pipeline/target/litsieve.jar org.litsieve.pipeline.DedupBenchmark speed 80000 1
 * java -cp pipeline/target/litsieve.jar org.litsieve.pipeline.DedupBenchmark corpus 80000 1 corpus.csv
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
    } else if (args.length >= 2 && args[0].equals("explain")) {
      explain(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("speed")) {
      int n = Integer.parseInt(args[1]);
      long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
      speed(n, seed);
    } else if (args.length >= 4 && args[0].equals("corpus")) {
      SyntheticCorpus corpus = SyntheticCorpus.generate(Integer.parseInt(args[1]), Long.parseLong(args[2]));
      corpus.writeCsv(Path.of(args[3]));
      System.out.printf(Locale.ROOT, "wrote %d records (%d papers) to %s%n", corpus.records().size(),
          corpus.papers(), args[3]);
    } else {
      System.err.println("usage: DedupBenchmark accuracy DIR | speed N [SEED] | corpus N SEED FILE.csv");
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

  static void speed(int n, long seed) {
    long t0 = System.nanoTime();
    SyntheticCorpus corpus = SyntheticCorpus.generate(n, seed);
    long t1 = System.nanoTime();
    Deduplicator.Result r = Deduplicator.run(corpus.records());
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
