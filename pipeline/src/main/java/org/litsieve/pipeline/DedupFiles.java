package org.litsieve.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * What both ways of running {@code litsieve dedup} write alike: the file names and the
 * {@code counts.json} document. {@code DedupPipeline} (Beam) and {@code PlainDedup} (plain Java)
 * both use it, so that neither depends on the other for it.
 *
 * <p>Input: named counters ({@code identified\t<source file>}, {@code rejected}, {@code unique},
 * {@code review_pairs}, {@code related_pairs}). Output: the counts document. Never fails.
 */
public final class DedupFiles {
  public static final String RECORDS_CSV = org.litsieve.model.OutputFile.RECORDS_CSV.fileName();
  public static final String COUNTS_JSON = org.litsieve.model.OutputFile.COUNTS_JSON.fileName();

  private DedupFiles() {}

  /** The counts document from named counters. */
  static Map<String, Object> counts(Map<String, Long> c) {
    Map<String, Long> bySource = new TreeMap<>();
    long identified = 0;
    for (Map.Entry<String, Long> e : c.entrySet()) {
      if (e.getKey().startsWith("identified\t")) {
        bySource.put(e.getKey().substring("identified\t".length()), e.getValue());
        identified += e.getValue();
      }
    }
    long unique = c.getOrDefault("unique", 0L);
    Map<String, Object> doc = new TreeMap<>();
    doc.put("identified", Map.of("total", identified, "by_source", bySource));
    doc.put("rejected", c.getOrDefault("rejected", 0L));
    doc.put("duplicates_removed", identified - unique);
    doc.put("unique", unique);
    doc.put("review_pairs", c.getOrDefault("review_pairs", 0L));
    doc.put("related_pairs", c.getOrDefault("related_pairs", 0L));
    return doc;
  }
}
