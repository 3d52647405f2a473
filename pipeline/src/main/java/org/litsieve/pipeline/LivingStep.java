package org.litsieve.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.litsieve.history.CsvTable;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.Decision;
import org.litsieve.model.HumanDecision;
import org.litsieve.model.OutputSink;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.ReportRecords;
import org.litsieve.output.RisFormat;
import org.litsieve.output.WriteOutputs;
import org.litsieve.rules.Rules;
import org.litsieve.screen.Screener;

/**
 * One run's step of a living review, run by the driver on the temporary output folder after the
 * Beam pipeline and before the reports. It joins the stages that may not import each other: the
 * history stage ({@link LivingUpdate}: matching, carrying forward, human decisions, changes) and
 * the screening stage ({@link Screener}: re-screening carried-forward records after a rules
 * change), and then makes every output agree with the final decisions.
 *
 * <p>Input: the folder as {@code WriteOutputs} left it (the hidden hand-overs of the screened
 * rows, the included records' RIS entries, the counts and every screened record, see
 * {@link org.litsieve.model.OutputFile}), the rules, the {@link ReviewHistory}
 * (previous run and decisions) and the {@link LivingUpdate.Ranker} that orders the review queue.
 *
 * <p>Output, in the folder, each file written once: everything {@link LivingUpdate} writes (the
 * three screened files, {@code review.csv} ranked, the living-review files, {@code prisma.json});
 * {@value RecordStore#FILE} with this run's records (under their final ids) and the carried-forward
 * ones (re-screened after a rules change, else copied from the previous run's store);
 * {@code included.ris} after a previous run (a first run's is written by the pipeline, human
 * decisions applied by {@link DecideRecords}) and the report's hand-over
 * {@value ReportRecords#FILE}, so {@code included.ris}, {@code included.bib},
 * {@code tags.csv} and {@code report.html} show what {@code included.csv} and {@code review.csv}
 * hold: human decisions applied (stage {@code human}, with the reviewers' reason), earlier ids,
 * carried-forward records included. The report shows this run's records and the re-screened ones
 * as a plain run would ({@link ReportRecords#wanted}), and of the other carried-forward records
 * only those included, in review or decided by reviewers, so an incremental run does not parse
 * and re-show the whole history's keyword exclusions.
 *
 * <p>Re-screening reads the previous run's store once, screens the carried-forward records in
 * turn with one {@link Screener}, and keeps only their
 * result rows. Writing the new store copies, byte for byte, every member of the previous store
 * whose records are all carried forward unchanged and not part of the result (see
 * {@link RecordStore}), and decompresses only the others, so an incremental run's cost follows
 * the new records and the review's result, not the size of the history. A
 * previous run without a store (made before it existed) is not an error: its carried-forward
 * records keep their earlier rows, are missing from the included/report files, and a warning
 * says how many ({@code living.not_rescreened}, {@code living.without_stored_record}).
 *
 * <p>A first run (no previous run) writes the same files with less work: its screened records
 * keep their ids and order, so they are streamed a line at a time into the store and the
 * report's hand-over, and only the records whose row a human decision changed are parsed (see
 * {@code applyFirst}).
 *
 * <p>Failure behaviour: an unreadable hand-over or store throws {@link IOException} naming the
 * file and line; the caller abandons the temporary folder.
 */
public final class LivingStep {
  private LivingStep() {}

  public static LivingUpdate.Result apply(Path dir, String runId, Rules rules, ReviewHistory history)
      throws IOException {
    return apply(dir, runId, rules, history, LivingUpdate.Ranker.NONE);
  }

