package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Provenance;

/** The matcher, clustering and merging in plain Java, through {@link Deduplicator}. */
class DeduplicationTest {
  private static BibRecord.Builder rec(String file, int pos, String title, int year, String author) {
    return BibRecord.builder(new Provenance(file, pos, pos, "id" + pos, ""))
        .title(title).year(year).authors(author.isEmpty() ? List.of() : List.of(author));
  }

  private static BibRecord rec(String file, int pos, String title, int year, String author, String doi, String pmid) {
    return rec(file, pos, title, year, author).doi(doi).pmid(pmid).build();
  }

  /** Cluster id by input id (a record's own id when it was not merged). */
  private static Map<String, String> cluster(List<BibRecord> records) {
    Deduplicator.Result r = Deduplicator.run(records);
    Map<String, String> out = new HashMap<>();
    for (RecordMerger.Merged m : r.unique()) {
      for (Provenance p : m.record().provenance()) {
        out.put(p.inputId(), m.recordId());
      }
    }
    assertEquals(records.size(), out.size(), "every input is in exactly one output record");
    return out;
  }

  private static boolean merged(BibRecord a, BibRecord b) {
    Map<String, String> c = cluster(List.of(a, b));
    return c.get(a.inputId()).equals(c.get(b.inputId()));
  }

  @Test
  void doiIsNormalisedBeforeMatching() {
    BibRecord a = rec("a.ris", 1, "Peer work in community mental health teams", 2019, "Smith, J",
        "https://doi.org/10.5555/ABC.1", "");
    BibRecord b = rec("b.ris", 1, "Peer work in community mental health teams.", 2019, "Smith J",
        "doi:10.5555/abc.1.", "");
    assertEquals("10.5555/abc.1", a.doi());
    assertEquals(a.doi(), b.doi());
    assertTrue(merged(a, b));
  }

  @Test
  void aSharedDoiWithADifferentTitleGoesToReviewNotMerged() {
    BibRecord a = rec("a.ris", 1, "Understanding information privacy assimilation", 2018, "Attili, V", "10.5555/x", "");
    BibRecord b = rec("b.ris", 1, "A longitudinal analysis of major misperceptions", 2019, "Annabi, H", "10.5555/x", "");
    Deduplicator.Result r = Deduplicator.run(List.of(a, b));
    assertEquals(2, r.unique().size());
    assertEquals(1, r.review().size());
    DuplicateCandidate c = r.review().get(0);
    assertEquals("review", c.relation());
    assertEquals("id1", c.sourceIdA());
    assertTrue(c.rule().contains("titles differ"), c.rule());
  }

  @Test
  void titlesMatchAcrossCaseAccentsMarkupAndTranslationNotes() {
    BibRecord a = rec("a.ris", 1, "Training Peer Workers: A Mixed-Methods Study.", 2020, "Müller, Anna", "", "");
    BibRecord b = rec("b.ris", 1, "training peer workers - a <i>mixed methods</i> study [Article in German]", 2020,
        "Muller A", "", "");
    BibRecord c = rec("c.ris", 1, "Training peer workers: a mixed-methods study. [Review] [45 refs]", 2020,
        "Mueller, A.", "", "");
    Map<String, String> cl = cluster(List.of(a, b, c));
    assertEquals(cl.get("a.ris#1"), cl.get("b.ris#1"));
    assertEquals(cl.get("a.ris#1"), cl.get("c.ris#1"));
  }

  @Test
  void aTypoAbbreviatedJournalAndShortPageRangeStillMatch() {
    BibRecord a = rec("a.ris", 1, "Intestinal lipoprotein overproduction in insulin-resistant states", 2008,
        "Adeli, Khosrow").journal("Current Opinion in Lipidology").volume("19").pages("221-228").build();
    BibRecord b = rec("b.ris", 1, "Intestinal lipoprotien overproduction in insulin resistant states", 2008,
        "Adeli K").journal("Curr Opin Lipidol").volume("19").pages("221-8").build();
    assertTrue(merged(a, b));
    assertEquals("228", TextKeys.lastPage("221-8"));
    assertEquals("", TextKeys.firstPage("01-Jun"), "an Excel-mangled date is not a page");
  }

  @Test
  void sameTitleInDifferentJournalsOrVolumesIsNotMerged() {
    BibRecord a = rec("a.ris", 1, "Learning-based scheduling for digital work platforms", 2020, "Smith, John")
        .journal("Journal of Digital Studies").build();
    BibRecord b = rec("b.ris", 1, "Learning-based scheduling for digital work platforms", 2020, "Smith, John")
        .journal("Workshop of Digital Studies").build();
    assertFalse(merged(a, b));
    BibRecord c = a.toBuilder().volume("3").pages("10-20").build();
    BibRecord d = rec("d.ris", 1, a.title(), 2020, "Smith, J").journal("J Digit Stud").volume("4").pages("10-20").build();
    assertFalse(merged(c, d), "different volumes");
  }

