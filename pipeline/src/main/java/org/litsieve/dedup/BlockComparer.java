package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;

/**
 * Compares every pair in one block and returns the edges for the pairs that are not
 * {@link PairMatcher.Kind#NONE}. Plain Java, used by both {@link Deduplicator} and the Beam
 * {@link Deduplicate}. A block of more than {@link BlockingKeys#MAX_BLOCK} members is not
 * compared: {@link #compare} returns null and the caller counts it.
 */
public final class BlockComparer {
  /**
   * One block member: its features and its label for the review file ("" when unlabelled: the
   * Beam transform looks labels up only for the pairs that go to review, see {@link Edge#withLabels}).
   */
  public record Member(RecordFeatures features, String label) {
    public static Member of(BibRecord r) {
      return new Member(RecordFeatures.of(r), BlockComparer.label(r));
    }

    /** The record's features without its label: smaller to send to every block it is in. */
    public static Member unlabelled(BibRecord r) {
      return new Member(RecordFeatures.of(r), "");
    }
  }

  private BlockComparer() {}

  /** The review-file label of a record: its source id and title, tab-separated. */
  public static String label(BibRecord r) {
    return r.origin().sourceId() + "\t" + r.title();
  }

  /** The edges within one block, or null when the block is too large to compare. */
  public static List<Edge> compare(List<Member> members) {
    return compare(members, null, null);
  }

  /**
   * The edges within one block, or null when the block is too large to compare; with
   * {@code counts}, also counts the agreement pattern ({@link MatchModel#pattern}) of each pair
   * for which this is the first block the two share ({@code earlier} gives each member's hashes of
   * its keys before this block's, {@link #firstShared(long[], long[])}), so that a pair in several
   * blocks is counted once.
   */
  static List<Edge> compare(List<Member> members, List<long[]> earlier, PatternCounts counts) {
    if (members.size() > BlockingKeys.MAX_BLOCK) {
      return null;
    }
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      for (int j = i + 1; j < members.size(); j++) {
        if (counts != null && firstShared(earlier.get(i), earlier.get(j))) {
          counts.add(MatchModel.pattern(members.get(i).features(), members.get(j).features()));
        }
        Edge e = edge(members.get(i), members.get(j));
        if (e != null) {
          edges.add(e);
        }
      }
    }
    return edges;
  }

  /**
   * Whether a block is the first (in key order) that two records share, given the hashes of each
   * record's keys before it: no key before it is one of both. (64-bit hashes: two different keys of one pair hashing alike is about one in
   * 10^18 and would leave that pair's pattern uncounted, never change a comparison.)
   */
  static boolean firstShared(long[] a, long[] b) {
    for (long x : a) {
      for (long y : b) {
        if (x == y) {
          return false;
        }
      }
    }
    return true;
  }

  /** The first key in both sorted lists, or null. */
  static String firstShared(List<String> a, List<String> b) {
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      int c = a.get(i).compareTo(b.get(j));
      if (c == 0) {
        return a.get(i);
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return null;
  }

  /** The edge between two members, or null when they are not related at all. */
  static Edge edge(Member a, Member b) {
    return edge(a, b, MatchParams.DEFAULT);
  }

  /** The edge between two members under other cut-offs, or null when they are not related at all. */
  static Edge edge(Member a, Member b, MatchParams params) {
    if (a.features().inputId().equals(b.features().inputId())) {
      return null;
    }
    PairMatcher.Verdict v = PairMatcher.compare(a.features(), b.features(), params);
    if (v.kind() == PairMatcher.Kind.NONE) {
      return null;
    }
    return Edge.of(a.features(), b.features(), v, a.label(), b.label());
  }

  /** The review-file row for a REVIEW or RELATED edge. */
  public static DuplicateCandidate candidate(Edge e) {
    String[] a = e.fromLabel().split("\t", 2);
    String[] b = e.toLabel().split("\t", 2);
    return new DuplicateCandidate(e.from(), file(e.from()), a[0], a.length > 1 ? a[1] : "", e.fromYear(),
        e.to(), file(e.to()), b[0], b.length > 1 ? b[1] : "", e.toYear(),
        e.kind() == PairMatcher.Kind.RELATED ? "related" : "review", e.rule(),
        e.score() < 0 ? "" : String.format(Locale.ROOT, "%.2f", e.score()));
  }

  private static String file(String inputId) {
    int hash = inputId.lastIndexOf('#');
    return hash < 0 ? inputId : inputId.substring(0, hash);
  }
}
