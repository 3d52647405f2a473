package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads RIS exports from any vendor (PubMed, Ovid, EBSCO, Scopus, Web of Science, Embase,
 * ProQuest, Zotero, EndNote, Mendeley, …).
 *
 * <p><b>Input.</b> Tag lines {@code XX  - value}: two characters (an upper-case letter, then an
 * upper-case letter or digit), one or two spaces or tabs, a hyphen, then a space or the end of the
 * line. {@code TY} starts a record and the tag line {@code ER  -} (with or without a value or a
 * trailing space) ends it. Any other line is a continuation of the previous field: it is joined
 * with a space, a blank line inside a field becomes a line break (so abstracts keep their
 * paragraphs), and for {@code KW} an unindented continuation line is a further keyword. A line
 * that merely starts with "ER" is a continuation, never the end of a record. Text outside records
 * (headers such as "Record #1 of 2", blank lines, tags that trail an {@code ER}) is ignored; in a
 * file with no {@code TY} line before them, tag lines start a record, so a file that lost its
 * {@code TY} lines still reads.
 *
 * <p><b>Output.</b> One {@link BibRecord} per record, in file order. Position is the record's
 * 1-based ordinal and line is the line of its {@code TY} (or first tag). Mapping: TI/T1 (else
 * ST, BT) title; AB/N2 abstract; AU/A1 authors (A2 editors are not authors); PY, else Y1, DA,
 * Y2 year; JF, else T2, JO journal; JA, else J2, else an unused JO abbreviation; VL; IS; SP/EP
 * pages; DO (else a DOI in UR, L3, M3) DOI; AN (else ID) source id; a PMID from AN in PubMed
 * exports or a "PMID:" note; SN as ISSN or ISBN by shape; KW keywords; LA; TY kept in type and,
 * with M3, named in publication types; DB (else DP) database; UR (else L2) URL; C2 as PMCID.
 *
 * <p><b>Failure behaviour.</b> A field longer than {@value FieldText#MAX_FIELD_CHARS} characters
 * over all its lines, and the text of a record past {@value FieldText#MAX_RECORD_CHARS}, are
 * dropped as they are read, with a warning naming the record ({@link RecordBudget}); the record is
 * kept. A record with no title is rejected as "no
 * title"; a last record with no {@code ER} is kept if it has a title, else rejected as
 * "truncated record at end of file". Rejects carry the first characters of the record. Nothing
 * is thrown except the reader's own {@link IOException}.
 */
public final class RisParser implements ExportParser {

  private static int code(char a, char b) {
    return (a << 8) | b;
  }

  private static final int TY = ('T' << 8) | 'Y';
  private static final int ER = ('E' << 8) | 'R';
  private static final int TI = ('T' << 8) | 'I';
  private static final int T1 = ('T' << 8) | '1';
  private static final int ST = ('S' << 8) | 'T';
  private static final int BT = ('B' << 8) | 'T';
  private static final int AB = ('A' << 8) | 'B';
  private static final int N2 = ('N' << 8) | '2';
  private static final int AU = ('A' << 8) | 'U';
  private static final int A1 = ('A' << 8) | '1';
  private static final int PY = ('P' << 8) | 'Y';
  private static final int Y1 = ('Y' << 8) | '1';
  private static final int DA = ('D' << 8) | 'A';
  private static final int Y2 = ('Y' << 8) | '2';
  private static final int JF = ('J' << 8) | 'F';
  private static final int T2 = ('T' << 8) | '2';
  private static final int JO = ('J' << 8) | 'O';
  private static final int JA = ('J' << 8) | 'A';
  private static final int J2 = ('J' << 8) | '2';
  private static final int VL = ('V' << 8) | 'L';
  private static final int IS = ('I' << 8) | 'S';
  private static final int SP = ('S' << 8) | 'P';
  private static final int EP = ('E' << 8) | 'P';
  private static final int DO = ('D' << 8) | 'O';
  private static final int UR = ('U' << 8) | 'R';
  private static final int L2 = ('L' << 8) | '2';
  private static final int L3 = ('L' << 8) | '3';
  private static final int M3 = ('M' << 8) | '3';
  private static final int AN = ('A' << 8) | 'N';
  private static final int ID = ('I' << 8) | 'D';
  private static final int SN = ('S' << 8) | 'N';
  private static final int KW = ('K' << 8) | 'W';
  private static final int LA = ('L' << 8) | 'A';
  private static final int DB = ('D' << 8) | 'B';
  private static final int DP = ('D' << 8) | 'P';
  private static final int C2 = ('C' << 8) | '2';

  @Override
  public String id() {
    return "ris";
  }

  @Override
  public String displayName() {
    return "RIS";
  }

  /**
   * 95 when the first tag line is {@code TY}, 85 when a {@code TY} line appears later in the first
   * 200 lines (exports with a preamble), 40 for three or more RIS tag lines without any {@code TY}
   * (a damaged file), else 0.
   */
  @Override
  public int sniff(String head) {
    int tagLines = 0;
    boolean firstTag = true;
    for (String line : HeadLines.of(head)) {
      if (valueStart(line) >= 0) {
        if (line.charAt(0) == 'T' && line.charAt(1) == 'Y') {
          return firstTag ? 95 : 85;
        }
        firstTag = false;
        tagLines++;
      }
    }
    return tagLines >= 3 ? 40 : 0;
  }

  /**
   * Where the value starts if {@code line} is an RIS tag line, else -1. Accepts {@code XX  - v},
   * {@code XX - v}, {@code XX\t- v} and a bare {@code XX  -}.
   */
  static int valueStart(CharSequence line) {
    int n = line.length();
    if (n < 4) {
      return -1;
    }
    char a = line.charAt(0);
    char b = line.charAt(1);
    if (a < 'A' || a > 'Z' || !((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))) {
      return -1;
    }
    int i = 2;
    char c = line.charAt(i);
    if (c != ' ' && c != '\t') {
      return -1;
    }
    i++;
    c = line.charAt(i);
    if (c == ' ' || c == '\t') {
      i++;
      if (i >= n) {
        return -1;
      }
      c = line.charAt(i);
    }
    if (c != '-') {
      return -1;
    }
    i++;
    if (i == n) {
      return n;
    }
    c = line.charAt(i);
    if (c == ' ' || c == '\t') {
      return i + 1;
    }
    return -1;
  }

  /**
   * Record starts as {@link #parse} makes them: a {@code TY} line always starts one; before the
   * first {@code TY}, any tag line starts one when none is open; {@code ER} closes it. A split
   * may begin at a record start with none open (after {@code ER}), where nothing else carries
   * over: a record closed by the next {@code TY} instead of {@code ER} is finished differently at
   * the end of a split.
   */
  @Override
  public SplitPoints splitPoints() {
    return new SplitPoints() {
      private final SplitPoints.Ascii ascii = new SplitPoints.Ascii();
      private boolean open;
      private boolean sawTy;

      @Override
      public int line(byte[] line, int length, boolean blank) {
        if (length < 4 || line[0] < 'A' || line[0] > 'Z') {
          return NONE; // not a tag line: continuation or ignored
        }
        CharSequence head = ascii.of(line, length);
        if (valueStart(head) < 0) {
          return NONE;
        }
        int tag = code(head.charAt(0), head.charAt(1));
        if (tag == ER) {
          open = false;
          return NONE;
        }
        if (tag == TY) {
          sawTy = true;
        } else if (open || sawTy) {
          return NONE; // a tag of the open record, or a stray tag after ER
        }
        int kind = open ? START : CUT;
        open = true;
        return kind;
      }
    };
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    String line;
    int lineNo = 0;
    int position = 0;
    Raw cur = null;
    boolean blankPending = false;
    boolean sawTy = false;
    while ((line = text.readLine()) != null) {
      lineNo++;
      int vs = valueStart(line);
      if (vs < 0) {
        if (cur == null || cur.size == 0) {
          continue;
        }
        if (isBlank(line)) {
          blankPending = true;
          continue;
        }
        cur.continuation(line, blankPending);
        blankPending = false;
        continue;
      }
      blankPending = false;
      int tag = code(line.charAt(0), line.charAt(1));
      if (tag == ER) {
        if (cur != null) {
          finish(cur, sourceFile, sink, true);
          cur = null;
        }
        continue;
      }
      if (tag == TY) {
        sawTy = true;
        if (cur != null) {
          finish(cur, sourceFile, sink, true);
          cur = null;
        }
      } else if (cur == null && sawTy) {
        continue; // a stray tag after ER (Ovid puts NL there): not a record of its own
      }
      if (cur == null) {
        cur = new Raw(++position, lineNo);
      }
      cur.excerpt(line);
      cur.add(tag, line, vs);
    }
    if (cur != null) {
      finish(cur, sourceFile, sink, false);
    }
  }

  private static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\f' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  /** One record's tag values, in file order. */
  private static final class Raw {
    final int position;
    final int line;
    int size;
    int[] tags = new int[32];
    StringBuilder[] values = new StringBuilder[32];
    final StringBuilder excerpt = new StringBuilder();
    final RecordBudget budget = new RecordBudget();

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }

    void excerpt(String l) {
      if (excerpt.length() < Rejected.MAX_EXCERPT) {
        excerpt.append(l).append(' ');
      }
    }

    void add(int tag, String l, int from) {
      int end = l.length();
      while (from < end && Character.isWhitespace(l.charAt(from))) {
        from++;
      }
      while (end > from && Character.isWhitespace(l.charAt(end - 1))) {
        end--;
      }
      if (!budget.newValue(end - from)) {
        budget.cutIn(name(tag));
        return; // the record is full: a further tag line is dropped, and told in the warning
      }
      if (size == tags.length) {
        tags = Arrays.copyOf(tags, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      StringBuilder v = new StringBuilder(Math.max(16, Math.min(end - from, 1 << 16)));
      append(v, tag, l, from, end);
      tags[size] = tag;
      values[size] = v;
      size++;
    }

    void continuation(String l, boolean afterBlank) {
      int last = size - 1;
      boolean indented = l.charAt(0) == ' ' || l.charAt(0) == '\t';
      if (tags[last] == KW && !indented && values[last].length() > 0) {
        add(KW, l, 0); // one keyword per line, as some tools write them
        return;
      }
      int from = 0;
      int end = l.length();
      while (from < end && Character.isWhitespace(l.charAt(from))) {
        from++;
      }
      while (end > from && Character.isWhitespace(l.charAt(end - 1))) {
        end--;
      }
      StringBuilder v = values[last];
      if (v.length() > 0) {
        if (budget.room(v.length(), 1) == 0) {
          budget.room(v.length(), end - from); // counted as dropped
          budget.cutIn(name(tags[last]));
          return;
        }
        v.append(afterBlank ? '\n' : ' ');
      }
      append(v, tags[last], l, from, end);
    }

    private void append(StringBuilder v, int tag, String l, int from, int end) {
      int take = budget.room(v.length(), end - from);
      if (take < end - from) {
        budget.cutIn(name(tag));
      }
      v.append(l, from, from + take);
    }

    private static String name(int tag) {
      return new String(new char[] {(char) (tag >> 8), (char) (tag & 0xff)});
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink, boolean closed) {
    raw.budget.report(sink, raw.position, raw.line);
    String ti = null, t1 = null, st = null, bt = null, ab = null, n2 = null;
    String py = null, y1 = null, da = null, y2 = null;
    String jf = null, t2 = null, jo = null, ja = null, j2 = null;
    String vl = null, is = null, sp = null, ep = null, doi = null, ur = null, l2 = null;
    String an = null, idTag = null, sn = null, la = null, db = null, dp = null, c2 = null, ty = null;
    List<String> authors = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    List<String> m3 = new ArrayList<>();
    List<String> doiCandidates = new ArrayList<>(2);
    String pmidNote = null;
    for (int i = 0; i < raw.size; i++) {
      StringBuilder sb = raw.values[i];
      if (sb.length() == 0) {
        continue; // a tag with no value is ignored
      }
      int tag = raw.tags[i];
      String v = sb.toString();
      switch (tag) {
        case TY: ty = first(ty, v); break;
        case TI: ti = first(ti, v); break;
        case T1: t1 = first(t1, v); break;
        case ST: st = first(st, v); break;
        case BT: bt = first(bt, v); break;
        case AB: ab = first(ab, v); break;
        case N2: n2 = first(n2, v); break;
        case AU:
        case A1:
          addAuthors(authors, v);
          break;
        case PY: py = first(py, v); break;
        case Y1: y1 = first(y1, v); break;
        case DA: da = first(da, v); break;
        case Y2: y2 = first(y2, v); break;
        case JF: jf = first(jf, v); break;
        case T2: t2 = first(t2, v); break;
        case JO: jo = first(jo, v); break;
        case JA: ja = first(ja, v); break;
        case J2: j2 = first(j2, v); break;
        case VL: vl = first(vl, v); break;
        case IS: is = first(is, v); break;
        case SP: sp = first(sp, v); break;
        case EP: ep = first(ep, v); break;
        case DO: doi = first(doi, v); break;
        case UR:
          ur = first(ur, v);
          doiCandidates.add(v);
          break;
        case L2: l2 = first(l2, v); break;
        case L3: doiCandidates.add(v); break;
        case M3:
          if (Identifiers.normaliseDoi(v).isEmpty()) {
            m3.add(FieldText.oneLine(v));
          } else {
            doiCandidates.add(v);
          }
          break;
        case AN: an = first(an, v); break;
        case ID: idTag = first(idTag, v); break;
        case SN: sn = first(sn, v); break;
        case KW: {
          String k = FieldText.oneLine(v);
          if (!k.isEmpty()) {
            keywords.add(k);
          }
          break;
        }
        case LA: la = first(la, v); break;
        case DB: db = first(db, v); break;
        case DP: dp = first(dp, v); break;
        case C2: c2 = first(c2, v); break;
        default:
          break;
      }
      if (pmidNote == null && tag != AB && tag != N2 && tag != TI && tag != T1) {
        pmidNote = pmidIn(v);
      }
    }
    String title = FieldText.oneLine(or(ti, t1, st, bt));
    String abstractText = FieldText.abstractText(or(ab, n2));
    String database = FieldText.oneLine(or(db, dp));
    String sourceId = FieldText.oneLine(or(an, idTag));
    Provenance origin = new Provenance(sourceFile, raw.position, raw.line, sourceId, database);
    if (title.isEmpty()) {
      String reason = closed ? "no title" : "truncated record at end of file";
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, reason, raw.excerpt.toString()));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(origin);
    b.title(title).abstractText(abstractText).authors(authors);
    b.year(FieldText.year(or(py, y1, da, y2)));
    String journal = or(jf, t2, jo);
    String abbrev = or(ja, j2);
    if (abbrev.isEmpty() && jo != null && !jo.equals(journal)) {
      abbrev = jo;
    }
    b.journal(FieldText.oneLine(journal)).journalAbbrev(FieldText.oneLine(abbrev));
    b.volume(FieldText.oneLine(or(vl))).issue(FieldText.oneLine(or(is)));
    b.pages(pages(or(sp), or(ep)));
    String d = doi == null ? "" : Identifiers.normaliseDoi(doi);
    for (int i = 0; d.isEmpty() && i < doiCandidates.size(); i++) {
      d = FieldText.doiFromUrl(doiCandidates.get(i));
    }
    b.doi(d);
    String pmid = "";
    if (an != null && isDigits(an.strip()) && isPubMed(database)) {
      pmid = an.strip();
    } else if (pmidNote != null) {
      pmid = pmidNote;
    }
    b.pmid(pmid);
    if (c2 != null) {
      String c = c2.strip();
      if (c.length() > 3 && c.regionMatches(true, 0, "PMC", 0, 3) && isDigits(c.substring(3))) {
        b.pmcid("PMC" + c.substring(3));
      }
    }
    String[] ids = FieldText.issnIsbn(sn);
    b.issn(ids[0]).isbn(ids[1]);
    b.keywords(keywords);
    b.language(FieldText.oneLine(or(la)));
    String type = FieldText.oneLine(or(ty));
    b.type(type);
    String typeName = typeName(type);
    if (!typeName.isEmpty()) {
      b.addPublicationType(typeName);
    }
    for (String m : m3) {
      if (!m.isEmpty() && !m.equalsIgnoreCase(typeName)) {
        b.addPublicationType(m);
      }
    }
    b.url(FieldText.oneLine(or(ur, l2)));
    sink.record(b.build());
  }

  private static String first(String current, String v) {
    return current == null ? v : current;
  }

  private static String or(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  private static void addAuthors(List<String> authors, String v) {
    if (v.indexOf(';') >= 0) {
      for (String a : FieldText.split(v, ';')) {
        authors.add(FieldText.cleanName(a));
      }
    } else {
      String a = FieldText.cleanName(v);
      if (!a.isEmpty()) {
        authors.add(a);
      }
    }
  }

  private static String pages(String sp, String ep) {
    String s = FieldText.oneLine(sp);
    String e = FieldText.oneLine(ep);
    if (s.isEmpty()) {
      return e;
    }
    if (e.isEmpty() || s.indexOf('-') > 0 || s.indexOf('\u2013') > 0 || s.equals(e)) {
      return s;
    }
    return s + "-" + e;
  }

  static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPubMed(String database) {
    String d = database.toLowerCase(Locale.ROOT);
    return d.contains("pubmed") || d.contains("medline") || d.contains("nlm");
  }

  /** The digits after "PMID" (as in "PMID: 123" or "PMID 123") in a note, or null. */
  private static String pmidIn(String v) {
    int at = v.indexOf("PMID");
    if (at < 0) {
      return null;
    }
    int i = at + 4;
    while (i < v.length() && (v.charAt(i) == ':' || v.charAt(i) == ' ' || v.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    return i > start && i - start <= 10 ? v.substring(start, i) : null;
  }

  /** A readable name for common RIS reference types; "" for unknown ones. */
  static String typeName(String ty) {
    switch (ty.toUpperCase(Locale.ROOT)) {
      case "JOUR":
      case "JFULL":
        return "Journal Article";
      case "EJOUR":
        return "Electronic Article";
      case "ABST":
        return "Abstract";
      case "BOOK":
      case "EBOOK":
        return "Book";
      case "CHAP":
      case "ECHAP":
        return "Book Section";
      case "CONF":
      case "CPAPER":
        return "Conference Paper";
      case "THES":
        return "Thesis";
      case "RPRT":
        return "Report";
      case "GEN":
        return "Generic";
      case "NEWS":
        return "Newspaper Article";
      case "MGZN":
        return "Magazine Article";
      case "UNPB":
        return "Unpublished Work";
      case "PAT":
        return "Patent";
      case "ELEC":
        return "Web Page";
      case "DATA":
        return "Dataset";
      case "SER":
        return "Serial";
      case "STAND":
        return "Standard";
      default:
        return "";
    }
  }
}
