package org.litsieve.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's flow counts as {@code prisma.csv}, in the layout of the template CSV of the
 * PRISMA2020 R package and Shiny app ({@code inst/extdata/PRISMA.csv}: columns
 * {@code data,node,box,description,boxtext,tooltips,url,n}, one row per count, the same rows in
 * the same order), so that users can load it there and re-draw or extend the diagram.
 *
 * <p>What litsieve fills: {@code database_results} (records identified) and
 * {@code database_specific_results} ("file, n; file, n"), {@code duplicates},
 * {@code excluded_automatic} (every automatic exclusion; its tooltip lists the stages and
 * reasons; reviewers' exclusions are not automatic and are left out), {@code records_screened}
 * (review + included + excluded by reviewers), {@code records_excluded} (relabelled "Records in the
 * human review queue", and "… or excluded by reviewers" with their count and reasons in the tooltip
 * when reviewers excluded any), {@code dbr_sought_reports} and {@code new_studies} (the records
 * included by the rules or by reviewers), {@code total_studies} (plus the previous version's studies),
 * and the previous-version rows when {@code prisma.json} has them. The full-text rows stay 0 for
 * the review team to fill in after retrieval.
 *
 * <p>Failure behaviour: none; any counts write.
 */
public final class PrismaCsv {
  /** The template's columns. */
  public static final List<String> COLUMNS =
      List.of("data", "node", "box", "description", "boxtext", "tooltips", "url", "n");

  private PrismaCsv() {}

  /** The template's rows without {@code n}: data, node, box, description, boxtext, tooltips, url. */
  private static final List<List<String>> TEMPLATE = List.of(
      row("NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies", "Grey title box; Previous studies", "prevstud.html"),
      row("previous_studies", "node5", "box1", "Studies included in previous version of review", "Studies included in previous version of review", "Studies included in previous version of review", "previous_studies.html"),
      row("previous_reports", "NA", "box1", "Reports of studies included in previous version of review", "Reports of studies included in previous version of review", "NA", "previous_reports.html"),
      row("NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers", "Identification of new studies via databases and registers", "Yellow title box; Identification of new studies via databases and registers", "newstud.html"),
      row("database_results", "node7", "box2", "Records identified from: Databases", "Databases", "Records identified from: Databases and Registers", "database_results.html"),
      row("database_specific_results", "NA", "box2", "Records identified from: specific databases", "Specific Databases", "NA", "database_results.html"),
      row("register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA"),
      row("register_specific_results", "NA", "box2", "Records identified from: specific registers", "Specific Registers", "NA", "database_results.html"),
      row("NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods", "Identification of new studies via other methods", "Grey title box; Identification of new studies via other methods", "othstud.html"),
      row("website_results", "node17", "box11", "Records identified from: Websites", "Websites", "Records identified from: Websites, Organisations and Citation Searching", "website_results.html"),
      row("organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA", "NA"),
      row("citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching", "NA", "NA"),
      row("duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records", "duplicates.html"),
      row("excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools", "Records marked as ineligible by automation tools", "NA", "NA"),
      row("excluded_other", "NA", "box3", "Records removed for other reasons", "Records removed for other reasons", "NA", "NA"),
      row("records_screened", "node9", "box4", "Records screened (databases and registers)", "Records screened", "Records screened (databases and registers)", "records_screened.html"),
      row("records_excluded", "node10", "box5", "Records excluded (databases and registers)", "Records excluded", "Records excluded (databases and registers)", "records_excluded.html"),
      row("dbr_sought_reports", "node11", "box6", "Reports sought for retrieval (databases and registers)", "Reports sought for retrieval", "Reports sought for retrieval (databases and registers)", "dbr_sought_reports.html"),
      row("dbr_notretrieved_reports", "node12", "box7", "Reports not retrieved (databases and registers)", "Reports not retrieved", "Reports not retrieved (databases and registers)", "dbr_notretrieved_reports.html"),
      row("other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)", "Reports sought for retrieval", "Reports sought for retrieval (other)", "other_sought_reports.html"),
      row("other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)", "Reports not retrieved", "Reports not retrieved (other)", "other_notretrieved_reports.html"),
      row("dbr_assessed", "node13", "box8", "Reports assessed for eligibility (databases and registers)", "Reports assessed for eligibility", "Reports assessed for eligibility (databases and registers)", "dbr_assessed.html"),
      row("dbr_excluded", "node14", "box9", "Reports excluded (databases and registers): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded", "Reports excluded (databases and registers)", "dbrexcludedrecords.html"),
      row("other_assessed", "node20", "box14", "Reports assessed for eligibility (other)", "Reports assessed for eligibility", "Reports assessed for eligibility (other)", "other_assessed.html"),
      row("other_excluded", "node21", "box15", "Reports excluded (other): [separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]", "Reports excluded", "Reports excluded (other)", "other_excluded.html"),
      row("new_studies", "node15", "box10", "New studies included in review", "New studies included in review", "New studies included in review", "new_studies.html"),
      row("new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies", "NA", "NA"),
      row("total_studies", "node22", "box16", "Total studies included in review", "Total studies included in review", "Total studies included in review", "total_studies.html"),
      row("total_reports", "NA", "box16", "Reports of total included studies", "Reports of total included studies", "NA", "NA"),
      row("identification", "node1", "identification", "Blue identification box", "Identification", "Blue identification box", "identification.html"),
      row("screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box", "screening.html"),
      row("included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html"));

  private static List<String> row(String... cells) {
    return List.of(cells);
  }

  /** The CSV text ({@code \n} line ends, quoted where needed). */
  public static String render(PrismaFlow f) {
    Map<String, String> n = new LinkedHashMap<>();
    n.put("previous_studies", Long.toString(Math.max(f.previousStudies(), 0)));
    n.put("previous_reports", Long.toString(Math.max(f.previousReports(), 0)));
    n.put("database_results", Long.toString(f.identified()));
    List<String> specific = new ArrayList<>();
    f.identifiedBySource().forEach((file, count) -> specific.add(reasonName(file) + ", " + count));
    n.put("database_specific_results", specific.isEmpty() ? "0" : String.join("; ", specific));
    n.put("register_specific_results", "0");
    n.put("duplicates", Long.toString(f.duplicates()));
    n.put("excluded_automatic", Long.toString(f.excludedAutomatic()));
    n.put("records_screened", Long.toString(f.recordsScreened()));
    n.put("records_excluded", Long.toString(f.review() + f.excludedByReviewers()));
    n.put("dbr_sought_reports", Long.toString(f.included()));
    n.put("dbr_excluded", "0");
    n.put("other_excluded", "0");
    n.put("new_studies", Long.toString(f.included()));
    n.put("new_reports", Long.toString(f.included()));
    n.put("total_studies", Long.toString(f.totalIncluded()));
    n.put("total_reports", Long.toString(Math.max(f.previousReports(), 0) + f.included()));

    StringBuilder out = new StringBuilder(CsvRows.line(COLUMNS));
    for (List<String> t : TEMPLATE) {
      List<String> cells = new ArrayList<>(t);
      String data = t.get(0);
      if (data.equals("records_excluded") && f.hasReviewerDecisions()) {
        cells.set(4, "Records in the human review queue or excluded by reviewers");
        cells.set(5, "Records in the human review queue: " + f.review() + " (of which reviewers disagree or marked"
            + " maybe: " + f.reviewByReviewers() + "). Excluded by reviewers: " + f.excludedByReviewers()
            + reasonList(f.reasonsByStage().getOrDefault(PrismaFlow.HUMAN, Map.of())));
      } else if (data.equals("records_excluded")) {
        cells.set(4, "Records in the human review queue");
        cells.set(5, "Records in the human review queue (litsieve's review band): not yet excluded");
      } else if (data.equals("new_studies") && f.includedByReviewers() > 0) {
        cells.set(4, "Records included by the screening rules or by reviewers");
        cells.set(5, "Included by the screening rules: " + (f.included() - f.includedByReviewers())
            + ". Included by reviewers' decision: " + f.includedByReviewers());
      } else if (data.equals("new_studies")) {
        cells.set(4, "Records included by the screening rules");
      } else if (data.equals("excluded_automatic")) {
        cells.set(5, automaticTooltip(f));
      }
      cells.add(n.getOrDefault(data, "0"));
      out.append(CsvRows.line(cells));
    }
    return out.toString();
  }

  /** "Eligibility criteria, 18 (reason: 5; …); keyword screening, 24 (…)". */
  static String automaticTooltip(PrismaFlow f) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> stage : f.reasonsByStage().entrySet()) {
      if (stage.getKey().equals(PrismaFlow.HUMAN)) {
        continue; // not automatic: in records_excluded
      }
      String label = stage.getKey().equals(PrismaFlow.ELIGIBILITY) ? "Eligibility criteria"
          : stage.getKey().equals(PrismaFlow.KEYWORDS) ? "Keyword screening" : stage.getKey();
      parts.add(label + " " + f.excludedByStage().getOrDefault(stage.getKey(), 0L) + reasonList(stage.getValue()));
    }
    return String.join(". ", parts);
  }

  /** " (reason: n; reason: n)", or "" for none. */
  private static String reasonList(Map<String, Long> reasons) {
    List<String> parts = new ArrayList<>();
    reasons.forEach((reason, count) -> parts.add(reason + ": " + count));
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  /** A name the package's "Name, n; Name, n" lists can hold: no commas or semicolons. */
  static String reasonName(String s) {
    return s.replaceAll("[,;]", " ").replaceAll("\\s+", " ").strip();
  }
}
