package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds duplicate clusters from decided pairs with a union-find, guarded against chaining.
 *
 * <p>Input: {@link Edge}s in any order, possibly repeated. MATCH edges are applied strongest first
 * (shared DOI or PMID, then by title similarity). A MATCH edge that would join two clusters
 * carrying different DOIs or different PMIDs, or (for a match without a shared identifier) spread
 * a cluster over more than two consecutive years, or put two records of one volume with different
 * issues into one cluster when those two were not matched with each other directly, is refused: so
 * two papers are never merged through a weak link to a third record (a copy without an issue
 * matched with a column's June and September instalments; not in a run whose direct matches in one
 * volume name different issues more often than the same one: its issue field holds something
 * else). Edges are applied strongest first, so the link refused is the weakest. A refused edge
 * becomes a REVIEW pair, so a human sees it.
 *
 * <p>Output: a cluster assignment for every record in an applied MATCH edge, and the REVIEW and
 * RELATED pairs whose records ended up in different clusters (one per pair). Memory grows with the
 * number of linked records, not with its square; the result is the same whatever the edge order.
 */
public final class Clusters {
  /** A linked record's cluster (the smallest input id in it) and the rules that linked it. */
  public record Assignment(String clusterId, String rules) {}

  /** The clusters and the pairs left for a human. */
  public record Result(Map<String, Assignment> assignments, List<Edge> review) {}

  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, Summary> summaries = new HashMap<>();
  private final Map<String, TreeSet<String>> rules = new HashMap<>();
  /** MATCH edges between records of one volume with different issues ("from\0to"). */
  private final Set<String> acrossIssues = new HashSet<>();
  /** Whether this run's issue field can be trusted to tell two issues of one volume apart. */
  private boolean guardIssues;

  /** What a cluster holds that a join must not contradict. */
  private static final class Summary {
    String doi = "";
    String pmid = "";
    int minYear = Integer.MAX_VALUE;
    int maxYear = 0;
    /** The members that name a volume and issue: {input id, "volume|issue"}; null when none. */
    List<String[]> issues;
  }

  private Clusters() {}

  /** Clusters the edges by the rules alone. */
  public static Result build(List<Edge> edges) {
    return build(edges, null);
  }

