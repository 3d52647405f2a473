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
  void theKeptRecordDependsOnContentNotOnFileNames() {
    // two copies as complete as each other, from two exports; the same run with the files
    // renamed (so the other copy's input id sorts first) must keep the same copy
    java.util.function.BiFunction<String, String, Deduplicator.Result> run = (fileA, fileB) -> Deduplicator.run(List.of(
        rec(fileA, 1, "Peer work in community mental health teams", 2019, "Smith, Jane")
            .journal("Journal of Peer Work").volume("4").pages("10-19").build(),
        rec(fileB, 7, "Peer Work in Community Mental Health Teams.", 2019, "Smith J")
            .journal("J Peer Work").volume("4").pages("10-9").build()));
    Deduplicator.Result before = run.apply("embase.ris", "pubmed.ris");
    Deduplicator.Result renamed = run.apply("zz-embase.ris", "pubmed.ris");
    assertEquals(1, before.unique().size());
    assertEquals(1, renamed.unique().size());
    BibRecord kept = before.unique().get(0).record();
    BibRecord keptAfterRenaming = renamed.unique().get(0).record();
    assertEquals(kept.title(), keptAfterRenaming.title());
    assertEquals(kept.journal(), keptAfterRenaming.journal());
    assertEquals(kept.pages(), keptAfterRenaming.pages());
    assertEquals(before.unique().get(0).recordId(), renamed.unique().get(0).recordId());
    assertEquals(before.links().stream().filter(DuplicateLink::kept).findFirst().orElseThrow().sourceId(),
        renamed.links().stream().filter(DuplicateLink::kept).findFirst().orElseThrow().sourceId());
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

  @Test
  void aPageRangeThatEndsBeforeItStartsSaysNothing() {
    String title = "Disease recurrence after paediatric kidney transplantation";
    BibRecord typo = rec("a.ris", 1, title, 2009, "Cochet, P").journal("Pediatric Transplantation")
        .volume("24").pages("2297-2108").build();
    BibRecord right = rec("b.ris", 1, title + ".", 2009, "Cochet, P.").journal("Pediatr Transplant")
        .volume("24").pages("2097-2108").build();
    assertTrue(merged(typo, right));
    // near miss: two readable ranges in one volume that do not overlap are two papers
    BibRecord elsewhere = right.toBuilder().provenance(List.of(new Provenance("c.ris", 1, 1, "id1", "")))
        .pages("2297-2308").build();
    assertFalse(merged(right, elsewhere));
  }

  @Test
  void aSurnameThatIsAParticleWordIsKept() {
    // Vietnamese Le and Van, Chinese Du, Indian De: the whole surname is a word that elsewhere is a
    // particle. At 945ab95 (and until this test) "Le, Quang Minh" had the surname "quang" and
    // "Le, Q.M." the surname "q", so Web of Science's full names beside Scopus's initials were
    // different first authors (and different first-author blocks)
    String[] sameLe = {"Le, Quang Minh", "Le, Q.M.", "Le QM", "LE, QUANG MINH", "Le, Q. M.", "Q.M. Le"};
    for (String x : sameLe) {
      RecordFeatures.Name n = RecordFeatures.name(x);
      assertEquals("le", n.surname(), x);
      assertEquals('q', n.initial(), x);
      for (String y : sameLe) {
        assertTrue(PairMatcher.sameAuthor(n, RecordFeatures.name(y)), x + " / " + y);
      }
    }
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("Du, Wei"), RecordFeatures.name("Du W")));
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("Van, Vo Tam"), RecordFeatures.name("Van, V.T.")));
    // near misses: another initial is another person; a surname split at its particle, the rest
    // written with the initials ("Le, Quintrec M."), is still read as that surname
    assertFalse(PairMatcher.sameAuthor(RecordFeatures.name("Le, Quang Minh"), RecordFeatures.name("Le, T.H.")));
    assertEquals("quintrec", RecordFeatures.name("Le, Quintrec M.").surname());
    assertEquals("kessel", RecordFeatures.name("van Kessel, M.").surname());
    assertEquals("kessel", RecordFeatures.name("Kessel, M.E. van").surname());
  }

  @Test
  void aParticleWrittenJoinedToTheSurnameIsTheSameAuthor() {
    // "DiMaggio" in one database, "Di Maggio" (particle dropped: "maggio") in another; failed at
    // 945ab95 and at the commit before this test
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("DiMaggio, Carla"), RecordFeatures.name("Di Maggio, C.")));
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("Desouza, J."), RecordFeatures.name("De Souza, Joao")));
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("Vanderberg, P."), RecordFeatures.name("van der Berg, P.")));
    // near misses: a short rest is not a surname of its own; another initial is another person
    assertFalse(PairMatcher.sameAuthor(RecordFeatures.name("Lever, T."), RecordFeatures.name("Ver, T.")));
    assertFalse(PairMatcher.sameAuthor(RecordFeatures.name("DiMaggio, Carla"), RecordFeatures.name("Di Maggio, P.")));
    assertFalse(PairMatcher.sameAuthor(RecordFeatures.name("Dimartino, A."), RecordFeatures.name("Maggio, A.")));
  }

  @Test
  void oneWordOfACompoundSurnameIsTheSameAuthor() {
    RecordFeatures.Name stPeter = RecordFeatures.name("St Peter, Shawn D.");
    RecordFeatures.Name peter = RecordFeatures.name("Peter, S. D.");
    assertTrue(PairMatcher.sameAuthor(stPeter, peter));
    assertTrue(PairMatcher.sameAuthor(RecordFeatures.name("Il Cheong, H."), RecordFeatures.name("Cheong, H. I.")));
    // near miss: a surname that merely ends like another is another person
    assertFalse(PairMatcher.sameAuthor(RecordFeatures.name("Johansen, K."), RecordFeatures.name("Hansen, K.")));
    assertFalse(PairMatcher.sameAuthor(stPeter, RecordFeatures.name("Peter, M.")), "initials still clash");
    BibRecord a = rec("a.ris", 1, "Thoracoscopic decortication versus chest tube fibrinolysis for empyema", 2009,
        "St Peter, Shawn D.").journal("Journal of Pediatric Surgery").volume("44").pages("106-11; discussion 111")
        .build();
    BibRecord b = rec("b.ris", 1, "Thoracoscopic decortication versus chest tube fibrinolysis for empyema.", 2009,
        "Peter, S. D.").journal("J Pediatr Surg").volume("44").pages("106-111").build();
    assertTrue(merged(a, b));
  }

  @Test
  void theSameCitationWithTranslatedTitlesIsOnePaper() {
    BibRecord english = rec("a.ris", 1, "Antibiotic prophylaxis in lung surgery: a controlled double-blind "
        + "study of amoxicillin versus cefamandole", 1994, "Trainor, M.").journal("Ann Fr Anesth Reanim")
        .volume("13").pages("280-284").build();
    BibRecord translated = rec("b.ris", 1, "[Comparison of amoxicillin and cefamandole in preventing infection "
        + "after lung surgery. A randomised double-blind study]", 1994, "Trainor, M")
        .journal("Annales Francaises d'Anesthesie et de Reanimation").volume("13").pages("280-4").build();
    assertTrue(merged(english, translated));
    // near misses: another first author on the same pages (letters to one editor), one page
    // (abstracts share a page), a conference proceedings' range, titles sharing too few words
    assertFalse(merged(english, translated.toBuilder().authors(List.of("Soulard, D")).build()));
    assertFalse(merged(english.toBuilder().pages("280").build(), translated.toBuilder().pages("280").build()));
    assertFalse(merged(english.toBuilder().type("CONF").build(), translated.toBuilder().type("CONF").build()));
    assertFalse(merged(english, translated.toBuilder().title("[Bronchopulmonary infections in children: "
        + "epidemiology and prevention after lung surgery]").build()));
    assertFalse(merged(english.toBuilder().pages("1-280").build(), translated.toBuilder().pages("1-280").build()),
        "a supplement's whole range is not one paper's");
  }

  @Test
  void theSameCitationAndTitleWithGarbledCoAuthorsIsOnePaper() {
    String title = "Role of therapeutic thoracentesis in tuberculous pleural effusion";
    BibRecord a = rec("a.ris", 1, title, 2012, "Bhowmik, S.").authors(List.of("Bhowmik, S.", "Arunava, D. C.",
        "Sabyasachi, C.", "Indranil, S.", "Sumit, R. T.", "Mita, S.")).journal("Annals of Thoracic Medicine").volume("7").pages("215-219").build();
    BibRecord b = rec("b.ris", 1, title, 2012, "Bhowmik, S.").authors(List.of("Bhowmik, S.", "Arunava, D. C.",
        "Choudhury, S.", "Saha, I.", "Roy, T. S.", "Saha, M.")).journal("Ann Thorac Med").volume("7").pages("215-9").build();
    assertTrue(merged(a, b));
    // given names written as surnames on one side: still the same co-authors
    BibRecord c = rec("c.ris", 1, "Performance of cytology and HPV testing in women followed conservatively", 2006,
        "Santos, A L").authors(List.of("Santos, A L", "Derchain, S F", "Sarian, L O"))
        .journal("Acta Obstetricia et Gynecologica Scandinavica").volume("85").pages("444-450").build();
    BibRecord d = c.toBuilder().provenance(List.of(new Provenance("d.ris", 1, 1, "id1", "")))
        .authors(List.of("Luis Ferreira, Santos A", "Francoise Mauricette, Derchain S", "Otavio, Sarian L")).build();
    assertTrue(merged(c, d));
    // near miss: the same title and first author in another volume of the journal
    assertFalse(merged(a, b.toBuilder().volume("8").build()));
    assertFalse(merged(c, d.toBuilder().authors(List.of("Luis Ferreira, Santos A", "Mauricette, Francoise",
        "Otavio, Luiz")).build()), "no co-author in common is not a garbled list");
  }

  @Test
  void aYearApartInTheSameVolumeOfTheJournalIsAWrongYear() {
    String title = "Safety and efficacy of eculizumab in patients resistant to plasma therapy";
    BibRecord a = rec("a.ris", 1, title, 2011, "Legrand, C M").journal("J Am Soc Nephrol").volume("21").build();
    BibRecord b = rec("b.ris", 1, title, 2010, "Legrand, CM").journal("Journal of the American Society of Nephrology")
        .volume("21").pages("201A").build();
    assertTrue(merged(a, b));
    // near misses: the volume unknown on one side, or another journal's volume 21
    assertFalse(merged(a.toBuilder().volume("").build(), b));
    assertFalse(merged(a.toBuilder().journal("Kidney International").build(), b));
  }
}
