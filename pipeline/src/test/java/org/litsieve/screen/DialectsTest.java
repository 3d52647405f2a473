package org.litsieve.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;

/**
 * The database syntaxes ({@code embase:}, {@code ebsco:}, {@code scopus:}, {@code wos:},
 * {@code cochrane:}) run through the Screener on three made-up records, with the meanings each
 * database's help documents (screening-rules/README.md); what cannot be reproduced is a warning,
 * what cannot run an error naming the construct.
 */
class DialectsTest {
  @TempDir static Path tmp;

  static BibRecord rec(String title, String abs) {
    return BibRecord.builder(new Provenance("t.ris", 1, 1, "", "")).title(title).abstractText(abs).build();
  }

  static final List<BibRecord> RECORDS = List.of(
      rec("A Peer support for nurses", "Mentoring programmes improved retention of nurses.").toBuilder()
          .keywords(List.of("burnout")).subjectHeadings(List.of("*Nurses", "Peer Group"))
          .publicationTypes(List.of("Journal Article")).language("eng").year(2019)
          .authors(List.of("Smith, John")).journal("J Nurs Educ").build(),
      rec("B Burnout among physicians", "Peer mentoring was rare; support from peers helped.").toBuilder()
          .keywords(List.of("mentoring")).subjectHeadings(List.of("Physicians"))
          .publicationTypes(List.of("Review")).language("French").year(2012).build(),
      rec("C Colour vision in mice", "Mice colour tests.").toBuilder()
          .subjectHeadings(List.of("Animals", "Mice")).publicationTypes(List.of("Article"))
          .language("English").year(2005).build());

  static Rules load(String key, String query) throws Exception {
    Path rules = Files.createTempFile(tmp, "rules", ".yaml");
    String value = query.contains("\n") ? "|\n      " + query.replace("\n", "\n      ")
        : "'" + query.replace("'", "''") + "'";
    Files.writeString(rules, "tags:\n  - name: t\n    " + key + ": " + value + "\n");
    return RulesLoader.load(rules);
  }

  /** The letters of the records the query matches. */
  static Set<String> m(String key, String query) throws Exception {
    Screener s = new Screener(load(key, query));
    Set<String> out = new TreeSet<>();
    for (BibRecord r : RECORDS) {
      if (s.everyBlock(r).get(0).matched()) {
        out.add(r.title().substring(0, 1));
      }
    }
    return out;
  }

  static String warnings(String key, String query) throws Exception {
    return load(key, query).warnings().toString();
  }

  static String error(String key, String query) throws Exception {
    try {
      load(key, query);
    } catch (RulesException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + query);
  }

  static Set<String> s(String... letters) {
    return new TreeSet<>(List.of(letters));
  }

  @Test
  void embase() throws Exception {
    assertEquals(s("A"), m("embase", "'peer support':ti,ab"));
    assertEquals(s("B"), m("embase", "(peer NEAR/3 support):ab"));
    assertEquals(s(), m("embase", "(peer NEAR/2 support):ab"));
    assertEquals(s("A"), m("embase", "peer NEXT/1 support"));
    assertEquals(s("A"), m("embase", "'nurses'/exp"));
    assertEquals(s("A"), m("embase", "'nurses'/mj"));
    assertEquals(s("A"), m("embase", "'peer group'/de AND [2019]/py"));
    assertEquals(s("B"), m("embase", "mentor*:kw"), ":kw is author keywords, not headings");
    assertEquals(s("A", "C"), m("embase", "[english]/lim"));
    assertEquals(s("B"), m("embase", "[2010-2015]/py"));
    assertEquals(s("C"), m("embase", "colo$r:ti"));
    assertEquals(s("A"), m("embase", "'nurses'/exp\nmentor*:ab\n#1 AND #2"));
    assertTrue(warnings("embase", "'nurses'/exp").contains("Emtree headings are matched"));
    assertTrue(error("embase", "peer:xx").contains("unsupported Embase field code :xx"));
    assertTrue(error("embase", "peer AND [embase]/lim").contains("[embase]/lim selects records by database"));
  }

