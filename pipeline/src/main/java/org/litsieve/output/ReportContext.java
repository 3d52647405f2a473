package org.litsieve.output;

import java.util.List;
import java.util.Map;

/**
 * What the reports need to know about a run beyond its output files: the tool version, the rules
 * (name, file, hash, and which block names are include or exclude blocks, and the tags in rules
 * order) and the input files' reports. Plain values, so this package needs nothing from the rules
 * package.
 *
 * @param version litsieve's version
 * @param rulesName the review's name from the rules file
 * @param rulesFile the rules file as given
 * @param rulesSha256 the rules file's SHA-256
 * @param includeBlocks include block names, in rules order
 * @param excludeBlocks exclude block names, in rules order
 * @param tags outcome tag names, in rules order
 * @param inputs one map per input file, as in {@code manifest.json}'s {@code inputs}
 *     ({@code path}, {@code format}, {@code encoding}, {@code records}, {@code rejected}, …)
 * @param runId the run's id ({@code manifest.json}'s {@code run_id}); the report keys the
 *     decisions a reviewer makes in it by this id, so two runs' pages never share them
 * @param ranking the ranking step's summary, as in {@code manifest.json}'s
 *     {@code living.ranking} ({@code model}, {@code trained_on}, {@code review_queue},
 *     {@code expected_relevant_in_queue}, {@code second_look}, …); empty when the queue was not ranked
 */
public record ReportContext(
    String version,
    String rulesName,
    String rulesFile,
    String rulesSha256,
    List<String> includeBlocks,
    List<String> excludeBlocks,
    List<String> tags,
    List<Map<String, Object>> inputs,
    String runId,
    Map<String, Object> ranking) {

  public ReportContext {
    includeBlocks = List.copyOf(includeBlocks);
    excludeBlocks = List.copyOf(excludeBlocks);
    tags = List.copyOf(tags);
    inputs = List.copyOf(inputs);
    runId = runId == null ? "" : runId;
    ranking = ranking == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranking));
  }

  /** A context without a run id or a ranking summary (a report drawn outside a screening run). */
  public ReportContext(String version, String rulesName, String rulesFile, String rulesSha256,
      List<String> includeBlocks, List<String> excludeBlocks, List<String> tags, List<Map<String, Object>> inputs) {
    this(version, rulesName, rulesFile, rulesSha256, includeBlocks, excludeBlocks, tags, inputs, "", Map.of());
  }

  /** This context for the run {@code id}, whose ranking step summarised as {@code ranking}. */
  public ReportContext withRun(String id, Map<String, Object> rankingSummary) {
    return new ReportContext(version, rulesName, rulesFile, rulesSha256, includeBlocks, excludeBlocks, tags, inputs,
        id, rankingSummary);
  }
}
