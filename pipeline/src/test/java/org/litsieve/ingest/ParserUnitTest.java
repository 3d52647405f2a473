package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Focused checks of detection and of the field helpers the golden files rely on. */
class ParserUnitTest {

  private static String detect(String head) {
    return ExportFormats.detect(head).map(ExportParser::id).orElse("none");
  }

  @Test
  void detectionPicksTheRightFormat() {
    assertEquals("ris", detect("\n\nTY  - JOUR\nTI  - x\nER  - \n"));
    assertEquals("ris", detect("Record #1 of 2\nProvider: X\n1.\nTY  - JOUR\nTI  - x\nER  -\n"));
    assertEquals("medline", detect("PMID- 1\nOWN - NLM\nTI  - x\n"));
    assertEquals("medline", detect("\nOWN - ERIC\nTI  - x\nAU  - y\n"));
    assertEquals("csv", detect("Authors,Title,Year\nA,B,2020\n"));
    assertEquals("csv", detect("title;abstract\nx;y\n"));
    assertEquals("csv", detect("PT\tAU\tTI\tUT\nJ\ta\tb\tc\n"));
    assertEquals("wos", detect("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nER\n"));
    assertEquals("wos", detect("PT J\nAU Smith, J\nTI x\nER\n"));
    assertEquals("pubmed-xml", detect("<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC"
        + " \"-//NLM//DTD PubMedArticle//EN\" \"https://dtd.nlm.nih.gov/x.dtd\">\n<PubmedArticleSet>"));
    assertEquals("pubmed-xml", detect("<PubmedBookArticle>\n<BookDocument>"));
    assertEquals("endnote-xml", detect("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><records><record>"));
    assertEquals("ovid", detect("<1. >\nVN  - Ovid Technologies\nDB  - Embase\nTI  - x\n"));
    assertEquals("ovid", detect("<1>\nAccession Number\n  123\nTitle\n  x\n"));
    assertEquals("bibtex", detect("Scopus\nEXPORT DATE: 1 May 2024\n\n@ARTICLE{Smith2020,\ntitle={x}}\n"));
    assertEquals("bibtex", detect("% Encoding: UTF-8\n@string{jn = \"J\"}\n@article{a, title={x}}"));
    // Copac, a bare id list and a table without a title column belong to none of these parsers.
    assertEquals("none", detect("TI- The SIS project\nAU- Prechelt, Lutz\n"));
    assertEquals("none", detect("25821185\n25362434\n"));
    assertEquals("none", detect("abstract,authors\nx,y\n"));
  }

  @Test
  void aBibliographicHeaderRowOutranksTaggedLinesInItsCellsButNotTaggedFiles() {
    CsvParser csv = new CsvParser();
    String table = "Title,Authors,Year,DOI\n\"A\",\"B\",2020,\"10.5555/x\"\n\"C\",\"PMID- 1\nTY  - JOUR\",2021,\"\"\n";
    for (ExportParser p : ExportFormats.all()) {
      if (p != csv && !p.id().equals("csv")) {
        assertTrue(csv.sniff(table) > p.sniff(table), p.id() + " outranks the table");
      }
    }
    assertEquals(0, csv.sniff("TY  - JOUR\nTI  - A, B, C\nER  - \n"));
    assertEquals(0, csv.sniff("PMID- 1\nTI  - A, B, C\n"));
  }

  @Test
  void risTagLinesAreRecognisedStrictly() {
    assertTrue(RisParser.valueStart("TY  - JOUR") == 6);
    assertTrue(RisParser.valueStart("ER  -") == 5);
    assertTrue(RisParser.valueStart("ER  - ") == 6);
    assertTrue(RisParser.valueStart("A1\t- Name") > 0);
    assertTrue(RisParser.valueStart("AU - Name") > 0);
    assertEquals(-1, RisParser.valueStart("ER then a sentence"));
    assertEquals(-1, RisParser.valueStart("ER -x"));
    assertEquals(-1, RisParser.valueStart("ERA - not a tag"));
    assertEquals(-1, RisParser.valueStart("er  - lower case"));
  }

  @Test
  void erAtTheStartOfTextNeverEndsARecord() throws IOException {
    StringBuilder ris = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      ris.append("TY  - JOUR\nTI  - Record ").append(i).append("\nAB  - text\n")
          .append("ER is where this line starts\nER  -text-without-space is not a tag either\n")
          .append("ER  -\n\n");
    }
    RecordDump.Result r = RecordDump.read("er.ris", ris.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(3, r.records().size());
    assertEquals(0, r.rejects().size());
    assertTrue(r.records().get(0).abstractText().contains("ER is where this line starts"));
  }

  @Test
  void yearsAndIdentifiers() {
    assertEquals(2014, FieldText.year("2014//"));
    assertEquals(2009, FieldText.year("19 Jan 2009"));
    assertEquals(0, FieldText.year("12345 n.d."));
    assertEquals(0, FieldText.year(null));
    assertArrayEquals(new String[] {"0021-9606", ""}, FieldText.issnIsbn("0021-9606 (Print)"));
    assertArrayEquals(new String[] {"1336-1376", ""}, FieldText.issnIsbn("13361376"));
    assertArrayEquals(new String[] {"", "9780306406157"}, FieldText.issnIsbn("978-0-306-40615-7"));
    assertArrayEquals(new String[] {"1234-567X", "0306406152"}, FieldText.issnIsbn("0-306-40615-2; 1234-567x"));
  }

  @Test
  void authorCellsSplit() {
    assertEquals(List.of("Rahmani A.M.", "Gia T.N."), CsvParser.authors("Rahmani A.M., Gia T.N."));
    assertEquals(List.of("Smith, A.", "Jones, B."), CsvParser.authors("Smith, A., Jones, B."));
    assertEquals(List.of("Zuna, R E", "Wang, S S"), CsvParser.authors("Zuna, R E and Wang, S S"));
    assertEquals(List.of("Marx, Karl", "Lindgren, Astrid"),
        CsvParser.authors("['Marx, Karl', 'Lindgren, Astrid']"));
    assertEquals(List.of("Doe, Jane"), CsvParser.authors("Doe, Jane"));
    assertEquals(List.of("Rivera, Ana", "Okafor, C."),
        CsvParser.fullNames("Rivera, Ana (57000000001); Okafor, C. (57000000002)"));
  }

  @Test
  void majorMeshHeadingsGetOneLeadingStar() {
    assertEquals("*Heart Diseases/therapy", MedlineParser.heading("Heart Diseases/*therapy"));
    assertEquals("*Software", MedlineParser.heading("*Software"));
    assertEquals("Humans", MedlineParser.heading("Humans"));
  }
}
