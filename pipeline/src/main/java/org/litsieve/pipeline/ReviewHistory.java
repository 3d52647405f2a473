package org.litsieve.pipeline;

import java.util.List;
import java.util.Map;
import org.litsieve.history.PreviousRun;

/**
 * The living-review inputs of a run: the previous run and the reviewers' decisions. Its own file, so
 * that the living-review step ({@code LivingStep}) and the driver ({@code ScreeningPipeline}) both use
 * it without importing each other.
 *
 * @param previous the previous run, or null for a first run
 * @param decisionsSource the decisions file's name, for problem reports ("" for none)
 * @param decisions the decisions file's rows (empty for none)
 * @param runId the run id to write as {@code first_seen} of new records, or null to derive it
 *     from the run's content (see {@code ScreeningPipeline.runId})
 */
public record ReviewHistory(PreviousRun previous, String decisionsSource, List<Map<String, String>> decisions,
    String runId) {
  /** No previous run, no decisions. */
  public static ReviewHistory none() {
    return new ReviewHistory(null, "", List.of(), null);
  }
}
