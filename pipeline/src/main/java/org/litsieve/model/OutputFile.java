package org.litsieve.model;

import java.util.List;
import java.util.Optional;

/**
 * Every file a {@code screen} or {@code dedup} run leaves in (or passes through) its output folder:
 * the one place a file name is spelled. A new output file gets a constant here first, with its
 * kind and where it is documented (the README's Outputs table or {@code docs/living-reviews.md});
 * {@code OutputFilesListTest} checks the documents and this list agree.
 *
 * <p>{@link Kind#HAND_OVER} files are hidden steps between the pipeline and the driver: they never
 * reach the committed folder (the driver deletes them before the folder is moved into place).
 */
public enum OutputFile {
  INCLUDED_CSV("included.csv", Kind.SCREEN, Doc.README, "the included records, one row each"),
  REVIEW_CSV("review.csv", Kind.SCREEN, Doc.README, "the records left for reviewers, ranked"),
  EXCLUDED_CSV("excluded.csv", Kind.SCREEN, Doc.README, "the excluded records, with stage and reason"),
  SECOND_LOOK_CSV("second-look.csv", Kind.SCREEN, Doc.README, "keyword exclusions the relevance model doubts"),
  DUPLICATES_CSV("duplicates.csv", Kind.BOTH, Doc.README, "every input record of a duplicate group"),
  DUPLICATES_REVIEW_CSV("duplicates-review.csv", Kind.BOTH, Doc.README, "pairs that may be one paper"),
  REJECTED_CSV("rejected.csv", Kind.BOTH, Doc.README, "unreadable records and files"),
  INCLUDED_RIS("included.ris", Kind.SCREEN, Doc.README, "the included records as RIS"),
  INCLUDED_BIB("included.bib", Kind.SCREEN, Doc.README, "the included records as BibTeX"),
  TAGS_CSV("tags.csv", Kind.SCREEN, Doc.README, "outcome tag totals"),
  REPORT_HTML("report.html", Kind.SCREEN, Doc.README, "the run's report page"),
  PRISMA_SVG("prisma.svg", Kind.SCREEN, Doc.README, "the PRISMA 2020 flow diagram"),
  PRISMA_CSV("prisma.csv", Kind.SCREEN, Doc.README, "the flow diagram's counts for the PRISMA2020 package"),
  PRISMA_JSON("prisma.json", Kind.SCREEN, Doc.README, "the run's counts"),
  RECORDS_JSONL_GZ("records.jsonl.gz", Kind.SCREEN, Doc.README, "every record of the review so far, whole"),
  RECORDS_INDEX("records.index", Kind.SCREEN, Doc.README, "the gzip members of records.jsonl.gz"),
  MANIFEST_JSON("manifest.json", Kind.BOTH, Doc.README, "versions, hashes, options, counts, timings"),
  NEW_INCLUDED_CSV("new-included.csv", Kind.SCREEN, Doc.LIVING, "included records new in this run"),
  NEW_REVIEW_CSV("new-review.csv", Kind.SCREEN, Doc.LIVING, "review records new in this run"),
  CHANGES_CSV("changes.csv", Kind.SCREEN, Doc.LIVING, "records whose decision changed since the previous run"),
  DECISIONS_CSV("decisions.csv", Kind.SCREEN, Doc.LIVING, "every usable human decision so far"),
  CONFLICTS_CSV("conflicts.csv", Kind.SCREEN, Doc.LIVING, "records on which reviewers disagree"),
  DECISION_PROBLEMS_CSV("decision-problems.csv", Kind.SCREEN, Doc.LIVING, "decision rows that could not be used"),
  RECORDS_CSV("records.csv", Kind.DEDUP, Doc.README, "dedup: the unique records"),
  COUNTS_JSON("counts.json", Kind.DEDUP, Doc.README, "dedup: the run's counts"),
  /** Every screened record, whole, from the pipeline to the driver's living-review step. */
  SCREENED_RECORDS(".screened-records.jsonl", Kind.HAND_OVER, Doc.NONE, "hand-over: every screened record"),
  /** The pipeline's rows of the three screened files, before the living-review step decides. */
  PIPELINE_INCLUDED_CSV(".pipeline-included.csv", Kind.HAND_OVER, Doc.NONE, "hand-over: included rows"),
  PIPELINE_REVIEW_CSV(".pipeline-review.csv", Kind.HAND_OVER, Doc.NONE, "hand-over: review rows"),
  PIPELINE_EXCLUDED_CSV(".pipeline-excluded.csv", Kind.HAND_OVER, Doc.NONE, "hand-over: excluded rows"),
  /** The pipeline's counts, which the living-review step completes into prisma.json. */
  PIPELINE_PRISMA_JSON(".pipeline-prisma.json", Kind.HAND_OVER, Doc.NONE, "hand-over: the pipeline's counts"),
  /** The records the report shows, with their final decisions, from the living-review step to the reports. */
  REPORT_RECORDS(".report-records.jsonl", Kind.HAND_OVER, Doc.NONE, "hand-over: the records the report shows"),
  /** The file reports, from the pipeline to the driver's manifest. */
  INPUTS_JSON(".inputs.json", Kind.HAND_OVER, Doc.NONE, "hand-over: the file reports");

  /** Which command writes a file, or whether it is a hidden hand-over. */
  public enum Kind { SCREEN, DEDUP, BOTH, HAND_OVER }

  /** Where a file's contents are described for users. */
  public enum Doc { README, LIVING, NONE }

  private final String fileName;
  private final Kind kind;
  private final Doc doc;
  private final String description;

  OutputFile(String fileName, Kind kind, Doc doc, String description) {
    this.fileName = fileName;
    this.kind = kind;
    this.doc = doc;
    this.description = description;
  }

  /** The file's name inside the output folder. */
  public String fileName() {
    return fileName;
  }

  public Kind kind() {
    return kind;
  }

  public Doc doc() {
    return doc;
  }

  /** One line for listings. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return fileName;
  }

  /** The pipeline's hand-over of the screened file {@code f} ({@link #SCREENED}). */
  public OutputFile pipelineRows() {
    return switch (this) {
      case INCLUDED_CSV -> PIPELINE_INCLUDED_CSV;
      case REVIEW_CSV -> PIPELINE_REVIEW_CSV;
      case EXCLUDED_CSV -> PIPELINE_EXCLUDED_CSV;
      default -> throw new IllegalArgumentException(fileName + " is not a screened file");
    };
  }

  /** The three screened files, in the order their rows are read. */
  public static final List<OutputFile> SCREENED = List.of(INCLUDED_CSV, REVIEW_CSV, EXCLUDED_CSV);

  /** The constant named {@code fileName}, if it is one. */
  public static Optional<OutputFile> of(String fileName) {
    for (OutputFile f : values()) {
      if (f.fileName.equals(fileName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
