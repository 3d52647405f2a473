package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/** The JSON formats' bad input: broken JSON keeps the records before the break and says where. */
class JsonFormatsTest {

  private static RecordDump.Result read(String name, String text) throws IOException {
    return RecordDump.read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void brokenCslJsonKeepsTheItemsBeforeTheBreak() throws IOException {
    String csl = "[\n {\"id\": \"a\", \"type\": \"article-journal\", \"title\": \"Kept item\",\n"
        + "  \"issued\": {\"date-parts\": [[2021]]}},\n {\"id\": \"b\", \"type\": \"article-journal\",\n"
        + "  \"title\": \"Cut off\n";
    RecordDump.Result r = read("zotero.json", csl);
    assertEquals("csl-json", r.report().format());
    assertEquals(List.of("Kept item"), r.records().stream().map(BibRecord::title).toList());
    Rejected broken = r.rejects().stream().filter(x -> x.position() == 2).findFirst().orElseThrow();
    assertTrue(broken.reason().startsWith("JSON error at line "), broken.reason());
  }

  @Test
  void aCrossrefWorkResponseIsReadAsCslJson() throws IOException {
    String crossref = "{\"status\":\"ok\",\"message-type\":\"work\",\"message\":{\"DOI\":\"10.5555/cr.1\","
        + "\"type\":\"journal-article\",\"title\":[\"A made-up Crossref work\"],\"container-title\":"
        + "[\"Invented Letters\"],\"issued\":{\"date-parts\":[[2017,3]]},\"author\":[{\"given\":\"Ada\","
        + "\"family\":\"Lovelace-Smith\"}],\"abstract\":\"<jats:p>Short <jats:italic>made-up</jats:italic>"
        + " abstract.</jats:p>\"}}";
    RecordDump.Result r = read("10.5555_cr.1.json", crossref);
    assertEquals("csl-json", r.report().format());
    BibRecord rec = r.records().get(0);
    assertEquals("A made-up Crossref work", rec.title());
    assertEquals("Short made-up abstract.", rec.abstractText());
    assertEquals(2017, rec.year());
    assertEquals(List.of("Lovelace-Smith, Ada"), rec.authors());
  }

  @Test
  void anOpenAlexSingleWorkIsReadWithItsAbstractRebuilt() throws IOException {
    String work = "{\"id\":\"https://openalex.org/W1\",\"display_name\":\"One work\",\"publication_year\":2015,"
        + "\"abstract_inverted_index\":{\"rises\":[2],\"Sea\":[0],\"level\":[1],\"again\":[3,5],\"and\":[4]}}";
    RecordDump.Result r = read("W1.json", work);
    assertEquals("openalex-json", r.report().format());
    assertEquals("Sea level rises again and again", r.records().get(0).abstractText());
  }
}
