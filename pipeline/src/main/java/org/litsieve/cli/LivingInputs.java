package org.litsieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.litsieve.history.CsvTable;
import org.litsieve.history.DecisionDates;
import org.litsieve.history.HumanDecisions;
import org.litsieve.history.LivingUpdate;
import org.litsieve.history.PreviousRun;
import org.litsieve.pipeline.RecordStore;
import org.litsieve.pipeline.ReviewHistory;
import org.litsieve.pipeline.ScreeningPipeline;
import org.litsieve.pipeline.Version;

/** Reads {@code --previous} and {@code --decisions} for {@code screen}, and reports decision problems. */
final class LivingInputs {
  private LivingInputs() {}

  /**
   * Reads the previous run and the decisions file; the decisions' dates are read as dates
   * ({@link DecisionDates}) and notes about them go to {@code err}. When the run decides inside
   * the graph ({@code inGraph}, {@link ScreeningPipeline#decidesInGraph(List)}), the previous
   * run's rows are only checked: the graph reads them itself.
   *
   * @throws PreviousRun.NotARunException with a message for the user if either cannot be used
   */
  static ReviewHistory read(Path previous, Path decisions, String runId, boolean inGraph, PrintWriter err)
      throws PreviousRun.NotARunException {
    PreviousRun run = null;
    if (previous != null) {
      // The store is read whole now, or a damaged one would fail only after the whole pipeline. Its
      // check (decompressing every member) runs beside the reading of the run's CSV files, which
      // takes as long: on a 100k-record history this start-up is a second shorter (docs/performance.md).
      Path store = previous.resolve(RecordStore.FILE);
      CompletableFuture<IOException> storeCheck = Files.isRegularFile(store)
          ? CompletableFuture.supplyAsync(() -> checkStore(store))
          : CompletableFuture.completedFuture(null);
      try {
        run = inGraph
            ? PreviousRun.check(previous, Version.get()) : PreviousRun.read(previous, Version.get());
      } catch (IOException e) {
        throw new PreviousRun.NotARunException("--previous " + previous + ": " + e.getMessage());
      }
      IOException damaged;
      try {
        damaged = storeCheck.join(); // the CSV files' problem, when both have one, is named first
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e; // as if it had run on this thread
      }
      if (damaged != null) {
        throw new PreviousRun.NotARunException("--previous " + previous + ": " + damaged.getMessage());
      }
    }
    if (decisions == null) {
      return new ReviewHistory(run, "", List.of(), runId);
    }
    if (!Files.isRegularFile(decisions)) {
      throw new PreviousRun.NotARunException("--decisions " + decisions + ": no such file");
    }
    try {
      CsvTable t = CsvTable.read(decisions);
      for (String c : List.of("record_id", "decision", "reviewer")) {
        if (!t.columns().contains(c)) {
          throw new PreviousRun.NotARunException("--decisions " + decisions + ": no \"" + c
              + "\" column; the columns are " + String.join(",", HumanDecisions.COLUMNS));
        }
      }
      DecisionDates.Result dated;
      try {
        dated = DecisionDates.normalise(decisions.toString(), t.rows());
      } catch (DecisionDates.UnreadableDateException e) {
        throw new PreviousRun.NotARunException("--decisions " + e.getMessage());
      }
      for (String note : dated.notes()) {
        err.println("litsieve: note: --decisions " + note);
      }
      err.flush();
      return new ReviewHistory(run, decisions.toString(), dated.rows(), runId);
    } catch (IOException e) {
      throw new PreviousRun.NotARunException("--decisions " + decisions + ": " + e.getMessage());
    }
  }

  /** The store's problem, or null when it reads whole ({@link RecordStore#check}). */
  private static IOException checkStore(Path store) {
    try {
      RecordStore.check(store);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /**
   * Prints a stderr line for each of the first decision problems (the run hands them back,
   * {@link ScreeningPipeline.Summary#problems}: the file it wrote is not read again), the count and
   * where the file is, the living review's warnings and its conflicts.
   */
  static void reportProblems(PrintWriter err, ScreeningPipeline.Summary s) {
    Map<String, Object> living = s.living();
    if (living == null) {
      return;
    }
    long problems = ((Number) living.get("decision_problems")).longValue();
    if (problems > 0) {
      for (Map<String, String> r : s.problems()) {
        err.println("litsieve: decisions: " + r.get("source") + (r.get("line").equals("0") ? "" : ":" + r.get("line"))
            + ": record " + r.get("record_id") + ", reviewer " + r.get("reviewer") + ": " + r.get("problem"));
      }
      err.println("litsieve: " + problems + " decision row(s) could not be used or name unknown records: see "
          + s.outputDir().resolve(LivingUpdate.PROBLEMS_CSV));
    }
    Object warnings = living.get("warnings");
    if (warnings instanceof List<?> list) {
      for (Object w : list) {
        err.println("litsieve: warning: " + w);
      }
    }
    long conflicts = ((Number) living.get("conflicts")).longValue();
    if (conflicts > 0) {
      err.println("litsieve: reviewers disagree on " + conflicts + " record(s): see "
          + s.outputDir().resolve(LivingUpdate.CONFLICTS_CSV));
    }
    err.flush();
  }
}
