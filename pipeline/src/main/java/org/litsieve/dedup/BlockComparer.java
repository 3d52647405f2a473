package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
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
    // (a small block has too few pairs to repay telling its values apart)
    boolean memo = counts != null && members.size() >= 8;
    Pairs authors = memo ? new Pairs(members, f -> f.authors().isEmpty() ? null : f.authors().get(0)) : null;
    Pairs journals = memo ? new Pairs(members, RecordFeatures::journals) : null;
    for (int i = 0; i < members.size(); i++) {
      for (int j = i + 1; j < members.size(); j++) {
        if (counts != null && firstShared(earlier.get(i), earlier.get(j))) {
          RecordFeatures a = members.get(i).features();
          RecordFeatures b = members.get(j).features();
          if (!memo) {
            counts.add(MatchModel.pattern(a, b));
          } else {
            PairMatcher.Rel author = authors.get(i, j);
            if (author == null) {
              author = authors.put(i, j, PairMatcher.firstAuthorsAgree(a, b));
            }
            PairMatcher.Rel journal = journals.get(i, j);
            if (journal == null) {
              journal = journals.put(i, j, PairMatcher.journals(a.journals(), b.journals()));
            }
            counts.add(MatchModel.pattern(a, b, author, journal));
          }
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
   * The answers of one question about two members' values (first authors, journals) within one
   * block, asked once per distinct pair of values: the members of a block share few journals and
   * first authors (on the 100k generated corpus, 0.5 million distinct journal pairs among 8.8
   * million pairs in blocks), and the answer depends on the values alone.
   */
  private static final class Pairs {
    private final int[] classOf;
    private final int classes;
    private final byte[] answers; // by class pair in member order; 0: not asked yet

    Pairs(List<Member> members, Function<RecordFeatures, Object> value) {
      Map<Object, Integer> ids = new HashMap<>();
      classOf = new int[members.size()];
      for (int i = 0; i < members.size(); i++) {
        classOf[i] = ids.computeIfAbsent(Objects.requireNonNullElse(value.apply(members.get(i).features()), NONE),
            k -> ids.size());
      }
      classes = ids.size();
      answers = new byte[classes * classes];
    }

    private static final Object NONE = new Object();
    private static final PairMatcher.Rel[] RELS = PairMatcher.Rel.values();

    PairMatcher.Rel get(int i, int j) {
      int a = answers[classOf[i] * classes + classOf[j]];
      return a == 0 ? null : RELS[a - 1];
    }

    PairMatcher.Rel put(int i, int j, PairMatcher.Rel r) {
      answers[classOf[i] * classes + classOf[j]] = (byte) (r.ordinal() + 1);
      return r;
    }
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
