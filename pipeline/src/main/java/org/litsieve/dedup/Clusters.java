package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds duplicate clusters from links with a union-find, guarded against chaining.
 *
 * <p>DOI and PMID links are applied first. A title link is then applied only if it does not join
 * two clusters that already carry different DOIs, so two papers with different DOIs are never
 * merged through a third record. Memory grows with the number of linked records, not with its
 * square. The result is deterministic whatever the order of the links.
 */
public final class Clusters {
  /** A linked record's cluster (the smallest input id in it) and the rules that linked it. */
  public record Assignment(String clusterId, String rules) {}

  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, TreeSet<String>> dois = new HashMap<>();
  private final Map<String, TreeSet<String>> rules = new HashMap<>();

  private Clusters() {}

  /** Clusters the links; returns an assignment for every record that appears in an applied link. */
  public static Map<String, Assignment> build(List<KeyLinker.Link> links) {
    List<KeyLinker.Link> sorted = new ArrayList<>(links);
    sorted.sort(Comparator.comparing((KeyLinker.Link l) -> strength(l.rule()))
        .thenComparing(KeyLinker.Link::from)
        .thenComparing(KeyLinker.Link::to)
        .thenComparing(KeyLinker.Link::rule));
    Clusters c = new Clusters();
    for (KeyLinker.Link l : sorted) {
      c.add(l.from(), l.fromDoi());
      c.add(l.to(), l.toDoi());
      String a = c.find(l.from());
      String b = c.find(l.to());
      boolean strong = strength(l.rule()) == 0;
      if (!a.equals(b) && !strong && conflict(c.dois.get(a), c.dois.get(b))) {
        continue; // would chain two papers with different DOIs
      }
      c.union(a, b);
      c.rules.computeIfAbsent(l.from(), k -> new TreeSet<>()).add(l.rule());
      c.rules.computeIfAbsent(l.to(), k -> new TreeSet<>()).add(l.rule());
    }
    Map<String, Assignment> out = new HashMap<>();
    for (String node : c.rules.keySet()) {
      out.put(node, new Assignment(c.find(node), String.join("+", c.rules.get(node))));
    }
    return out;
  }

  private static int strength(String rule) {
    return rule.equals(MatchKeys.DOI) || rule.equals(MatchKeys.PMID) ? 0 : 1;
  }

  private static boolean conflict(TreeSet<String> a, TreeSet<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    return !a.equals(b) && (a.size() > 1 || b.size() > 1 || !a.first().equals(b.first()));
  }

  private void add(String node, String doi) {
    if (parent.putIfAbsent(node, node) == null) {
      TreeSet<String> set = new TreeSet<>();
      if (!doi.isEmpty()) {
        set.add(doi);
      }
      dois.put(node, set);
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
    if (a.equals(b)) {
      return;
    }
    String root = a.compareTo(b) < 0 ? a : b;
    String child = root.equals(a) ? b : a;
    parent.put(child, root);
    dois.get(root).addAll(dois.remove(child));
  }
}
