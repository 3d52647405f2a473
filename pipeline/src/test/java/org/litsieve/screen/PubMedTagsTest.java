package org.litsieve.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;

/**
 * PubMed field tags as PubMed's help documents them, on records read from MEDLINE, RIS and CSV
 * exports as the parsers read them (made-up records in each export's layout). Each title names its
 * record: M = MEDLINE, R = RIS, C = Scopus CSV.
 */
class PubMedTagsTest {
  @TempDir static Path tmp;
  static List<BibRecord> records = new ArrayList<>();

  static final String MEDLINE = """
      PMID- 95000001
      TI  - M1 peer mentoring for nurses.
      AB  - Peer mentoring helped nurses.
      FAU - Smith, John
      AU  - Smith J
      LA  - eng
      MH  - Peer Group
      MH  - *Mentors/education
      MH  - Nurses
      OT  - mentoring programmes
      PT  - Journal Article
      PT  - Randomized Controlled Trial
      TA  - J Nurs Educ
      JT  - Journal of Nursing Education
      DP  - 2019 Mar

      PMID- 95000002
      TI  - M2 le mentorat par les pairs.
      AB  - Peer mentoring in Quebec.
      FAU - Smith, Jane Anne
      AU  - Smith JA
      FAU - Okoro, Chidi
      AU  - Okoro C
      LA  - fre
      DP  - 2020

      PMID- 95000003
      TI  - M3 peer support in the 1980s.
      AB  - An older record without full author names; support was given by peers.
      AU  - Smith JB
      AU  - Nakamura K
      LA  - eng
      DP  - 1988

      PMID- 95000004
      TI  - M4 Peer-Unterstützung in der Pflege.
      AB  - Peer support in German nursing.
      FAU - Müller, Hans
      AU  - Muller H
      LA  - ger
      DP  - 2018

      PMID- 95000005
      TI  - M5 peer support for veterans.
      AB  - Peer support helped veterans.
      FAU - Okoro, Chidi
      AU  - Okoro C
      FAU - O'Brien, James
      AU  - O'Brien J
      LA  - eng
      DP  - 2021

      PMID- 95000006
      TI  - M6 apoyo entre pares.
      AB  - Peer support in Spain.
      FAU - Smithson, John
      AU  - Smithson J
      LA  - spa
      DP  - 2017
      """;

  static final String RIS = """
      TY  - JOUR
      TI  - R1 peer mentoring in midwifery
      AU  - Smith, J.A.
      AU  - Garcia Marquez, Gabriel
      PY  - 2019
      LA  - English
      KW  - peer group
      ER  -\s

      TY  - JOUR
      TI  - R2 le soutien par les pairs
      AU  - O'Brien, J.
      PY  - 2020
      LA  - French
      ER  -\s
      """;

  static final String CSV = "\uFEFF\"Authors\",\"Title\",\"Year\",\"Source title\",\"Abstract\","
      + "\"Language of Original Document\",\"EID\"\n"
      + "\"Smith J.; Muller H.\",\"C1 peer support workers\",\"2019\",\"J Peer Work\",\"Peer support.\",\"English\","
      + "\"2-s2.0-85000000101\"\n"
      + "\"Smith J.B.\",\"C2 le soutien des pairs\",\"2020\",\"Rev Pairs\",\"Peer support.\",\"French\","
      + "\"2-s2.0-85000000102\"\n";

