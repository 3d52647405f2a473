package org.litsieve.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Failure behaviour: an I/O error or unreadable counts are thrown.
 */
final class PrismaUpdate {
  private PrismaUpdate() {}

  /** Writes {@code prisma.json} and returns what it holds. */
  static Map<String, Object> rewrite(Path dir, List<Map<String, String>> rows, long previousIncluded,
      Map<String, Object> summary) throws IOException {
    Path file = dir.resolve(org.litsieve.model.OutputFile.PRISMA_JSON.fileName());
    Path counts = dir.resolve(org.litsieve.model.OutputFile.PIPELINE_PRISMA_JSON.fileName());
    ObjectMapper json = new ObjectMapper();
    org.litsieve.model.OutputSink.reading(counts);
    Map<String, Object> doc = json.readValue(counts.toFile(), new TypeReference<Map<String, Object>>() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> identified = (Map<String, Object>) doc.get("identified");
    long identifiedTotal = ((Number) identified.get("total")).longValue();
    long screened = 0;
    long included = 0;
    long review = 0;
    long excluded = 0;
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> byStage = new TreeMap<>();
    Map<String, Map<String, Long>> byStageReason = new TreeMap<>();
    Map<String, Long> human = new TreeMap<>(Map.of("included", 0L, "review", 0L, "excluded", 0L));
    for (Map<String, String> r : rows) {
      if (!Status.NEW.equals(r.get("status"))) {
        continue;
      }
      screened++;
      if (org.litsieve.model.ScreenedRecord.STAGE_HUMAN.equals(r.get("stage"))) {
        String d = r.get("decision");
        human.merge(d.equals("include") ? "included" : d.equals("review") ? "review" : "excluded", 1L, Long::sum);
      }
      switch (r.get("decision")) {
        case "include" -> included++;
        case "review" -> review++;
        default -> {
          excluded++;
          String reason = r.getOrDefault("reason", "");
          String stage = r.getOrDefault("stage", "");
          byReason.merge(reason, 1L, Long::sum);
          byStage.merge(stage, 1L, Long::sum);
          byStageReason.computeIfAbsent(stage, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
        }
      }
    }
    doc.put("screened", screened);
    doc.put("duplicates_removed", identifiedTotal - screened);
    doc.put("included", included);
    doc.put("review", review);
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
    Map<String, Object> sorted = new TreeMap<>(doc);
    org.litsieve.model.OutputSink.writeString(file, json.enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(sorted) + "\n");
    return sorted;
  }
}