  /**
   * Clusters the edges, with the run's match model (null: none) as a second opinion: a MATCH edge
   * that rests on no shared identifier and whose posterior is below
   * {@link MatchModel#REVIEW_BELOW} becomes a REVIEW edge, with the posterior and the fields that
   * decided it; a REVIEW edge gets its posterior added to its reason. The model never merges.
   */
  public static Result build(List<Edge> edges, MatchModel model) {
    if (model != null) {
      List<Edge> judged = new ArrayList<>(edges.size());
      for (Edge e : edges) {
        if (e.kind() == PairMatcher.Kind.MATCH && !e.byIdentifier()
            && model.posterior(e.pattern()) < MatchModel.REVIEW_BELOW) {
          judged.add(e.as(PairMatcher.Kind.REVIEW, e.rule() + ", not merged: this run's match model doubts it, "
              + model.explain(e.pattern())));
        } else if (e.kind() == PairMatcher.Kind.REVIEW) {
          judged.add(e.as(PairMatcher.Kind.REVIEW, e.rule() + "; " + model.explain(e.pattern())));
        } else {
          judged.add(e);
        }
      }
      edges = judged;
    }
    // strongest first: by kind, identifier edges first, higher score first, then by ids and rule
    // (the rank is computed once per edge: a chain of comparators recomputed it per comparison,
    // which made this sort most of the single-threaded clustering step)
    Ranked[] sorted = new Ranked[edges.size()];
    for (int i = 0; i < sorted.length; i++) {
      Edge e = edges.get(i);
      sorted[i] = new Ranked(e, e.kind().ordinal() * 2 + (e.byIdentifier() ? 0 : 1));
    }
    Arrays.sort(sorted);
    Clusters c = new Clusters();
    long sameIssue = 0;
    for (Edge e : edges) {
      // (records the matcher joined directly, the pages deciding, may name different issues; a
      // chain through a third record may not)
      if (e.kind() != PairMatcher.Kind.MATCH) {
        continue;
      }
      if (differentIssues(e.fromIssue(), e.toIssue())) {
        c.acrossIssues.add(e.from() + "\u0000" + e.to());
      } else if (!e.fromIssue().isEmpty() && e.fromIssue().equals(e.toIssue())) {
        sameIssue++;
      }
    }
    // some exports fill the issue field with a reference manager's record number (every record's
    // "issue" differs): where this run's own direct matches in one volume name different issues
    // more often than the same one, its issue field is not an issue number and guards nothing
    c.guardIssues = c.acrossIssues.size() <= sameIssue;
    if (!c.guardIssues) {
      c.acrossIssues.clear();
    }
    Map<String, Edge> review = new LinkedHashMap<>();
    for (Ranked ranked : sorted) {
      Edge e = ranked.edge;
      if (e.kind() != PairMatcher.Kind.MATCH) {
        review.putIfAbsent(e.from() + "\u0000" + e.to(), e);
        continue;
      }
      c.add(e.from(), e.fromDoi(), e.fromPmid(), e.fromYear(), e.fromIssue());
      c.add(e.to(), e.toDoi(), e.toPmid(), e.toYear(), e.toIssue());
      String a = c.find(e.from());
      String b = c.find(e.to());
      if (!a.equals(b)) {
        String why = c.conflict(c.summaries.get(a), c.summaries.get(b), !e.byIdentifier());
        if (why != null) {
          review.putIfAbsent(e.from() + "\u0000" + e.to(),
              e.as(PairMatcher.Kind.REVIEW, e.rule() + ", not merged: " + why));
          continue;
        }
        c.union(a, b);
      }
      c.rules.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.rule());
      c.rules.computeIfAbsent(e.to(), k -> new TreeSet<>()).add(e.rule());
    }
    Map<String, Assignment> out = new HashMap<>();
    for (String node : c.rules.keySet()) {
      out.put(node, new Assignment(c.find(node), String.join("; ", c.rules.get(node))));
    }
    List<Edge> open = new ArrayList<>();
    for (Edge e : review.values()) {
      String a = c.parent.containsKey(e.from()) ? c.find(e.from()) : e.from();
      String b = c.parent.containsKey(e.to()) ? c.find(e.to()) : e.to();
      if (!a.equals(b)) {
        open.add(e);
      }
    }
    open.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to));
    return new Result(out, open);
  }

  /** An edge with the rank it is applied in (kind, then identifier edges first). */
  private record Ranked(Edge edge, int rank) implements Comparable<Ranked> {
    @Override
    public int compareTo(Ranked o) {
      int c = Integer.compare(rank, o.rank);
      if (c == 0) {
        c = Double.compare(o.edge.score(), edge.score());
      }
      if (c == 0) {
        c = edge.from().compareTo(o.edge.from());
      }
      if (c == 0) {
        c = edge.to().compareTo(o.edge.to());
      }
      return c != 0 ? c : edge.rule().compareTo(o.edge.rule());
    }
  }

  /** Why joining two clusters would contradict them, or null; {@code weak}: no shared identifier. */
  private String conflict(Summary a, Summary b, boolean weak) {
    if (!a.doi.isEmpty() && !b.doi.isEmpty() && !a.doi.equals(b.doi)) {
      return "the group would hold two DOIs";
    }
    if (!a.pmid.isEmpty() && !b.pmid.isEmpty() && !a.pmid.equals(b.pmid)) {
      return "the group would hold two PMIDs";
    }
    if (weak && a.maxYear > 0 && b.maxYear > 0
        && Math.max(a.maxYear, b.maxYear) - Math.min(a.minYear, b.minYear) > 1) {
      return "the group would span more than two years";
    }
    if (weak && guardIssues && a.issues != null && b.issues != null) {
      for (String[] x : a.issues) {
        for (String[] y : b.issues) {
          if (differentIssues(x[1], y[1]) && !directlyMatched(x[0], y[0])) {
            return "the group would hold two issues of volume " + x[1].substring(0, x[1].indexOf('|'))
                + " (" + x[1].substring(x[1].indexOf('|') + 1) + " and " + y[1].substring(y[1].indexOf('|') + 1)
                + ") not matched with each other";
          }
        }
      }
    }
    return null;
  }

  private boolean directlyMatched(String x, String y) {
    return acrossIssues.contains(x.compareTo(y) <= 0 ? x + "\u0000" + y : y + "\u0000" + x);
  }

  /** Whether two "volume|issue" values name one volume and issues that do not overlap. */
  static boolean differentIssues(String a, String b) {
    if (a.isEmpty() || b.isEmpty() || a.equals(b)) {
      return false;
    }
    int i = a.indexOf('|');
    int j = b.indexOf('|');
    return i == j && a.regionMatches(0, b, 0, i)
        && PairMatcher.issues(a.substring(i + 1), b.substring(j + 1)) == PairMatcher.Rel.DIFFERENT;
  }

  private void add(String node, String doi, String pmid, int year, String issue) {
    if (parent.putIfAbsent(node, node) == null) {
      Summary s = new Summary();
      s.doi = doi;
      s.pmid = pmid;
      if (year > 0) {
        s.minYear = year;
        s.maxYear = year;
      }
      if (guardIssues && !issue.isEmpty()) {
        s.issues = new ArrayList<>(1);
        s.issues.add(new String[] {node, issue});
      }
      summaries.put(node, s);
    }
  }

  private String find(String node) {
    String root = node;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    String n = node;
    while (!parent.get(n).equals(root)) {
      String next = parent.get(n);
      parent.put(n, root);
      n = next;
    }
    return root;
  }

  /** Joins two roots; the smaller id becomes the root so cluster ids are deterministic. */
  private void union(String a, String b) {
    String root = a.compareTo(b) < 0 ? a : b;
    String child = root.equals(a) ? b : a;
    parent.put(child, root);
    Summary r = summaries.get(root);
    Summary c = summaries.remove(child);
    if (r.doi.isEmpty()) {
      r.doi = c.doi;
    }
    if (r.pmid.isEmpty()) {
      r.pmid = c.pmid;
    }
    r.minYear = Math.min(r.minYear, c.minYear);
    r.maxYear = Math.max(r.maxYear, c.maxYear);
    if (c.issues != null) {
      if (r.issues == null) {
        r.issues = c.issues;
      } else {
        r.issues.addAll(c.issues);
      }
    }
  }
}
