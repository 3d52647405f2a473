package org.litsieve.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads OpenAlex works as its API returns them: a page ({@code {"meta": …, "results": [work…]}}),
 * one work, an array of works, or one work a line (JSON Lines, as snapshots and many scripts
 * save them).
 *
 * <p><b>Output.</b> One {@link BibRecord} per work, position = 1-based work ordinal, line = the
 * line the work's object starts on; database "OpenAlex". The abstract is rebuilt from
 * {@code abstract_inverted_index} (word → positions). Field mapping in docs/formats.md.
 *
 * <p><b>Failure behaviour.</b> A work without a title is rejected as "no title"; JSON that is not
 * well formed gives one reject where it breaks (see {@link JsonRecords}). Only the reader's
 * {@link IOException} is thrown.
 */
public final class OpenAlexJsonParser implements ExportParser {

  @Override
  public String id() {
    return "openalex-json";
  }

  @Override
  public String displayName() {
    return "OpenAlex works JSON";
  }

  /** 96 for JSON whose head holds an OpenAlex work id and a work's keys, else 0. */
  @Override
  public int sniff(String head) {
    char c = JsonRecords.firstChar(head);
    if (c != '[' && c != '{') {
      return 0;
    }
    boolean work = head.contains("\"https://openalex.org/W");
    boolean keys = head.contains("\"display_name\"") || head.contains("\"abstract_inverted_index\"")
        || head.contains("\"publication_year\"");
    return work && keys ? 96 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    JsonRecords.read(text, sourceFile, sink, Set.of("results"), new JsonRecords.Handler() {
      int position;

      @Override
      public void record(JsonNode work, int line) {
        emit(work, sourceFile, ++position, line, sink);
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

  private static String at(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      cur = cur.path(p);
    }
    return FieldText.oneLine(JsonRecords.text(cur));
  }

  private static void emit(JsonNode w, String sourceFile, int position, int line, ParseSink sink) {
    String title = str(w, "title");
    if (title.isEmpty()) {
      title = str(w, "display_name");
    }
    if (title.isEmpty()) {
      String excerpt = w.toString();
      sink.reject(new Rejected(sourceFile, position, line, "no title",
          excerpt.length() > 200 ? excerpt.substring(0, 200) : excerpt));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, position, line, str(w, "id"), "OpenAlex"));
    b.title(title);
    b.abstractText(FieldText.abstractText(abstractText(w.get("abstract_inverted_index"))));
    List<String> authors = new ArrayList<>();
    for (JsonNode a : w.path("authorships")) {
      String name = at(a, "author", "display_name");
      if (name.isEmpty()) {
        name = str(a, "raw_author_name");
      }
      if (!name.isEmpty()) {
        authors.add(name);
      }
    }
    b.authors(authors);
    b.year(FieldText.year(str(w, "publication_year")));
    String journal = at(w, "primary_location", "source", "display_name");
    b.journal(journal.isEmpty() ? at(w, "host_venue", "display_name") : journal);
    b.volume(at(w, "biblio", "volume")).issue(at(w, "biblio", "issue"));
    String first = at(w, "biblio", "first_page");
    String last = at(w, "biblio", "last_page");
    b.pages(first.isEmpty() || last.isEmpty() || first.equals(last) ? first : first + "-" + last);
    String doi = str(w, "doi");
    b.doi(doi.isEmpty() ? at(w, "ids", "doi") : doi);
    b.pmid(CsvParser.lastPathSegment(at(w, "ids", "pmid")));
    b.pmcid(CsvParser.lastPathSegment(at(w, "ids", "pmcid")));
    b.issn(at(w, "primary_location", "source", "issn_l"));
    List<String> keywords = new ArrayList<>();
    for (JsonNode k : w.path("keywords")) {
      String kw = k.isTextual() ? k.asText() : str(k, "display_name");
      if (kw.isEmpty()) {
        kw = str(k, "keyword");
      }
      if (!kw.isEmpty()) {
        keywords.add(FieldText.oneLine(kw));
      }
    }
    b.keywords(keywords);
    List<String> mesh = new ArrayList<>();
    for (JsonNode m : w.path("mesh")) {
      String d = str(m, "descriptor_name");
      String q = str(m, "qualifier_name");
      if (!d.isEmpty()) {
        mesh.add((m.path("is_major_topic").asBoolean(false) ? "*" : "") + d + (q.isEmpty() ? "" : "/" + q));
      }
    }
    b.subjectHeadings(mesh);
    b.language(str(w, "language"));
    String type = str(w, "type");
    b.type(type);
    if (!type.isEmpty()) {
      b.addPublicationType(type);
    }
    b.url(at(w, "primary_location", "landing_page_url"));
    sink.record(b.build());
  }

  /** The abstract from OpenAlex's inverted index: each word placed at its positions. */
  static String abstractText(JsonNode index) {
    if (index == null || !index.isObject() || index.isEmpty()) {
      return "";
    }
    int max = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
      for (JsonNode p : it.next().getValue()) {
        int i = p.asInt(-1);
        if (i > max && i < 200_000) { // positions past any real abstract are ignored, not allocated
          max = i;
        }
      }
    }
    if (max < 0) {
      return "";
    }
    String[] words = new String[max + 1];
    for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode p : e.getValue()) {
        int i = p.asInt(-1);
        if (i >= 0 && i <= max) {
          words[i] = e.getKey();
        }
      }
    }
    StringBuilder b = new StringBuilder();
    for (String word : words) {
      if (word != null) {
        b.append(b.length() > 0 ? " " : "").append(word);
      }
    }
    return b.toString();
  }
}