  /** As {@link #apply(Path, String, Rules, ReviewHistory)}; {@code ranker} orders {@code review.csv}. */
  public static LivingUpdate.Result apply(Path dir, String runId, Rules rules, ReviewHistory history,
      LivingUpdate.Ranker ranker) throws IOException {
    PreviousRun previous = history.previous();
    if (previous == null) {
      return applyFirst(dir, runId, history, ranker);
    }
    Path screenedRecords = dir.resolve(WriteOutputs.SCREENED_RECORDS);
    Path handOver = dir.resolve(ReportRecords.FILE);
    List<ScreenedRecord> current = Files.exists(screenedRecords) ? ReportRecords.read(screenedRecords) : List.of();
    Path previousStore = previous.dir().resolve(RecordStore.FILE);
    boolean stored = Files.isRegularFile(previousStore);

    Map<String, ScreenedRecord> rescreened = new HashMap<>();
    LivingUpdate.Rescreen rescreen = ids -> stored ? rescreen(previousStore, ids, rules, rescreened) : Map.of();
    Map<String, org.litsieve.model.BibRecord> currentRecords = new HashMap<>();
    current.forEach(s -> currentRecords.put(s.recordId(), s.record()));
    HistoryMatcher fuzzy = new HistoryMatcher(currentRecords, stored ? previousStore : null);
    LivingUpdate.Result result = LivingUpdate.apply(dir, runId, rules.sha256(), previous,
        history.decisionsSource(), history.decisions(), rescreen, fuzzy, ranker);

    Map<String, Map<String, String>> finalRows = new HashMap<>();
    for (Map<String, String> row : result.rows()) {
      finalRows.put(row.get("record_id"), row);
    }
    List<ScreenedRecord> shown = new ArrayList<>();
    Set<String> pending = new HashSet<>(result.carried());
    List<ScreenedRecord> own = new ArrayList<>(current.size());
    for (ScreenedRecord s : current) {
      String id = result.renamed().getOrDefault(s.recordId(), s.recordId());
      own.add(id.equals(s.recordId()) ? s : withId(s, id));
    }
    long[] copied = {writeStore(dir.resolve(RecordStore.FILE), own, finalRows, pending, rescreened,
        stored ? previousStore : null, (s, line, row) -> {
          if (s != null) {
            show(s, row, shown);
          } else if (isResult(row)) {
            // a carried record stored as it was is shown again only when it is part of the
            // review's result (its keyword evidence was shown by the run that screened it)
            show(RecordStore.parse(line), row, shown);
          }
        })};
    Map<String, Object> summary = result.summary();
    summary.put("without_stored_record", (long) pending.size());
    summary.put("stored_records_copied", copied[0]);
    if (!pending.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<String> warnings = (List<String>) summary.get("warnings");
      warnings.add(LivingReview.withoutStoredRecord(pending.size()));
    }

    shown.sort(Comparator.comparing(CsvRows::screenedSortKey));
    try (Writer w = OutputSink.newWriter(handOver)) {
      for (ScreenedRecord s : shown) {
        w.write(ReportRecords.line(s));
      }
    }
    try (OutputStream out = new java.io.BufferedOutputStream(
        OutputSink.create(dir.resolve(WriteOutputs.INCLUDED_RIS)), 1 << 16)) {
      for (ScreenedRecord s : shown) {
        if (s.decision() == Decision.INCLUDE) {
          out.write(RisFormat.entry(s).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return result;
  }

  /** Receives each record {@link #writeStore} stores: whole ({@code s}), or as its stored {@code line}. */
  @FunctionalInterface
  interface Stored {
    void stored(ScreenedRecord s, String line, Map<String, String> row) throws IOException;
  }

  /**
   * Writes the store of a run that continues another (or of a first run, {@code previousStore}
   * null): this run's records under their final ids ({@code own}, in the pipeline's hand-over
   * order), then the carried-forward ones ({@code pending}, emptied of those stored), screened
   * again ({@code rescreened}) or as the previous store holds them, the members whose records are
   * all carried forward unchanged and not part of the result copied byte for byte. Tells
   * {@code stored} of every record; returns how many records were copied in whole members.
   */
  static long writeStore(Path file, List<ScreenedRecord> own, Map<String, Map<String, String>> finalRows,
      Set<String> pending, Map<String, ScreenedRecord> rescreened, Path previousStore, Stored stored)
      throws IOException {
    long copied = 0;
    try (RecordStore.StoreWriter store = RecordStore.writer(file)) {
      for (ScreenedRecord s : own) {
        Map<String, String> row = finalRows.get(s.recordId());
        store.add(s, isResult(row));
        stored.stored(s, null, row);
      }
      store.endMembers();
      if (previousStore != null && !pending.isEmpty()) {
        RecordStore.LineVisitor carry = (id, line) -> {
          if (!pending.remove(id)) {
            return; // matched in this run (stored above), or a repeated line
          }
          Map<String, String> row = finalRows.get(id);
          ScreenedRecord fresh = rescreened.get(id);
          if (fresh != null) {
            store.add(fresh, isResult(row));
            stored.stored(fresh, null, row);
          } else {
            store.addLine(id, line, isResult(row));
            stored.stored(null, line, row);
          }
        };
        List<RecordStore.Member> members = RecordStore.index(previousStore);
        if (members == null) {
          RecordStore.forEach(previousStore, carry);
        } else {
          for (RecordStore.Member m : members) {
            if (m.ids().stream().allMatch(id -> pending.contains(id) && !rescreened.containsKey(id)
                && !isResult(finalRows.get(id)))) {
              store.copy(previousStore, m); // carried forward as it was: no need to decompress
              pending.removeAll(m.ids());
              copied += m.ids().size();
            } else if (m.ids().stream().anyMatch(pending::contains)) {
              RecordStore.forEach(previousStore, m, carry);
            }
          }
        }
      }
    }
    return copied;
  }

  /**
   * The step of a first run (no previous run): nothing is matched, renamed or carried forward, so
   * the screened records keep their ids and order, and the pipeline has already applied the human
   * decisions ({@link DecideRecords}) to the rows it handed over and to {@code included.ris}, which
   * it wrote. The screened records are read once, a line at a time: each
   * line goes into the store as it is (the rules' result, for later re-screening), and into the
   * report's hand-over as it is unless reviewers decided the record; only those records are parsed
   * (to show their decision, and for {@code conflicts.csv}'s titles). The screened files only gain
   * the living-review columns ({@link LivingUpdate#firstRun}), and the counts for
   * {@code prisma.json} come from the lines' heads with the decisions applied. The files are the
   * ones {@link #apply} writes for a later run; only the work differs (a first run of 100,000
   * records spent most of this step parsing and writing back unchanged JSON and CSV).
   */
  private static LivingUpdate.Result applyFirst(Path dir, String runId, ReviewHistory history,
      LivingUpdate.Ranker ranker) throws IOException {
    HumanDecisions decisions = LivingReview.decisions(history);
    Map<String, HumanDecision> byId = new HashMap<>();
    decisions.decided().forEach(h -> byId.put(h.recordId(), h));
    List<Map<String, String>> rows = new ArrayList<>(); // each record's final decision, stage and reason
    Map<String, String> titles = new HashMap<>();
    Path screenedRecords = dir.resolve(WriteOutputs.SCREENED_RECORDS);
    Path handOver = dir.resolve(ReportRecords.FILE);
    try (RecordStore.StoreWriter store = RecordStore.writer(dir.resolve(RecordStore.FILE));
        OutputStream shown = new java.io.BufferedOutputStream(OutputSink.create(handOver), 1 << 16)) {
      if (Files.exists(screenedRecords)) {
        // the lines stay UTF-8 bytes: into the store and into the report's hand-over without decoding
        ReportRecords.forEachLine(screenedRecords, (n, bytes, from, length) -> {
          ReportRecords.Head head = ReportRecords.head(screenedRecords, n, bytes, from, length);
          HumanDecision h = byId.get(head.recordId());
          Map<String, String> row = new HashMap<>(4);
          row.put("record_id", head.recordId());
          row.put("decision", (h == null ? head.decision() : h.decision()).label());
          row.put("stage", h == null ? head.stage() : ScreenedRecord.STAGE_HUMAN);
          row.put("reason", h == null ? head.reason() : h.reason());
          rows.add(row);
          store.addHandOverLine(head.recordId(), bytes, from, length, isResult(row));
          if (h == null) {
            if (ReportRecords.wanted(head.decision(), head.stage())) {
              shown.write(bytes, from, length);
              shown.write('\n');
            }
            return;
          }
          ScreenedRecord decided = h.applyTo(ReportRecords.parse(screenedRecords, n, bytes, from, length));
          // as the screened file gives it back (conflicts.csv shows the title a reader of it sees)
          titles.put(head.recordId(), CsvTable.readBack(decided.record().title()));
          if (ReportRecords.wanted(decided)) {
            shown.write(ReportRecords.line(decided).getBytes(StandardCharsets.UTF_8));
          }
        });
      }
    }
    LivingUpdate.Result result = LivingUpdate.firstRun(dir, runId, decisions, rows, titles, ranker);
    Map<String, Object> summary = result.summary();
    summary.put("without_stored_record", 0L);
    summary.put("stored_records_copied", 0L);
    return result;
  }

  /** Screens the records {@code ids} of {@code store} with {@code rules}; their result rows by id. */
  static Map<String, Map<String, String>> rescreen(Path store, Set<String> ids, Rules rules,
      Map<String, ScreenedRecord> screenedById) throws IOException {
    Screener screener = new Screener(rules);
    Map<String, Map<String, String>> rows = new HashMap<>();
    RecordStore.forEach(store, (id, line) -> {
      if (ids.contains(id) && !rows.containsKey(id)) {
        ScreenedRecord s = screener.screen(new Screener.Input(id, RecordStore.parse(line).record()));
        screenedById.put(s.recordId(), s);
        List<String> values = CsvRows.screened(s);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < CsvRows.SCREENED.size(); i++) {
          row.put(CsvRows.SCREENED.get(i), values.get(i));
        }
        rows.put(id, row);
      }
    });
    return rows;
  }

  /** Adds {@code s} with its final decision, stage and reason to {@code shown} when the report shows it. */
  private static void show(ScreenedRecord s, Map<String, String> row, List<ScreenedRecord> shown) {
    if (row == null) {
      throw new IllegalStateException("record " + s.recordId() + " has no row in the screened files");
    }
    Decision d = decision(row);
    String stage = row.getOrDefault("stage", s.stage());
    if (!ReportRecords.wanted(d, stage)) {
      return;
    }
    shown.add(new ScreenedRecord(s.recordId(), s.record(), d, stage, row.getOrDefault("reason", s.reason()),
        s.matchedBlocks(), s.tags()));
  }

  /**
   * Whether a final row is part of the review's result: included, in review, or decided by
   * reviewers. Such records are shown again in every run, and stored in members of their own.
   */
  private static boolean isResult(Map<String, String> row) {
    return RecordStore.isResult(row.get("decision"), row.get("stage"));
  }

  private static Decision decision(Map<String, String> row) {
    return Decision.valueOf(row.get("decision").toUpperCase(Locale.ROOT));
  }

  private static ScreenedRecord withId(ScreenedRecord s, String id) {
    return new ScreenedRecord(id, s.record(), s.decision(), s.stage(), s.reason(), s.matchedBlocks(), s.tags());
  }
}
