package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;

/**
 * One bad byte never costs a whole file: a stray NUL or control byte in one record of a text
 * export, and records written in another encoding than the rest of the file. Real binary files
 * are still refused.
 */
class StrayBytesTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private static List<String> titles(RecordDump.Result r) {
    return r.records().stream().map(BibRecord::title).toList();
  }

  private static String ris(int n, int damaged, String damage) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append("TY  - JOUR\nTI  - Record ").append(i).append(i == damaged ? damage : "")
          .append("\nDO  - 10.5555/stray.").append(i).append("\nER  - \n\n");
    }
    return b.toString();
  }

  @Test
  void aNulByteInOneRecordOfAThousandLosesNoRecord() throws IOException {
    RecordDump.Result r = RecordDump.read("nul.ris",
        ris(1000, 500, " with a\u0000NUL").getBytes(StandardCharsets.UTF_8));
    assertEquals(1000, r.records().size(), r.rejects().toString());
    assertTrue(r.rejects().isEmpty(), r.rejects().toString());
    assertEquals("Record 500 with aNUL", r.records().get(499).title());
    int line = 5 * 499 + 2;
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.startsWith("line " + line + ": 1 NUL")),
        r.report().warnings().toString());
  }

  @Test
  void aControlByteInOneXmlRecordLosesNoRecord() throws IOException {
    String xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
        + "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>First\u0001one"
        + "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
        + "<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Second"
        + "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n";
    RecordDump.Result r = RecordDump.read("ctl.xml", xml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("First one", "Second"), titles(r), r.rejects().toString());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.startsWith("line 3: 1 NUL or control")),
        r.report().warnings().toString());
  }

  @Test
  void realBinaryFilesAreStillRefused() throws IOException {
    byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\nTY  - JOUR\n".getBytes(CP1252);
    RecordDump.Result r = RecordDump.read("paper.ris", pdf);
    assertTrue(r.records().isEmpty());
    assertTrue(r.rejects().get(0).reason().startsWith("binary file"), r.rejects().toString());
    byte[] many = ris(20, 0, "").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < many.length; i += 50) {
      many[i] = 0; // 2% NUL bytes: not a stray byte
    }
    assertTrue(RecordDump.read("nuls.ris", many).rejects().get(0).reason().startsWith("binary file"));
  }

  @Test
  void utf8RecordsInsideAWindows1252FileAreReadAsUtf8WithANote() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("TY  - JOUR\nTI  - Müller on café workers\nER  - \n\n".getBytes(CP1252));
    b.writeBytes("TY  - JOUR\nTI  - Jürgen on crème brûlée\nER  - \n".getBytes(StandardCharsets.UTF_8));
    RecordDump.Result r = RecordDump.read("mixed.ris", b.toByteArray());
    assertEquals(List.of("Müller on café workers", "Jürgen on crème brûlée"), titles(r));
    assertTrue(r.report().encoding().endsWith("windows-1252"), r.report().encoding());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.startsWith("line 6: read as UTF-8")),
        r.report().warnings().toString());
  }

  @Test
  void windows1252RecordsInsideAUtf8FileAreNotReplacedByQuestionMarks() throws IOException {
    StringBuilder utf8 = new StringBuilder();
    for (int i = 0; i < 2000; i++) { // more than the head the charset is chosen from
      utf8.append("TY  - JOUR\nTI  - Crème number ").append(i).append("\nER  - \n\n");
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(utf8.toString().getBytes(StandardCharsets.UTF_8));
    b.writeBytes("TY  - JOUR\nTI  - Señora in windows-1252\nER  - \n".getBytes(CP1252));
    RecordDump.Result r = RecordDump.read("mixed2.ris", b.toByteArray());
    assertTrue(r.report().encoding().startsWith("UTF-8"), r.report().encoding());
    assertEquals("Señora in windows-1252", r.records().get(2000).title());
    assertFalse(titles(r).stream().anyMatch(t -> t.contains("\uFFFD")), titles(r).toString());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.startsWith("line 8002: read as windows-1252")),
        r.report().warnings().toString());
  }
}