  @Test
  void erratumCommentAndPartsStayApartFromThePaper() {
    BibRecord paper = rec("a.ris", 1, "Peer support worker training outcomes in rural clinics", 2020, "Lee, K")
        .journal("J Peer Work").volume("3").pages("1-10").build();
    BibRecord erratum = rec("b.ris", 1, "Erratum: Peer support worker training outcomes in rural clinics", 2020,
        "Lee, K").journal("J Peer Work").volume("3").build();
    BibRecord reply = rec("c.ris", 1, "Peer support worker training outcomes in rural clinics - Reply", 2020,
        "Lee, K").journal("J Peer Work").build();
    BibRecord part1 = rec("d.ris", 1, "Peer support worker training outcomes: Part 1", 2020, "Lee, K").build();
    BibRecord part2 = rec("e.ris", 1, "Peer support worker training outcomes: Part 2", 2020, "Lee, K").build();
    BibRecord partII = rec("f.ris", 1, "Peer support worker training outcomes. Part II", 2020, "Lee, K").build();
    Map<String, String> cl = cluster(List.of(paper, erratum, reply, part1, part2, partII));
    assertEquals(5, cl.values().stream().distinct().count(), "six records: only Part 2 and Part II are one paper");
    assertNotEquals(cl.get("a.ris#1"), cl.get("b.ris#1"));
    assertNotEquals(cl.get("a.ris#1"), cl.get("c.ris#1"));
    assertNotEquals(cl.get("d.ris#1"), cl.get("e.ris#1"));
    assertEquals(cl.get("e.ris#1"), cl.get("f.ris#1"), "Part 2 and Part II are the same part");
  }

  @Test
  void aPreprintIsLinkedAsRelatedNotMerged() {
    BibRecord preprint = rec("a.ris", 1, "Peer workers reduce readmissions: a cluster randomised trial", 2021,
        "Okafor, N", "10.1101/2021.01.01.123456", "");
    BibRecord published = rec("b.ris", 1, "Peer workers reduce readmissions: a cluster randomised trial", 2022,
        "Okafor, Ngozi", "10.5555/lancet.2022.1", "");
    Deduplicator.Result r = Deduplicator.run(List.of(preprint, published));
    assertEquals(2, r.unique().size());
    assertEquals(1, r.review().size());
    assertEquals("related", r.review().get(0).relation());
  }

