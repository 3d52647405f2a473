package org.litsieve.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step of a living review did, as the manifest's {@code living} object and the summary line
 * show it: the counts, the warnings they call for, and the reviewers' agreement. One value for the
 * driver's {@link LivingUpdate} and for the step inside the pipeline that counts the same from the
 * decided records, so both give the same {@link #toMap}.
 *
 * @param runId this run's id
 * @param previousRun the previous run's id, or null for a first run
 * @param rulesChanged whether the rules' hash differs from the previous run's
 * @param newRecords records new in this update
 * @param unchanged records seen before whose decision did not change (carried forward included)
 * @param changed records seen before whose decision changed
 * @param alreadyKnown this run's records matched to an earlier record
 * @param matchedByDedup of those, the ones only the deduplication matcher paired
 * @param carriedForward earlier records this run's inputs do not hold
 * @param rescreened carried-forward record ids screened again after a rules change
 * @param notRescreened carried-forward records not screened again after a rules change
 * @param humanDecisions usable decision rows ({@code decisions.csv})
 * @param recordsDecidedByHumans records whose final id reviewers decided
 * @param conflicts records on which reviewers disagree
 * @param decisionProblems rows of {@code decision-problems.csv}
 * @param kappa Cohen's kappa of two reviewers ({@link HumanDecisions#kappa}), or null
 */
public record LivingSummary(String runId, String previousRun, boolean rulesChanged, long newRecords, long unchanged,
    long changed, long alreadyKnown, long matchedByDedup, long carriedForward, long rescreened, long notRescreened,
    long humanDecisions, long recordsDecidedByHumans, long conflicts, long decisionProblems,
    Map<String, Object> kappa) {

  /** The warnings these counts call for. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (notRescreened > 0) {
      warnings.add(notRescreened + " carried-forward record(s) were not re-screened after the rules change:"
          + " the previous run keeps no copy of them to screen again (a run made before litsieve kept"
          + " records.jsonl.gz); they keep their earlier decision. Give all exports, old and new, to"
          + " re-screen them.");
    }
    return warnings;
  }

  /**
   * The manifest's {@code living} object, in its order; its {@code warnings} list may be added to
   * (the driver adds the store's warnings).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run_id", runId);
    summary.put("previous_run", previousRun);
    summary.put("rules_changed", rulesChanged);
    summary.put("new", newRecords);
    summary.put("unchanged", unchanged);
    summary.put("changed", changed);
    summary.put("already_known", alreadyKnown);
    summary.put("matched_by_dedup", matchedByDedup);
    summary.put("carried_forward", carriedForward);
    summary.put("rescreened", rescreened);
    summary.put("not_rescreened", notRescreened);
    summary.put("warnings", warnings());
    summary.put("human_decisions", humanDecisions);
    summary.put("records_decided_by_humans", recordsDecidedByHumans);
    summary.put("conflicts", conflicts);
    summary.put("decision_problems", decisionProblems);
    summary.put("kappa", kappa);
    return summary;
  }
}
