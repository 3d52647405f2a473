package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/**
 * Two records of one volume in different issues are two publications; a third record that lacks
 * the issue must not join them into one group. Made-up records in the layouts of two databases and
 * an aggregator.
 */
class ClustersIssueChainTest {
  private static final String TITLE = "Notes on the review process for practitioner-oriented submissions";

  private static BibRecord column(String file, int pos, String journal, String issue) {
    return BibRecord.builder(new Provenance(file, pos, pos, file + pos, "")).type("JOUR")
        .title(TITLE).authors(List.of("Whitfield, Hannah R.")).year(2017).journal(journal)
        .volume("16").issue(issue).build();
  }

  private static Map<String, String> groups(Deduplicator.Result r) {
    Map<String, String> out = new HashMap<>();
    r.links().forEach(l -> out.put(l.inputId(), l.recordId()));
    return out;
  }

  @Test
  void aRecordWithoutIssueDoesNotChainTwoIssuesOfOneVolume() {
    // one editor's column in issues 2 and 3 of volume 16, no pages in either export; an
    // aggregator's copy names neither issue. The matcher keeps the two issues apart (different
    // issues, no pages) but matches the aggregator's copy with each of them. Before this guard
    // Clusters joined all three through the copy (found at 77ed50e: one group of three)
    BibRecord june = column("scopus.csv", 1, "Journal of Practice-Oriented Information Systems", "2");
    BibRecord september = column("wos.txt", 1, "JOURNAL OF PRACTICE-ORIENTED INFORMATION SYSTEMS", "3");
    BibRecord copy = column("aggregator.ris", 1, "J Pract Oriented Inf Syst", "");
    assertEquals(PairMatcher.Kind.NONE,
        PairMatcher.compare(RecordFeatures.of(june), RecordFeatures.of(september)).kind());
    assertEquals(PairMatcher.Kind.MATCH, PairMatcher.compare(RecordFeatures.of(june), RecordFeatures.of(copy)).kind());
    assertEquals(PairMatcher.Kind.MATCH,
        PairMatcher.compare(RecordFeatures.of(september), RecordFeatures.of(copy)).kind());
    for (List<BibRecord> order : List.of(List.of(june, september, copy), List.of(copy, september, june))) {
      Deduplicator.Result r = Deduplicator.run(order);
      Map<String, String> g = groups(r);
      String a = g.getOrDefault(june.inputId(), june.inputId());
      String b = g.getOrDefault(september.inputId(), september.inputId());
      assertNotEquals(a, b, "two issues merged through a third record");
      assertEquals(2, r.unique().size(), "the copy joins one of them");
      assertTrue(r.review().stream().anyMatch(e -> e.rule().contains("two issues")), r.review().toString());
    }
  }

  @Test
  void recordsMatchedDirectlyAcrossIssuesStayTogether() {
    // some exports fill the issue field with a reference manager's record number: three copies
    // whose issues all differ but that match each other directly (the pages decide) stay one group
    BibRecord a = column("a.ris", 1, "Journal of Practice-Oriented Information Systems", "1187")
        .toBuilder().title("Routines of shadow IT use among hospital clinicians").pages("201-219").build();
    BibRecord b = column("b.ris", 1, "J Pract Oriented Inf Syst", "1423")
        .toBuilder().title("Routines of shadow IT use among hospital clinicians").pages("201-219").build();
    BibRecord c = column("c.ris", 1, "J Pract Oriented Inf Syst", "2051")
        .toBuilder().title("Routines of shadow IT use among hospital clinicians.").pages("201-19").build();
    Deduplicator.Result r = Deduplicator.run(List.of(a, b, c));
    assertEquals(1, r.unique().size(), r.review().toString());
  }

  private static String group(Clusters.Result r, String id) {
    Clusters.Assignment a = r.assignments().get(id);
    return a == null ? id : a.clusterId();
  }

  private static Edge match(String from, String to, double score, String fromIssue, String toIssue) {
    return new Edge(from, to, PairMatcher.Kind.MATCH, "title+authors+year", score, "", "", "", "", 1994, 1994,
        "", "", 0, fromIssue, toIssue);
  }

  @Test
  void aRunWhoseIssueFieldHoldsOtherNumbersIsNotGuardedByIt() {
    // a translated title beside the English one, and a third copy that matches one of them: x-y and
    // y-z are matched, x-z not (their titles differ), and all three "issues" differ
    List<Edge> triple = List.of(match("x", "y", 0.9, "13|65", "13|266"), match("y", "z", 1, "13|266", "13|267"));
    // in a run whose direct matches in one volume name the same issue, the issue field is trusted:
    // x is not joined to z through y
    List<Edge> clean = new java.util.ArrayList<>(triple);
    for (int i = 0; i < 5; i++) {
      clean.add(match("a" + i, "b" + i, 1, "20|" + i, "20|" + i));
    }
    Clusters.Result trusted = Clusters.build(clean);
    assertNotEquals(group(trusted, "x"), group(trusted, "z"));
    assertTrue(trusted.review().stream().anyMatch(e -> e.from().equals("x") && e.rule().contains("two issues")));
    // in a run whose direct matches name different issues more often (a reference manager's record
    // numbers in the issue field), it says nothing: one group
    List<Edge> dirty = new java.util.ArrayList<>(triple);
    for (int i = 0; i < 5; i++) {
      dirty.add(match("a" + i, "b" + i, 1, "20|" + (100 + i), "20|" + (200 + i)));
    }
    Clusters.Result untrusted = Clusters.build(dirty);
    assertEquals(group(untrusted, "x"), group(untrusted, "z"));
  }
}
