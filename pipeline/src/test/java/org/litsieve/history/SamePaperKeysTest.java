package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.litsieve.dedup.PairMatcher;
import org.litsieve.dedup.RecordFeatures;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/**
 * The living review's matching keys ({@link KeyMatching#keys}) and the deduplication's notion of
 * one paper ({@link PairMatcher} on {@link RecordFeatures}) agree on a table of spellings that
 * databases write for one paper: where deduplication calls two records one paper, they share a
 * key; where it keeps them apart, they share none. Rows are built as the pipeline writes them
 * (title as exported, authors joined with "; ", the DOI as the parser normalised it).
 */
class SamePaperKeysTest {
  private record Paper(String title, String year, String doi, String pmid, String journal, String volume,
      String pages, String... authors) {}

  private static final String TITLE = "Ginkgo biloba and memory in older adults: a randomised trial";

  /** Pairs deduplication merges: the living keys must recognise them without the fuzzy step. */
  private static final List<Paper[]> SAME = List.of(
      pair(new Paper("Diet &amp; exercise for adults with prediabetes: a cluster trial", "2021",
          "10.5555/dp.2021.1", "", "Diabetes Care", "44", "101-9", "Okafor, C."),
          new Paper("Diet & exercise for adults with prediabetes: a cluster trial", "2021",
          "", "", "Diabetes Care", "44", "101-109", "Okafor C")),
      pair(new Paper("<i>Ginkgo biloba</i> and memory in older adults: a randomised trial", "2021",
          "", "", "J Gerontol", "12", "33-40", "Smith, Jane A."),
          new Paper(TITLE, "2021", "", "", "Journal of Gerontology", "12", "33-40", "Smith JA")),
      pair(new Paper(TITLE + " [Article in German]", "2021", "", "", "J Gerontol", "12", "33-40", "Smith, Jane A."),
          new Paper(TITLE + ".", "2021", "", "", "J Gerontol", "12", "33", "Smith J.A.")),
      pair(new Paper("Sleep\u2013wake cycles of night-shift nurses: a cohort study.", "2020", "", "",
          "Occup Med", "70", "5-12", "Ng, T."),
          new Paper("Sleep-wake cycles of night-shift nurses: a cohort study", "2020", "", "",
          "Occupational Medicine", "70", "5-12", "Ng T")),
      // a Greek letter one database keeps and another drops
      pair(new Paper("Anti-TNF-α therapy and the risk of serious infections in rheumatoid arthritis", "2019", "",
          "", "Rheumatology", "58", "1201-10", "Lindqvist, E."),
          new Paper("Anti-TNF therapy and the risk of serious infections in rheumatoid arthritis", "2019", "", "",
          "Rheumatology (Oxford)", "58", "1201-1210", "Lindqvist E")),
      // MEDLINE's "Surname Initials" beside Scopus's "Surname, Initials" for a surname with a particle
      pair(new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "van Kessel AB", "Okafor C"),
          new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "van Kessel, A.B.", "Okafor, C.")),
      pair(new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "Gro\u00df, Hanna"),
          new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "Gross H")),
      // versions of one DOI (Cochrane's ".pub2") with the same title and authors
      pair(new Paper(TITLE, "2021", "10.5555/14651858.CD013000.pub2", "", "Cochrane Database Syst Rev", "", "",
          "van Kessel, Anna B.", "Okafor, Chidi"),
          new Paper(TITLE, "2021", "10.5555/14651858.CD013000", "", "Cochrane Database Syst Rev", "", "",
          "van Kessel AB", "Okafor C")),
      pair(new Paper(TITLE, "2021", "https://doi.org/10.5555/ABC.2021.7", "", "J Gerontol", "12", "33-40", "Smith, J."),
          new Paper(TITLE + ".", "2021", "10.5555/abc.2021.7", "", "", "", "", "Smith J")));

  /** Pairs deduplication keeps apart: the living keys must not join them either. */
  private static final List<Paper[]> DIFFERENT = List.of(
      // two editorials by one editor in one year, in different issues
      pair(new Paper("Editorial", "2021", "", "", "Nurse Educ Today", "98", "104720", "Baker, R."),
          new Paper("Editorial", "2021", "", "", "Nurse Educ Today", "101", "104866", "Baker R")),
      // two Russian papers of one author and year: their titles share only "COVID-19" in ASCII
      pair(new Paper("Лечение COVID-19 у пожилых", "2021", "", "", "Terapevticheskii Arkhiv", "93", "11-15",
          "Ivanov, I."),
          new Paper("Профилактика COVID-19 у детей", "2021", "", "", "Pediatriya", "100", "7-9", "Ivanov I")),
      pair(new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "Smith, J."),
          new Paper(TITLE, "2019", "", "", "J Gerontol", "10", "80-88", "Smith J")),
      pair(new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "Smith, J."),
          new Paper(TITLE, "2021", "", "", "J Gerontol", "12", "33-40", "Okafor, C.")));

  private static Paper[] pair(Paper a, Paper b) {
    return new Paper[] {a, b};
  }

  private static BibRecord record(Paper p, String id) {
    return BibRecord.builder(new Provenance("test.ris", 1, 1, id, ""))
        .title(p.title()).authors(Arrays.asList(p.authors())).year(Integer.parseInt(p.year()))
        .journal(p.journal()).volume(p.volume()).pages(p.pages()).doi(p.doi()).pmid(p.pmid()).build();
  }

  /** The row the pipeline writes for the record (the columns the keys read). */
  private static Map<String, String> row(BibRecord r, String id) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", id);
    m.put("title", r.title());
    m.put("authors", String.join("; ", r.authors()));
    m.put("year", String.valueOf(r.year()));
    m.put("doi", r.doi());
    m.put("pmid", r.pmid());
    return m;
  }

  private static Set<String> sharedKeys(Paper[] pair) {
    Set<String> a = new HashSet<>(KeyMatching.keys(row(record(pair[0], "a"), "ls-a")));
    a.retainAll(KeyMatching.keys(row(record(pair[1], "b"), "ls-b")));
    return a;
  }

  private static PairMatcher.Kind dedup(Paper[] pair) {
    return PairMatcher.compare(RecordFeatures.of(record(pair[0], "a")), RecordFeatures.of(record(pair[1], "b"))).kind();
  }

  @Test
  void spellingsDeduplicationMergesShareALivingKey() {
    List<String> missed = new ArrayList<>();
    for (Paper[] p : SAME) {
      assertEquals(PairMatcher.Kind.MATCH, dedup(p), "deduplication calls these one paper: " + List.of(p));
      if (sharedKeys(p).isEmpty()) {
        missed.add(p[0].title() + " / " + p[0].authors()[0] + "  vs  " + p[1].title() + " / " + p[1].authors()[0]);
      }
    }
    assertEquals(List.of(), missed, "one paper to deduplication, two to the living review");
  }

  @Test
  void recordsDeduplicationKeepsApartShareNoLivingKey() {
    for (Paper[] p : DIFFERENT) {
      assertTrue(dedup(p) != PairMatcher.Kind.MATCH, "deduplication keeps these apart: " + List.of(p));
      assertEquals(Set.of(), sharedKeys(p), "two papers to deduplication, one to the living review: "
          + p[0].title() + " " + p[0].year() + " / " + p[1].title() + " " + p[1].year());
    }
  }

  @Test
  void keysOfOneRowAreStableAndPrefixed() {
    List<String> keys = KeyMatching.keys(row(record(SAME.get(0)[0], "a"), "ls-a"));
    assertEquals("id:ls-a", keys.get(0));
    assertTrue(keys.stream().anyMatch(k -> k.equals("doi:10.5555/dp.2021.1")), keys.toString());
    assertTrue(keys.stream().anyMatch(k -> k.startsWith("ty:")), keys.toString());
  }
}