  @Test
  void genericTitlesNeedTheSourceToMatch() {
    BibRecord a = rec("a.ris", 1, "Editorial", 2020, "Lee, K", "", "");
    BibRecord b = rec("b.ris", 1, "Editorial", 2020, "Lee, K", "", "");
    assertFalse(merged(a, b));
    BibRecord c = a.toBuilder().journal("J Peer Work").volume("3").pages("1-2").build();
    BibRecord d = BibRecord.builder(new Provenance("d.ris", 1, 1, "", "")).title("EDITORIAL.")
        .year(2020).authors(List.of("Lee K")).journal("J. Peer Work").volume("3").pages("1-2").build();
    assertTrue(merged(c, d));
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
  void aYearApartNeedsEvidenceOfAnEpubAheadOfPrint() {
    BibRecord print = rec("a.ris", 1, "How to develop and frame impactful review articles", 2024, "Pare, Guy")
        .journal("Journal of Decision Systems").volume("33").pages("566-582").build();
    BibRecord epub = rec("b.ris", 1, "How to develop and frame impactful review articles", 2023, "Pare, G")
        .journal("J Decis Syst").pages("1-17").build();
    assertTrue(merged(print, epub));
    BibRecord noJournal = rec("c.ris", 1, "How to develop and frame impactful review articles", 2023, "Pare, G").build();
    assertFalse(merged(print, noJournal), "a year apart with nothing else is only a review pair");
  }

  @Test
  void mergeKeepsTheRichestRecordFillsGapsAndKeepsAllProvenance() {
    BibRecord poor = rec("a.ris", 1, "Peer work", 2019, "Smith, J", "10.5555/x", "");
    BibRecord rich = rec("b.ris", 2, "Peer work", 2019, "Smith, Jane", "10.5555/x", "")
        .toBuilder().abstractText("An abstract.").journal("Journal of Peers").build();
    BibRecord withPmid = rec("c.ris", 3, "Peer work", 2019, "Smith, J", "10.5555/x", "999")
        .toBuilder().keywords(List.of("peer")).build();
    Deduplicator.Result r = Deduplicator.run(List.of(poor, rich, withPmid));
    assertEquals(1, r.unique().size());
    RecordMerger.Merged m = r.unique().get(0);
    assertEquals("An abstract.", m.record().abstractText());
    assertEquals("999", m.record().pmid());
    assertEquals(List.of("peer"), m.record().keywords());
    assertEquals(List.of("Smith, Jane"), m.record().authors());
    assertEquals(3, m.record().provenance().size());
    assertEquals("b.ris#2", m.record().inputId(), "the richest record's provenance comes first");
    assertEquals(1, r.links().stream().filter(DuplicateLink::kept).count());
    assertTrue(r.links().stream().allMatch(l -> l.matchRule().startsWith("doi")), r.links().toString());
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

  @Test
  void theSyntheticCorpusIsDeterministicAndDeduplicatedWithoutFalseMerges() {
    SyntheticCorpus one = SyntheticCorpus.generate(3000, 7);
    SyntheticCorpus two = SyntheticCorpus.generate(3000, 7);
    assertEquals(one.records(), two.records(), "same seed, same corpus");
    Deduplicator.Result r = Deduplicator.run(one.records());
    Map<String, Integer> truth = one.truth();
    Map<String, List<String>> groups = new HashMap<>();
    r.links().forEach(l -> groups.computeIfAbsent(l.recordId(), k -> new java.util.ArrayList<>()).add(l.sourceId()));
    long removed = 0;
    for (List<String> g : groups.values()) {
      assertEquals(1, g.stream().map(truth::get).distinct().count(), "a false merge: " + g);
      removed += g.size() - 1;
    }
    long removable = one.records().size() - truth.values().stream().distinct().count();
    assertTrue(removed >= 0.95 * removable, removed + " of " + removable + " duplicates found");
  }

  @Test
  void correctionNoticesCitingThePaperAreErrataThatMeetEachOtherButNotThePaper() {
    String title = "Peer support worker training outcomes in rural primary care clinics";
    BibRecord paper = rec("a.ris", 1, title, 2019, "Lee, Kim").journal("Journal of Peer Work").volume("12")
        .issue("3").pages("345-352").build();
    // the same correction notice as Web of Science and Embase title it, and an Embase title cut off
    BibRecord wos = rec("b.txt", 1, title + " (vol 12, pg 345, 2019)", 2019, "Lee, K")
        .journal("J Peer Work").volume("12").issue("6").pages("901").build();
    BibRecord embase = rec("c.ris", 1, title + " (Journal of Peer Work (2019) 12 (345-352))", 2019, "Lee K.")
        .journal("Journal of Peer Work").volume("12").issue("6").pages("901-901").build();
    BibRecord cutOff = rec("d.ris", 1, "Erratum: " + title + " (Journal of Peer Work (Ma", 2019, "Lee, K.")
        .journal("Journal of Peer Work.").volume("12").issue("6").pages("901").build();
    assertEquals(RecordFeatures.Kind.ERRATUM, RecordFeatures.of(wos).kind());
    assertEquals(RecordFeatures.Kind.ERRATUM, RecordFeatures.of(embase).kind());
    assertEquals(RecordFeatures.of(paper).title(), RecordFeatures.of(cutOff).title(),
        "a notice is compared by the corrected paper's title");
    Map<String, String> cl = cluster(List.of(paper, wos, embase, cutOff));
    assertEquals(cl.get("b.txt#1"), cl.get("c.ris#1"), "one notice from two databases");
    assertEquals(cl.get("b.txt#1"), cl.get("d.ris#1"));
    assertNotEquals(cl.get("a.ris#1"), cl.get("b.txt#1"), "a notice is not the paper it corrects");
    // near miss: a paper's own parentheses at the end of its title are not a citation
    BibRecord trial = rec("e.ris", 1, "Peer support after discharge: the PEER-2 trial (2015-2018)", 2019, "Lee, K")
        .build();
    BibRecord named = rec("f.ris", 1, "Outcomes of peer support (the Peer Work Study (PWS) 2019 (phase one))", 2019,
        "Lee, K").build();
    assertEquals(RecordFeatures.Kind.PAPER, RecordFeatures.of(trial).kind());
    assertEquals(RecordFeatures.Kind.PAPER, RecordFeatures.of(named).kind());
  }

  @Test
  void anOvidOriginalLanguageTitleAndNotesAfterPagesAreDropped() {
    assertEquals("antibiotic prophylaxis in thoracic surgery a randomized study",
        TextKeys.title("Antibiotic prophylaxis in thoracic surgery. A randomized study. <ORIGINAL> "
            + "PROPHYLAXIE ANTIBIOTIQUE EN CHIRURGIE THORACIQUE"));
    assertEquals("106", TextKeys.firstPage("106-11; discussion 111"));
    assertEquals("111", TextKeys.lastPage("106-11; discussion 111"));
    assertEquals("2243", TextKeys.firstPage("2243-5; author reply 2243-5"));
    assertEquals("titre original", TextKeys.title("<ORIGINAL> Titre original"),
        "a title that is only the original-language one is kept");
  }
}
