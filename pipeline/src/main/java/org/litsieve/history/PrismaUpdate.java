package org.litsieve.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code prisma.json} for one step of a living review (PRISMA 2020 for updated reviews), from the
 * pipeline's counts (the hand-over {@code .pipeline-prisma.json}) and the final rows.
 *
 * <p>The screening counts ({@code screened}, {@code included}, {@code review}, {@code excluded})
 * are recomputed from the final rows whose status is {@code new}: the records identified in this
 * update, with human decisions applied (a human exclusion counts under stage {@code human}).
 * Records already in the previous version count as duplicates removed, so
 * {@code identified = duplicates_removed + screened} and
 * {@code screened = excluded + review + included} still hold. When there is a previous run,
 * {@code previous = {studies, reports}} holds the number of records the previous version
 * included. {@code update} holds the matching counts. {@code human = {included, review, excluded}}
 * counts the screened (new) records whose decision reviewers made (stage {@code human}); its
 * {@code excluded} equals {@code excluded.by_stage.human}.
 *
 * <p>The arithmetic is shared by the driver ({@link #rewrite}, over the final rows) and a step
 * inside the pipeline, which sums {@link #counters} over the records in parallel and calls
 * {@link #document} once.
 *
 * <p>Failure behaviour: an I/O error or unreadable counts are thrown.
 */
public final class PrismaUpdate {
  /** Counter: a record new in this update, screened. */
  public static final String SCREENED = "screened";
  public static final String INCLUDED = "included";
  public static final String REVIEW = "review";
  /** Counter prefix: an excluded new record, by reason. */
  public static final String EXCLUDED_REASON = "excluded\t";
  /** Counter prefix: an excluded new record, by stage. */
  public static final String EXCLUDED_STAGE = "excluded_stage\t";
  /** Counter prefix: an excluded new record, by stage, a tab, and reason. */
  public static final String EXCLUDED_STAGE_REASON = "excluded_stage_reason\t";
  /** Counter prefix: a new record reviewers decided, by {@code included}, {@code review} or {@code excluded}. */
  public static final String HUMAN = "human\t";

  private PrismaUpdate() {}

  /** Writes {@code prisma.json} and returns what it holds. */
  static Map<String, Object> rewrite(Path dir, List<Map<String, String>> rows, long previousIncluded,
      Map<String, Object> summary) throws IOException {
    Path file = dir.resolve(org.litsieve.model.OutputFile.PRISMA_JSON.fileName());
    Path counts = dir.resolve(org.litsieve.model.OutputFile.PIPELINE_PRISMA_JSON.fileName());
    org.litsieve.model.OutputSink.reading(counts);
    Map<String, Object> doc = new ObjectMapper().readValue(counts.toFile(),
        new TypeReference<Map<String, Object>>() {});
    Map<String, Long> counters = new TreeMap<>();
    for (Map<String, String> r : rows) {
      for (String c : counters(r)) {
        counters.merge(c, 1L, Long::sum);
      }
    }
    Map<String, Object> sorted = document(doc, counters, previousIncluded, summary);
    org.litsieve.model.OutputSink.writeString(file, text(sorted));
    return sorted;
  }

  /**
   * The counters one final row (the screened files' columns with {@code status}) adds 1 to: none
   * unless it is new in this update.
   */
  public static List<String> counters(Map<String, String> r) {
    if (!Status.NEW.equals(r.get("status"))) {
      return List.of();
    }
    List<String> c = new ArrayList<>(5);
    c.add(SCREENED);
    String d = r.get("decision");
    if (org.litsieve.model.ScreenedRecord.STAGE_HUMAN.equals(r.get("stage"))) {
      c.add(HUMAN + (d.equals("include") ? "included" : d.equals("review") ? "review" : "excluded"));
    }
    switch (d) {
      case "include" -> c.add(INCLUDED);
      case "review" -> c.add(REVIEW);
      default -> {
        String reason = r.getOrDefault("reason", "");
        String stage = r.getOrDefault("stage", "");
        c.add(EXCLUDED_REASON + reason);
        c.add(EXCLUDED_STAGE + stage);
        c.add(EXCLUDED_STAGE_REASON + stage + "\t" + reason);
      }
    }
    return c;
  }

  /**
   * What {@code prisma.json} holds: the pipeline's counts {@code pipeline} (as
   * {@code .pipeline-prisma.json} holds them) with the screening counts replaced by the sums of
   * {@link #counters} over every final row, and, when {@code previousIncluded} is not negative,
   * the {@code previous} and {@code update} objects (the latter from {@code summary}'s counts).
   */
  public static Map<String, Object> document(Map<String, Object> pipeline, Map<String, Long> counters,
      long previousIncluded, Map<String, Object> summary) {
    Map<String, Object> doc = new TreeMap<>(pipeline);
    @SuppressWarnings("unchecked")
    Map<String, Object> identified = (Map<String, Object>) doc.get("identified");
    long identifiedTotal = ((Number) identified.get("total")).longValue();
    long excluded = 0;
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> byStage = new TreeMap<>();
    Map<String, Map<String, Long>> byStageReason = new TreeMap<>();
    Map<String, Long> human = new TreeMap<>(Map.of("included", 0L, "review", 0L, "excluded", 0L));
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String k = e.getKey();
      long v = e.getValue();
      if (k.startsWith(EXCLUDED_REASON)) {
        byReason.put(k.substring(EXCLUDED_REASON.length()), v);
        excluded += v;
      } else if (k.startsWith(EXCLUDED_STAGE_REASON)) {
        String[] stageReason = k.substring(EXCLUDED_STAGE_REASON.length()).split("\t", 2);
        byStageReason.computeIfAbsent(stageReason[0], x -> new TreeMap<>()).put(stageReason[1], v);
      } else if (k.startsWith(EXCLUDED_STAGE)) {
        byStage.put(k.substring(EXCLUDED_STAGE.length()), v);
      } else if (k.startsWith(HUMAN)) {
        human.put(k.substring(HUMAN.length()), v);
      }
    }
    long screened = counters.getOrDefault(SCREENED, 0L);
    doc.put("screened", screened);
    doc.put("duplicates_removed", identifiedTotal - screened);
    doc.put("included", counters.getOrDefault(INCLUDED, 0L));
    doc.put("review", counters.getOrDefault(REVIEW, 0L));
    Map<String, Object> ex = new TreeMap<>();
    ex.put("total", excluded);
    ex.put("by_reason", byReason);
    ex.put("by_stage", byStage);
    ex.put("by_stage_reason", byStageReason);
    doc.put("excluded", ex);
    doc.put("human", human);
    if (previousIncluded >= 0) {
      doc.put("previous", Map.of("studies", previousIncluded, "reports", previousIncluded));
      Map<String, Object> update = new TreeMap<>();
      for (String k : List.of("previous_run", "new", "already_known", "carried_forward", "changed", "unchanged")) {
        update.put(k, summary.get(k));
      }
      doc.put("update", update);
    }
    return doc;
  }

  /** {@code prisma.json}'s text for {@code doc}: indented, keys sorted, a final newline. */
  public static String text(Map<String, Object> doc) throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(doc) + "\n";
  }
}
