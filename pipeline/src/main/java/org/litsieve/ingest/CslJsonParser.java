package org.litsieve.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads CSL-JSON, the citation format Zotero, Mendeley and citeproc tools export ("CSL JSON"):
 * an array of items with {@code type}, {@code title}, {@code author: [{family, given}]},
 * {@code issued: {date-parts: [[2020, 5]]}}, {@code container-title}, {@code DOI}… Crossref's
 * REST API answers in the same vocabulary, so one of its work responses
 * ({@code {"message": {…}}}) or lists ({@code {"message": {"items": […]}}}) is read too.
 *
 * <p><b>Output.</b> One {@link BibRecord} per item, position = 1-based item ordinal, line = the
 * line the item's object starts on. Field mapping in docs/formats.md.
 *
 * <p><b>Failure behaviour.</b> An item without a title is rejected as "no title"; JSON that is
 * not well formed gives one reject where it breaks (see {@link JsonRecords}). Only the reader's
 * {@link IOException} is thrown.
 */
public final class CslJsonParser implements ExportParser {
  private static final java.util.regex.Pattern JATS = java.util.regex.Pattern.compile("</?jats:[^>]*>");

  @Override
  public String id() {
    return "csl-json";
  }

  @Override
  public String displayName() {
    return "CSL-JSON (Zotero, Mendeley, Crossref)";
  }

  /**
   * 88 for JSON whose head holds CSL's item keys ({@code "type"} with {@code "issued"},
   * {@code "container-title"} or an author's {@code "family"}), else 0.
   */
  @Override
  public int sniff(String head) {
    char c = JsonRecords.firstChar(head);
    if (c != '[' && c != '{') {
      return 0;
    }
    boolean type = head.contains("\"type\"");
    boolean csl = head.contains("\"issued\"") || head.contains("\"container-title\"")
        || head.contains("\"family\"");
    return type && csl ? 88 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    JsonRecords.read(text, sourceFile, sink, Set.of("items"), new JsonRecords.Handler() {
      int position;

      @Override
      public void record(JsonNode node, int line) {
        JsonNode message = node.get("message");
        if (message != null && message.isObject()) { // a Crossref API response
          JsonNode items = message.get("items");
          if (items != null && items.isArray()) {
            for (JsonNode item : items) {
              emit(item, sourceFile, ++position, line, sink);
            }
          } else {
            emit(message, sourceFile, ++position, line, sink);
          }
          return;
        }
        emit(node, sourceFile, ++position, line, sink);
      }

      @Override
      public int records() {
        return position;
      }
    });
  }

  private static String str(JsonNode n, String field) {
    return FieldText.oneLine(JsonRecords.text(n.get(field)));
  }

  private static void emit(JsonNode item, String sourceFile, int position, int line, ParseSink sink) {
    String title = str(item, "title");
    if (title.isEmpty()) {
      String excerpt = item.toString();
      sink.reject(new Rejected(sourceFile, position, line, "no title",
          excerpt.length() > 200 ? excerpt.substring(0, 200) : excerpt));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, position, line, str(item, "id"), str(item, "source")));
    b.title(title);
    String abs = JsonRecords.text(item.get("abstract"));
    if (abs.contains("<jats:")) { // Crossref gives abstracts as JATS XML
      abs = FieldText.oneLine(JATS.matcher(abs).replaceAll(" "));
    }
    b.abstractText(FieldText.abstractText(abs));
    List<String> authors = new ArrayList<>();
    for (JsonNode a : item.path("author")) {
      String family = str(a, "family");
      String given = str(a, "given");
      String literal = str(a, "literal");
      String name = !family.isEmpty() ? (given.isEmpty() ? family : family + ", " + given)
          : !literal.isEmpty() ? literal : str(a, "name");
      if (!name.isEmpty()) {
        authors.add(name);
      }
    }
    b.authors(authors);
    b.year(year(item));
    b.journal(str(item, "container-title"));
    String abbrev = str(item, "container-title-short");
    b.journalAbbrev(abbrev.isEmpty() ? str(item, "journalAbbreviation") : abbrev);
    b.volume(str(item, "volume")).issue(str(item, "issue"));
    b.pages(str(item, "page").replace("--", "-").replace('\u2013', '-'));
    b.doi(str(item, "DOI"));
    String pmid = str(item, "PMID");
    b.pmid(RisParser.isDigits(pmid) ? pmid : "");
    String pmcid = str(item, "PMCID");
    b.pmcid(pmcid.startsWith("PMC") ? pmcid : "");
    String[] issn = FieldText.issnIsbn(str(item, "ISSN"));
    String[] isbn = FieldText.issnIsbn(str(item, "ISBN"));
    b.issn(issn[0]).isbn(isbn[1]);
    String keywords = str(item, "keyword");
    b.keywords(keywords.isEmpty() ? List.of()
        : FieldText.split(keywords, keywords.indexOf(';') >= 0 ? ';' : ','));
    b.language(str(item, "language"));
    String type = str(item, "type");
    b.type(type);
    if (!type.isEmpty()) {
      b.addPublicationType(type);
    }
    b.url(str(item, "URL"));
    sink.record(b.build());
  }

  /** issued (else published-print, published-online, created): date-parts, raw or literal. */
  private static int year(JsonNode item) {
    for (String field : new String[] {"issued", "published-print", "published-online"}) {
      JsonNode d = item.get(field);
      if (d == null) {
        continue;
      }
      JsonNode parts = d.path("date-parts");
      if (parts.isArray() && parts.size() > 0 && parts.get(0).isArray() && parts.get(0).size() > 0) {
        int y = parts.get(0).get(0).asInt(0);
        if (y > 0) {
          return y;
        }
      }
      int y = FieldText.year(JsonRecords.text(d.get("raw")));
      if (y == 0) {
        y = FieldText.year(JsonRecords.text(d.get("literal")));
      }
      if (y == 0 && d.isValueNode()) {
        y = FieldText.year(d.asText());
      }
      if (y > 0) {
        return y;
      }
    }
    return 0;
  }
}