  @BeforeAll
  static void read() throws Exception {
    List<Rejected> rejects = new ArrayList<>();
    ExportReader.read("m.nbib", new ByteArrayInputStream(MEDLINE.getBytes(StandardCharsets.UTF_8)),
        ParseSink.into(records, rejects));
    ExportReader.read("r.ris", new ByteArrayInputStream(RIS.getBytes(StandardCharsets.UTF_8)),
        ParseSink.into(records, rejects));
    ExportReader.read("c.csv", new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)),
        ParseSink.into(records, rejects));
    assertEquals(List.of(), rejects);
    assertEquals(10, records.size());
  }

  /** The names (M1, R2…) of the records the PubMed query matches. */
  static Set<String> matching(String pubmed) throws Exception {
    Path rules = Files.createTempFile(tmp, "rules", ".yaml");
    Files.writeString(rules, "tags:\n  - name: t\n    pubmed: '" + pubmed.replace("'", "''") + "'\n");
    Screener s = new Screener(RulesLoader.load(rules));
    Set<String> out = new TreeSet<>();
    for (BibRecord r : records) {
      if (s.everyBlock(r).get(0).matched()) {
        out.add(r.title().substring(0, 2));
      }
    }
    return out;
  }

  /** The warnings validate prints for the PubMed query. */
  static String warnings(String pubmed) throws Exception {
    Path rules = Files.createTempFile(tmp, "rules", ".yaml");
    Files.writeString(rules, "tags:\n  - name: t\n    pubmed: '" + pubmed.replace("'", "''") + "'\n");
    Rules r = RulesLoader.load(rules);
    return r.warnings().toString();
  }

  /** The error validate prints for the PubMed query. */
  static String error(String pubmed) throws Exception {
    Path rules = Files.createTempFile(tmp, "rules", ".yaml");
    Files.writeString(rules, "tags:\n  - name: t\n    pubmed: '" + pubmed.replace("'", "''") + "'\n");
    try {
      RulesLoader.load(rules);
    } catch (RulesException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + pubmed);
  }

  static Set<String> set(String... names) {
    return new TreeSet<>(List.of(names));
  }

  @Test
  void languageNamesAndCodesMatchTheSameRecordsInEveryFormat() throws Exception {
    Set<String> english = set("M1", "M3", "M5", "R1", "C1");
    assertEquals(english, matching("english[la]"), "MEDLINE stores eng, RIS and CSV English");
    assertEquals(english, matching("eng[la]"));
    assertEquals(english, matching("English[Language]"));
    assertEquals(set("M2", "R2", "C2"), matching("french[la] OR fre[la]"));
    assertEquals(set("M4"), matching("german[la]"));
    assertEquals(set("M1", "M3", "M4", "M5", "M6", "R1", "C1"), matching("peer*[tiab] NOT french[la]"),
        "NOT french[la] excludes French in every format");
  }

  @Test
  void authorInitialsAreTruncatedUnlessQuoted() throws Exception {
    assertEquals(set("M1", "M2", "M3", "R1", "C1", "C2"), matching("smith j[au]"),
        "Smith J, Smith JA, Smith JB, from FAU, AU, RIS and CSV forms; not Smithson");
    assertEquals(set("M1", "C1"), matching("\"smith j\"[au]"), "quoted: exactly Smith J");
    assertEquals(set("M2", "R1"), matching("smith ja[au]"));
    assertEquals(set("M4", "C1"), matching("muller h[au]"), "Müller, Hans and Muller H.");
    assertEquals(set("M4", "C1"), matching("müller h[au]"));
    assertEquals(set("M5", "R2"), matching("o'brien j[au]"));
    assertEquals(set("M1", "M2", "M3", "R1", "C1", "C2"), matching("smith[au]"), "surname alone: any initials");
    assertEquals(set("M1"), matching("smith john[au]"), "a full name: FAU only");
    assertEquals(set("R1"), matching("garcia marquez g[au]"));
    assertEquals(set("M2", "R1"), matching("smith ja[1au]"));
    assertEquals(set("M2", "M5"), matching("okoro c[au]"));
    assertEquals(set("M5"), matching("okoro c[1au]"));
    assertEquals(set("M2"), matching("okoro c[lastau]"));
    assertEquals(set("M5", "R2"), matching("o'brien j[lastau]"), "a single author is the last too");
  }

  @Test
  void otherTermsAreAuthorKeywordsNotMeSH() throws Exception {
    assertEquals(set("M1"), matching("mentoring programme*[ot]"));
    assertEquals(set("R1"), matching("peer group[ot]"), "M1 has Peer Group as MeSH only");
    assertEquals(set("M1"), matching("peer group[mh]"));
  }

  /**
   * Every field tag PubMed's help lists for searching, in the order of docs/queries.md's table:
   * run with PubMed's meaning (what it matches), or with a warning saying what differs, or refused
   * with a message naming the tag.
   */
  @Test
  void everyPubMedTagRunsWithItsMeaningOrIsRefusedByName() throws Exception {
    // [tiab]: title, abstract and author keywords (PubMed added the keywords to [tiab])
    assertEquals(set("M1"), matching("mentoring programme*[tiab]"), "author keyword through [tiab]");
    assertEquals(set("M3"), matching("peers[tiab] AND older[ab]"));
    assertEquals(set("M2"), matching("mentorat[ti]"));
    assertEquals(set(), matching("nurses[ab] AND veterans[ab]"));
    // [tw]: also MeSH and publication types
    assertEquals(set("M1"), matching("randomized controlled trial[tw]"));
    assertEquals(set("M1"), matching("mentors[tw]"), "MeSH through [tw]");
    // [mh], [mh:noexp], [majr], [sh]
    assertEquals(set("M1"), matching("mentors[mh]"));
    assertEquals(set("M1"), matching("nurses[mh:noexp]"));
    assertEquals(set("M1"), matching("mentors[majr]"));
    assertEquals(set(), matching("nurses[majr]"), "Nurses is not starred");
    assertEquals(set("M1"), matching("education[sh]"));
    assertTrue(warnings("education[sh]").contains("searched as the words"), warnings("education[sh]"));
    // [pt], [la], [ta]/[jour], [dp]
    assertEquals(set("M1"), matching("randomized controlled trial[pt]"));
    assertEquals(set("M1"), matching("j nurs educ[ta]"));
    assertEquals(set("M1"), matching("journal of nursing education[jour]"));
    assertTrue(warnings("lancet[ta]").contains("not the whole title"), warnings("lancet[ta]"));
    assertEquals(set("M1", "R1", "C1"), matching("2019[dp]"));
    assertEquals(set("M1", "M2", "M5", "R1", "R2", "C1", "C2"), matching("2019:3000[dp]"));
    assertEquals(set("M3"), matching("1980:1989[pdat]"));
    assertTrue(warnings("2019/03/01:2019/12/31[dp]").contains("months and days are not compared"),
        warnings("2019/03/01:2019/12/31[dp]"));
    // [ot] and [nm]
    assertEquals(set("M1"), matching("mentoring[ot]"));
    assertTrue(warnings("oxytocin[nm]").contains("[nm] (substance names)"), warnings("oxytocin[nm]"));
    // [all] searches every field; untagged terms say that automatic term mapping is not reproduced
    assertEquals(set("M2", "M5"), matching("okoro[all]"));
    assertEquals(set("M1"), matching("mentors[all] AND nurs*[all]"));
    assertTrue(warnings("peer").contains("automatic term mapping"), warnings("peer"));
    // [tiab:~N]: within N words, either order, in [ti] and [tiab] only
    assertEquals(set("M3"), matching("\"support peers\"[tiab:~3]"));
    assertEquals(set(), matching("\"support peers\"[tiab:~2]"));
    assertTrue(error("\"support peers\"[ab:~3]").contains("[ab:~3]: PubMed searches proximity in [ti] and [tiab] only"));
    // truncation at the end of a word, inside a quoted phrase too; elsewhere a warning
    assertEquals(set("M1", "M2", "R1"), matching("\"peer mentor*\"[tiab]"));
    assertTrue(warnings("wom*n[tiab]").contains("truncates only at the end of a word"), warnings("wom*n[tiab]"));
    // quoted phrases and words written one after another are phrases
    assertEquals(set("M1", "M2", "R1"), matching("peer mentoring[tiab]"));
    assertEquals(set(), matching("mentoring peer[tiab]"));
    // tags PubMed has and an export cannot carry are refused by name
    for (String tag : new String[] {"ad", "edat", "crdt", "mhda", "sb", "pmid", "filter", "gr"}) {
      assertTrue(error("x[" + tag + "]").contains("unsupported PubMed field tag [" + tag + "]"), tag);
    }
  }
}
