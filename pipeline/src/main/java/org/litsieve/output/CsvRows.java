package org.litsieve.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.CsvCells;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;
import org.litsieve.model.ScreenedRecord;

/**
 * The column layouts of litsieve's CSV outputs, and the formatting of one row. Rows are RFC 4180
 * CSV (fields quoted where needed, {@code \n} line ends), UTF-8 without a BOM; a cell that a
 * spreadsheet would run as a formula is written with a leading {@code '} ({@link CsvCells}).
 */
public final class CsvRows {
  /** Columns of {@code included.csv}, {@code review.csv} and {@code excluded.csv}. */
  public static final List<String> SCREENED = List.of("record_id", "title", "authors", "year",
      "journal", "volume", "issue", "pages", "doi", "pmid", "sources", "source_ids", "decision",
      "stage", "reason", "matched_blocks", "outcome_tags", "block_evidence", "tag_evidence", "abstract");

  /**
   * Columns a step of a living review adds to the screened files: {@code first_seen} and
   * {@code status}, and the reviewer columns (left empty: the reviewers' rows are in
   * {@code decisions.csv}).
   */
  public static final List<String> LIVING_ADDED = org.litsieve.model.LivingRecord.ADDED_COLUMNS;

  /**
   * Columns of the screened files and {@code new-*.csv} written from a living review's records:
   * {@link #SCREENED}, then {@link #LIVING_ADDED}.
   */
  public static final List<String> SCREENED_LIVING =
      java.util.stream.Stream.concat(SCREENED.stream(), LIVING_ADDED.stream()).toList();

  /** Columns of {@code changes.csv}. */
  public static final List<String> CHANGES = org.litsieve.model.LivingRecord.CHANGE_COLUMNS;

  /** Columns of {@code duplicates.csv}. */
  public static final List<String> DUPLICATES =
      List.of("record_id", "input_id", "source_file", "source_id", "kept", "match_rule");

  /** Columns of {@code duplicates-review.csv}. */
  public static final List<String> DUPLICATES_REVIEW = List.of("relation", "score", "rule",
      "input_id_a", "source_file_a", "source_id_a", "year_a", "title_a",
      "input_id_b", "source_file_b", "source_id_b", "year_b", "title_b");

  /** Columns of {@code records.csv}, written by {@code litsieve dedup}. */
  public static final List<String> RECORDS = List.of("record_id", "title", "authors", "year",
      "journal", "volume", "issue", "pages", "doi", "pmid", "sources", "source_ids", "abstract");

  /** Columns of {@code rejected.csv}. */
  public static final List<String> REJECTED = List.of("source_file", "position", "reason", "excerpt");

  private CsvRows() {}

  /**
   * One CSV line (with its line end) for the given values, formula-leading cells neutralised
   * (see {@link CsvCells}): every CSV file litsieve writes goes through here or {@link CsvCells}.
   */
  public static String line(List<String> values) {
    return CsvCells.line(values);
  }

  public static List<String> screened(ScreenedRecord s) {
    var r = s.record();
    List<String> blockNames = s.matchedBlocks().stream().map(BlockMatch::name).toList();
    List<String> tagNames = s.tags().stream().map(BlockMatch::name).toList();
    return List.of(
        s.recordId(),
        r.title(),
        String.join("; ", r.authors()),
        r.year() == 0 ? "" : Integer.toString(r.year()),
        r.journal().isEmpty() ? r.journalAbbrev() : r.journal(),
        r.volume(),
        r.issue(),
        r.pages(),
        r.doi(),
        r.pmid(),
        String.join(";", sources(s)),
        r.provenance().stream().map(Provenance::sourceId).filter(id -> !id.isEmpty())
            .distinct().collect(Collectors.joining(";")),
        s.decision().label(),
        s.stage(),
        s.reason(),
        String.join(";", blockNames),
        String.join(";", tagNames),
        evidence(s.matchedBlocks()),
        evidence(s.tags()),
        r.abstractText());
  }

