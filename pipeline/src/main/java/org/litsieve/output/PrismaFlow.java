package org.litsieve.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a PRISMA 2020 flow diagram, read from a run's {@code prisma.json}, in the terms the
 * diagram uses.
 *
 * <p>litsieve's automatic exclusions are made by automation tools, so they sit in PRISMA's
 * "records removed before screening" box; what reaches "records screened" is what a human still
 * looks at, what the rules or reviewers included, and what reviewers excluded (stage
 * {@value #HUMAN}, a living review's {@code --decisions}):
 * {@code recordsScreened = review + included + excludedByReviewers}.
 *
 * @param identifiedBySource records parsed from each input file, sorted by file
 * @param identified their sum
 * @param rejected input records that could not be read (not part of {@code identified})
 * @param duplicates duplicate records removed
 * @param excludedByStage exclusions by stage ({@code eligibility}, {@code keywords}, and
 *     {@code human} for reviewers' exclusions)
 * @param reasonsByStage exclusions by stage, then by reason
 * @param review records in the human review queue
 * @param included records included by the rules
 * @param previousStudies studies included in the previous version of the review, or -1 when
 *     {@code prisma.json} has no {@code previous} object
 * @param previousReports reports of those studies, or -1 when not given
 * @param includedByReviewers of {@code included}, the records reviewers included (prisma.json's
 *     {@code human.included}; 0 when absent)
 * @param reviewByReviewers of {@code review}, the records reviewers sent to review (maybe, or
 *     disagreement; prisma.json's {@code human.review}; 0 when absent)
 */
public record PrismaFlow(
    Map<String, Long> identifiedBySource,
    long identified,
    long rejected,
    long duplicates,
    Map<String, Long> excludedByStage,
    Map<String, Map<String, Long>> reasonsByStage,
    long review,
    long included,
    long previousStudies,
    long previousReports,
    long includedByReviewers,
    long reviewByReviewers) {

  public static final String ELIGIBILITY = "eligibility";
  public static final String KEYWORDS = "keywords";
  /** The stage of reviewers' decisions. */
  public static final String HUMAN = "human";

  /** Records marked ineligible by automation tools (every exclusion but the reviewers'). */
  public long excludedAutomatic() {
    return excludedByStage.entrySet().stream().filter(e -> !e.getKey().equals(HUMAN))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Records reviewers excluded (stage {@value #HUMAN}). */
  public long excludedByReviewers() {
    return excludedByStage.getOrDefault(HUMAN, 0L);
  }

  /** Whether reviewers decided any of the screened records (the diagram then says so). */
  public boolean hasReviewerDecisions() {
    return excludedByReviewers() + includedByReviewers + reviewByReviewers > 0;
  }

  /** What PRISMA calls "records screened": the records left after automation tools. */
  public long recordsScreened() {
    return review + included + excludedByReviewers();
  }

  /** Whether the diagram shows the "previous studies" column. */
  public boolean hasPrevious() {
    return previousStudies >= 0;
  }

  /** Studies included in the review in total: previous ones (if any) and this run's. */
  public long totalIncluded() {
    return Math.max(previousStudies, 0) + included;
  }

  /**
   * Reads {@code prisma.json}. Reasons without a stage (a {@code prisma.json} written before
   * {@code by_stage_reason} existed) are put under {@code keywords} when they name a block and
   * under {@code eligibility} otherwise.
   *
   * <p>{@code previous} is optional: {@code {"studies": N, "reports": N}}, the counts of the
   * previous version of the review; {@code reports} defaults to {@code studies}. {@code human} is
   * optional: {@code {"included": N, "review": N, ...}}, the records reviewers decided.
   *
   * @throws IllegalArgumentException if a required count is missing
   */
  public static PrismaFlow from(JsonNode prisma) {
    Map<String, Long> bySource = new TreeMap<>();
    fields(need(need(prisma, "identified"), "by_source"))
        .forEachRemaining(e -> bySource.put(e.getKey(), e.getValue().asLong()));
    JsonNode excluded = need(prisma, "excluded");
    Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
    reasons.put(ELIGIBILITY, new TreeMap<>());
    reasons.put(KEYWORDS, new TreeMap<>());
    JsonNode byStageReason = excluded.get("by_stage_reason");
    if (byStageReason != null) {
      fields(byStageReason).forEachRemaining(stage -> fields(stage.getValue()).forEachRemaining(r ->
          reasons.computeIfAbsent(stage.getKey(), k -> new TreeMap<>())
              .put(r.getKey(), r.getValue().asLong())));
    } else {
      fields(need(excluded, "by_reason")).forEachRemaining(r -> {
        boolean keyword = r.getKey().contains("block");
        reasons.get(keyword ? KEYWORDS : ELIGIBILITY).put(r.getKey(), r.getValue().asLong());
      });
    }
    Map<String, Long> byStage = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Long>> e : reasons.entrySet()) {
      byStage.put(e.getKey(), e.getValue().values().stream().mapToLong(Long::longValue).sum());
    }
    long previousStudies = -1;
    long previousReports = -1;
    JsonNode previous = prisma.get("previous");
    if (previous != null && previous.isObject()) {
      previousStudies = need(previous, "studies").asLong();
      previousReports = previous.has("reports") ? previous.get("reports").asLong() : previousStudies;
    }
    JsonNode human = prisma.path("human");
    return new PrismaFlow(bySource,
        bySource.values().stream().mapToLong(Long::longValue).sum(),
        prisma.path("rejected").asLong(0),
        need(prisma, "duplicates_removed").asLong(),
        byStage, reasons,
        need(prisma, "review").asLong(),
        need(prisma, "included").asLong(),
        previousStudies, previousReports,
        human.path("included").asLong(0), human.path("review").asLong(0));
  }

  private static JsonNode need(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("prisma.json has no \"" + field + "\"");
    }
    return v;
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.fields();
  }
}
