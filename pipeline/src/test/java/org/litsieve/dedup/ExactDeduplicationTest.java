package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Provenance;

class ExactDeduplicationTest {
  private static BibRecord rec(String file, int pos, String title, int year, String author, String doi, String pmid) {
    return BibRecord.builder(new Provenance(file, pos, pos, "id" + pos, ""))
        .title(title).year(year).authors(author.isEmpty() ? List.of() : List.of(author)).doi(doi).pmid(pmid)
        .build();
  }

  /** Runs the plain-Java pieces the way the Beam transform does, and returns cluster ids by input id. */
  private static Map<String, String> cluster(List<BibRecord> records) {
    Map<String, List<KeyLinker.Member>> byKey = new HashMap<>();
    for (BibRecord r : records) {
      for (MatchKeys.Key k : MatchKeys.of(r)) {
        byKey.computeIfAbsent(k.encoded(), x -> new ArrayList<>()).add(new KeyLinker.Member(r.inputId(), r.doi()));
      }
    }
    List<KeyLinker.Link> links = new ArrayList<>();
    byKey.forEach((k, members) -> links.addAll(KeyLinker.link(MatchKeys.Key.ruleOf(k), members)));
    Map<String, String> out = new HashMap<>();
    for (BibRecord r : records) {
      Clusters.Assignment a = Clusters.build(links).get(r.inputId());
      out.put(r.inputId(), a == null ? r.inputId() : a.clusterId());
    }
    return out;
  }

  @Test
  void doiIsNormalisedBeforeMatching() {
    BibRecord a = rec("a.ris", 1, "Peer work", 2019, "Smith, J", "https://doi.org/10.5555/ABC.1", "");
    BibRecord b = rec("b.ris", 1, "Something else entirely", 2018, "Jones, K", "doi:10.5555/abc.1.", "");
    assertEquals("10.5555/abc.1", a.doi());
    assertEquals(a.doi(), b.doi());
    Map<String, String> c = cluster(List.of(a, b));
    assertEquals(c.get("a.ris#1"), c.get("b.ris#1"));
  }

  @Test
  void titleYearAuthorMatchesAcrossCaseAccentsPunctuationAndTranslationNotes() {
    BibRecord a = rec("a.ris", 1, "Training Peer Workers: A Mixed-Methods Study.", 2020, "Müller, Anna", "", "");
    BibRecord b = rec("b.ris", 1, "training peer workers - a mixed methods study [Article in German]", 2020, "Muller A", "", "");
    BibRecord c = rec("c.ris", 1, "Training peer workers: a mixed-methods study", 2021, "Muller, A.", "", "");
    Map<String, String> cl = cluster(List.of(a, b, c));
    assertEquals(cl.get("a.ris#1"), cl.get("b.ris#1"));
    assertNotEquals(cl.get("a.ris#1"), cl.get("c.ris#1"), "a different year is not an exact match");
  }

  @Test
  void differentDoisAreNeverChainedThroughATitle() {
    BibRecord a = rec("a.ris", 1, "Peer support worker training outcomes", 2020, "Lee, K", "10.5555/one", "");
    BibRecord b = rec("b.ris", 1, "Peer support worker training outcomes", 2020, "Lee, K", "", "123");
    BibRecord c = rec("c.ris", 1, "Peer support worker training outcomes", 2020, "Lee, K", "10.5555/two", "123");
    Map<String, String> cl = cluster(List.of(a, b, c));
    assertEquals(cl.get("b.ris#1"), cl.get("c.ris#1"), "same PMID");
    assertNotEquals(cl.get("a.ris#1"), cl.get("c.ris#1"), "two DOIs must stay two papers");
  }

  @Test
  void genericTitlesNeedTheSourceToMatch() {
    BibRecord a = rec("a.ris", 1, "Editorial", 2020, "Lee, K", "", "");
    BibRecord b = rec("b.ris", 1, "Editorial", 2020, "Lee, K", "", "");
    assertNotEquals(cluster(List.of(a, b)).get("a.ris#1"), cluster(List.of(a, b)).get("b.ris#1"));
    BibRecord c = a.toBuilder().journal("J Peer Work").volume("3").pages("1-2").build();
    BibRecord d = BibRecord.builder(new Provenance("d.ris", 1, 1, "", "")).title("EDITORIAL.")
        .year(2020).authors(List.of("Lee K")).journal("J. Peer Work").volume("3").pages("1-2").build();
    Map<String, String> cl = cluster(List.of(c, d));
    assertEquals(cl.get("a.ris#1"), cl.get("d.ris#1"));
  }

  @Test
  void mergeKeepsTheRichestRecordFillsGapsAndKeepsAllProvenance() {
    BibRecord poor = rec("a.ris", 1, "Peer work", 2019, "Smith, J", "10.5555/x", "");
    BibRecord rich = rec("b.ris", 2, "Peer work", 2019, "Smith, Jane", "10.5555/x", "")
        .toBuilder().abstractText("An abstract.").journal("Journal of Peers").build();
    BibRecord withPmid = rec("c.ris", 3, "Peer work", 2019, "Smith, J", "10.5555/x", "999")
        .toBuilder().keywords(List.of("peer")).build();
    RecordMerger.Merged m = RecordMerger.merge(List.of(poor, rich, withPmid),
        Map.of("a.ris#1", "doi", "b.ris#2", "doi", "c.ris#3", "doi"));
    assertEquals("An abstract.", m.record().abstractText());
    assertEquals("999", m.record().pmid());
    assertEquals(List.of("peer"), m.record().keywords());
    assertEquals(List.of("Smith, Jane"), m.record().authors());
    assertEquals(3, m.record().provenance().size());
    assertEquals("b.ris#2", m.record().inputId(), "the richest record's provenance comes first");
    assertEquals(1, m.links().stream().filter(DuplicateLink::kept).count());
    assertTrue(m.links().stream().allMatch(l -> l.recordId().equals(m.recordId())));
  }

  @Test
  void recordIdsAreStableAndComeFromDoiThenPmidThenFingerprint() {
    BibRecord a = rec("a.ris", 1, "Peer work", 2019, "Smith, J", "10.5555/x", "1");
    BibRecord sameDoiElsewhere = rec("z.csv", 9, "PEER WORK!", 2020, "Other, Q", "10.5555/X", "");
    assertEquals(RecordIds.of(a), RecordIds.of(sameDoiElsewhere));
    assertEquals("doi:10.5555/x", RecordIds.identity(a));
    assertEquals("pmid:1", RecordIds.identity(a.toBuilder().doi("").build()));
    assertTrue(RecordIds.of(a).matches("ls-[0-9a-f]{16}"));
    BibRecord noIds = rec("a.ris", 1, "Peer work", 2019, "Smith, J", "", "");
    assertTrue(RecordIds.identity(noIds).startsWith("fp:peer work|2019|smith|"));
    assertFalse(RecordIds.of(noIds).equals(RecordIds.of(a)));
  }
}
