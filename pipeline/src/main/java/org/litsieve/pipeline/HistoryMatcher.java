package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.litsieve.dedup.BlockingKeys;
import org.litsieve.dedup.PairMatcher;
import org.litsieve.dedup.RecordFeatures;
import org.litsieve.dedup.TextKeys;
import org.litsieve.history.LivingUpdate;
import org.litsieve.model.BibRecord;
import org.litsieve.model.PaperKeys;
import org.litsieve.model.PreviousRecord;
import org.litsieve.model.Provenance;

/**
 * The last step of matching a run's records to the previous run's: the deduplication stage's
 * matcher ({@link RecordFeatures}, {@link BlockingKeys}, {@link PairMatcher}) on the records that
 * no key (id, DOI, PMID, title + year + first author) matched, so a paper exported again with a
 * slightly different title, without its DOI or with an abbreviated journal keeps its record id.
 *
 * <p>Input: this run's unmatched records (whole), and the previous run's unmatched records
 * ({@link PreviousRecord}: their rows). A cheap
 * filter ({@link #hints}: DOI stem, PMID, first or last three title words, first author + year) keeps the earlier
 * rows that could share a block with a new record; each of those is read as a record from its
 * CSV columns (title, authors, year, journal, volume, issue, pages, DOI, PMID) to find the
 * candidates: those sharing a blocking key with a new record, in blocks of at most
 * {@link BlockingKeys#MAX_BLOCK} earlier records. A candidate
 * pair the matcher calls {@code MATCH} on those columns is compared again with the earlier
 * record as {@value RecordStore#FILE} holds it, whole (publication types and record type decide
 * errata, comments and conference abstracts), when the previous run has it. Only {@code MATCH}
 * verdicts count, never {@code REVIEW}; pairs are taken by descending title similarity, then by
 * id, each record at most once.
 *
 * <p>Output: this run's record id → the earlier record id. Failure behaviour: an unreadable
 * store throws {@link IOException}; the run fails.
 */
final class HistoryMatcher implements LivingUpdate.FuzzyMatch {
  private final Map<String, BibRecord> current;
  private final Path previousStore;
  private long compared;
  private long prefiltered;

  /**
   * @param current this run's records by record id
   * @param previousStore the previous run's {@value RecordStore#FILE}, or null
   */
  HistoryMatcher(Map<String, BibRecord> current, Path previousStore) {
    this.current = current;
    this.previousStore = previousStore;
  }

  /** How many pairs were compared (for the benchmark). */
  long compared() {
    return compared;
  }

  /** How many earlier rows passed the cheap filter (for the benchmark). */
  long prefiltered() {
    return prefiltered;
  }

  private record Candidate(String newId, String earlierId, double score) {}

