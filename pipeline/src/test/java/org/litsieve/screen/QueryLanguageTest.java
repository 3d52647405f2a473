package org.litsieve.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.rules.QueryCompiler;
import org.litsieve.rules.QueryException;
import org.litsieve.rules.QueryPrinter;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;

/** The documented constructs of the query language, PubMed and Ovid, run through the Screener. */
class QueryLanguageTest {
  @TempDir Path tmp;

  static BibRecord rec(String title, String abs) {
    return BibRecord.builder(new Provenance("t.ris", 1, 1, "", "")).title(title).abstractText(abs)
        .year(2015).language("eng").build();
  }

  static final BibRecord PEER = rec("Peer-support workers' training: a well-being programme for WOMEN",
      "Lived experience staff completed the course. Santé mentale.")
      .toBuilder().subjectHeadings(List.of("*Alzheimer Disease/therapy", "Humans", "Peer Group"))
      .publicationTypes(List.of("Journal Article")).authors(List.of("Okafor, Ada")).build();

  private boolean matches(String key, String query, BibRecord r) throws Exception {
    return matches(key, query, r, "");
  }

  private boolean matches(String key, String query, BibRecord r, String extra) throws Exception {
    Path rules = tmp.resolve("r.yaml");
    String indented = query.contains("\n") ? "|\n      " + query.replace("\n", "\n      ") : "'" + query.replace("'", "''") + "'";
    Files.writeString(rules, extra + "tags:\n  - name: t\n    " + key + ": " + indented + "\n");
    Rules loaded = RulesLoader.load(rules);
    BibRecord eligible = r;
    return new Screener(loaded).everyBlock(eligible).get(0).matched();
  }

  @Test
  void everyNativeConstruct() throws Exception {
    assertTrue(matches("query", "peer AND (train* OR curricul*)", PEER));
    assertTrue(matches("query", "\"peer support work*\"", PEER), "phrase with truncation");
    assertTrue(matches("query", "wom?n", PEER));
    assertTrue(matches("query", "\"peer support\" W/1 training", PEER), "ordered, one word between");
    assertTrue(!matches("query", "training W/3 \"peer support\"", PEER), "W is ordered");
    assertTrue(matches("query", "training NEAR/3 \"peer support\"", PEER), "NEAR is not");
    assertTrue(!matches("query", "peer NEAR/0 training", PEER), "two words between peer and training");
    assertTrue(matches("query", "(peer OR consumer) NEAR/2 (workers OR staff)", PEER), "groups in proximity");
    assertTrue(matches("query", "ti:\"well being\" AND ab:sante", PEER), "hyphen = space; accents folded");
    assertTrue(!matches("query", "ab:peer", PEER));
    assertTrue(matches("query", "tiab:\"lived experience\"", PEER));
    assertTrue(matches("query", "mh:alzheimer", PEER), "words inside headings");
    assertTrue(matches("query", "heading.major:\"Alzheimer Disease\"", PEER));
    assertTrue(!matches("query", "heading:\"Alzheimer\"", PEER), "a heading is matched whole");
    assertTrue(!matches("query", "heading.major:\"Humans\"", PEER), "Humans is not major");
    assertTrue(matches("query", "pt:\"journal article\" AND au:okafor AND la:eng", PEER));
    assertTrue(matches("query", "year:2010-2020 AND NOT_A_WORD OR peer", PEER));
    assertTrue(!matches("query", "year:2016-", PEER));
    assertTrue(matches("query", "peer OR course NOT women", PEER), "NOT binds tighter than OR");
    assertTrue(!matches("query", "(peer OR course) NOT women", PEER));
    assertTrue(!matches("query", "mice AND peer OR nothing", PEER), "AND binds tighter than OR");
  }

  @Test
  void stemmingOnlyWhenSwitchedOn() throws Exception {
    assertTrue(!matches("query", "worker", PEER));
    assertTrue(matches("query", "worker", PEER, "analysis:\n  stemming: true\n"));
  }

