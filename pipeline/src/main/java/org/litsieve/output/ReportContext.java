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
 */
public record ReportContext(
    String version,
    String rulesName,
    String rulesFile,
    String rulesSha256,
    List<String> includeBlocks,
    List<String> excludeBlocks,
    List<String> tags,
    List<Map<String, Object>> inputs) {

  public ReportContext {
    includeBlocks = List.copyOf(includeBlocks);
    excludeBlocks = List.copyOf(excludeBlocks);
    tags = List.copyOf(tags);
    inputs = List.copyOf(inputs);
  }
}