  @Override
  public Map<String, String> match(Set<String> recordIds, List<PreviousRecord> earlier) throws IOException {
    Map<String, RecordFeatures> news = new TreeMap<>();
    Map<String, List<String>> keysOfNew = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    for (String id : recordIds) {
      BibRecord r = current.get(id);
      if (r != null) {
        RecordFeatures f = RecordFeatures.of(r);
        news.put(id, f);
        List<String> keys = BlockingKeys.of(f);
        keysOfNew.put(id, keys);
        wanted.addAll(keys);
      }
    }
    if (news.isEmpty()) {
      return Map.of();
    }
    // the earlier side, from its CSV columns: only the blocks a new record is in. Features are
    // computed only for rows that pass a cheap filter (most of the history cannot be in a block
    // with a new record, and features for every earlier row cost seconds at 100,000)
    Set<String> hints = new HashSet<>();
    for (String id : news.keySet()) {
      BibRecord r = current.get(id);
      hints.addAll(hints(r.title(), r.authors(), r.year(), r.doi(), r.pmid()));
    }
    Map<String, List<String>> block = new HashMap<>();
    Map<String, RecordFeatures> old = new HashMap<>();
    // each row's hints, features and keys are its own (pure functions), so they are made in
    // parallel: this one loop over the history is otherwise the step's longest serial stretch, on
    // the driver and in the graph's one worker alike. The loop below keeps the rows' order.
    List<Earlier> prepared = earlier.parallelStream().map(p -> prepared(p.cells(), hints)).toList();
    for (Earlier e : prepared) {
      if (e == null) {
        continue;
      }
      prefiltered++;
      for (String k : e.keys()) {
        if (wanted.contains(k)) {
          block.computeIfAbsent(k, x -> new ArrayList<>()).add(e.id());
          old.putIfAbsent(e.id(), e.features());
        }
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<String, RecordFeatures> n : news.entrySet()) {
      Set<String> seen = new HashSet<>();
      for (String k : keysOfNew.get(n.getKey())) {
        List<String> ids = block.getOrDefault(k, List.of());
        if (ids.size() > BlockingKeys.MAX_BLOCK) {
          continue;
        }
        for (String e : ids) {
          if (seen.add(e)) {
            compared++;
            PairMatcher.Verdict v = PairMatcher.compare(n.getValue(), old.get(e));
            if (v.kind() == PairMatcher.Kind.MATCH) {
              candidates.add(new Candidate(n.getKey(), e, v.score()));
            }
          }
        }
      }
    }
    if (candidates.isEmpty()) {
      return Map.of();
    }
    Map<String, RecordFeatures> whole = wholeRecords(candidates);
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
        .thenComparing(Candidate::newId).thenComparing(Candidate::earlierId));
    Map<String, String> out = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Candidate c : candidates) {
      if (out.containsKey(c.newId()) || taken.contains(c.earlierId())) {
        continue;
      }
      RecordFeatures w = whole.get(c.earlierId());
      if (w != null && PairMatcher.compare(news.get(c.newId()), w).kind() != PairMatcher.Kind.MATCH) {
        continue;
      }
      out.put(c.newId(), c.earlierId());
      taken.add(c.earlierId());
    }
    return out;
  }

  /** An earlier row that passed the cheap filter: its id, features and blocking keys. */
  private record Earlier(String id, RecordFeatures features, List<String> keys) {}

  /** {@code row} as an {@link Earlier}, or null when it shares no hint with {@code hints}. */
  private static Earlier prepared(Map<String, String> row, Set<String> hints) {
    if (Collections.disjoint(hints, hintsOf(row))) {
      return null;
    }
    RecordFeatures f = RecordFeatures.of(fromRow(row));
    return new Earlier(row.get("record_id"), f, BlockingKeys.of(f));
  }

  /** The stored records of the candidates' earlier ids, reading only the members that hold them. */
  private Map<String, RecordFeatures> wholeRecords(List<Candidate> candidates) throws IOException {
    Map<String, RecordFeatures> out = new HashMap<>();
    if (previousStore == null || !Files.isRegularFile(previousStore)) {
      return out;
    }
    Set<String> ids = new HashSet<>();
    candidates.forEach(c -> ids.add(c.earlierId()));
    RecordStore.LineVisitor keep = (id, line) -> {
      if (ids.contains(id)) {
        out.put(id, RecordFeatures.of(RecordStore.parse(line).record()));
      }
    };
    List<RecordStore.Member> members = RecordStore.index(previousStore);
    if (members == null) {
      RecordStore.forEach(previousStore, keep);
    } else {
      for (RecordStore.Member m : members) {
        if (m.ids().stream().anyMatch(ids::contains)) {
          RecordStore.forEach(previousStore, m, keep);
        }
      }
    }
    return out;
  }

  /**
   * Cheap keys that two records sharing a blocking key share: the DOI stem, the PMID, the first
   * and the last three significant words of the title, and the first author's surname with the
   * year and the years either side, each normalised by {@link PaperKeys} as {@link BlockingKeys}
   * normalises them (so a title with HTML entities, markup or a trailing "[Article in German]",
   * or a surname with a particle written "van Kessel AB" or "van Kessel, A.B.", gives the same
   * hints). A superset of the DOI, PMID, title-start, title-end and author-year blocking keys
   * (for an erratum, of the keys of its own title rather than the corrected paper's); the other
   * keys (longest words, volume + page) find pairs whose titles differ more than a {@code MATCH}
   * allows, or rarely do.
   */
  static List<String> hints(String title, List<String> authors, int year, String doi, String pmid) {
    List<String> out = new ArrayList<>(7);
    String stem = PaperKeys.doiStem(PaperKeys.doi(doi));
    if (!stem.isEmpty()) {
      out.add("d:" + stem);
    }
    String p = PaperKeys.pmid(pmid);
    if (!p.isEmpty()) {
      out.add("p:" + p);
    }
    List<String> w = TextKeys.significant(PaperKeys.title(title));
    if (w.size() >= 2) {
      out.add("t:" + String.join(" ", w.subList(0, Math.min(3, w.size()))));
      out.add("e:" + String.join(" ", w.subList(Math.max(0, w.size() - 3), w.size())));
    }
    String surname = PaperKeys.firstAuthorKey(authors);
    if (!surname.isEmpty() && year > 0) {
      for (int y = year - 1; y <= year + 1; y++) {
        out.add("a:" + surname + "|" + y);
      }
    }
    return out;
  }

  /** {@link #hints} of an earlier record's row (the screened files' columns). */
  static List<String> hintsOf(Map<String, String> row) {
    return hints(row.getOrDefault("title", ""), authors(row), year(row), row.getOrDefault("doi", ""),
        row.getOrDefault("pmid", ""));
  }

  private static List<String> authors(Map<String, String> row) {
    List<String> authors = new ArrayList<>();
    for (String a : row.getOrDefault("authors", "").split(";")) {
      if (!a.isBlank()) {
        authors.add(a.strip());
      }
    }
    return authors;
  }

  private static int year(Map<String, String> row) {
    try {
      return Math.max(0, Integer.parseInt(row.getOrDefault("year", "").trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The cells of an earlier row the matcher reads ({@link #hintsOf}, {@link #fromRow} and the id),
   * and the decision, which every {@link PreviousRecord} has.
   */
  static final List<String> ROW_CELLS = List.of("record_id", "decision", "title", "authors", "year", "journal",
      "volume", "issue", "pages", "doi", "pmid");

  /**
   * An earlier row with only its {@link #ROW_CELLS}: what {@link #match} reads of it, for a step
   * that carries the rows to the one place where they are matched (the abstract, the largest
   * cell, and the rules' columns stay behind).
   */
  static PreviousRecord matchedCells(PreviousRecord p) {
    return p.keeping(ROW_CELLS);
  }

  /** A record from a screened-file row: the columns the matcher uses. */
  static BibRecord fromRow(Map<String, String> row) {
    int year = year(row);
    List<String> authors = authors(row);
    return BibRecord.builder(new Provenance("previous run", 0, 0, row.getOrDefault("record_id", ""), ""))
        .title(row.getOrDefault("title", "")).authors(authors).year(year)
        .journal(row.getOrDefault("journal", "")).volume(row.getOrDefault("volume", ""))
        .issue(row.getOrDefault("issue", "")).pages(row.getOrDefault("pages", ""))
        .doi(row.getOrDefault("doi", "")).pmid(row.getOrDefault("pmid", "")).build();
  }
}
