package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which records that share one match key are the same paper, and links them.
 *
 * <p>DOI and PMID keys link every member. Title keys are guarded against false merges: members
 * that carry different DOIs are never linked to each other through a title, and a member without
 * a DOI is linked to the DOI-bearing members only when they all carry the same DOI; otherwise the
 * DOI-less members are linked only among themselves. A missed duplicate is preferred to a false
 * merge.
 */
public final class KeyLinker {
  /** One member of a key group: its input id and DOI ("" if none). */
  public record Member(String inputId, String doi) {}

  /** An edge between two input records, with the rule that made it and each end's DOI. */
  public record Link(String from, String to, String rule, String fromDoi, String toDoi) {}

  private KeyLinker() {}

  /** Links the members of one key group; returns star-shaped edges (to each part's first member). */
  public static List<Link> link(String rule, List<Member> members) {
    List<Link> links = new ArrayList<>();
    if (members.size() < 2) {
      return links;
    }
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::inputId));
    if (rule.equals(MatchKeys.DOI) || rule.equals(MatchKeys.PMID)) {
      star(rule, sorted, links);
      return links;
    }
    Map<String, List<Member>> byDoi = new TreeMap<>();
    for (Member m : sorted) {
      byDoi.computeIfAbsent(m.doi(), k -> new ArrayList<>()).add(m);
    }
    List<Member> withoutDoi = byDoi.getOrDefault("", List.of());
    long distinctDois = byDoi.keySet().stream().filter(d -> !d.isEmpty()).count();
    if (distinctDois <= 1) {
      star(rule, sorted, links);
    } else {
      star(rule, withoutDoi, links);
    }
    return links;
  }

  private static void star(String rule, List<Member> members, List<Link> links) {
    for (int i = 1; i < members.size(); i++) {
      Member head = members.get(0);
      Member m = members.get(i);
      links.add(new Link(head.inputId(), m.inputId(), rule, head.doi(), m.doi()));
    }
  }
}
