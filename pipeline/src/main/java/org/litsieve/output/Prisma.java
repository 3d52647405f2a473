package org.litsieve.output;

import java.util.Map;
import java.util.TreeMap;

/**
 * The PRISMA 2020 flow counts of a run, built from named counters. The counts always add up:
 * identified = duplicates removed + screened, and screened = excluded + review + included.
 *
 * <p>Counter names: {@code identified\tFILE} (records parsed from FILE), {@code rejected},
 * {@code screened}, {@code included}, {@code review}, {@code excluded\tREASON} and
 * {@code excluded_stage\tSTAGE} and {@code excluded_stage_reason\tSTAGE\tREASON}.
 *
 * <p>{@code excluded.by_stage_reason} splits the reasons by the stage that excluded the record
 * ({@code eligibility} or {@code keywords}), which the flow diagram needs.
 */
public final class Prisma {
  public static final String IDENTIFIED = "identified\t";
  public static final String REJECTED = "rejected";
  public static final String SCREENED = "screened";
  public static final String INCLUDED = "included";
  public static final String REVIEW = "review";
  public static final String EXCLUDED = "excluded\t";
  public static final String EXCLUDED_STAGE = "excluded_stage\t";
  public static final String EXCLUDED_STAGE_REASON = "excluded_stage_reason\t";

  private Prisma() {}

  /** The counters one screened record adds 1 to. */
  public static java.util.List<String> counters(org.litsieve.model.ScreenedRecord s) {
    switch (s.decision()) {
      case INCLUDE:
        return java.util.List.of(SCREENED, INCLUDED);
      case REVIEW:
        return java.util.List.of(SCREENED, REVIEW);
      default:
        return java.util.List.of(SCREENED, EXCLUDED + s.reason(), EXCLUDED_STAGE + s.stage(),
            EXCLUDED_STAGE_REASON + s.stage() + "\t" + s.reason());
    }
  }

  /** The prisma.json document, as nested maps with sorted keys. */
  public static Map<String, Object> document(Map<String, Long> counters) {
    long identified = 0;
    Map<String, Long> bySource = new TreeMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> byStage = new TreeMap<>();
    Map<String, Map<String, Long>> byStageReason = new TreeMap<>();
    long excluded = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String k = e.getKey();
      long v = e.getValue();
      if (k.startsWith(IDENTIFIED)) {
        bySource.put(k.substring(IDENTIFIED.length()), v);
        identified += v;
      } else if (k.startsWith(EXCLUDED)) {
        byReason.put(k.substring(EXCLUDED.length()), v);
        excluded += v;
      } else if (k.startsWith(EXCLUDED_STAGE_REASON)) {
        String[] stageReason = k.substring(EXCLUDED_STAGE_REASON.length()).split("\t", 2);
        byStageReason.computeIfAbsent(stageReason[0], x -> new TreeMap<>())
            .put(stageReason.length > 1 ? stageReason[1] : "", v);
      } else if (k.startsWith(EXCLUDED_STAGE)) {
        byStage.put(k.substring(EXCLUDED_STAGE.length()), v);
      }
    }
    long screened = counters.getOrDefault(SCREENED, 0L);
    Map<String, Object> doc = new TreeMap<>();
    doc.put("identified", Map.of("total", identified, "by_source", bySource));
    doc.put("rejected", counters.getOrDefault(REJECTED, 0L));
    doc.put("duplicates_removed", identified - screened);
    doc.put("screened", screened);
    Map<String, Object> ex = new TreeMap<>();
    ex.put("total", excluded);
    ex.put("by_reason", byReason);
    ex.put("by_stage", byStage);
    ex.put("by_stage_reason", byStageReason);
    doc.put("excluded", ex);
    doc.put("review", counters.getOrDefault(REVIEW, 0L));
    doc.put("included", counters.getOrDefault(INCLUDED, 0L));
    return doc;
  }
}
