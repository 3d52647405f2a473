package org.litsieve.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.litsieve.pipeline.ScreeningPipeline;

/** The short summary {@code screen} prints when it finishes. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, ScreeningPipeline.Summary s, int files) {
    Map<String, Object> p = s.prisma();
    Map<String, Object> identified = (Map<String, Object>) p.get("identified");
    Map<String, Object> excluded = (Map<String, Object>) p.get("excluded");
    Map<String, Object> byStage = (Map<String, Object>) excluded.get("by_stage");
    long rejected = number(p.get("rejected"));
    out.printf("identified  %7d records in %d file%s%s%n", number(identified.get("total")), files,
        files == 1 ? "" : "s",
        rejected > 0 ? " (" + rejected + " rejected: see rejected.csv)" : "");
    out.printf("duplicates  %7d removed%n", number(p.get("duplicates_removed")));
    out.printf("screened    %7d unique records%n", number(p.get("screened")));
    StringBuilder stages = new StringBuilder();
    for (Map.Entry<String, Object> e : byStage.entrySet()) {
      stages.append(stages.length() == 0 ? " (" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    if (stages.length() > 0) {
      stages.append(')');
    }
    out.printf("excluded    %7d%s%n", number(excluded.get("total")), stages);
    out.printf("review      %7d%n", number(p.get("review")));
    out.printf("included    %7d%n", number(p.get("included")));
    Map<String, Object> living = s.living();
    if (living != null && living.get("previous_run") != null) {
      out.printf("update      %7d new, %d unchanged, %d changed (see changes.csv), %d carried forward%s%n",
          number(living.get("new")), number(living.get("unchanged")), number(living.get("changed")),
          number(living.get("carried_forward")),
          Boolean.TRUE.equals(living.get("rules_changed"))
              ? " (rules changed: " + number(living.get("rescreened")) + " of them re-screened"
                  + (number(living.get("not_rescreened")) > 0
                      ? ", " + number(living.get("not_rescreened")) + " could not be" : "") + ")"
              : "");
    }
    if (living != null && number(living.get("human_decisions")) > 0) {
      Map<String, Object> kappa = (Map<String, Object>) living.get("kappa");
      out.printf("decisions   %7d records decided by reviewers, %d in conflict%s%n",
          number(living.get("records_decided_by_humans")), number(living.get("conflicts")),
          kappa == null ? "" : String.format(java.util.Locale.ROOT, ", Cohen's kappa %.3f over %d records",
              ((Number) kappa.get("kappa")).doubleValue(), number(kappa.get("records"))));
    }
    if (living != null && living.get("ranking") instanceof Map<?, ?> ranking && ranking.get("review_queue") != null) {
      out.printf("ranking     review queue ranked by %s%s; %d in second-look.csv%s%n",
          ranking.get("trained_on") != null
              ? ranking.get("model") + ", trained on " + number(ranking.get("trained_on")) + " reviewer decisions"
              : "the rules' evidence (no reviewer decisions of both kinds yet)",
          ranking.get("expected_relevant_in_queue") != null
              ? ", about " + ranking.get("expected_relevant_in_queue") + " relevant expected among its "
                  + number(ranking.get("review_queue")) : "",
          number(ranking.get("second_look")),
          ranking.get("stopping") instanceof Map<?, ?> stop ? "; " + stopping(stop) : "");
    }
    out.printf("outputs in  %s/ (%.1f s)%n", s.outputDir(), s.millis() / 1000.0);
    out.flush();
  }

  /** The stopping estimate as the ranking line ends: the knee method's verdict, why, and what it estimates. */
  static String stopping(Map<?, ?> stop) {
    return "stopping by the " + stop.get("method") + " over " + number(stop.get("decided")) + " decisions in "
        + stop.get("order") + ": " + (Boolean.TRUE.equals(stop.get("stop")) ? "stop" : "not yet") + " ("
        + stop.get("why") + ")" + (stop.get("estimated_relevant_unseen") != null
            ? ", about " + stop.get("estimated_relevant_unseen") + " relevant still unseen, estimated recall "
                + stop.get("estimated_recall") + "%" : "");
  }

  /** One line of key=value pairs, e.g. for a cron mail or the systemd journal. */
  @SuppressWarnings("unchecked")
  static void printOneLine(PrintWriter out, ScreeningPipeline.Summary s) {
    Map<String, Object> p = s.prisma();
    Map<String, Object> living = s.living() == null ? Map.of() : s.living();
    Map<String, Object> identified = (Map<String, Object>) p.get("identified");
    Map<String, Object> excluded = (Map<String, Object>) p.get("excluded");
    out.printf(java.util.Locale.ROOT,
        "litsieve ok run=%s identified=%d new=%d included=%d review=%d excluded=%d changed=%d"
            + " carried=%d rescreened=%d not_rescreened=%d conflicts=%d decision_problems=%d rejected=%d"
            + " warnings=%d out=%s seconds=%.1f%n",
        living.getOrDefault("run_id", ""), number(identified.get("total")), number(living.get("new")),
        number(p.get("included")), number(p.get("review")), number(excluded.get("total")),
        number(living.get("changed")), number(living.get("carried_forward")), number(living.get("rescreened")),
        number(living.get("not_rescreened")), number(living.get("conflicts")),
        number(living.get("decision_problems")), number(p.get("rejected")),
        living.get("warnings") instanceof java.util.List<?> w ? w.size() : 0, s.outputDir(), s.millis() / 1000.0);
    out.flush();
  }

  private static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