  @Test
  void ebsco() throws Exception {
    assertEquals(s("A"), m("ebsco", "TI peer support"));
    assertTrue(warnings("ebsco", "TI peer support").contains("searched as a phrase"));
    assertEquals(s("B"), m("ebsco", "AB (peer N3 support)"));
    assertEquals(s("B"), m("ebsco", "AB (peer W3 support)"));
    assertEquals(s(), m("ebsco", "AB (support W3 peer)"), "W is ordered");
    assertEquals(s("A"), m("ebsco", "(MH \"Nurses+\")"));
    assertEquals(s("A"), m("ebsco", "MM \"Nurses\" AND MH \"Peer Group\""));
    assertEquals(s("B"), m("ebsco", "KW mentoring"));
    assertEquals(s("A"), m("ebsco", "SU burnout"));
    assertEquals(s("C"), m("ebsco", "colo#r"));
    assertEquals(s("A"), m("ebsco", "S1 TI peer\nS2 AB mentoring\nS1 AND S2"));
    assertTrue(error("ebsco", "TI peer AND support OR mentor").contains("without parentheses"));
    assertTrue(warnings("ebsco", "TX peer").contains("full text"));
  }

  @Test
  void scopus() throws Exception {
    assertEquals(s("A"), m("scopus", "TITLE-ABS-KEY(\"peer support\")"));
    assertEquals(s("A", "B"), m("scopus", "TITLE-ABS-KEY(peer W/3 support)"));
    assertEquals(s("B"), m("scopus", "ABS(peer PRE/3 support)"));
    assertEquals(s(), m("scopus", "ABS(support PRE/3 peer)"), "PRE is ordered");
    assertEquals(s("A"), m("scopus", "TITLE(peer OR mentor* W/2 nurses)"), "OR binds before W/n in Scopus");
    assertEquals(s("A"), m("scopus", "TITLE-ABS-KEY(peer) AND NOT TITLE(burnout)"));
    assertEquals(s("B"), m("scopus", "PUBYEAR > 2010 AND PUBYEAR < 2015"));
    assertEquals(s("B"), m("scopus", "DOCTYPE(re)"));
    assertEquals(s("A", "C"), m("scopus", "LANGUAGE(english)"));
    assertEquals(s("A"), m("scopus", "TITLE-ABS-KEY({peer support})"));
    assertTrue(error("scopus", "peer NOT mice").contains("AND NOT"));
    assertTrue(error("scopus", "TITLE(peer) AND (LIMIT-TO(PUBYEAR,2019))").contains("LIMIT-TO(…) is a Scopus results filter"));
  }

  @Test
  void webOfScience() throws Exception {
    assertEquals(s("A"), m("wos", "TS=(\"peer support\")"));
    assertEquals(s("A"), m("wos", "TI=(peer NEAR/1 support)"));
    assertEquals(s("A", "B"), m("wos", "TS=(peer NEAR support)"), "NEAR alone is NEAR/15");
    assertEquals(s("A", "B"), m("wos", "TS=(peer SAME support)"));
    assertTrue(warnings("wos", "TS=(peer SAME support)").contains("SAME"));
    assertEquals(s("B"), m("wos", "TS=peer AND PY=2010-2015"));
    assertEquals(s("C"), m("wos", "TS=colo$r AND PY=(2005)"));
    assertEquals(s("B"), m("wos", "TS=peer NOT LA=english"));
    assertTrue(error("wos", "XX=(peer)").contains("unsupported Web of Science field tag XX="));
    assertEquals(s("A"), m("wos", "TS=peer\nTI=nurses\n#1 AND #2"));
  }

  @Test
  void cochrane() throws Exception {
    assertEquals(s("A"), m("cochrane", "\"peer support\":ti,ab,kw"));
    assertEquals(s("B"), m("cochrane", "(peer NEAR/3 support):ab"));
    assertEquals(s("A"), m("cochrane", "peer NEXT support"));
    assertEquals(s("A"), m("cochrane", "MeSH descriptor: [Nurses] explode all trees"));
    assertEquals(s("A"), m("cochrane", "[mh ^\"Peer Group\"]"));
    assertEquals(s("A"), m("cochrane",
        "#1 MeSH descriptor: [Nurses] explode all trees\n#2 mentor*:ti,ab,kw\n#3 #1 AND #2"));
    assertEquals(s("A", "B"), m("cochrane", "peer:ti,ab,kw (Word variations have been searched)"));
    assertTrue(warnings("cochrane", "peer:ti,ab,kw (Word variations have been searched)").contains("word variations"));
    assertTrue(error("cochrane", "peer:zz").contains("unsupported Cochrane field code :zz"));
    assertTrue(error("cochrane", "peer:ti with Cochrane Library publication date Between Jan 2000 and Dec 2010")
        .contains("is a Cochrane Library limit"), "a date limit is not searched as words");
  }
}
