package org.litsieve.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/** Test helper: parses bytes through {@link ExportReader} and dumps the result as stable text. */
final class RecordDump {
  private RecordDump() {}

  /** What one file gave. */
  record Result(FileReport report, List<BibRecord> records, List<Rejected> rejects) {
    /** Records plus rejects that stand for one input record (position > 0). */
    int perRecordCount() {
      int n = records.size();
      for (Rejected r : rejects) {
        if (r.position() > 0) {
          n++;
        }
      }
      return n;
    }
  }

  static Result read(String name, byte[] bytes) throws IOException {
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    FileReport report = ExportReader.read(name, new ByteArrayInputStream(bytes), ParseSink.into(records, rejects));
    return new Result(report, records, rejects);
  }

  /** One "key: value" line per non-empty field; records and rejects in file order. */
  static String dump(Result r) {
    StringBuilder b = new StringBuilder();
    b.append("format: ").append(r.report().format()).append('\n');
    b.append("encoding: ").append(r.report().encoding()).append('\n');
    b.append("records: ").append(r.records().size()).append('\n');
    b.append("rejected: ").append(r.rejects().size()).append('\n');
    for (String w : r.report().warnings()) {
      b.append("warning: ").append(w).append('\n');
    }
    for (BibRecord rec : r.records()) {
      Provenance p = rec.origin();
      b.append("\n=== record ").append(p.position()).append(" (line ").append(p.line()).append(")\n");
      line(b, "source_id", p.sourceId());
      line(b, "database", p.database());
      line(b, "type", rec.type());
      line(b, "title", rec.title());
      line(b, "abstract", rec.abstractText());
      list(b, "author", rec.authors());
      if (rec.year() != 0) {
        line(b, "year", Integer.toString(rec.year()));
      }
      line(b, "journal", rec.journal());
      line(b, "journal_abbrev", rec.journalAbbrev());
      line(b, "volume", rec.volume());
      line(b, "issue", rec.issue());
      line(b, "pages", rec.pages());
      line(b, "doi", rec.doi());
      line(b, "pmid", rec.pmid());
      line(b, "pmcid", rec.pmcid());
      line(b, "issn", rec.issn());
      line(b, "isbn", rec.isbn());
      list(b, "keyword", rec.keywords());
      list(b, "heading", rec.subjectHeadings());
      line(b, "language", rec.language());
      list(b, "publication_type", rec.publicationTypes());
      line(b, "url", rec.url());
    }
    for (Rejected x : r.rejects()) {
      b.append("\n=== rejected ").append(x.position()).append(" (line ").append(x.line()).append(")\n");
      line(b, "reason", x.reason());
      line(b, "excerpt", x.excerpt());
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (!value.isEmpty()) {
      // escape line breaks so that every field stays on one line of the dump
      b.append(key).append(": ").append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    }
  }

  private static void list(StringBuilder b, String key, List<String> values) {
    for (String v : values) {
      line(b, key, v);
    }
  }
}
