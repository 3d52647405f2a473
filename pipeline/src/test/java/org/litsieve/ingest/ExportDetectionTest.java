package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/**
 * Detection weighs the whole evidence and explains itself; variants of tagged layouts (indented
 * lines, a one-line WoS header) are read; and a file that loses records, or gives none, says so
 * with a whole-file reject row instead of passing quietly. Fixtures are made up here, in the
 * layouts the vendors write.
 */
class ExportDetectionTest {

  private static RecordDump.Result read(String name, String text) throws IOException {
    return RecordDump.read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> titles(RecordDump.Result r) {
    return r.records().stream().map(BibRecord::title).toList();
  }

  private static List<Rejected> wholeFile(RecordDump.Result r) {
    return r.rejects().stream().filter(x -> x.position() == 0).toList();
  }

  /** A screening table of 51 rows whose quoted abstracts hold lines that look like tags. */
  static String tableWithTaggedLinesInCells() {
    StringBuilder b = new StringBuilder("\"record_id\",\"title\",\"abstract\",\"authors\",\"year\",\"doi\"\n");
    String[] openers = {"TY  - JOUR is how the RIS export begins, the authors note.",
        "PMID- 31234567 was cited as the index study.", "@article{smith2019, was the key used.",
        "ER  - ends each record, as described in the methods."};
    for (int i = 1; i <= 51; i++) {
      b.append(i).append(",\"Exporting references for review ").append(i).append("\",\"")
          .append("Background: reference managers differ.\n")
          .append(openers[i % openers.length]).append('\n')
          .append("2015-2019 exports were compared.\"")
          .append(",\"Moreau, Anne; Quist, Bram\",").append(2000 + i % 20)
          .append(",\"10.5555/ref.").append(i).append("\"\n");
    }
    return b.toString();
  }

  @Test
  void aTableWithTaggedLinesInsideItsQuotedCellsIsReadAsATable() throws IOException {
    RecordDump.Result r = read("screening.csv", tableWithTaggedLinesInCells());
    assertEquals("csv", r.report().format());
    assertEquals(51, r.records().size());
    assertEquals("Exporting references for review 51", r.records().get(50).title());
    assertTrue(r.rejects().isEmpty(), r.rejects().toString());
  }

  @Test
  void aTableWhoseAbstractsHaveStructuredLabelsIsReadAsATable() throws IOException {
    StringBuilder b = new StringBuilder("\"author\",\"title\",\"journal\",\"year\",\"abstract\"\n");
    for (int i = 1; i <= 30; i++) {
      b.append("\"Okafor, C.; Lindqvist, E.\",\"Physiotherapy after knee replacement: trial ").append(i)
          .append("\",\"Journal of Made-Up Rehabilitation\",").append(2010 + i % 12).append(",\"")
          .append("PURPOSE OF REVIEW: To summarise trials.\n")
          .append("RECENT FINDINGS: Eleven trials were found.\n")
          .append("2016-2021 REGISTRY- data were pooled.\n")
          .append("SUMMARY: Early mobilisation helps.\"\n");
    }
    RecordDump.Result r = read("export.csv", b.toString());
    assertEquals("csv", r.report().format());
    assertEquals(30, r.records().size());
    assertTrue(r.records().get(0).abstractText().startsWith("PURPOSE OF REVIEW:"));
  }

  @Test
  void detectionScoresEveryParserAndExplainsItsChoice() throws IOException {
    String table = tableWithTaggedLinesInCells();
    ExportFormats.Choice c = ExportFormats.choose(table);
    assertEquals("csv", c.parser().get().id());
    assertEquals(ExportFormats.all().size(), c.scores().size());
    String why = c.explain();
    assertTrue(why.startsWith("csv 99"), why);
    assertTrue(why.contains("ris "), "the runner-up is named: " + why);
    ExportReader.Detection d = ExportReader.detect(
        new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)));
    assertEquals(why, d.explain());
  }

  @Test
  void anOvidExportWithEveryLineIndentedByOneSpaceIsRead() throws IOException {
    String ovid = " <1. >\n VN  - Ovid Technologies\n DB  - Embase\n AN  - 2031234567\n"
        + " TI  - Pulmonary rehabilitation in made-up cohorts: a randomised trial\n"
        + " AU  - Varga, Lilla\n AU  - Osei, Kwame\n YR  - 2021\n"
        + " AB  - Background: this abstract is invented. It runs on a second\n"
        + "       line as Ovid indents continuations.\n DO  - https://dx.doi.org/10.5555/ovid.1\n\n"
        + " <2. >\n VN  - Ovid Technologies\n DB  - Embase\n AN  - 2031234568\n"
        + " TI  - Inhaler technique education: a cluster trial\n AU  - Brandt, Jonas\n YR  - 2020\n"
        + " DO  - https://dx.doi.org/10.5555/ovid.2\n";
    RecordDump.Result r = read("ovid-display.txt", ovid);
    assertEquals("ovid", r.report().format());
    assertEquals(List.of("Pulmonary rehabilitation in made-up cohorts: a randomised trial",
        "Inhaler technique education: a cluster trial"), titles(r));
    assertEquals("10.5555/ovid.1", r.records().get(0).doi());
    assertTrue(r.records().get(0).abstractText().endsWith("as Ovid indents continuations."),
        r.records().get(0).abstractText());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.contains("indented by 1 space")),
        r.report().warnings().toString());
  }

  @Test
  void indentedRisAndMedlineAreRead() throws IOException {
    String ris = "  TY  - JOUR\n  TI  - Indented RIS as pasted from a web page\n  PY  - 2022\n"
        + "  DO  - 10.5555/ris.1\n  ER  - \n\n  TY  - JOUR\n  TI  - A second record\n  ER  - \n";
    RecordDump.Result r = read("pasted.ris", ris);
    assertEquals("ris", r.report().format());
    assertEquals(List.of("Indented RIS as pasted from a web page", "A second record"), titles(r));
    String medline = " PMID- 39000001\n TI  - Indented MEDLINE record about sleep\n"
        + "       and its second title line\n DP  - 2023 Jan\n\n PMID- 39000002\n TI  - Another one\n";
    RecordDump.Result m = read("pasted.nbib", medline);
    assertEquals("medline", m.report().format());
    assertEquals(List.of("Indented MEDLINE record about sleep and its second title line", "Another one"),
        titles(m));
  }

  @Test
  void aWebOfScienceExportWithAOneLineHeaderIsRead() throws IOException {
    String wos = "FN ISI Export Format VR 1.0\nPT J\nAU Haddad, N\nTI Soil microbes under made-up\n"
        + "   drought conditions\nSO JOURNAL OF INVENTED ECOLOGY\nPY 2019\nDI 10.5555/wos.1\n"
        + "UT WOS:000000000000001\nER\n\nPT J\nAU Ito, K\nTI Root exudates and fungi\nPY 2020\n"
        + "UT WOS:000000000000002\nER\n\nEF\n";
    RecordDump.Result r = read("savedrecs.txt", wos);
    assertEquals("wos", r.report().format());
    assertEquals(List.of("Soil microbes under made-up drought conditions", "Root exudates and fungi"),
        titles(r));
  }

  @Test
  void aRisFileOfOnlyErLinesGetsANote() throws IOException {
    RecordDump.Result r = read("only-er.ris", "ER  - \n\nER  - \nER  - \n");
    assertEquals("ris", r.report().format());
    assertTrue(r.records().isEmpty());
    List<Rejected> whole = wholeFile(r);
    assertEquals(1, whole.size(), r.rejects().toString());
    assertTrue(whole.get(0).reason().startsWith("no records"), whole.get(0).reason());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.startsWith("no records")));
  }

  @Test
  void recordsSwallowedByAnUnclosedEntryAreCountedAndLocated() throws IOException {
    String bib = "@article{kept,\n title={Kept entry},\n year={2020}}\n"
        + "@article{open,\n title={Never closed},\n note={a brace {that does not close}\n"
        + "  @article{second,\n title={Second}}\n  @article{third,\n title={Third}}\n";
    RecordDump.Result r = read("lost.bib", bib);
    assertEquals("bibtex", r.report().format());
    List<Rejected> whole = wholeFile(r);
    assertEquals(1, whole.size(), r.rejects().toString());
    String reason = whole.get(0).reason();
    assertTrue(reason.contains("4 record starts") && reason.contains("2 records lost"), reason);
    assertTrue(reason.contains("lines 7, 9"), reason);
    assertEquals(7, whole.get(0).line());
  }

  @Test
  void aFileWhoseRecordsMostlyFailSaysSoOnce() throws IOException {
    StringBuilder ris = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      ris.append("TY  - JOUR\nAB  - An abstract without a title ").append(i).append("\nER  - \n");
    }
    ris.append("TY  - JOUR\nTI  - The only titled record\nER  - \n");
    RecordDump.Result r = read("untitled.ris", ris.toString());
    assertEquals(1, r.records().size());
    List<Rejected> whole = wholeFile(r);
    assertEquals(1, whole.size(), r.rejects().toString());
    assertTrue(whole.get(0).reason().startsWith("5 of 6 records rejected (the first: no title)"),
        whole.get(0).reason());
  }
}
