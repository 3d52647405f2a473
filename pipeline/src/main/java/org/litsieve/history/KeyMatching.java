package org.litsieve.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PaperKeys;

/**
 * The key step of matching a run's records to the previous run's: each record's matching keys
 * ({@link #keys}), the candidate pairings they give ({@link MatchEdge}: this run's record and the
 * first earlier record holding the same key), and their resolution in one place ({@link
 * #resolve}): strongest key first (record id, DOI, PMID, title + year + first author), within a
 * key in this run's order, each record of either run taken once.
 *
 * <p>The candidates can be made anywhere a record's keys and the earlier records' keys meet (by
 * key, in a grouping of the pipeline, or with {@link #edges} in memory): resolving the same set
 * gives the same pairs, whatever order it arrives in.
 *
 * <p>Failure behaviour: none; rows without a value give no key for it.
 */
public final class KeyMatching {
  /** The kinds of key, strongest first; a key starts with its kind. */
  public static final List<String> KINDS = List.of("id:", "doi:", "pmid:", "ty:");

  private KeyMatching() {}

  /**
   * The matching keys of a row, strongest first, at most one of each kind: its record id; its
   * DOI, PMID, and its title + year + first author, each normalised by {@link PaperKeys} exactly
   * as the deduplication normalises them (a DOI found in a resolver URL and lower-cased; a title
   * without markup, HTML entities and trailing database notes, folded to ASCII words, or, in a
   * script that does not fold, its letters; the first author's surname without particles, from
   * any layout). A title too generic to identify a paper ("Editorial", short recurring columns:
   * {@link PaperKeys#isGeneric}) gives no title key: the deduplication does not call two such
   * records one paper on title, year and author alone, so they are left to the deduplication
   * matcher.
   */
  public static List<String> keys(Map<String, String> row) {
    List<String> k = new ArrayList<>(4);
    k.add("id:" + row.getOrDefault("record_id", ""));
    String doi = PaperKeys.doi(row.getOrDefault("doi", ""));
    if (!doi.isEmpty()) {
      k.add("doi:" + doi);
    }
    String pmid = PaperKeys.pmid(row.getOrDefault("pmid", ""));
    if (!pmid.isEmpty()) {
      k.add("pmid:" + pmid);
    }
    String title = PaperKeys.matchTitle(row.getOrDefault("title", ""));
    if (!title.isEmpty() && !PaperKeys.isGeneric(title)) {
      String surname = PaperKeys.firstAuthorKey(Arrays.asList(row.getOrDefault("authors", "").split(";")));
      k.add("ty:" + title + "|" + row.getOrDefault("year", "") + "|" + surname);
    }
    return k;
  }

  /** The strength of {@code key}: its kind's place in {@link #KINDS}. */
  public static int kind(String key) {
    for (int i = 0; i < KINDS.size(); i++) {
      if (key.startsWith(KINDS.get(i))) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a matching key: " + key);
  }

  /** The order text of position {@code i} of this run's rows: sorts as the positions do. */
  public static String order(long i) {
    return String.format("%019d", i);
  }

  /**
   * The candidates of {@code rows} (this run's, in order) against {@code previous} (the previous
   * run's, in order), made in memory: for each key of a row, the first earlier row with that key.
   */
  public static List<MatchEdge> edges(List<Map<String, String>> rows, List<Map<String, String>> previous) {
    Map<String, Long> first = new HashMap<>();
    for (int i = 0; i < previous.size(); i++) {
      for (String k : keys(previous.get(i))) {
        first.putIfAbsent(k, (long) i);
      }
    }
    List<MatchEdge> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      for (String k : keys(row)) {
        Long p = first.get(k);
        if (p != null) {
          out.add(new MatchEdge(kind(k), order(i), row.getOrDefault("record_id", ""), p,
              previous.get(p.intValue()).getOrDefault("record_id", "")));
        }
      }
    }
    return out;
  }

  /**
   * Resolves candidates: in {@link MatchEdge#ORDER} (strongest key first, then this run's order),
   * a candidate is taken when neither its record of this run nor its earlier record was taken.
   *
   * @return the candidates taken, in that order: each record of this run and each earlier record
   *     at most once
   */
  public static List<MatchEdge> resolve(Iterable<MatchEdge> edges) {
    List<MatchEdge> sorted = new ArrayList<>();
    edges.forEach(sorted::add);
    sorted.sort(MatchEdge.ORDER);
    List<MatchEdge> out = new ArrayList<>();
    Set<String> current = new HashSet<>();
    Set<Long> taken = new HashSet<>();
    for (MatchEdge e : sorted) {
      if (!current.contains(e.currentOrder()) && !taken.contains(e.previous())) {
        out.add(e);
        current.add(e.currentOrder());
        taken.add(e.previous());
      }
    }
    return out;
  }

  /** {@link #resolve}'s pairs as this run's order text → the earlier record's position. */
  public static Map<String, Long> pairs(Iterable<MatchEdge> edges) {
    Map<String, Long> pairs = new TreeMap<>();
    resolve(edges).forEach(e -> pairs.put(e.currentOrder(), e.previous()));
    return pairs;
  }
}
