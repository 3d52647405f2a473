package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.litsieve.history.CsvTable;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.Prisma;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.testing.SystemProperty;

/**
 * For tests that compare the graph's living-review steps with the driver's: a generated row of a
 * previous run, and the hand-overs the driver's {@code LivingUpdate.apply} reads.
 */
final class LivingHandOvers {
  private LivingHandOvers() {}

  /** The earlier papers' authors, few so that keys collide. */
  static final List<String> AUTHORS = List.of("Smith, J", "Ngata, T", "van der Berg, A");

  /**
   * A previous run's screened row drawn from {@code rnd}: ids below {@code ids}, titles, DOIs and
   * PMIDs from small pools so that keys are shared, one row in five without {@code first_seen}
   * when {@code someNotSeen} (a run made before that column).
   */
  static Map<String, String> previousRow(java.util.Random rnd, int ids, boolean someNotSeen) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", "ls-" + rnd.nextInt(ids));
    m.put("title", rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(100));
    m.put("authors", AUTHORS.get(rnd.nextInt(3)));
    m.put("year", Integer.toString(2018 + rnd.nextInt(3)));
    m.put("doi", rnd.nextInt(3) == 0 ? "" : "https://doi.org/10.5555/T" + rnd.nextInt(120));
    m.put("pmid", rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120)));
    m.put("decision", List.of("include", "review", "exclude").get(rnd.nextInt(3)));
    m.put("stage", "keywords");
    m.put("reason", "earlier reason " + rnd.nextInt(3));
    m.put("first_seen", someNotSeen && rnd.nextInt(5) == 0 ? "" : "run-" + (char) ('a' + rnd.nextInt(3)));
    return m;
  }

  /**
   * Writes into {@code dir} what the pipeline hands the driver for {@code current}: the screened
   * rows as decided in the screened files' order, and a counts file.
   */
  static void write(Path dir, List<FinalRecord> current) throws IOException {
    List<ScreenedRecord> inFileOrder = new ArrayList<>(current.stream().map(FinalRecord::decided).toList());
    inFileOrder.sort(Comparator.comparing(CsvRows::screenedSortKey));
    for (OutputFile f : OutputFile.SCREENED) {
      Decision d = Decision.values()[OutputFile.SCREENED.indexOf(f)];
      List<Map<String, String>> rows = new ArrayList<>();
      for (ScreenedRecord s : inFileOrder) {
        if (s.decision() == d) {
          List<String> v = CsvRows.screened(s);
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < CsvRows.SCREENED.size(); i++) {
            row.put(CsvRows.SCREENED.get(i), v.get(i));
          }
          rows.add(row);
        }
      }
      CsvTable.write(dir.resolve(f.pipelineRows().fileName()), CsvRows.SCREENED, rows);
    }
    Files.writeString(dir.resolve(OutputFile.PIPELINE_PRISMA_JSON.fileName()),
        "{\"identified\": {\"total\": 300, \"by_source\": {}}}");
  }

  /**
   * Titles that sort with ties (one title under several ids), by case only, with and without
   * diacritics, and with commas, quotes, a formula's sign, a line feed and a carriage return.
   */
  static final List<String> TITLES = List.of("Peer support trial %d", "peer support trial %d",
      "PEER SUPPORT TRIAL %d", "\u00c9ducation th\u00e9rapeutique %d", "Education therapeutique %d",
      "Walking, \"talking\" and resting %d", "=Peer support, again %d", "Line one\nline two %d",
      "Carriage\r\nreturn %d");

  /** A generated step of a living review: this run's records, the previous run, the decision rows. */
  record Update(List<FinalRecord> current, PreviousRun previous, List<Map<String, String>> decisionRows,
      Path store) {
    /** The update whose previous run was written into {@code before}, read back as a run reads it. */
    static Update of(List<FinalRecord> current, Path before, List<Map<String, String>> decisionRows, Path store)
        throws IOException {
      try {
        return new Update(current, PreviousRun.read(before, "dev"), decisionRows, store);
      } catch (PreviousRun.NotARunException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Generates an update drawn from {@code rnd} and writes its previous run into {@code before}:
   * this run's records share ids, DOIs, PMIDs and titles ({@link #TITLES}) with earlier ones, so
   * some are new, some matched under their own or an earlier id, and most earlier records are
   * carried forward (one id twice); the decision rows (some in the previous run's
   * {@code decisions.csv}) decide new, matched and carried records, disagree, name unknown ids,
   * and hold bad rows. When {@code rulesChanged}, the previous run was screened with other rules
   * and kept most of its records whole (in several gzip members), so they are screened again.
   */
  static Update update(java.util.Random rnd, Path before, Rules rules, boolean rulesChanged) throws IOException {
    List<FinalRecord> current = new ArrayList<>();
    List<String> reasons = List.of("exclude block: animals", "exclude block: \"letters\", editorials");
    for (int i = 0; i < 160; i++) {
      String id = "ls-" + i;
      BibRecord r = BibRecord.builder(new Provenance("export.ris", i + 1, i + 1, id, "Made-up DB"))
          .title(String.format(TITLES.get(rnd.nextInt(TITLES.size())), rnd.nextInt(12)))
          .authors(List.of(AUTHORS.get(rnd.nextInt(3))))
          .year(2018 + rnd.nextInt(3))
          .doi(rnd.nextInt(3) == 0 ? "" : "10.5555/T" + rnd.nextInt(120))
          .pmid(rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120))).build();
      Decision d = Decision.values()[rnd.nextInt(3)];
      boolean eligibility = d == Decision.EXCLUDE && rnd.nextInt(4) == 0;
      String reason = d == Decision.REVIEW ? "review: no include block" : d == Decision.INCLUDE ? ""
          : eligibility ? "publication type: letter" : reasons.get(rnd.nextInt(2));
      current.add(new FinalRecord(new ScreenedRecord(id, r, d, eligibility ? "eligibility" : "keywords", reason,
          List.of(), List.of()), null));
    }
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, String> m = previousRow(rnd, 400, true);
      if (rnd.nextInt(3) == 0) {
        m.put("title", String.format(TITLES.get(rnd.nextInt(TITLES.size())), rnd.nextInt(12)).replace('\r', '\n'));
      }
      previous.add(m);
    }
    List<String> earlierIds = previous.stream().map(m -> m.get("record_id")).toList();
    List<Map<String, String>> decisionRows = new ArrayList<>();
    List<Map<String, String>> earlierDecisions = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      int kind = rnd.nextInt(10);
      String id = kind < 4 ? "ls-" + rnd.nextInt(160) : kind < 8 ? earlierIds.get(rnd.nextInt(earlierIds.size()))
          : "ls-unknown-" + rnd.nextInt(4);
      Map<String, String> d = decisionRow(id, List.of("include", "exclude", "maybe").get(rnd.nextInt(3)),
          rnd.nextInt(3) == 0 ? "checked, \"full\" text\nsecond look" : "", rnd.nextBoolean() ? "ann" : "bob",
          "2024-02-0" + (1 + rnd.nextInt(3)));
      (i % 6 == 0 ? earlierDecisions : decisionRows).add(d);
    }
    // reviewers who disagree on records whose titles are hard to write and sort
    java.util.Set<ScreenedRecord> hard = new java.util.LinkedHashSet<>();
    for (String part : List.of("\"", "line two", "\r", "\u00c9", "=", "PEER", "peer")) {
      current.stream().map(FinalRecord::screened).filter(x -> x.record().title().contains(part)).limit(2)
          .forEach(hard::add);
    }
    hard.forEach(x -> {
          decisionRows.add(decisionRow(x.recordId(), "include", "", "ann", "2024-02-05"));
          decisionRows.add(decisionRow(x.recordId(), "exclude", "off topic, \"wrong\" population", "bob",
              "2024-02-05"));
        });
    decisionRows.add(decisionRow("ls-3", "perhaps", "", "ann", "2024-02-04"));
    decisionRows.add(decisionRow("", "include", "", "bob", "2024-02-04"));

    List<String> columns = new ArrayList<>(CsvRows.SCREENED);
    columns.addAll(LivingUpdate.ADDED_COLUMNS);
    writePreviousRun(before, columns, previous, rulesChanged ? "older-rules" : rules.sha256());
    CsvTable.write(before.resolve(OutputFile.DECISIONS_CSV.fileName()),
        org.litsieve.history.HumanDecisions.COLUMNS, earlierDecisions);
    Path store = null;
    if (rulesChanged) {
      store = before.resolve(RecordStore.FILE);
      try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", "20");
          RecordStore.StoreWriter w = RecordStore.writer(store)) {
        for (int i = 0; i < previous.size(); i++) {
          Map<String, String> m = previous.get(i);
          if (i % 13 == 4) {
            continue; // not kept: keeps its earlier row
          }
          BibRecord r = HistoryMatcher.fromRow(m).toBuilder().abstractText(i % 3 == 0
              ? "A trial of peer support workers for mental health"
              : i % 3 == 1 ? "Peer support for mice" : "Walking groups for older adults").build();
          w.add(new ScreenedRecord(m.get("record_id"), r,
              Decision.valueOf(m.get("decision").toUpperCase(java.util.Locale.ROOT)), "keywords", m.get("reason"),
              List.of(), List.of()), i % 2 == 0);
        }
      }
    }
    return Update.of(current, before, decisionRows, store);
  }

  /**
   * A long history and a small update, as a living review grows: 480 earlier records (one id
   * twice, titles from {@link #TITLES}, most excluded, a few without a stored record) kept in a
   * store written as the driver writes it (the result's records in members of their own, members
   * of {@code memberRecords}), and 60 records this run, 20 of them earlier papers (by id, or under
   * a new id with an earlier DOI) spread over the history, so that some of the store's members
   * hold only records carried forward unchanged and others mix them with matched ones; the
   * decision rows decide carried and this run's records, disagree, and name unknown ids. When
   * {@code rulesChanged}, the previous run was screened with other rules.
   */
  static Update history(java.util.Random rnd, Path before, Rules rules, boolean rulesChanged, int memberRecords)
      throws IOException {
    List<Map<String, String>> previous = new ArrayList<>();
    for (int i = 0; i < 480; i++) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("record_id", "h-" + (i == 470 ? 17 : i));
      m.put("title", String.format(TITLES.get(i % TITLES.size()), i).replace('\r', '\n'));
      m.put("authors", AUTHORS.get(i % 3));
      m.put("year", Integer.toString(2010 + i % 12));
      m.put("doi", i % 3 == 0 ? "" : "10.5555/H" + i);
      m.put("pmid", i % 2 == 0 ? "" : Integer.toString(93000000 + i));
      int d = rnd.nextInt(10);
      m.put("decision", d < 7 ? "exclude" : d < 9 ? "review" : "include");
      m.put("stage", "keywords");
      m.put("reason", d < 7 ? "exclude block: animals, \"mice\"" : "");
      m.put("first_seen", "run-" + (char) ('a' + i % 3));
      previous.add(m);
    }
    List<FinalRecord> current = new ArrayList<>();
    for (int k = 0; k < 60; k++) {
      Map<String, String> earlier = k < 20 ? previous.get(24 * k + 4) : null;
      String id = earlier != null && k % 2 == 0 ? earlier.get("record_id") : "db-" + k;
      BibRecord.Builder b = BibRecord.builder(new Provenance("export.ris", k + 1, k + 1, id, "Made-up DB"))
          .abstractText(k % 4 == 0 ? "" : "Peer support workers, with \"lived experience\",\nin two lines");
      if (earlier != null) {
        b.title(earlier.get("title")).authors(List.of(earlier.get("authors")))
            .year(Integer.parseInt(earlier.get("year"))).doi(earlier.get("doi"));
      } else {
        b.title(String.format(TITLES.get(rnd.nextInt(TITLES.size())), 1000 + k)).authors(List.of(AUTHORS.get(k % 3)))
            .year(2024).doi("10.5555/N" + k);
      }
      Decision d = Decision.values()[rnd.nextInt(3)];
      String reason = d == Decision.REVIEW ? "review: no include block" : d == Decision.INCLUDE ? ""
          : "exclude block: animals";
      current.add(new FinalRecord(new ScreenedRecord(id, b.build(), d, "keywords", reason, List.of(), List.of()),
          null));
    }
    List<Map<String, String>> decisionRows = decisionRows(rnd, 40, i -> i % 10 == 9 ? "unknown-" + i
        : i % 2 == 0 ? "h-" + rnd.nextInt(480) : "db-" + rnd.nextInt(60));
    decisionRows.add(decisionRow("h-100", "include", "", "ann", "2024-02-05"));
    decisionRows.add(decisionRow("h-100", "exclude", "off topic", "bob", "2024-02-05"));

    List<String> columns = new ArrayList<>(CsvRows.SCREENED);
    columns.addAll(LivingUpdate.ADDED_COLUMNS);
    writePreviousRun(before, columns, previous, rulesChanged ? "older-rules" : rules.sha256());
    Path store = before.resolve(RecordStore.FILE);
    try (SystemProperty members = SystemProperty.set("litsieve.recordStore.memberRecords", Integer.toString(memberRecords));
        RecordStore.StoreWriter w = RecordStore.writer(store)) {
      for (int i = 0; i < previous.size(); i++) {
        Map<String, String> m = previous.get(i);
        if (i % 41 == 7) {
          continue; // not kept: carried forward without a stored record
        }
        BibRecord r = HistoryMatcher.fromRow(m).toBuilder()
            .abstractText(i % 2 == 0 ? "A trial of peer support workers" : "Peer support for mice").build();
        Decision d = Decision.valueOf(m.get("decision").toUpperCase(java.util.Locale.ROOT));
        w.add(new ScreenedRecord(m.get("record_id"), r, d, "keywords", m.get("reason"), List.of(), List.of()),
            d != Decision.EXCLUDE);
      }
    }
    return Update.of(current, before, decisionRows, store);
  }

  /**
   * {@code n} reviewers' rows, two reviewers (so some disagree) on three dates, each decision
   * include, exclude or maybe, the reason empty or not; {@code id} gives row {@code i}'s record id
   * and is called first, so a caller drawing ids from {@code rnd} keeps its random sequence.
   */
  static List<Map<String, String>> decisionRows(java.util.Random rnd, int n, java.util.function.IntFunction<String> id) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(decisionRow(id.apply(i), List.of("include", "exclude", "maybe").get(rnd.nextInt(3)),
          rnd.nextBoolean() ? "" : "checked the full text", rnd.nextBoolean() ? "ann" : "bob",
          "2024-02-0" + (1 + rnd.nextInt(3))));
    }
    return rows;
  }

  /** A reviewer's row of a decisions file (note empty). */
  static Map<String, String> decisionRow(String id, String decision, String reason, String reviewer,
      String date) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("record_id", id);
    d.put("decision", decision);
    d.put("reason", reason);
    d.put("reviewer", reviewer);
    d.put("date", date);
    d.put("note", "");
    return d;
  }

  /**
   * The pipeline's PRISMA counters for {@code current} as {@code WriteOutputs} counts them (the
   * rules' counts of each record), with more records identified than screened (duplicates, in two
   * files) and a few rejected.
   */
  static List<KV<String, Long>> counters(List<FinalRecord> current) {
    Map<String, Long> sums = new java.util.TreeMap<>();
    for (FinalRecord f : current) {
      for (String c : Prisma.counters(f.screened())) {
        sums.merge(c, 1L, Long::sum);
      }
    }
    sums.put(Prisma.IDENTIFIED + "export.ris", (long) current.size() + 31);
    sums.put(Prisma.IDENTIFIED + "more, \"quoted\".ris", 12L);
    sums.put(Prisma.REJECTED, 3L);
    return sums.entrySet().stream().map(e -> KV.of(e.getKey(), e.getValue())).toList();
  }

  /** Writes the pipeline's counts hand-over for {@code counters}, as {@code WriteOutputs} writes it. */
  static void writeCounts(Path dir, List<KV<String, Long>> counters) throws IOException {
    Map<String, Long> m = new java.util.HashMap<>();
    counters.forEach(kv -> m.merge(kv.getKey(), kv.getValue(), Long::sum));
    Files.writeString(dir.resolve(OutputFile.PIPELINE_PRISMA_JSON.fileName()),
        WriteOutputs.json(Prisma.document(m)));
  }

  /**
   * Writes into {@code dir} the pipeline's hand-over of every screened record as the rules
   * screened it ({@link OutputFile#SCREENED_RECORDS}), in the screened files' order, which the
   * driver's {@code LivingStep} reads for the record store, {@code included.ris} and the report.
   */
  static void writeScreenedRecords(Path dir, List<FinalRecord> current) throws IOException {
    List<FinalRecord> inFileOrder = new ArrayList<>(current);
    inFileOrder.sort(Comparator.comparing(f -> CsvRows.screenedSortKey(f.decided())));
    StringBuilder lines = new StringBuilder();
    for (FinalRecord f : inFileOrder) {
      lines.append(org.litsieve.output.ReportRecords.line(f.screened()));
    }
    Files.writeString(dir.resolve(OutputFile.SCREENED_RECORDS.fileName()), lines);
  }

  /**
   * Writes a previous run's folder into {@code before} as an earlier run leaves it: its manifest
   * (run id {@code run-c}, the rules' hash {@code rulesSha256}) and its three screened files with
   * {@code columns}, each row in the file of its decision.
   */
  static void writePreviousRun(Path before, List<String> columns, List<Map<String, String>> rows, String rulesSha256)
      throws IOException {
    Files.writeString(before.resolve(OutputFile.MANIFEST_JSON.fileName()), "{\"tool\": \"litsieve\","
        + " \"version\": \"dev\", \"run_id\": \"run-c\", \"rules\": {\"sha256\": \"" + rulesSha256 + "\"}}\n");
    for (OutputFile f : OutputFile.SCREENED) {
      String label = Decision.values()[OutputFile.SCREENED.indexOf(f)].label();
      CsvTable.write(before.resolve(f.fileName()), columns,
          rows.stream().filter(m -> m.get("decision").equals(label)).toList());
    }
  }
}
