package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The blocking keys of a record: records that share a key are compared by {@link PairMatcher};
 * records that share none never are. Each key is selective on its own, so a block stays small and
 * the number of comparisons grows about linearly with the number of records.
 *
 * <ul>
 *   <li>{@code d:} the DOI without a version suffix;
 *   <li>{@code p:} the PMID;
 *   <li>{@code t:} the first four significant title words; {@code e:} the last four;
 *   <li>{@code w:} the title's three longest words, sorted (survives typos at either end);
 *   <li>{@code a:} the first author's surname and the year;
 *   <li>{@code v:} the volume and first page, the page without an electronic-page "e" ("e123",
 *       "E0123" and "123" give one key: databases write one paper's page these ways, and a pair
 *       whose title and first author are also disguised meets through this key alone).
 * </ul>
 *
 * <p>A block larger than {@link #MAX_BLOCK} is not compared (the caller counts it): its records
 * are still compared through their other keys.
 */
public final class BlockingKeys {
  /** Blocks with more members than this are skipped and counted. */
  public static final int MAX_BLOCK = 250;

  private BlockingKeys() {}

  /** The record's keys, sorted and distinct. */
  public static List<String> of(RecordFeatures f) {
    TreeSet<String> keys = new TreeSet<>();
    if (!f.doiStem().isEmpty()) {
      keys.add("d:" + f.doiStem());
    }
    if (!f.pmid().isEmpty()) {
      keys.add("p:" + f.pmid());
    }
    List<String> words = TextKeys.significant(f.title());
    if (words.size() >= 2) {
      keys.add("t:" + String.join(" ", words.subList(0, Math.min(4, words.size()))));
      keys.add("e:" + String.join(" ", words.subList(Math.max(0, words.size() - 4), words.size())));
    }
    List<String> distinct = new ArrayList<>(new TreeSet<>(words));
    if (distinct.size() >= 4) {
      List<String> longest = distinct;
      longest.sort((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
      List<String> top = new ArrayList<>(longest.subList(0, 3));
      top.sort(null);
      keys.add("w:" + String.join(" ", top));
    }
    if (!f.authors().isEmpty() && f.year() > 0) {
      RecordFeatures.Name first = f.authors().get(0);
      String surname = first.surname().isEmpty()
          ? (first.tokens().isEmpty() ? "" : first.tokens().get(0)) : first.surname();
      if (!surname.isEmpty()) {
        keys.add("a:" + surname + "|" + f.year());
      }
    }
    if (!f.volume().isEmpty() && !f.firstPage().isEmpty()) {
      keys.add("v:" + f.volume() + "|" + PairMatcher.withoutEPrefix(f.firstPage()));
    }
    return new ArrayList<>(keys);
  }

  /** A 64-bit hash of a key (FNV-1a over its UTF-16 units), to tell keys apart without sending them. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