  @Test
  void pubmedIsLeftToRight() throws Exception {
    BibRecord r = rec("Dementia care", "x").toBuilder().year(2005).subjectHeadings(List.of("Dementia")).build();
    assertTrue(matches("pubmed", "mice[tiab] OR care[ti] AND 2000:2010[dp]", r));
    assertTrue(!matches("pubmed", "care[ti] OR mice[tiab] AND 2011:2020[dp]", r), "(a OR b) AND c, not a OR (b AND c)");
    assertTrue(matches("pubmed", "Dementia[mh:noexp] AND english[la]", r.toBuilder().language("English").build()));
    assertEquals("(ti,ab,ot:\"peer support*\" OR heading.exp:\"Dementia\") NOT pt:review",
        QueryPrinter.print(QueryCompiler.parse(QueryCompiler.Syntax.PUBMED,
            "\"peer support*\"[tiab] OR Dementia[mh] NOT review[pt]").model()));
    QueryException e = assertThrows(QueryException.class,
        () -> QueryCompiler.parse(QueryCompiler.Syntax.PUBMED, "peer[xx]"));
    assertTrue(e.getMessage().contains("unsupported PubMed field tag [xx]"), e.getMessage());
  }

  @Test
  void ovidLinesHeadingsAndExplosion() throws Exception {
    BibRecord r = rec("Caring for patients with Alzheimer disease", "x").toBuilder()
        .subjectHeadings(List.of("Alzheimer Disease/nursing")).language("English").build();
    String strategy = "exp Dementia/\ncaring adj2 patient$.ti.\n1 and 2\nlimit 3 to english";
    assertTrue(!matches("ovid", strategy, r), "without a tree, exp matches the heading itself only");
    Files.writeString(tmp.resolve("mesh.xml"), "<DescriptorRecordSet>"
        + "<DescriptorRecord><DescriptorName><String>Dementia</String></DescriptorName>"
        + "<TreeNumberList><TreeNumber>F03.615.400</TreeNumber></TreeNumberList></DescriptorRecord>"
        + "<DescriptorRecord><DescriptorName><String>Alzheimer Disease</String></DescriptorName>"
        + "<TreeNumberList><TreeNumber>F03.615.400.100</TreeNumber></TreeNumberList></DescriptorRecord>"
        + "<DescriptorRecord><DescriptorName><String>Delirium</String></DescriptorName>"
        + "<TreeNumberList><TreeNumber>F03.615.350</TreeNumber></TreeNumberList></DescriptorRecord>"
        + "</DescriptorRecordSet>");
    assertTrue(matches("ovid", strategy, r, "mesh:\n  descriptors: mesh.xml\n"), "with the tree, exp explodes");
    assertTrue(!matches("ovid", "exp Delirium/", r, "mesh:\n  descriptors: mesh.xml\n"));
    assertEquals("(heading.exp:\"Dementia\" AND ti:(caring NEAR/1 patient*)) AND la:(english OR eng)",
        QueryPrinter.print(QueryCompiler.parse(QueryCompiler.Syntax.OVID, strategy).model()));
    QueryException e = assertThrows(QueryException.class,
        () -> QueryCompiler.parse(QueryCompiler.Syntax.OVID, "peer.ti.\n1 or 3"));
    assertTrue(e.getMessage().contains("line reference 3") && e.line() == 2, e.getMessage());
  }

  @Test
  void explosionWithoutTreeIsAWarningAndValidationErrorsHavePositions() throws Exception {
    Path rules = tmp.resolve("w.yaml");
    Files.writeString(rules, "tags:\n  - name: t\n    ovid: |\n      exp Dementia/\n      1 adj3 x\n");
    RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(rules));
    assertTrue(e.getMessage().contains("adj3"), e.getMessage());
    Files.writeString(rules, "tags:\n  - name: t\n    ovid: |\n      peer.ti.\n      exp Dementia/\n");
    Rules ok = RulesLoader.load(rules);
    assertEquals(1, ok.warnings().size());
    assertEquals(5, ok.warnings().get(0).line());
    assertTrue(ok.warnings().get(0).message().contains("no MeSH descriptor file"), ok.warnings().toString());
    Files.writeString(rules, "tags:\n  - name: t\n    query: >-\n      peer AND\n      xx:train\n");
    RulesException unknown = assertThrows(RulesException.class, () -> RulesLoader.load(rules));
    assertEquals(5, unknown.problems().get(0).line());
    assertEquals(7, unknown.problems().get(0).column());
    assertTrue(unknown.problems().get(0).message().contains("unknown field 'xx'"));
  }
}
