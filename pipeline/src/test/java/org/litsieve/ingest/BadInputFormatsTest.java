package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/**
 * Bad input for every format: truncated, binary and empty files, tags without values, XML that
 * needs a DTD or external entity, a 50 MB field (generated here, never committed) and a ragged
 * CSV row. Each gives a reject or a warning with a reason; no other record is lost.
 */
class BadInputFormatsTest {

  private static RecordDump.Result read(String name, String text) throws IOException {
    return RecordDump.read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> titles(RecordDump.Result r) {
    return r.records().stream().map(BibRecord::title).toList();
  }

  @Test
  void emptyAndBinaryFilesAreRejectedAsWholeFiles() throws IOException {
    RecordDump.Result empty = RecordDump.read("e.bib", new byte[0]);
    assertEquals(1, empty.rejects().size());
    assertEquals(0, empty.rejects().get(0).position());
    assertTrue(empty.rejects().get(0).reason().contains("empty"), empty.rejects().toString());
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 37);
    }
    RecordDump.Result bin = RecordDump.read("b.xml", binary);
    assertEquals(1, bin.rejects().size());
    assertTrue(bin.rejects().get(0).reason().startsWith("binary file"), bin.rejects().toString());
  }

  @Test
  void truncatedFilesKeepTheRecordsBeforeTheCut() throws IOException {
    RecordDump.Result xml = read("t.xml", "<PubmedArticleSet><PubmedArticle><MedlineCitation>"
        + "<PMID>1</PMID><Article><ArticleTitle>First</ArticleTitle></Article></MedlineCitation>"
        + "</PubmedArticle><PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTi");
    assertEquals(List.of("First"), titles(xml));
    assertEquals(1, xml.rejects().size());
    Rejected cut = xml.rejects().get(0);
    assertEquals(2, cut.position());
    assertTrue(cut.reason().startsWith("XML error"), cut.reason());

    RecordDump.Result bib = read("t.bib", "@article{a,\n title={Kept},\n year=2020}\n"
        + "@article{b,\n title={Cut off");
    assertEquals(List.of("Kept"), titles(bib));
    assertEquals("truncated entry at end of file", bib.rejects().get(0).reason());

    RecordDump.Result wos = read("t.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        + "PT J\nTI Whole\nER\n\nPT J\nAU Smith, J\n");
    assertEquals(List.of("Whole"), titles(wos));
    assertEquals("truncated record at end of file", wos.rejects().get(0).reason());
  }

  @Test
  void anEntryWithUnbalancedBracesIsRejectedAndTheNextOneRead() throws IOException {
    RecordDump.Result bib = read("u.bib", "@article{a,\n title={Broken {here},\n year=2020\n"
        + "@article{b,\n title={Next},\n year=2021}\n");
    assertEquals(List.of("Next"), titles(bib));
    assertEquals("unbalanced braces: the entry never closes", bib.rejects().get(0).reason());
    assertEquals(1, bib.rejects().get(0).position());
  }

  @Test
  void aTagWithNoValueIsIgnored() throws IOException {
    RecordDump.Result ris = read("n.ris", "TY  - JOUR\nTI  - Has title\nAB  -\nAU  - \nER  - \n");
    assertEquals(1, ris.records().size());
    assertEquals("", ris.records().get(0).abstractText());
    RecordDump.Result wos = read("n.txt", "FN Web of Science\nVR 1.0\nPT J\nTI Has title\nAB\nAU\nER\nEF\n");
    assertEquals(List.of("Has title"), titles(wos));
    assertTrue(wos.records().get(0).authors().isEmpty());
    RecordDump.Result ovid = read("n.txt", "<1>\nTitle\n  Has title\nAbstract\nAuthor\n\n<2>\nTitle\n  Second\n");
    assertEquals(List.of("Has title", "Second"), titles(ovid));
  }

  @Test
  void xmlThatNeedsItsDtdOrAnExternalEntityIsRejected() throws IOException {
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n"
        + "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n<PubmedArticleSet>\n"
        + "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&secret;"
        + "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n";
    RecordDump.Result r = read("xxe.xml", xxe);
    assertEquals("pubmed-xml", r.report().format());
    assertTrue(r.records().isEmpty(), "no record may hold the entity's content: " + r.records());
    assertEquals(1, r.perRecordCount(), r.rejects().toString());
    assertTrue(r.rejects().get(0).reason().contains("secret"), r.rejects().get(0).reason());

    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE xml [\n <!ENTITY a \"aaaaaaaaaa\">\n"
        + " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
        + "<xml><records><record><titles><title>&c;</title></titles></record></records></xml>\n";
    RecordDump.Result e = read("laughs.xml", laughs);
    assertEquals("endnote-xml", e.report().format());
    assertTrue(e.records().isEmpty());
    assertEquals(1, e.perRecordCount(), e.rejects().toString());
    assertTrue(e.rejects().get(0).reason().contains("XML error"), e.rejects().get(0).reason());
  }

  @Test
  void aDoctypeThatIsNotNeededIsIgnored() throws IOException {
    RecordDump.Result r = read("efetch.xml", "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet"
        + " PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\""
        + " \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>"
        + "<PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>A &amp; B</ArticleTitle>"
        + "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
    assertEquals(List.of("A & B"), titles(r));
    assertTrue(r.rejects().isEmpty(), r.rejects().toString());
  }

  private static final int FIFTY_MB = 50 * 1024 * 1024;

  @Test
  void aFiftyMegabyteFieldIsCutWithAWarningAndNoRecordIsLost() throws IOException {
    String huge = "x".repeat(FIFTY_MB);
    RecordDump.Result ris = read("big.ris", "TY  - JOUR\nTI  - Before\nER  - \n"
        + "TY  - JOUR\nTI  - Huge\nAB  - " + huge + "\nER  - \nTY  - JOUR\nTI  - After\nER  - \n");
    assertEquals(List.of("Before", "Huge", "After"), titles(ris));
    assertTrue(ris.records().get(1).abstractText().length() <= FieldText.MAX_FIELD_CHARS);
    assertTrue(ris.report().warnings().stream().anyMatch(w -> w.contains("cut to")),
        ris.report().warnings().toString());

    RecordDump.Result xml = read("big.xml", "<PubmedArticleSet><PubmedArticle><MedlineCitation>"
        + "<PMID>1</PMID><Article><ArticleTitle>Huge</ArticleTitle><Abstract><AbstractText>" + huge
        + "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle><PubmedArticle>"
        + "<MedlineCitation><PMID>2</PMID><Article><ArticleTitle>After</ArticleTitle></Article>"
        + "</MedlineCitation></PubmedArticle></PubmedArticleSet>");
    assertEquals(List.of("Huge", "After"), titles(xml));
    assertEquals(FieldText.MAX_FIELD_CHARS, xml.records().get(0).abstractText().length());
    assertTrue(xml.report().warnings().stream().anyMatch(w -> w.contains("cut to")));

    RecordDump.Result csv = read("big.csv", "title,abstract\nBefore,a\nHuge," + huge + "\nAfter,b\n");
    assertEquals(List.of("Before", "Huge", "After"), titles(csv));
    assertFalse(csv.report().warnings().isEmpty());
  }

  @Test
  void aRaggedCsvRowLosesNoOtherRow() throws IOException {
    RecordDump.Result r = read("ragged.csv", "title,abstract,year\nOne,a,2001\nTwo\n"
        + "Three,c,2003,extra,cells\nFour,d,2004\n");
    assertEquals(List.of("One", "Two", "Three", "Four"), titles(r));
    assertEquals(2003, r.records().get(2).year());
    assertEquals(2004, r.records().get(3).year());
  }

  @Test
  void encodingsAreDetectedAndReported() throws IOException {
    byte[] cp1252 = "TY  - JOUR\r\nTI  - Caf\u00e9 \u00fcber M\u00fcller \u2013 25\u00b0\r\nER  - \r\n"
        .getBytes(java.nio.charset.Charset.forName("windows-1252"));
    RecordDump.Result w = RecordDump.read("w.ris", cp1252);
    assertEquals("windows-1252", w.report().encoding());
    assertEquals("Caf\u00e9 \u00fcber M\u00fcller \u2013 25\u00b0", w.records().get(0).title());
    byte[] gbk = "@ARTICLE{k,\n author = {\u51ef\u6492},\n title = {\u6d4b\u8bd5\u6807\u9898},\n}\n"
        .getBytes(java.nio.charset.Charset.forName("GBK"));
    RecordDump.Result g = RecordDump.read("g.bib", gbk);
    assertEquals("GBK", g.report().encoding());
    assertEquals("\u6d4b\u8bd5\u6807\u9898", g.records().get(0).title());
    byte[] le = "TY  - JOUR\nTI  - \u00c5ngstr\u00f6m\nER  - \n".getBytes(StandardCharsets.UTF_16LE);
    RecordDump.Result u = RecordDump.read("u.ris", le);
    assertEquals("UTF-16LE (no BOM)", u.report().encoding());
    assertEquals("\u00c5ngstr\u00f6m", u.records().get(0).title());
  }

  @Test
  void aCsvHeaderWithTwoEmptyOrRepeatedColumnNamesIsRead() throws IOException {
    // found by ParserFuzzTest: the header's names went into Set.of, which throws on a repeat
    RecordDump.Result csv = read("trailing.csv", "Title,Year,Title,,\nFirst,2020,x,,\nSecond,2021,y,,\n");
    assertEquals(List.of("First", "Second"), titles(csv), csv.rejects().toString());
    assertTrue(csv.rejects().isEmpty(), csv.rejects().toString());
  }
}
