package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.litsieve.model.OutputFile;
import org.junit.jupiter.api.io.TempDir;

/** Matching to the previous run, carrying forward, and the update's PRISMA counts, on small made-up folders. */
class LivingUpdateTest {
  static final List<String> COLUMNS = List.of("record_id", "title", "authors", "year", "doi", "pmid",
      "decision", "stage", "reason");

  static Map<String, String> row(String id, String title, String authors, String year, String doi, String pmid,
      String decision, String reason) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", id);
    m.put("title", title);
    m.put("authors", authors);
    m.put("year", year);
    m.put("doi", doi);
    m.put("pmid", pmid);
    m.put("decision", decision);
    m.put("stage", decision.equals("exclude") ? "keywords" : decision.equals("include") ? "final" : "keywords");
    m.put("reason", reason);
    return m;
  }

  /** A finished run's screened files and prisma.json (a previous run). */
  static void writeRun(Path dir, List<Map<String, String>> rows, long identified) throws Exception {
    writeRun(dir, rows, identified, false);
  }

  /** The screened rows and counts as the pipeline hands them to the living-review step. */
  static void writePipelineRun(Path dir, List<Map<String, String>> rows, long identified) throws Exception {
    writeRun(dir, rows, identified, true);
  }

  static void writeRun(Path dir, List<Map<String, String>> rows, long identified, boolean pipeline) throws Exception {
    Files.createDirectories(dir);
    for (String[] f : new String[][] {{"include", "included.csv"}, {"review", "review.csv"}, {"exclude", "excluded.csv"}}) {
      String name = pipeline ? OutputFile.of(f[1]).orElseThrow().pipelineRows().fileName() : f[1];
      CsvTable.write(dir.resolve(name), COLUMNS, rows.stream().filter(r -> r.get("decision").equals(f[0])).toList());
    }
    String prisma = (pipeline ? OutputFile.PIPELINE_PRISMA_JSON : OutputFile.PRISMA_JSON).fileName();
    Files.writeString(dir.resolve(prisma), "{\"identified\": {\"total\": " + identified
        + ", \"by_source\": {}}, \"screened\": 0, \"duplicates_removed\": 0, \"included\": 0, \"review\": 0,"
        + " \"excluded\": {\"total\": 0}}");
  }

  static Map<String, Map<String, String>> read(Path dir) throws Exception {
    Map<String, Map<String, String>> all = new TreeMap<>();
    for (String f : PreviousRun.SCREENED_FILES) {
      for (Map<String, String> r : CsvTable.read(dir.resolve(f)).rows()) {
        all.put(r.get("record_id"), r);
      }
    }
    return all;
  }

  /**
   * A first run without decisions takes the short way ({@code firstRunWithoutDecisions}: columns
   * appended to each row's text) and must write what {@code apply} writes: every file byte for byte
   * and the same summary, also for values with quotes, commas, line breaks (CRLF too) and accents.
   */
  @Test
  void aFirstRunWithoutDecisionsWritesWhatTheFullUpdateWrites(@TempDir Path tmp) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>(List.of(
        row("ls-1", "Peer \"support\", training", "Smith, J; Doe, A", "2019", "10.5555/q1", "", "include", ""),
        row("ls-2", "Line one\nline two", "Ngata, T", "2020", "", "91234567", "review", "review: missing include block training"),
        row("ls-3", "Windows\r\nline ends, \"quoted\"", "Müller, K", "2018", "", "", "exclude", "missing include block: lle_workforce"),
        row("ls-5", "An old Mac\rline end", "Roe, B", "2017", "", "", "exclude", "missing include block: lle_workforce"),
        row("ls-4", "", "", "", "", "", "exclude", "publication type: editorial")));
    rows.stream().filter(r -> r.get("record_id").equals("ls-4")).findFirst().orElseThrow().put("stage", "eligibility");
    rows.sort(java.util.Comparator.comparing((Map<String, String> r) -> r.get("title").toLowerCase(java.util.Locale.ROOT))
        .thenComparing(r -> r.get("record_id"))); // as the pipeline writes them
    Path full = tmp.resolve("full");
    Path fast = tmp.resolve("fast");
    writePipelineRun(full, rows, 6);
    writePipelineRun(fast, rows, 6);
    LivingUpdate.Result a = LivingUpdate.apply(full, "run-0123456789ab", "sha", null, "", List.of());
    List<Map<String, String>> automatic = new ArrayList<>();
    for (Map<String, String> r : rows) {
      automatic.add(Map.of("decision", r.get("decision"), "stage", r.get("stage"), "reason", r.get("reason")));
    }
    LivingUpdate.Result b = LivingUpdate.firstRunWithoutDecisions(fast, "run-0123456789ab", "", automatic);
    assertEquals(a.summary(), b.summary());
    List<String> names = new ArrayList<>();
    try (var files = Files.list(full)) {
      files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add); // not the hand-overs
    }
    assertEquals(10, names.size(), names.toString());
    for (String name : names) {
      assertEquals(Files.readString(full.resolve(name)), Files.readString(fast.resolve(name)), name);
    }
  }

  @Test
  void appendedColumnsReadBackAsWritten(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("t.csv");
    Files.writeString(f, "a,b\n\"x, \"\"y\"\"\",2\n\"multi\nline\",3"); // no line end after the last row
    CsvTable.appendColumns(f, List.of("c", "d"), List.of("run,1", ""));
    CsvTable t = CsvTable.read(f);
    assertEquals(List.of("a", "b", "c", "d"), t.columns());
    assertEquals(List.of("x, \"y\"", "2", "run,1", ""), List.copyOf(t.rows().get(0).values()));
    assertEquals(List.of("multi\nline", "3", "run,1", ""), List.copyOf(t.rows().get(1).values()));
    assertTrue(Files.readString(f).endsWith("3,\"run,1\",\n"), Files.readString(f));
  }

  @Test
  void matchesByIdDoiPmidAndTitleKeepsEarlierIdsAndCarriesTheRestForward(@TempDir Path tmp) throws Exception {
    Path prev = tmp.resolve("prev");
    writeRun(prev, List.of(
        row("ls-a", "Peer support training", "Smith, J; Doe, A", "2019", "10.5555/A", "", "include", ""),
        row("ls-b", "Recovery coaching outcomes", "Ngata, T", "2020", "", "91234567", "review", "missing block: training"),
        row("ls-c", "Coaching für Peers: eine Studie", "Müller, K", "2018", "", "", "exclude", "year outside"),
        row("ls-d", "Only in the first search", "Roe, B", "2017", "10.5555/d", "", "include", ""),
        row("ls-e", "Kept by id", "Poe, E", "2016", "10.5555/e", "", "exclude", "x")), 5);
    Files.writeString(prev.resolve("manifest.json"),
        "{\"tool\": \"litsieve\", \"version\": \"dev\", \"run_id\": \"2026-01\", \"rules\": {\"sha256\": \"aaa\"}}");
    Path cur = tmp.resolve("cur");
    writePipelineRun(cur, new ArrayList<>(List.of(
        row("ls-a2", "Peer Support Training.", "Smith, J.", "2019", "10.5555/a", "", "include", ""), // DOI case
        row("ls-b2", "Recovery coaching outcomes", "Ngata, T", "2020", "10.5555/new-doi", "91234567", "include", ""), // PMID
        row("ls-c2", "Coaching fur peers - eine Studie", "Muller, Karl", "2018", "", "", "exclude", "year outside"), // title
        row("ls-e", "Kept by id (retitled)", "Poe, E", "2016", "10.5555/a", "", "exclude", "x"), // id beats the DOI
        row("ls-n", "A new paper", "Vu, H", "2025", "10.5555/n", "", "review", "missing block: training"))), 9);
    LivingUpdate.Result r = LivingUpdate.apply(cur, "2026-02", "bbb", PreviousRun.read(prev, "dev"), "", List.of());
    Map<String, Map<String, String>> out = read(cur);
    assertEquals(List.of("ls-a", "ls-b", "ls-c", "ls-d", "ls-e", "ls-n"), new ArrayList<>(out.keySet()));
    assertEquals("2026-01", out.get("ls-a").get("first_seen"));
    assertEquals("unchanged", out.get("ls-a").get("status"));
    assertEquals("changed", out.get("ls-b").get("status"));
    assertEquals("unchanged", out.get("ls-c").get("status"));
    assertEquals("unchanged", out.get("ls-d").get("status"), "carried forward");
    assertEquals("2026-01", out.get("ls-d").get("first_seen"));
    assertEquals("Kept by id (retitled)", out.get("ls-e").get("title"));
    assertEquals("new", out.get("ls-n").get("status"));
    assertEquals("2026-02", out.get("ls-n").get("first_seen"));
    assertEquals(List.of(Map.of("record_id", "ls-b", "old_decision", "review", "new_decision", "include",
        "old_reason", "missing block: training", "new_reason", "")), CsvTable.read(cur.resolve("changes.csv")).rows());
    assertEquals(List.of("ls-n"), CsvTable.read(cur.resolve("new-review.csv")).rows().stream().map(x -> x.get("record_id")).toList());
    assertTrue(CsvTable.read(cur.resolve("new-included.csv")).rows().isEmpty());
    assertEquals(true, r.summary().get("rules_changed"));
    assertEquals(1L, r.summary().get("carried_forward"));
    assertEquals(4L, r.summary().get("already_known"));

    JsonNode prisma = new ObjectMapper().readTree(cur.resolve("prisma.json").toFile());
    assertEquals(2, prisma.get("previous").get("studies").asInt(), "ls-a and ls-d were included before");
    assertEquals(1, prisma.get("screened").asInt());
    assertEquals(8, prisma.get("duplicates_removed").asInt());
    assertEquals(1, prisma.get("review").asInt());
  }
  /**
   * conflicts.csv lists the disagreeing reviewers' rows in the screened files' order (title
   * ignoring case, then record id, then reviewer), whatever the order the records were decided in
   * (this run's by the rules' decision, then the carried-forward ones), so a step deciding them in
   * parallel writes the same file.
   */
  @Test
  void conflictsAreInTheScreenedFilesOrder(@TempDir Path tmp) throws Exception {
    Path prev = tmp.resolve("prev");
    writeRun(prev, List.of(row("old-1", "alpha, carried", "Roe, B", "2017", "10.5555/c1", "", "exclude", "x")), 1);
    Files.writeString(prev.resolve("manifest.json"),
        "{\"tool\": \"litsieve\", \"version\": \"dev\", \"run_id\": \"2026-01\", \"rules\": {\"sha256\": \"aaa\"}}");
    Path cur = tmp.resolve("cur");
    writePipelineRun(cur, new ArrayList<>(List.of(
        row("ls-2", "Zeta trial", "Vu, H", "2025", "10.5555/z", "", "include", ""),
        row("ls-1", "Beta trial", "Vu, H", "2025", "10.5555/b", "", "exclude", "animals"),
        row("ls-3", "beta trial", "Lo, P", "2024", "10.5555/b3", "", "review", ""))), 3);
    List<Map<String, String>> decisions = new ArrayList<>();
    for (String id : List.of("ls-2", "old-1", "ls-3", "ls-1")) {
      for (String[] d : new String[][] {{"bob", "exclude"}, {"ann", "include"}}) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("record_id", id);
        m.put("decision", d[1]);
        m.put("reviewer", d[0]);
        m.put("date", "2026-02-01");
        decisions.add(m);
      }
    }
    LivingUpdate.apply(cur, "2026-02", "aaa", PreviousRun.read(prev, "dev"), "decisions.csv", decisions);
    List<String> order = CsvTable.read(cur.resolve(LivingUpdate.CONFLICTS_CSV)).rows().stream()
        .map(r -> r.get("record_id") + " " + r.get("reviewer")).toList();
    assertEquals(List.of("old-1 ann", "old-1 bob", "ls-1 ann", "ls-1 bob", "ls-3 ann", "ls-3 bob", "ls-2 ann",
        "ls-2 bob"), order);
  }
}