  /** The distinct input files a record was found in, sorted. */
  public static List<String> sources(ScreenedRecord s) {
    TreeSet<String> files = new TreeSet<>();
    for (Provenance p : s.record().provenance()) {
      files.add(p.sourceFile());
    }
    return new ArrayList<>(files);
  }

  /** {@code block{field:term|field:term} block2{…}}. */
  public static String evidence(List<BlockMatch> blocks) {
    List<String> parts = new ArrayList<>();
    for (BlockMatch b : blocks) {
      parts.add(b.name() + "{" + String.join("|", b.compactTerms()) + "}");
    }
    return String.join(" ", parts);
  }

  /** The sort key of a screened row: title (case-insensitive), then record id. */
  public static String screenedSortKey(ScreenedRecord s) {
    return s.record().title().toLowerCase(Locale.ROOT) + "\u0000" + s.recordId();
  }

  /**
   * The sort key of a living review's screened row, from its cells: title (lower case,
   * {@link Locale#ROOT}), then record id, as {@link #screenedSortKey} sorts the pipeline's rows.
   */
  public static String livingSortKey(java.util.Map<String, String> cells) {
    return cells.getOrDefault("title", "").toLowerCase(Locale.ROOT) + "\u0000" + cells.get("record_id");
  }

  public static List<String> duplicate(DuplicateLink d) {
    return List.of(d.recordId(), d.inputId(), d.sourceFile(), d.sourceId(),
        Boolean.toString(d.kept()), d.matchRule());
  }

  /** Duplicates sort by record id, the kept row first, then input id. */
  public static String duplicateSortKey(DuplicateLink d) {
    return d.recordId() + "\u0000" + (d.kept() ? "0" : "1") + "\u0000" + d.inputId();
  }

  public static List<String> duplicateCandidate(DuplicateCandidate d) {
    return List.of(d.relation(), d.score(), d.rule(), d.inputIdA(), d.sourceFileA(), d.sourceIdA(),
        d.yearA() == 0 ? "" : Integer.toString(d.yearA()), d.titleA(), d.inputIdB(), d.sourceFileB(),
        d.sourceIdB(), d.yearB() == 0 ? "" : Integer.toString(d.yearB()), d.titleB());
  }

  /** Review pairs sort by the first input id, then the second. */
  public static String duplicateCandidateSortKey(DuplicateCandidate d) {
    return d.inputIdA() + "\u0000" + d.inputIdB();
  }

  /** One unique record as a {@code records.csv} row. */
  public static List<String> record(String recordId, BibRecord r) {
    TreeSet<String> files = new TreeSet<>();
    r.provenance().forEach(p -> files.add(p.sourceFile()));
    return List.of(recordId, r.title(), String.join("; ", r.authors()),
        r.year() == 0 ? "" : Integer.toString(r.year()),
        r.journal().isEmpty() ? r.journalAbbrev() : r.journal(), r.volume(), r.issue(), r.pages(),
        r.doi(), r.pmid(), String.join(";", files),
        r.provenance().stream().map(Provenance::sourceId).filter(id -> !id.isEmpty())
            .distinct().collect(Collectors.joining(";")),
        r.abstractText());
  }

  /** The sort key of a records.csv row: title (case-insensitive), then record id. */
  public static String recordSortKey(String recordId, BibRecord r) {
    return r.title().toLowerCase(Locale.ROOT) + "\u0000" + recordId;
  }

  public static List<String> rejected(Rejected r) {
    String reason = r.line() > 0 ? r.reason() + " (line " + r.line() + ")" : r.reason();
    return List.of(r.sourceFile(), Integer.toString(r.position()), reason, r.excerpt());
  }

  /** Rejects sort by file, then position. */
  public static String rejectedSortKey(Rejected r) {
    return r.sourceFile() + "\u0000" + String.format(Locale.ROOT, "%012d", r.position())
        + "\u0000" + r.reason();
  }
}
