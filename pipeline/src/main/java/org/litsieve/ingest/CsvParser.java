package org.litsieve.ingest;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads delimited exports with a header row: Scopus, Embase, PubMed and IEEE CSV, Web of Science
 * tab-delimited files, labelled screening datasets and generic {@code title,abstract,…} tables.
 *
 * <p><b>Input.</b> The separator (comma, semicolon or tab) is the one the header line holds most
 * of outside quotes; an Excel {@code sep=X} first line is honoured. Quoting follows RFC 4180
 * (quoted fields may hold separators, doubled quotes and line breaks); tab-separated files are
 * read without quoting unless their start shows quoted fields, since Web of Science writes raw
 * quotes. Header names are matched case- and punctuation-insensitively ("Source title",
 * "source_title" and "SOURCE TITLE" are one name); unknown columns are ignored. A header with the
 * Web of Science tags {@code PT}, {@code TI} and {@code UT} is read with the WoS tag meanings.
 *
 * <p><b>Output.</b> One {@link BibRecord} per non-blank row, position = 1-based row ordinal
 * (header excluded), line = the physical line where the row starts. Authors come from "Author full
 * names" (Scopus, ids dropped) or WoS {@code AF} in preference to "Authors"; lists separated by
 * {@code ;}, BibTeX-style {@code and}, commas ("Smith A., Doe B.") or written as list literals
 * ({@code ['a', 'b']}) are split. The year is the first four-digit number from 1000 to 2999 in the
 * year column (else in a citation column), 0 if none. Source id: EID, UT, accession number,
 * record id, id, else PMID. The database is inferred from the layout (Scopus, Web of Science,
 * PubMed, Embase) or a "Source" column naming one.
 *
 * <p><b>Failure behaviour.</b> A cell over {@value FieldText#MAX_FIELD_CHARS} characters is cut
 * with a warning; a quoted cell that would make its row longer than
 * {@value FieldText#MAX_RECORD_CHARS} is cut as it is read, and the row's later cells kept. A row without a title is rejected as "no title"; a row with the
 * wrong number of fields keeps whatever maps. An unterminated quote that swallows the rest of
 * the file gives one reject at that row, and parsing stops there. Nothing is thrown except the
 * reader's own {@link IOException}.
 */
public final class CsvParser implements ExportParser {

  /** Canonical fields a column can feed. */
  enum Field {
    TITLE, ABSTRACT, AUTHORS, AUTHOR_FULL, YEAR, CITATION, JOURNAL, JOURNAL_ABBREV, VOLUME, ISSUE,
    PAGES, PAGE_START, PAGE_END, DOI, URL, KEYWORDS, HEADINGS, LANGUAGE, DOC_TYPE, PMID, PMCID,
    ISSN, EISSN, ISBN, EID, UT, ACCESSION, RECORD_ID, ID, SOURCE
  }

  private static final Map<String, Field> NAMES = new HashMap<>();
  private static final Map<String, Field> WOS = new HashMap<>();

  static {
    names(Field.TITLE, "title", "ti", "articletitle", "itemtitle", "documenttitle", "primarytitle",
        "papertitle", "t1");
    names(Field.ABSTRACT, "abstract", "ab", "abstracttext", "abstractnote", "n2", "summary");
    names(Field.AUTHORS, "authors", "author", "authornames", "au", "firstauthors", "creators",
        "authorlist", "a1");
    names(Field.AUTHOR_FULL, "authorfullnames", "authorsfullnames", "af", "authorfullname");
    names(Field.YEAR, "year", "publicationyear", "pubyear", "py", "yearpublished", "date",
        "publicationdate", "pubdate");
    names(Field.CITATION, "citation", "source");
    names(Field.JOURNAL, "sourcetitle", "journal", "journalbook", "publicationtitle",
        "journaltitle", "journalname", "so", "secondarytitle", "publication", "t2", "booktitle");
    names(Field.JOURNAL_ABBREV, "abbreviatedsourcetitle", "journalabbreviation", "journalabbrev",
        "ji", "j9", "isoabbreviation", "ta");
    names(Field.VOLUME, "volume", "journalvolume", "vl", "vol");
    names(Field.ISSUE, "issue", "number", "journalissue", "is", "no");
    names(Field.PAGES, "pages", "pagerange", "page", "pg");
    names(Field.PAGE_START, "pagestart", "startpage", "bp", "firstpage", "sp");
    names(Field.PAGE_END, "pageend", "endpage", "ep", "lastpage");
    names(Field.DOI, "doi", "itemdoi", "di", "digitalobjectidentifier");
    names(Field.URL, "link", "url", "openurllink", "links");
    names(Field.KEYWORDS, "authorkeywords", "keywords", "keyword", "de", "kw", "ot");
    names(Field.HEADINGS, "indexkeywords", "meshterms", "mesh", "mh", "subjectheadings",
        "emtreedrugindexterms", "emtreemedicalindexterms", "emtreedrugindextermsmajorfocus",
        "emtreemedicalindextermsmajorfocus");
    names(Field.LANGUAGE, "languageoforiginaldocument", "language", "la", "lang");
    names(Field.DOC_TYPE, "documenttype", "type", "publicationtype", "dt", "pt", "contenttype",
        "entrytype", "ty", "itemtype");
    names(Field.PMID, "pubmedid", "pmid", "pubmed", "pm", "medlinepmid");
    names(Field.PMCID, "pmcid", "pmc");
    names(Field.ISSN, "issn", "sn", "printissn");
    names(Field.EISSN, "eissn", "ei", "electronicissn");
    names(Field.ISBN, "isbn", "bn", "isbns");
    names(Field.EID, "eid");
    names(Field.UT, "ut", "utuniquewosid", "accessionnumberut", "wosid");
    names(Field.ACCESSION, "accessionnumber", "an", "accession");
    names(Field.RECORD_ID, "recordid");
    names(Field.ID, "id", "key", "citationkey", "refid", "referenceid");
    vendorNames();
    // Web of Science tab-delimited tags, where they differ from the generic meanings above.
    wos(Field.AUTHORS, "au");
    wos(Field.AUTHOR_FULL, "af");
    wos(Field.TITLE, "ti");
    wos(Field.JOURNAL, "so");
    wos(Field.JOURNAL_ABBREV, "ji", "j9");
    wos(Field.KEYWORDS, "de", "id");
    wos(Field.ABSTRACT, "ab");
    wos(Field.YEAR, "py");
    wos(Field.VOLUME, "vl");
    wos(Field.ISSUE, "is");
    wos(Field.PAGE_START, "bp");
    wos(Field.PAGE_END, "ep");
    wos(Field.DOI, "di");
    wos(Field.UT, "ut");
    wos(Field.PMID, "pm");
    wos(Field.ISSN, "sn");
    wos(Field.EISSN, "ei");
    wos(Field.ISBN, "bn");
    wos(Field.LANGUAGE, "la");
    wos(Field.DOC_TYPE, "dt");
  }

  /**
   * Column names of the scholarly indexes' own CSV exports, where they differ from the names
   * above: OpenAlex (flattened JSON paths, "|"-separated lists, PubMed ids as URLs), Lens.org,
   * Dimensions and IEEE Xplore. See docs/formats.md for the mapping.
   */
  private static void vendorNames() {
    names(Field.TITLE, "displayname");
    names(Field.AUTHORS, "authorshipsauthordisplayname", "authorshipsrawauthorname");
    names(Field.JOURNAL, "primarylocationsourcedisplayname", "hostvenuedisplayname");
    names(Field.DOI, "idsdoi");
    names(Field.PMID, "idspmid");
    names(Field.PMCID, "idspmcid");
    names(Field.VOLUME, "bibliovolume");
    names(Field.ISSUE, "biblioissue", "issuenumber");
    names(Field.PAGE_START, "bibliofirstpage");
    names(Field.PAGE_END, "bibliolastpage");
    names(Field.PAGES, "pagination");
    names(Field.ISSN, "primarylocationsourceissnl", "issns");
    names(Field.KEYWORDS, "keywordsdisplayname");
    names(Field.HEADINGS, "meshdescriptorname", "ieeeterms");
    names(Field.URL, "primarylocationlandingpageurl", "dimensionsurl", "pdflink", "externalurl",
        "sourceurls");
    names(Field.RECORD_ID, "lensid", "publicationid", "idsopenalex");
  }

  private static void names(Field f, String... names) {
    for (String n : names) {
      NAMES.put(n, f);
    }
  }

  private static void wos(Field f, String... names) {
    for (String n : names) {
      WOS.put(n, f);
    }
  }

  private static final String[] DATABASES = {"Scopus", "Embase", "PubMed", "MEDLINE",
      "Web of Science", "PsycINFO", "CINAHL", "IEEE Xplore", "Cochrane", "ProQuest", "EBSCO"};

  @Override
  public String id() {
    return "csv";
  }

  @Override
  public String displayName() {
    return "CSV/TSV";
  }

  /**
   * 99 for a header row with a title column and at least one other bibliographic column: a
   * table whose header names its columns is a table, whatever its cells hold (a quoted abstract
   * line starting {@code TY  - }, {@code PMID- } or {@code @article{}, or structured labels such
   * as "PURPOSE OF REVIEW:"), so it wins over every tagged format's patterns. 45 for a header with
   * a title column alone (with at least one separator), else 0. The header is the first non-blank
   * line, the line after an Excel {@code sep=X} line, or a line after a short preamble (see
   * {@link #findHeader}).
   */
  @Override
  public int sniff(String head) {
    Header h = findHeader(head);
    if (h == null) {
      return 0;
    }
    return h.map().size() >= 2 ? 99 : 45;
  }

  /** How many lines before the header a vendor's preamble may take (Dimensions writes one or two). */
  static final int MAX_PREAMBLE_LINES = 5;

  /**
   * Where the header row is in a head, and what it holds.
   *
   * @param skipLines physical lines before the header (blank lines, a {@code sep=} line, a
   *     preamble)
   * @param preamble the non-blank preamble lines skipped (0 when the header is the first line)
   * @param sep the separator
   * @param map column index per field
   */
  record Header(int skipLines, int preamble, char sep, Map<Field, Integer> map) {}

  /**
   * The header row of a table: the first non-blank line (or the one after {@code sep=X}) when it
   * names a title column; else, after a preamble of up to {@value #MAX_PREAMBLE_LINES} lines
   * (Dimensions' "About the data: Exported on …"), the first line that names a title column and
   * two other known columns. Null when there is none.
   */
  static Header findHeader(String head) {
    if (head == null || head.isEmpty()) {
      return null;
    }
    List<String> lines = HeadLines.of(head, MAX_PREAMBLE_LINES + 20);
    int i = 0;
    while (i < lines.size() && lines.get(i).isEmpty()) {
      i++;
    }
    if (i >= lines.size()) {
      return null;
    }
    String first = lines.get(i);
    if (first.startsWith("sep=") && first.length() >= 5) {
      char sep = first.charAt(4);
      int next = i + 1;
      while (next < lines.size() && lines.get(next).isEmpty()) {
        next++;
      }
      if (next >= lines.size()) {
        return null;
      }
      Map<Field, Integer> map = mapHeader(splitHeader(lines.get(next), sep));
      return map.containsKey(Field.TITLE) ? new Header(next, 0, sep, map) : null;
    }
    Header h = headerAt(lines, i, 0);
    if (h != null) {
      return h;
    }
    int preamble = 1;
    for (int j = i + 1; j < lines.size() && preamble <= MAX_PREAMBLE_LINES; j++) {
      if (lines.get(j).isBlank()) {
        continue;
      }
      h = headerAt(lines, j, preamble);
      if (h != null && h.map().size() >= 3) {
        return h;
      }
      preamble++;
    }
    return null;
  }

  private static Header headerAt(List<String> lines, int index, int preamble) {
    String line = lines.get(index);
    char sep = separator(line);
    if (sep == 0) {
      return null;
    }
    Map<Field, Integer> map = mapHeader(splitHeader(line, sep));
    return map.containsKey(Field.TITLE) ? new Header(index, preamble, sep, map) : null;
  }

  /** The separator the header holds most of outside quotes, or 0 if it holds none. */
  static char separator(String header) {
    int comma = 0, semi = 0, tab = 0;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == ',') {
          comma++;
        } else if (c == ';') {
          semi++;
        } else if (c == '\t') {
          tab++;
        }
      }
    }
    if (tab > 0 && tab >= comma && tab >= semi) {
      return '\t';
    }
    if (semi > comma) {
      return ';';
    }
    return comma > 0 ? ',' : (semi > 0 ? ';' : 0);
  }

  private static String[] splitHeader(String header, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == sep && !quoted) {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out.toArray(new String[0]);
  }

  /** Lower-case letters and digits only: "Source title" and "source_title" both give "sourcetitle". */
  static String normalise(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  private static boolean isWos(String[] normalised) {
    boolean pt = false, ti = false, ut = false;
    for (String n : normalised) {
      pt |= n.equals("pt");
      ti |= n.equals("ti");
      ut |= n.equals("ut");
    }
    return pt && ti && ut;
  }

  /** Column index for each field: the first column whose name maps to it. */
  static Map<Field, Integer> mapHeader(String[] header) {
    String[] norm = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      norm[i] = normalise(header[i]);
    }
    boolean wos = isWos(norm);
    Map<Field, Integer> map = new HashMap<>();
    for (int i = 0; i < norm.length; i++) {
      Field f = wos ? WOS.get(norm[i]) : NAMES.get(norm[i]);
      if (f == Field.KEYWORDS && map.containsKey(Field.KEYWORDS) && wos) {
        map.putIfAbsent(Field.HEADINGS, i); // WoS "ID" (Keywords Plus) after "DE"
        continue;
      }
      if (f != null) {
        map.putIfAbsent(f, i);
      }
    }
    return map;
  }

  private static String database(String[] norm, Map<Field, Integer> map) {
    if (isWos(norm)) {
      return "Web of Science";
    }
    if (map.containsKey(Field.EID)) {
      return "Scopus";
    }
    boolean emtree = false, createDate = false;
    for (String n : norm) {
      emtree |= n.startsWith("emtree");
      createDate |= n.equals("createdate");
    }
    if (emtree) {
      return "Embase";
    }
    if (createDate && map.containsKey(Field.PMID)) {
      return "PubMed";
    }
    // not Set.of, which throws on a repeated name: a header with two empty cells (a trailing
    // comma Excel left) or a column named twice would cost the whole file
    java.util.Set<String> cols = new java.util.HashSet<>(java.util.Arrays.asList(norm));
    if (cols.contains("displayname") && cols.contains("publicationyear")) {
      return "OpenAlex";
    }
    if (cols.contains("lensid")) {
      return "Lens.org";
    }
    if (cols.contains("dimensionsurl") || (cols.contains("publicationid") && cols.contains("pubyear"))) {
      return "Dimensions";
    }
    if (cols.contains("ieeeterms") || (cols.contains("documenttitle") && cols.contains("pdflink"))) {
      return "IEEE Xplore";
    }
    return "";
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    // Peek at the start to choose the separator and whether tab files use quotes.
    text.mark(TextDecoding.HEAD_BYTES + 1);
    char[] buf = new char[TextDecoding.HEAD_BYTES];
    int got = 0;
    int r;
    while (got < buf.length && (r = text.read(buf, got, buf.length - got)) > 0) {
      got += r;
    }
    text.reset();
    String head = new String(buf, 0, got);
    Header found = findHeader(head);
    int skipLines = found == null ? 0 : found.skipLines();
    char sep = found == null ? ',' : found.sep();
    if (found != null && found.preamble() > 0) {
      sink.warning(found.preamble() + (found.preamble() == 1 ? " line" : " lines")
          + " before the header row skipped as the export's preamble");
    }
    boolean quotes = sep != '\t' || tabFileQuotes(head);
    ICSVParser parser = new RFC4180ParserBuilder()
        .withSeparator(sep)
        .withQuoteChar(quotes ? '"' : ICSVParser.NULL_CHARACTER)
        .build();
    RowBudget rows = new RowBudget(text, quotes ? '"' : 0, sep);
    CSVReader reader = new CSVReaderBuilder(rows).withCSVParser(parser).withSkipLines(skipLines).build();
    try {
      String[] header = readRow(reader);
      if (header == null) {
        return;
      }
      String[] norm = new String[header.length];
      for (int i = 0; i < header.length; i++) {
        norm[i] = normalise(header[i]);
      }
      Map<Field, Integer> map = mapHeader(header);
      String database = database(norm, map);
      int position = 0;
      long before = reader.getLinesRead();
      while (true) {
        String[] row;
        try {
          rows.startRow();
          row = reader.readNext();
        } catch (CsvException e) {
          sink.reject(new Rejected(sourceFile, position + 1, (int) before + 1,
              "malformed CSV row: " + e.getMessage(), ""));
          position++;
          before = reader.getLinesRead() + rows.skipped;
          continue;
        } catch (com.opencsv.exceptions.CsvMalformedLineException e) {
          sink.reject(new Rejected(sourceFile, position + 1, (int) before + 1,
              "unterminated quoted field: the rest of the file could not be read",
              e.getContext() == null ? "" : e.getContext()));
          return;
        }
        if (row == null) {
          break;
        }
        int startLine = (int) before + 1;
        before = reader.getLinesRead() + rows.skipped;
        if (isBlankRow(row)) {
          continue;
        }
        position++;
        rows.report(sink, position, startLine);
        for (int i = 0; i < row.length; i++) {
          if (row[i] != null && row[i].length() > FieldText.MAX_FIELD_CHARS) {
            row[i] = FieldText.cap(row[i], sink, "record " + position + " (line " + startLine
                + "), column " + (i + 1));
          }
        }
        emit(row, map, database, sourceFile, position, startLine, sink);
      }
    } catch (com.opencsv.exceptions.CsvMalformedLineException e) {
      sink.reject(new Rejected(sourceFile, 0, 1,
          "unterminated quoted field in the header: the file could not be read", ""));
    }
  }

  /**
   * Gives the CSV reader one whole row per line: the physical lines of a quoted cell that spans
   * several are joined here (with LF), up to {@value FieldText#MAX_RECORD_CHARS} characters. The
   * CSV reader would otherwise gather such a row by joining strings line after line, which takes
   * time growing with the square of the row's length and holds all of it: a 40 MB abstract in
   * short lines never finished. Past the limit the lines inside the cell are dropped, and the
   * line that closes the cell is kept from its closing quote on, so the row ends where it should
   * and its later cells are read; a warning says how much was dropped. Quoting is followed as the
   * RFC 4180 parser does: a quote opens a cell only at its start, a doubled quote inside is one
   * quote, and a quote closes the cell only before a separator or the end of the line.
   */
  private static final class RowBudget extends BufferedReader {
    private final BufferedReader text;
    private final char quote;
    private final char separator;
    private long dropped;
    /** Physical lines joined into rows, which the CSV reader's line count does not see. */
    long skipped;

    RowBudget(BufferedReader text, char quote, char separator) {
      super(text, 1);
      this.text = text;
      this.quote = quote;
      this.separator = separator;
    }

    void startRow() {
      dropped = 0;
    }

    void report(ParseSink sink, int position, int line) {
      if (dropped > 0) {
        sink.warning(String.format("record %d (line %d): a quoted cell made the row longer than"
            + " %,d characters; %,d characters of it past that were dropped and the record was kept",
            position, line, FieldText.MAX_RECORD_CHARS, dropped));
      }
    }

    @Override
    public String readLine() throws IOException {
      String first = text.readLine();
      if (first == null || quote == 0 || first.indexOf(quote) < 0) {
        return first; // no quote: the line cannot open a cell that runs on
      }
      int close = scan(first, false);
      if (close != OPEN) {
        return first;
      }
      StringBuilder row = new StringBuilder(first);
      while (close == OPEN) {
        String next = text.readLine();
        if (next == null) {
          break; // unterminated: the CSV reader reports it
        }
        skipped++;
        close = scan(next, true);
        if (row.length() + 1L + next.length() <= FieldText.MAX_RECORD_CHARS) {
          row.append('\n').append(next);
        } else if (close == OPEN) {
          dropped += next.length() + 1;
        } else {
          dropped += close + 1;
          row.append('\n').append(next, close, next.length());
        }
      }
      return row.toString();
    }

    private static final int OPEN = -1;

    /**
     * Follows the quoting of {@code line}, starting inside a quoted cell when {@code inQuotes}:
     * {@link #OPEN} if the line ends inside one, else the index of the quote that closed the
     * cell the line started in (0 when it started outside).
     */
    private int scan(String line, boolean inQuotes) {
      boolean quoted = inQuotes;
      boolean fieldStart = !inQuotes;
      int firstClose = inQuotes ? OPEN : 0;
      int n = line.length();
      for (int i = 0; i < n; i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == quote) {
            if (i + 1 < n && line.charAt(i + 1) == quote) {
              i++; // a doubled quote: one quote character
            } else if (i + 1 == n || line.charAt(i + 1) == separator) {
              quoted = false;
              if (firstClose == OPEN) {
                firstClose = i;
              }
            }
          }
        } else {
          if (c == quote && fieldStart) {
            quoted = true;
          }
          fieldStart = c == separator;
        }
      }
      return quoted ? OPEN : firstClose;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      return text.read(cbuf, off, len);
    }

    @Override
    public int read() throws IOException {
      return text.read();
    }

    @Override
    public boolean ready() throws IOException {
      return text.ready();
    }

    // The CSV reader peeks one character with mark, read and reset to see the end of the input.
    @Override
    public boolean markSupported() {
      return text.markSupported();
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
      text.mark(readAheadLimit);
    }

    @Override
    public void reset() throws IOException {
      text.reset();
    }

    @Override
    public long skip(long n) throws IOException {
      return text.skip(n);
    }

    @Override
    public void close() throws IOException {
      text.close();
    }
  }

  private static String[] readRow(CSVReader reader) throws IOException {
    try {
      String[] row;
      do {
        row = reader.readNext();
      } while (row != null && isBlankRow(row));
      return row;
    } catch (CsvException e) {
      throw new IOException("unreadable CSV header: " + e.getMessage(), e);
    }
  }

  /** A tab file uses quoting if some field in its start is wholly wrapped in quotes. */
  private static boolean tabFileQuotes(String head) {
    int fieldStart = 0;
    for (int i = 0; i <= head.length(); i++) {
      char c = i < head.length() ? head.charAt(i) : '\n';
      if (c == '\t' || c == '\n' || c == '\r') {
        int len = i - fieldStart;
        if (len >= 2 && head.charAt(fieldStart) == '"' && head.charAt(i - 1) == '"') {
          return true;
        }
        fieldStart = i + 1;
      }
    }
    return false;
  }

  private static boolean isBlankRow(String[] row) {
    for (String s : row) {
      if (s != null && !s.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String get(String[] row, Map<Field, Integer> map, Field f) {
    Integer i = map.get(f);
    if (i == null || i >= row.length || row[i] == null) {
      return "";
    }
    return row[i].strip();
  }

  private static void emit(String[] row, Map<Field, Integer> map, String database,
      String sourceFile, int position, int line, ParseSink sink) {
    String title = FieldText.oneLine(get(row, map, Field.TITLE));
    String pmidCell = lastPathSegment(get(row, map, Field.PMID)); // OpenAlex: https://pubmed…/123
    String sourceId = firstNonEmpty(get(row, map, Field.EID), get(row, map, Field.UT),
        get(row, map, Field.ACCESSION), database.equals("PubMed") ? pmidCell : "",
        get(row, map, Field.RECORD_ID), get(row, map, Field.ID), pmidCell);
    String db = database;
    String source = get(row, map, Field.CITATION);
    boolean sourceNamesDatabase = false;
    for (String d : DATABASES) {
      if (source.equalsIgnoreCase(d)) {
        sourceNamesDatabase = true;
        db = db.isEmpty() ? d : db;
      }
    }
    String citation = sourceNamesDatabase ? "" : source;
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, position, line, "no title", String.join(" | ", row)));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, position, line, FieldText.oneLine(sourceId), db));
    b.title(title);
    b.abstractText(FieldText.abstractText(get(row, map, Field.ABSTRACT)));
    String full = get(row, map, Field.AUTHOR_FULL);
    b.authors(full.isEmpty() ? authors(get(row, map, Field.AUTHORS)) : fullNames(full));
    int year = FieldText.year(get(row, map, Field.YEAR));
    if (year == 0 && !citation.isEmpty()) {
      year = FieldText.year(citation); // Embase "Source": "Cancer (2004) 102:4 (253-258)…"
    }
    b.year(year);
    String journal = FieldText.oneLine(get(row, map, Field.JOURNAL));
    if (journal.isEmpty() && !citation.isEmpty()) {
      int paren = citation.indexOf(" (");
      if (paren > 0 && FieldText.year(citation.substring(paren)) > 0) {
        journal = FieldText.oneLine(citation.substring(0, paren)); // "Cancer (2004) 102:4 …"
      }
    }
    b.journal(journal);
    b.journalAbbrev(FieldText.oneLine(get(row, map, Field.JOURNAL_ABBREV)));
    b.volume(get(row, map, Field.VOLUME)).issue(get(row, map, Field.ISSUE));
    String pages = get(row, map, Field.PAGES);
    if (pages.isEmpty()) {
      String sp = get(row, map, Field.PAGE_START);
      String ep = get(row, map, Field.PAGE_END);
      pages = sp.isEmpty() || ep.isEmpty() || sp.equals(ep) ? sp : sp + "-" + ep;
    }
    b.pages(pages);
    String doi = Identifiers.normaliseDoi(get(row, map, Field.DOI));
    if (doi.isEmpty()) {
      doi = FieldText.doiFromUrl(get(row, map, Field.URL));
    }
    b.doi(doi);
    b.url(get(row, map, Field.URL));
    b.pmid(RisParser.isDigits(pmidCell) ? pmidCell : "");
    String pmc = lastPathSegment(get(row, map, Field.PMCID));
    b.pmcid(pmc.startsWith("PMC") ? pmc : "");
    String[] ids = FieldText.issnIsbn(get(row, map, Field.ISSN) + " " + get(row, map, Field.EISSN));
    String[] isbn = FieldText.issnIsbn(get(row, map, Field.ISBN));
    b.issn(ids[0]).isbn(isbn[1].isEmpty() ? ids[1] : isbn[1]);
    b.keywords(list(get(row, map, Field.KEYWORDS)));
    b.subjectHeadings(list(get(row, map, Field.HEADINGS)));
    b.language(FieldText.oneLine(get(row, map, Field.LANGUAGE)));
    String type = FieldText.oneLine(get(row, map, Field.DOC_TYPE));
    b.type(type);
    if (!type.isEmpty()) {
      b.addPublicationType(type);
    }
    sink.record(b.build());
  }

  /** "https://pubmed.ncbi.nlm.nih.gov/123" gives "123"; a cell that is not a URL is kept. */
  static String lastPathSegment(String cell) {
    if (!cell.startsWith("http")) {
      return cell;
    }
    String s = cell.endsWith("/") ? cell.substring(0, cell.length() - 1) : cell;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  /** A keyword list: a list literal, or items separated by ";" (else "," when there is no ";"). */
  static List<String> list(String cell) {
    if (cell.isEmpty()) {
      return List.of();
    }
    List<String> lit = FieldText.listLiteral(cell);
    if (lit != null) {
      return lit;
    }
    return FieldText.split(cell, cell.indexOf(';') >= 0 ? ';'
        : cell.indexOf('|') >= 0 ? '|' : (cell.indexOf('\n') >= 0 ? '\n' : ';'));
  }

  /** Scopus "Author full names": "Surname, Given (12345); Other, Name (678)". */
  static List<String> fullNames(String cell) {
    List<String> out = new ArrayList<>();
    for (String a : FieldText.split(cell, ';')) {
      String s = a;
      if (s.endsWith(")")) {
        int open = s.lastIndexOf('(');
        String id = s.substring(open + 1, s.length() - 1).strip();
        if (open > 0 && !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
          s = s.substring(0, open).strip();
        }
      }
      if (!s.isEmpty()) {
        out.add(FieldText.cleanName(s));
      }
    }
    return out;
  }

  /**
   * An author cell: a list literal; ";"-separated names; BibTeX " and "; or comma-separated,
   * where "Smith A., Doe B." is one name per comma and "Smith, A., Doe, B." pairs surname and
   * initials.
   */
  static List<String> authors(String cell) {
    if (cell.isEmpty()) {
      return List.of();
    }
    List<String> lit = FieldText.listLiteral(cell);
    if (lit != null) {
      return lit;
    }
    List<String> out = new ArrayList<>();
    if (cell.indexOf(';') >= 0 || cell.indexOf('|') >= 0) { // OpenAlex joins names with "|"
      for (String a : FieldText.split(cell, cell.indexOf(';') >= 0 ? ';' : '|')) {
        out.add(FieldText.cleanName(a));
      }
      return out;
    }
    String oneLine = FieldText.oneLine(cell);
    if (oneLine.contains(" and ")) {
      for (String a : oneLine.split(" and ")) {
        String s = FieldText.cleanName(a);
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
    List<String> parts = FieldText.split(oneLine, ',');
    if (parts.size() >= 2 && parts.size() % 2 == 0 && pairsWithInitials(parts)) {
      for (int i = 0; i < parts.size(); i += 2) {
        out.add(parts.get(i) + ", " + parts.get(i + 1));
      }
      return out;
    }
    if (parts.size() == 2 && parts.get(0).indexOf(' ') < 0) {
      out.add(parts.get(0) + ", " + parts.get(1)); // a single "Surname, Given Names"
      return out;
    }
    out.addAll(parts);
    return out;
  }

  private static boolean pairsWithInitials(List<String> parts) {
    for (int i = 1; i < parts.size(); i += 2) {
      String s = parts.get(i).replace(".", "").replace("-", "").replace(" ", "");
      if (s.isEmpty() || s.length() > 3 || !s.equals(s.toUpperCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
