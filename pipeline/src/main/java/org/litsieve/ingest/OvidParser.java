package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads Ovid's own text exports (MEDLINE, Embase, PsycINFO and Journals@Ovid through Ovid), in
 * both layouts Ovid writes: field labels ("Title" on one line, the value indented below it) and
 * abbreviated tags ({@code TI  - value}, continuation lines indented).
 *
 * <p><b>Input.</b> Records start at a marker line {@code <1>} or {@code <1. >}; lines before the
 * first marker are ignored. In a record, an unindented line is a field label or a tag line, an
 * indented line continues the current field.
 *
 * <p><b>Output.</b> One {@link BibRecord} per marker; position = 1-based ordinal, line = the
 * marker's line. Mapping (label / tag): Title / TI title (a trailing ".[Article]" document-type
 * note removed); Abstract / AB; Author(s) / AU authors (";"-separated, affiliation marks and
 * degrees such as "MD", "PhD" removed); Source / SO parsed into journal, volume, issue, pages and
 * year, with Journal Name / JN, Volume / VO, Issue / IP, Pages / PG and Year of Publication / YR
 * in preference; ISSN / IS; ISBN / IB; DOI Number / DO DOI (else a DOI in the URL); Author
 * Keywords, Keywords / KW; MeSH Subject Headings, Subject Headings, Emtree Heading / MH
 * subject headings (Ovid's {@code *} for major topics kept); Language / LG; Document Type,
 * Publication Type / PT; Database / DB; Link to the Ovid Full Text or citation, URL / UR url;
 * Accession Number, Unique Identifier / AN, UI source id (also the PMID in an Ovid MEDLINE
 * record); PubMed Identifier / PM PMID.
 *
 * <p><b>Failure behaviour.</b> A field longer than {@value FieldText#MAX_FIELD_CHARS} characters
 * over all its lines, and the text of a record past {@value FieldText#MAX_RECORD_CHARS}, are
 * dropped as they are read, with a warning naming the record ({@link RecordBudget}); the record is
 * kept. A record without a title is rejected ("no title"). Only the
 * reader's {@link IOException} is thrown.
 */
public final class OvidParser implements ExportParser {
  private static final Pattern MARKER = Pattern.compile("^<\\s*(\\d+)\\s*(\\.\\s*)?>\\s*$");
  private static final Pattern TAG = Pattern.compile("^([A-Z][A-Z0-9]{1,3})\\s*-\\s?(.*)$");
  private static final Pattern SOURCE = Pattern.compile(
      "^(.*?)\\.\\s+(?:Vol\\.?\\s*)?(\\d+[A-Za-z]?)?\\s*(?:\\(([^)]*)\\))?\\s*(?::\\s*([A-Za-z0-9]+(?:-[A-Za-z0-9]+)?))?.*$");
  private static final Pattern YEAR_IN_SOURCE = Pattern.compile("(?<!\\d)(1[89]\\d\\d|20\\d\\d)(?!\\d)");
  private static final Pattern DOC_TYPE_NOTE = Pattern.compile("\\.?\\s*\\[[A-Za-z ,]+\\]\\s*$");
  private static final Set<String> DEGREES = Set.of("MD", "PHD", "RN", "FAAN", "MSC", "BSC",
      "MPH", "DRPH", "DPHIL", "MA", "BA", "MS", "BS", "MBBS", "FRCP", "FRCS", "DDS", "PHARMD",
      "DNP", "MSN", "BSN", "MBA", "JR", "DR", "PROF");

  /** Canonical field for each label or tag (upper-cased). */
  private static final Map<String, String> FIELDS = new HashMap<>();

  static {
    map("title", "TITLE", "TI");
    map("abstract", "ABSTRACT", "AB");
    map("authors", "AUTHOR", "AUTHORS", "AU", "AUTHORS FULL NAME", "FA", "AUTHOR NAME");
    map("accession", "ACCESSION NUMBER", "UNIQUE IDENTIFIER", "AN", "UI");
    map("source", "SOURCE", "SO");
    map("year", "YEAR OF PUBLICATION", "PUBLICATION YEAR", "YR", "YEAR");
    map("keywords", "AUTHOR KEYWORDS", "KEYWORDS", "KEYWORD HEADING", "KW", "KEY PHRASE",
        "KEYWORD");
    map("headings", "MESH SUBJECT HEADINGS", "SUBJECT HEADINGS", "EMTREE HEADING",
        "MAJOR SUBJECT HEADINGS", "MH", "SH", "EMTREE HEADINGS");
    map("language", "LANGUAGE", "LG", "LA");
    map("types", "DOCUMENT TYPE", "PUBLICATION TYPE", "PT", "DT");
    map("issn", "ISSN", "INTERNATIONAL STANDARD SERIAL NUMBER", "IS", "ELECTRONIC ISSN");
    map("isbn", "ISBN", "IB", "INTERNATIONAL STANDARD BOOK NUMBER");
    map("doi", "DOI NUMBER", "DIGITAL OBJECT IDENTIFIER", "DO", "DI", "DOI");
    map("url", "LINK TO THE OVID FULL TEXT OR CITATION", "URL", "UR");
    map("database", "DATABASE", "DB");
    map("pmid", "PUBMED IDENTIFIER", "PMID", "PM");
    map("journal", "JOURNAL NAME", "JN", "JOURNAL TITLE");
    map("abbrev", "JOURNAL ABBREVIATION", "JA", "JOURNAL ABBREVIATED TITLE");
    map("volume", "VOLUME", "VO");
    map("issue", "ISSUE", "IP", "ISSUE/PART");
    map("pages", "PAGES", "PAGE", "PG");
  }

  private static void map(String field, String... keys) {
    for (String k : keys) {
      FIELDS.put(k, field);
    }
  }

  @Override
  public String id() {
    return "ovid";
  }

  @Override
  public String displayName() {
    return "Ovid text";
  }

  /**
   * 97 when the first non-blank line is a record marker ({@code <1>}, {@code <1. >}) and a known
   * field label or tag follows in the head, else 0.
   */
  @Override
  public int sniff(String head) {
    List<String> lines = HeadLines.of(head, 60);
    if (!MARKER.matcher(HeadLines.firstNonBlank(lines)).matches()) {
      return 0;
    }
    for (String l : lines) {
      if (l.isEmpty() || Character.isWhitespace(l.charAt(0))) {
        continue;
      }
      if (FIELDS.containsKey(l.strip().toUpperCase(Locale.ROOT))) {
        return 97;
      }
      Matcher t = TAG.matcher(l);
      if (t.matches() && FIELDS.containsKey(t.group(1))) {
        return 97;
      }
    }
    return 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    String line;
    int lineNo = 0;
    int position = 0;
    Raw cur = null;
    String field = null;
    while ((line = text.readLine()) != null) {
      lineNo++;
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (MARKER.matcher(line).matches()) {
        if (cur != null) {
          finish(cur, sourceFile, sink);
        }
        cur = new Raw(++position, lineNo);
        field = null;
        continue;
      }
      if (cur == null || line.isBlank()) {
        continue;
      }
      cur.excerpt(line);
      if (Character.isWhitespace(line.charAt(0))) {
        if (field != null) {
          cur.add(field, line.strip());
        }
        continue;
      }
      Matcher t = TAG.matcher(line);
      if (t.matches()) {
        field = FIELDS.getOrDefault(t.group(1), "-" + t.group(1));
        cur.start(field);
        cur.add(field, t.group(2).strip());
        continue;
      }
      String label = line.strip();
      // an unknown label is kept only as a name for its lines, so a short one is name enough
      field = FIELDS.getOrDefault(label.toUpperCase(Locale.ROOT),
          "-" + label.substring(0, Math.min(label.length(), 80)));
      cur.start(field);
    }
    if (cur != null) {
      finish(cur, sourceFile, sink);
    }
  }

  private static final class Raw {
    final int position;
    final int line;
    /** Each field's occurrences, each occurrence its lines. */
    final Map<String, List<List<String>>> fields = new LinkedHashMap<>();
    final StringBuilder excerpt = new StringBuilder();
    final RecordBudget budget = new RecordBudget();
    /** Characters the current field occurrence holds so far, across its lines. */
    long fieldLength;

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }

    void start(String field) {
      fieldLength = 0;
      if (!budget.newValue(0)) {
        budget.cutIn(field);
        return; // the record is full: this occurrence's lines go to the last one kept, and are dropped
      }
      fields.computeIfAbsent(field, k -> new ArrayList<>()).add(new ArrayList<>());
    }

    void add(String field, String value) {
      if (value.isEmpty()) {
        return;
      }
      if (fieldLength >= FieldText.MAX_FIELD_CHARS ? budget.room(fieldLength, value.length()) == 0
          : !budget.newValue(value.length())) {
        budget.cutIn(field);
        return; // the field or the record is full: the line is dropped, and told in the warning
      }
      String kept = budget.take(field, fieldLength, value);
      fieldLength += kept.length() + 1; // and the space or line break it is joined with
      if (kept.isEmpty()) {
        return;
      }
      List<List<String>> occ = fields.computeIfAbsent(field, k -> new ArrayList<>());
      if (occ.isEmpty()) {
        occ.add(new ArrayList<>());
      }
      occ.get(occ.size() - 1).add(kept);
    }

    void excerpt(String l) {
      if (excerpt.length() < Rejected.MAX_EXCERPT) {
        excerpt.append(l.strip()).append(' ');
      }
    }

    /** The first occurrence's lines joined by spaces. */
    String first(String field) {
      List<List<String>> occ = fields.get(field);
      if (occ == null) {
        return "";
      }
      for (List<String> o : occ) {
        if (!o.isEmpty()) {
          return FieldText.oneLine(String.join(" ", o));
        }
      }
      return "";
    }

    /** Every line of every occurrence. */
    List<String> lines(String field) {
      List<String> out = new ArrayList<>();
      for (List<String> o : fields.getOrDefault(field, List.of())) {
        out.addAll(o);
      }
      return out;
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink) {
    raw.budget.report(sink, raw.position, raw.line);
    String title = DOC_TYPE_NOTE.matcher(raw.first("title")).replaceFirst("").strip();
    if (title.endsWith(".")) {
      title = title.substring(0, title.length() - 1);
    }
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, "no title", raw.excerpt.toString()));
      return;
    }
    String accession = trimDot(raw.first("accession"));
    String database = raw.first("database");
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, raw.position, raw.line, accession, database));
    b.title(title);
    b.abstractText(FieldText.abstractText(FieldText.cap(String.join("\n", raw.lines("abstract")),
        sink, "record " + raw.position + ", abstract")));
    List<String> authors = new ArrayList<>();
    for (String l : raw.lines("authors")) {
      for (String a : FieldText.split(l, ';')) {
        String name = cleanAuthor(a);
        if (!name.isEmpty()) {
          authors.add(name);
        }
      }
    }
    b.authors(authors);
    String source = raw.first("source");
    Matcher s = SOURCE.matcher(source);
    String journal = raw.first("journal");
    String volume = raw.first("volume");
    String issue = raw.first("issue");
    String pages = raw.first("pages");
    if (s.matches()) {
      journal = journal.isEmpty() ? s.group(1).strip() : journal;
      volume = volume.isEmpty() && s.group(2) != null ? s.group(2) : volume;
      issue = issue.isEmpty() && s.group(3) != null ? s.group(3) : issue;
      pages = pages.isEmpty() && s.group(4) != null ? s.group(4) : pages;
    } else if (journal.isEmpty()) {
      journal = trimDot(source);
    }
    int year = FieldText.year(raw.first("year"));
    if (year == 0) {
      Matcher y = YEAR_IN_SOURCE.matcher(source);
      while (y.find()) {
        year = Integer.parseInt(y.group(1)); // the last plausible year: "8(6):1048-1064, 2015"
      }
    }
    b.year(year).journal(journal).journalAbbrev(raw.first("abbrev"));
    b.volume(volume).issue(issue).pages(pages);
    String doi = Identifiers.normaliseDoi(raw.first("doi"));
    b.doi(doi.isEmpty() ? FieldText.doiFromUrl(raw.first("url")) : doi);
    String pmid = trimDot(raw.first("pmid"));
    String db = database.toLowerCase(Locale.ROOT);
    if (pmid.isEmpty() && (db.contains("medline") || db.contains("pubmed"))
        && RisParser.isDigits(accession)) {
      pmid = accession;
    }
    b.pmid(RisParser.isDigits(pmid) ? pmid : "");
    b.issn(FieldText.issnIsbn(raw.first("issn"))[0]);
    b.isbn(FieldText.issnIsbn(raw.first("isbn"))[1]);
    b.keywords(list(raw.lines("keywords")));
    b.subjectHeadings(list(raw.lines("headings")));
    b.language(trimDot(raw.first("language")));
    List<String> types = new ArrayList<>();
    for (String t : list(raw.lines("types"))) {
      types.add(t.replaceFirst(":\\s+.*$", "")); // "Review:  PDF Only" -> "Review"
    }
    b.publicationTypes(types).type(types.isEmpty() ? "" : types.get(0));
    b.url(raw.first("url"));
    sink.record(b.build());
  }

  /** Items split on ";", each without a final full stop. */
  private static List<String> list(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      for (String item : FieldText.split(l, ';')) {
        String t = trimDot(item);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static String trimDot(String s) {
    String t = s.strip();
    return t.endsWith(".") ? t.substring(0, t.length() - 1).strip() : t;
  }

  /**
   * "Holstiege, Jakob 1" → "Holstiege, Jakob"; "Verbeek, Jan MD *" → "Verbeek, Jan"; a part that
   * is only a degree ("PhD") → "".
   */
  static String cleanAuthor(String a) {
    String[] words = FieldText.oneLine(a).split(" ");
    int end = words.length;
    while (end > 0) {
      String w = words[end - 1].replace(",", "").replace(".", "");
      if (w.isEmpty() || w.chars().allMatch(c -> Character.isDigit(c) || "*+#†‡§".indexOf(c) >= 0)
          || DEGREES.contains(w.toUpperCase(Locale.ROOT))) {
        end--;
      } else {
        break;
      }
    }
    String name = String.join(" ", java.util.Arrays.copyOf(words, end)).strip();
    if (name.endsWith(",")) {
      name = name.substring(0, name.length() - 1);
    }
    return FieldText.cleanName(name);
  }
}
