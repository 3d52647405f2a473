package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads Web of Science "plain text" exports (also called ISI or field-tagged format, often saved as
 * {@code savedrecs.txt} or {@code .isi}).
 *
 * <p><b>Input.</b> A file header {@code FN …} and {@code VR …}, then records: lines starting with
 * a two-character tag and a space ({@code PT J}, {@code TI …}), continuation lines indented with
 * three spaces, {@code ER} alone ends a record, {@code EF} ends the file. A record starts at
 * {@code PT} or at the first tag after an {@code ER}.
 *
 * <p><b>Output.</b> One {@link BibRecord} per record; position = 1-based ordinal, line = line of
 * its first tag. Mapping: TI title; AB abstract; AF (full names), else AU, authors (one per line,
 * or ";"-separated on one line); PY year (else the year in PD, EA); SO journal; JI (ISO), else J9,
 * abbreviation; VL; IS; BP-EP, else PS, else AR pages; DI DOI; PM PMID; UT source id (a
 * {@code MEDLINE:} UT also gives the PMID); SN, else EI, ISSN; BN ISBN; DE keywords; ID (Keywords
 * Plus) subject headings; LA language; DT publication types, PT type; database from the UT prefix
 * ({@code WOS:} Web of Science Core Collection, {@code MEDLINE:}, {@code INSPEC:}…), else "Web of
 * Science".
 *
 * <p><b>Failure behaviour.</b> A field longer than {@value FieldText#MAX_FIELD_CHARS} characters
 * over all its lines, and the text of a record past {@value FieldText#MAX_RECORD_CHARS}, are
 * dropped as they are read, with a warning naming the record ({@link RecordBudget}); the record is
 * kept. A record with no title is rejected ("no title"); a last record
 * with no {@code ER} is kept if it has a title, else rejected as "truncated record at end of
 * file". A tag with no value is ignored. Only the reader's {@link IOException} is thrown.
 */
public final class WosParser implements ExportParser {

  @Override
  public String id() {
    return "wos";
  }

  @Override
  public String displayName() {
    return "Web of Science plain text";
  }

  /**
   * 98 when the head starts with {@code FN} and {@code VR} lines (or one line {@code FN … VR 1.0}), 80 when the first tag line is
   * {@code PT} and the head has an {@code ER} line (a file without its header), else 0.
   */
  @Override
  public int sniff(String head) {
    List<String> lines = HeadLines.of(head);
    String first = HeadLines.firstNonBlank(lines);
    boolean fn = first.startsWith("FN ");
    // Older exports and some tools write the header as one line: "FN ISI Export Format VR 1.0".
    boolean oneLineHeader = fn && first.contains(" VR ");
    boolean vr = false;
    boolean pt = false;
    boolean er = false;
    boolean firstTag = true;
    for (String l : lines) {
      if (l.startsWith("VR ")) {
        vr = true;
      }
      if (isTag(l)) {
        if (firstTag && l.startsWith("PT ")) {
          pt = true;
        }
        firstTag = false;
      }
      if (l.strip().equals("ER")) {
        er = true;
      }
    }
    if (fn && (vr || oneLineHeader)) {
      return 98;
    }
    return pt && er ? 80 : 0;
  }

  /** {@code XX value} or a bare {@code XX}: an upper-case letter, a letter or digit, then a space or the end. */
  static boolean isTag(String line) {
    int n = line.length();
    if (n < 2) {
      return false;
    }
    char a = line.charAt(0);
    char b = line.charAt(1);
    if (a < 'A' || a > 'Z' || !((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))) {
      return false;
    }
    return n == 2 || line.charAt(2) == ' ' || (n == 3 && line.charAt(2) == '\t');
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    String line;
    int lineNo = 0;
    int position = 0;
    Raw cur = null;
    String lastTag = null;
    while ((line = text.readLine()) != null) {
      lineNo++;
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (isTag(line)) {
        String tag = line.substring(0, 2);
        String value = line.length() > 3 ? line.substring(3).strip() : "";
        if (tag.equals("ER")) {
          if (cur != null) {
            finish(cur, sourceFile, sink, true);
            cur = null;
          }
          lastTag = null;
          continue;
        }
        if (cur == null && (tag.equals("FN") || tag.equals("VR") || tag.equals("EF"))) {
          lastTag = null;
          continue;
        }
        if (cur != null && tag.equals("PT") && cur.fields.containsKey("PT")) {
          finish(cur, sourceFile, sink, false); // a record whose ER is missing
          cur = null;
        }
        if (cur == null) {
          cur = new Raw(++position, lineNo);
        }
        cur.excerpt(line);
        lastTag = tag;
        cur.fieldLength = 0;
        if (!cur.budget.newValue(value.length())) {
          cur.budget.cutIn(tag); // the record is full: the line is dropped, and told in the warning
          continue;
        }
        cur.add(tag, value);
      } else if (cur != null && lastTag != null && Character.isWhitespace(line.charAt(0))) {
        cur.add(lastTag, line.strip()); // a continuation line: one more value line
        cur.excerpt(line);
      }
    }
    if (cur != null) {
      finish(cur, sourceFile, sink, false);
    }
  }

  private static final class Raw {
    final int position;
    final int line;
    final Map<String, List<String>> fields = new LinkedHashMap<>();
    final StringBuilder excerpt = new StringBuilder();
    final RecordBudget budget = new RecordBudget();
    /** Characters the current tag holds so far, across its continuation lines. */
    long fieldLength;

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }

    /** One more line of {@code tag}'s value, as much of it as the record's budget allows. */
    void add(String tag, String value) {
      if (fieldLength >= FieldText.MAX_FIELD_CHARS ? budget.room(fieldLength, value.length()) == 0
          : fieldLength > 0 && !budget.newValue(value.length())) {
        budget.cutIn(tag); // the field or the record is full: dropped and counted
        return;
      }
      String kept = budget.take(tag, fieldLength, value);
      fieldLength += kept.length() + 1; // and the space or line break it is joined with
      if (!kept.isEmpty() || value.isEmpty()) {
        fields.computeIfAbsent(tag, k -> new ArrayList<>()).add(kept);
      }
    }

    void excerpt(String l) {
      if (excerpt.length() < Rejected.MAX_EXCERPT) {
        excerpt.append(l.strip()).append(' ');
      }
    }

    /** The tag's lines joined by spaces, "" if absent. */
    String joined(String tag) {
      List<String> v = fields.get(tag);
      return v == null ? "" : FieldText.oneLine(String.join(" ", v));
    }

    /** The tag's lines, each line one item, each ";"-separated part one item. */
    List<String> items(String tag) {
      List<String> out = new ArrayList<>();
      List<String> v = fields.get(tag);
      if (v != null) {
        for (String l : v) {
          out.addAll(FieldText.split(l, ';'));
        }
      }
      return out;
    }

    /** A ";"-separated list whose items may wrap onto continuation lines (DE, ID). */
    List<String> wrappedList(String tag) {
      return FieldText.split(joined(tag), ';');
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink, boolean closed) {
    raw.budget.report(sink, raw.position, raw.line);
    String title = raw.joined("TI");
    String ut = raw.joined("UT");
    if (title.isEmpty()) {
      String reason = closed ? "no title" : "truncated record at end of file";
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, reason, raw.excerpt.toString()));
      return;
    }
    String database = "Web of Science";
    int colon = ut.indexOf(':');
    if (colon > 0) {
      String prefix = ut.substring(0, colon);
      database = prefix.equals("WOS") ? "Web of Science Core Collection" : prefix;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, raw.position, raw.line, ut, database));
    b.title(title);
    b.abstractText(FieldText.abstractText(FieldText.cap(
        String.join("\n", raw.fields.getOrDefault("AB", List.of())), sink,
        "record " + raw.position + ", AB")));
    List<String> authors = raw.items("AF");
    if (authors.isEmpty()) {
      authors = raw.items("AU");
    }
    List<String> clean = new ArrayList<>();
    for (String a : authors) {
      clean.add(FieldText.cleanName(a));
    }
    b.authors(clean);
    int year = FieldText.year(raw.joined("PY"));
    if (year == 0) {
      year = FieldText.year(raw.joined("PD"));
    }
    if (year == 0) {
      year = FieldText.year(raw.joined("EA"));
    }
    b.year(year);
    b.journal(raw.joined("SO"));
    String abbrev = raw.joined("JI");
    b.journalAbbrev(abbrev.isEmpty() ? raw.joined("J9") : abbrev);
    b.volume(raw.joined("VL")).issue(raw.joined("IS"));
    String bp = raw.joined("BP");
    String ep = raw.joined("EP");
    String pages = bp.isEmpty() ? "" : (ep.isEmpty() || ep.equals(bp) ? bp : bp + "-" + ep);
    if (pages.isEmpty()) {
      pages = raw.joined("PS");
    }
    if (pages.isEmpty()) {
      pages = raw.joined("AR");
    }
    b.pages(pages);
    b.doi(Identifiers.normaliseDoi(raw.joined("DI")));
    String pmid = raw.joined("PM");
    if (pmid.isEmpty() && ut.startsWith("MEDLINE:")) {
      pmid = ut.substring(8);
    }
    b.pmid(RisParser.isDigits(pmid) ? pmid : "");
    String issn = FieldText.issnIsbn(raw.joined("SN"))[0];
    b.issn(issn.isEmpty() ? FieldText.issnIsbn(raw.joined("EI"))[0] : issn);
    b.isbn(FieldText.issnIsbn(raw.joined("BN"))[1]);
    b.keywords(raw.wrappedList("DE"));
    b.subjectHeadings(raw.wrappedList("ID"));
    b.language(raw.joined("LA"));
    b.publicationTypes(raw.wrappedList("DT"));
    b.type(raw.joined("PT"));
    sink.record(b.build());
  }
}
