package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads PubMed MEDLINE text exports ({@code .nbib}, "MEDLINE" format {@code .txt}) and the same
 * layout from other NLM-style sources such as ERIC.
 *
 * <p><b>Input.</b> Tag lines: a tag of up to four upper-case letters or digits, padded with
 * spaces, then {@code -} and usually a space ({@code PMID- 123}, {@code TI  - Title},
 * {@code ISSN - …}); continuation lines start with whitespace (PubMed uses six spaces) and are
 * joined to the previous field with a space. A {@code PMID} tag or a blank line ends the record
 * before it. Lines that are neither tags nor indented are ignored.
 *
 * <p><b>Output.</b> One {@link BibRecord} per record, position = 1-based ordinal, line = line of
 * its first tag. Mapping: TI (repeated TI joined; BTI for books) title; AB abstract (structured
 * labels such as "BACKGROUND:" kept as written; repeated AB joined by a line break); FAU, else AU,
 * authors; DP year; JT journal; TA abbreviation; VI; IP; PG; LID/AID marked {@code [doi]} (or
 * holding a DOI URL) DOI; PMID pmid and source id (else OID/AN for ERIC-style records); PMC
 * pmcid; IS (first ISSN-shaped value) or ISSN issn; ISBN isbn; OT keywords; MH subject headings
 * with {@code *Heading} for major topics; LA; PT publication types; database "PubMed" when the
 * record has a PMID, else the OWN value.
 *
 * <p><b>Failure behaviour.</b> A field longer than {@value FieldText#MAX_FIELD_CHARS} characters
 * over all its lines, and the text of a record past {@value FieldText#MAX_RECORD_CHARS}, are
 * dropped as they are read, with a warning naming the record ({@link RecordBudget}); the record is
 * kept. A record with no title is rejected as "no title" with an excerpt;
 * parsing goes on with the next record. Nothing is thrown except the reader's own
 * {@link IOException}.
 */
public final class MedlineParser implements ExportParser {

  @Override
  public String id() {
    return "medline";
  }

  @Override
  public String displayName() {
    return "PubMed MEDLINE (.nbib)";
  }

  /**
   * 98 when the first tag line is {@code PMID-}, 90 when a {@code PMID-} line appears in the first
   * 200 lines, 70 for a line with a three- or four-letter MEDLINE tag ({@code OWN -},
   * {@code FAU -}, {@code STAT-}; RIS tags have two letters) and no RIS {@code TY} or {@code ER}
   * line, else 0.
   */
  @Override
  public int sniff(String head) {
    int longTags = 0;
    boolean firstTag = true;
    boolean ris = false;
    for (String line : HeadLines.of(head)) {
      int vs = valueStart(line);
      if (vs >= 0) {
        if (line.startsWith("PMID")) {
          return firstTag ? 98 : 90;
        }
        firstTag = false;
        if (line.length() >= 6 && line.charAt(4) == '-' && line.charAt(2) != ' ') {
          longTags++; // "OWN - ", "STAT- ": padded to column 4, tag longer than two
        }
        if (line.startsWith("TY") || line.startsWith("ER")) {
          ris = true;
        }
      }
    }
    return longTags >= 1 && !ris ? 70 : 0;
  }

  /**
   * Where the value starts if {@code line} is a MEDLINE tag line, else -1: 2-4 upper-case letters
   * or digits, optional spaces, {@code -}, an optional space.
   */
  static int valueStart(CharSequence line) {
    int n = line.length();
    int i = 0;
    while (i < n && i < 4) {
      char c = line.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        i++;
      } else {
        break;
      }
    }
    if (i < 2) {
      return -1;
    }
    while (i < n && line.charAt(i) == ' ') {
      i++;
    }
    if (i >= n || line.charAt(i) != '-' || i > 5) {
      return -1;
    }
    i++;
    if (i < n && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /**
   * Record starts as {@link #parse} makes them: a blank line closes the open record; a tag line
   * starts one when none is open, and a {@code PMID} line starts one when the open record has a
   * {@code PMID} already. A split may begin at any record start (the record before is finished
   * the same way at the end of a split).
   */
  @Override
  public SplitPoints splitPoints() {
    return new SplitPoints() {
      private final SplitPoints.Ascii ascii = new SplitPoints.Ascii();
      private boolean open;
      private boolean hasPmid;

      @Override
      public int line(byte[] line, int length, boolean blank) {
        if (blank) {
          open = false;
          return NONE;
        }
        if (line[0] == ' ' || line[0] == '\t') {
          return NONE; // a continuation
        }
        CharSequence head = ascii.of(line, length);
        if (valueStart(head) < 0) {
          return NONE; // neither a tag nor a continuation: ignored
        }
        int tagEnd = 0;
        while (tagEnd < head.length() && head.charAt(tagEnd) != ' ' && head.charAt(tagEnd) != '-') {
          tagEnd++;
        }
        boolean pmid = tagEnd == 4 && head.charAt(0) == 'P' && head.charAt(1) == 'M' && head.charAt(2) == 'I'
            && head.charAt(3) == 'D';
        if (!open) {
          open = true;
          hasPmid = pmid;
          return CUT;
        }
        if (pmid && hasPmid) {
          return CUT; // finishes the open record and starts the next: nothing carries over
        }
        hasPmid |= pmid;
        return NONE;
      }
    };
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    String line;
    int lineNo = 0;
    int position = 0;
    Raw cur = null;
    while ((line = text.readLine()) != null) {
      lineNo++;
      if (line.isEmpty() || line.isBlank()) {
        if (cur != null) {
          finish(cur, sourceFile, sink);
          cur = null;
        }
        continue;
      }
      char c0 = line.charAt(0);
      if (c0 == ' ' || c0 == '\t') {
        if (cur != null && !cur.tags.isEmpty()) {
          StringBuilder v = cur.values.get(cur.values.size() - 1);
          String t = line.strip();
          if (!t.isEmpty()) {
            String tag = cur.tags.get(cur.tags.size() - 1);
            if (v.length() > 0) {
              if (cur.budget.room(v.length(), 1) == 0) {
                cur.budget.room(v.length(), t.length()); // counted as dropped
                cur.budget.cutIn(tag);
                t = "";
              } else {
                v.append(' ');
              }
            }
            cur.budget.append(v, tag, t, 0, t.length());
          }
          cur.excerpt(line);
        }
        continue;
      }
      int vs = valueStart(line);
      if (vs < 0) {
        continue; // neither a tag nor a continuation: ignored
      }
      int tagEnd = 0;
      while (tagEnd < line.length() && line.charAt(tagEnd) != ' ' && line.charAt(tagEnd) != '-') {
        tagEnd++;
      }
      String tag = line.substring(0, tagEnd);
      if (cur != null && tag.equals("PMID") && cur.has("PMID")) {
        finish(cur, sourceFile, sink);
        cur = null;
      }
      if (cur == null) {
        cur = new Raw(++position, lineNo);
      }
      cur.excerpt(line);
      String value = line.substring(vs).strip();
      if (!cur.budget.newValue(value.length())) {
        cur.budget.cutIn(tag);
        continue; // the record is full: a further tag line is dropped, and told in the warning
      }
      cur.tags.add(tag);
      cur.values.add(new StringBuilder(cur.budget.take(tag, 0, value)));
    }
    if (cur != null) {
      finish(cur, sourceFile, sink);
    }
  }

  private static final class Raw {
    final int position;
    final int line;
    final List<String> tags = new ArrayList<>(48);
    final List<StringBuilder> values = new ArrayList<>(48);
    final StringBuilder excerpt = new StringBuilder();
    final RecordBudget budget = new RecordBudget();

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }

    boolean has(String tag) {
      return tags.contains(tag);
    }

    void excerpt(String l) {
      if (excerpt.length() < Rejected.MAX_EXCERPT) {
        excerpt.append(l).append(' ');
      }
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink) {
    raw.budget.report(sink, raw.position, raw.line);
    StringBuilder title = new StringBuilder();
    StringBuilder bookTitle = new StringBuilder();
    StringBuilder abs = new StringBuilder();
    List<String> fau = new ArrayList<>();
    List<String> au = new ArrayList<>();
    String pmid = "", dp = "", jt = "", ta = "", vi = "", ip = "", pg = "", pmc = "", own = "";
    String doi = "", doiFallback = "", issn = "", isbn = "", altId = "";
    List<String> keywords = new ArrayList<>();
    List<String> mesh = new ArrayList<>();
    List<String> pts = new ArrayList<>();
    String la = "";
    for (int i = 0; i < raw.tags.size(); i++) {
      String v = raw.values.get(i).toString();
      if (v.isEmpty()) {
        continue;
      }
      switch (raw.tags.get(i)) {
        case "PMID": pmid = pmid.isEmpty() ? v : pmid; break;
        case "TI": join(title, v, ' '); break;
        case "BTI": join(bookTitle, v, ' '); break;
        case "AB": join(abs, v, '\n'); break;
        case "FAU": fau.add(FieldText.cleanName(v)); break;
        case "AU": au.add(FieldText.oneLine(v)); break;
        case "DP": dp = dp.isEmpty() ? v : dp; break;
        case "JT": jt = jt.isEmpty() ? v : jt; break;
        case "TA": ta = ta.isEmpty() ? v : ta; break;
        case "VI": vi = vi.isEmpty() ? v : vi; break;
        case "IP": ip = ip.isEmpty() ? v : ip; break;
        case "PG": pg = pg.isEmpty() ? v : pg; break;
        case "PMC": pmc = pmc.isEmpty() ? v : pmc; break;
        case "OWN": own = own.isEmpty() ? v : own; break;
        case "OID":
        case "AN":
          altId = altId.isEmpty() ? v : altId; break;
        case "LID":
        case "AID":
          if (doi.isEmpty() && v.endsWith("[doi]")) {
            doi = Identifiers.normaliseDoi(v.substring(0, v.length() - 5));
          } else if (doiFallback.isEmpty() && !v.endsWith("]")) {
            doiFallback = FieldText.doiFromUrl(v); // "doi:10.…" or a DOI URL without a [type]
          }
          break;
        case "IS":
        case "ISSN": {
          String[] ids = FieldText.issnIsbn(v);
          issn = issn.isEmpty() ? ids[0] : issn;
          isbn = isbn.isEmpty() ? ids[1] : isbn;
          break;
        }
        case "ISBN": {
          String[] ids = FieldText.issnIsbn(v);
          isbn = isbn.isEmpty() ? ids[1] : isbn;
          break;
        }
        case "OT": keywords.add(FieldText.oneLine(v)); break;
        case "MH": mesh.add(heading(v)); break;
        case "LA": la = la.isEmpty() ? v : la; break;
        case "PT": pts.add(FieldText.oneLine(v)); break;
        default: break;
      }
    }
    String t = FieldText.oneLine(title.length() > 0 ? title.toString() : bookTitle.toString());
    String database = !pmid.isEmpty() ? "PubMed" : FieldText.oneLine(own);
    String sourceId = !pmid.isEmpty() ? pmid : FieldText.oneLine(altId);
    if (t.isEmpty()) {
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, "no title", raw.excerpt.toString()));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, raw.position, raw.line, sourceId, database));
    b.title(t).abstractText(FieldText.abstractText(abs.toString()));
    b.authors(fau.isEmpty() ? au : fau);
    b.year(FieldText.year(dp));
    b.journal(FieldText.oneLine(jt)).journalAbbrev(FieldText.oneLine(ta));
    b.volume(vi).issue(ip).pages(pg);
    b.doi(doi.isEmpty() ? doiFallback : doi);
    b.pmid(pmid);
    String p = pmc.strip();
    b.pmcid(p.startsWith("PMC") ? p : "");
    b.issn(issn).isbn(isbn);
    b.keywords(keywords).subjectHeadings(mesh).language(la).publicationTypes(pts);
    b.type(pts.isEmpty() ? "" : pts.get(0));
    sink.record(b.build());
  }

  private static void join(StringBuilder b, String v, char sep) {
    if (b.length() > 0) {
      b.append(sep);
    }
    b.append(v);
  }

  /**
   * "Heart Diseases/*therapy" and "*Heart Diseases" are major topics: both become
   * "*Heart Diseases/therapy" (one star, in front).
   */
  static String heading(String v) {
    String h = FieldText.oneLine(v);
    if (h.indexOf('*') < 0) {
      return h;
    }
    return "*" + h.replace("*", "");
  }
}
