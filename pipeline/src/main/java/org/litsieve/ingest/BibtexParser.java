package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads BibTeX and BibLaTeX files, as Scopus, Web of Science, EBSCO, ProQuest, JabRef, Zotero and
 * others write them.
 *
 * <p><b>Input.</b> Entries {@code @type{key, name = value, …}} (or with parentheses). Text
 * outside entries (Scopus's "Scopus / EXPORT DATE" preamble, JabRef's {@code % Encoding} line) is
 * ignored, as are {@code @comment} and {@code @preamble}; {@code @string} macros are expanded
 * (with the month names predefined). Values are {@code {…}} with nested braces, {@code "…"}, bare
 * numbers or macro names, joined with {@code #}. TeX accents ({@code \"o}, {@code {\'e}},
 * {@code \c{c}}, {@code \ss}, {@code \o}, …) become Unicode; other commands keep their argument;
 * protecting braces are removed.
 *
 * <p><b>Output.</b> One {@link BibRecord} per entry; position = 1-based ordinal, line = line of
 * its {@code @}. Mapping: title; abstract; author split on "and" outside braces, "First Last"
 * turned into "Last, First"; year, else the year in date; journal, else journaltitle, else
 * booktitle; journal-iso/shortjournal abbreviation; volume; number (else issue); pages ("--"
 * becomes "-"); doi (else a DOI in url); pmid; pmcid; issn; isbn; keywords split on ";" (else
 * ","); mesh subject headings; language; entry type as type, document_type/type as publication
 * types; url; HTML entities ({@code &amp;#169;}, {@code &amp;apos;}) decoded; source id from eid (Scopus), unique-id (Web of Science), accession number, else the
 * citation key; database from source (Scopus), a WOS: unique-id, else "".
 *
 * <p><b>Failure behaviour.</b> In an entry longer than {@value FieldText#MAX_FIELD_CHARS}
 * characters, a value keeps at most that many more and all values together at most
 * {@value FieldText#MAX_RECORD_CHARS}, cut as they are read with a warning; the entry and its
 * later fields are kept. An entry with no title is rejected ("no title"); an entry whose
 * braces never close is rejected ("unbalanced braces") when the next entry starts, or as
 * "truncated entry at end of file"; an entry that cannot be read (no {@code =} after a field name)
 * is rejected with that reason. Parsing goes on with the next entry. Only the reader's {@link
 * IOException} is thrown.
 */
public final class BibtexParser implements ExportParser {
  private static final Pattern ENTRY_START = Pattern.compile("^\\s*@\\s*([A-Za-z][\\w-]*)\\s*([{(])");
  private static final Map<String, String> MONTHS = new HashMap<>();
  private static final Pattern NEXT_FIELD = Pattern.compile("\\n\\s*([A-Za-z][\\w-]*)\\s*=");
  /** Pseudo-field where readFields notes a problem it read past. */
  private static final String PROBLEM = " problem";

  static {
    String[] m = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    String[] full = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    for (int i = 0; i < 12; i++) {
      MONTHS.put(m[i], full[i]);
    }
  }

  @Override
  public String id() {
    return "bibtex";
  }

  @Override
  public String displayName() {
    return "BibTeX";
  }

  /**
   * 90 when a line in the head starts an entry ({@code @article{}, {@code @string(}…) and no
   * RIS/MEDLINE tag line comes before it; else 0.
   */
  @Override
  public int sniff(String head) {
    for (String l : HeadLines.of(head)) {
      if (ENTRY_START.matcher(l).find()) {
        return 90;
      }
      if (RisParser.valueStart(l) >= 0 || MedlineParser.valueStart(l) >= 0) {
        return 0; // a tagged export that mentions "@"
      }
    }
    return 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    Map<String, String> macros = new HashMap<>(MONTHS);
    String line;
    int lineNo = 0;
    int position = 0;
    StringBuilder entry = null;
    int entryLine = 0;
    int depth = 0;
    boolean paren = false;
    boolean countsAsRecord = false;
    Guard guard = null;
    while ((line = text.readLine()) != null) {
      lineNo++;
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      int from = 0;
      if (entry != null) {
        Matcher next = ENTRY_START.matcher(line);
        if (next.find() && line.charAt(0) == '@' && isRecordType(next.group(1))) {
          // a new entry starts at column 0 while the last one is still open
          if (countsAsRecord) {
            sink.reject(new Rejected(sourceFile, position, entryLine,
                "unbalanced braces: the entry never closes", excerpt(entry)));
          }
          entry = null;
        }
      }
      while (from <= line.length()) {
        if (entry == null) {
          Matcher m = ENTRY_START.matcher(line).region(from, line.length());
          int at = line.indexOf('@', from);
          if (at < 0) {
            break;
          }
          m = ENTRY_START.matcher(line.substring(at));
          if (!m.find()) {
            from = at + 1;
            continue;
          }
          entry = new StringBuilder();
          entryLine = lineNo;
          paren = m.group(2).equals("(");
          depth = 0;
          countsAsRecord = isRecordType(m.group(1));
          if (countsAsRecord) {
            position++;
          }
          from = at;
        }
        // scan for the end of the entry
        int depthBefore = depth;
        int i = from;
        int end = -1;
        for (; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < line.length()) {
            i++;
            continue;
          }
          if (c == '{' || (paren && c == '(' && depth == 0)) {
            depth++;
          } else if (c == '}' || (paren && c == ')' && depth == 1)) {
            depth--;
            if (depth == 0) {
              end = i;
              break;
            }
          }
        }
        int to = end >= 0 ? end + 1 : line.length();
        if (guard == null && entry.length() + (to - from) + 1 <= FieldText.MAX_FIELD_CHARS) {
          entry.append(line, from, to); // the common case: no limit can be near
        } else {
          if (guard == null) {
            guard = new Guard();
          }
          guard.append(entry, line, from, to, depthBefore, paren);
        }
        if (end >= 0) {
          if (guard != null && countsAsRecord) {
            guard.budget.report(sink, position, entryLine);
          }
          handle(entry.toString(), countsAsRecord, macros, sourceFile, position, entryLine, sink);
          entry = null;
          guard = null;
          from = end + 1;
          continue;
        }
        if (guard == null || guard.lineBreak(depth)) {
          entry.append('\n');
        }
        if (entry.length() > HARD_LIMIT) {
          if (countsAsRecord) {
            sink.reject(new Rejected(sourceFile, position, entryLine,
                "entry longer than " + HARD_LIMIT + " characters even with its long values cut",
                excerpt(entry)));
          }
          entry = null;
          guard = null;
        }
        break;
      }
    }
    if (entry != null && countsAsRecord) {
      sink.reject(new Rejected(sourceFile, position, entryLine, "truncated entry at end of file",
          excerpt(entry)));
    }
  }

  /**
   * Past this many characters an entry is rejected: reached only by an entry whose braces or
   * top-level text alone are that long, since values are cut long before.
   */
  static final int HARD_LIMIT = 2 * FieldText.MAX_RECORD_CHARS;

  /**
   * Appends an entry's text once it is long enough to come near a limit: a value (text inside the
   * entry's own braces) keeps at most {@value FieldText#MAX_FIELD_CHARS} more characters, and the
   * entry at most {@value FieldText#MAX_RECORD_CHARS} characters of values; braces are always kept
   * so that the entry still closes where it should and the fields after a cut value are read.
   */
  private static final class Guard {
    final RecordBudget budget = new RecordBudget();
    long valueLength;

    /** Whether a line break at {@code depth} is kept (not when its value is already cut). */
    boolean lineBreak(int depth) {
      if (depth < 2) {
        return true;
      }
      if (budget.room(valueLength, 1) == 1) {
        valueLength++;
        return true;
      }
      return false;
    }

    void append(StringBuilder entry, String line, int from, int to, int depth, boolean paren) {
      for (int i = from; i < to; i++) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < to) {
          if (depth >= 2 && budget.room(valueLength, 2) < 2) {
            budget.cutIn("a value");
          } else {
            entry.append(c).append(line.charAt(i + 1));
            valueLength += depth >= 2 ? 2 : 0;
          }
          i++;
          continue;
        }
        if (c == '{' || (paren && c == '(' && depth == 0)) {
          depth++;
          entry.append(c);
        } else if (c == '}' || (paren && c == ')' && depth == 1)) {
          depth--;
          entry.append(c);
          if (depth <= 1) {
            valueLength = 0;
          }
        } else if (depth >= 2) {
          if (budget.room(valueLength, 1) == 1) {
            entry.append(c);
            valueLength++;
          } else {
            budget.cutIn("a value");
          }
        } else {
          entry.append(c); // field names, "=", ",", quoted and bare values at the top level
        }
      }
    }
  }

  private static boolean isRecordType(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return !t.equals("comment") && !t.equals("string") && !t.equals("preamble");
  }

  private static String excerpt(CharSequence s) {
    return s.length() > Rejected.MAX_EXCERPT ? s.subSequence(0, Rejected.MAX_EXCERPT).toString()
        : s.toString();
  }

  /** One complete {@code @type{…}} block. */
  private static void handle(String block, boolean record, Map<String, String> macros,
      String sourceFile, int position, int line, ParseSink sink) {
    Matcher m = ENTRY_START.matcher(block);
    if (!m.find()) {
      return;
    }
    String type = m.group(1).toLowerCase(Locale.ROOT);
    if (type.equals("comment") || type.equals("preamble")) {
      return;
    }
    String body = block.substring(m.end(), block.length() - 1);
    if (type.equals("string")) {
      Map<String, String> fields = new LinkedHashMap<>();
      readFields(body, macros, fields);
      for (Map.Entry<String, String> e : fields.entrySet()) {
        macros.put(e.getKey(), e.getValue());
      }
      return;
    }
    int comma = body.indexOf(',');
    String key;
    String rest;
    int eq = body.indexOf('=');
    if (comma >= 0 && (eq < 0 || comma < eq)) {
      key = body.substring(0, comma).strip();
      rest = body.substring(comma + 1);
    } else {
      key = ""; // JabRef's "@Misc{," has an empty key; a key-less entry starts with a field
      rest = body;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String problem = readFields(rest, macros, fields);
    if (problem == null) {
      problem = fields.remove(PROBLEM);
    } else {
      fields.remove(PROBLEM);
    }
    if (problem != null && fields.isEmpty()) {
      sink.reject(new Rejected(sourceFile, position, line, problem, excerpt(block)));
      return;
    }
    if (problem != null) {
      sink.warning("record " + position + " (line " + line + "): " + problem
          + "; the fields before it were kept");
    }
    emit(type, key, fields, sourceFile, position, line, sink, block);
  }

  /**
   * Reads {@code name = value, …} into {@code out} (names lower-cased, raw values with macros
   * expanded). Returns null, or what went wrong where reading stopped.
   */
  static String readFields(String s, Map<String, String> macros, Map<String, String> out) {
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      int nameStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',' && s.charAt(i) != '{'
          && s.charAt(i) != '}' && s.charAt(i) != '"') {
        i++;
      }
      String name = s.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
      if (i >= n || s.charAt(i) != '=') {
        String problem = "field \"" + FieldText.oneLine(name.length() > 40 ? name.substring(0, 40) : name)
            + "\" has no \"=\"";
        Matcher next = NEXT_FIELD.matcher(s);
        if (!next.find(i)) {
          return problem;
        }
        out.putIfAbsent(PROBLEM, problem); // resume at the next "name =" line
        i = next.start(1);
        continue;
      }
      i++;
      StringBuilder value = new StringBuilder();
      while (true) {
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          break;
        }
        char c = s.charAt(i);
        if (c == '{') {
          int depth = 0;
          int start = i + 1;
          for (; i < n; i++) {
            char d = s.charAt(i);
            if (d == '\\') {
              i++;
            } else if (d == '{') {
              depth++;
            } else if (d == '}' && --depth == 0) {
              break;
            }
          }
          value.append(s, start, Math.min(i, n));
          i++;
        } else if (c == '"') {
          int depth = 0;
          int start = ++i;
          for (; i < n; i++) {
            char d = s.charAt(i);
            if (d == '\\') {
              i++;
            } else if (d == '{') {
              depth++;
            } else if (d == '}') {
              depth--;
            } else if (d == '"' && depth == 0) {
              break;
            }
          }
          value.append(s, start, Math.min(i, n));
          i++;
        } else {
          int start = i;
          while (i < n && s.charAt(i) != ',' && s.charAt(i) != '#' && !Character.isWhitespace(s.charAt(i))) {
            i++;
          }
          String word = s.substring(start, i);
          String macro = macros.get(word.toLowerCase(Locale.ROOT));
          value.append(macro != null ? macro : word);
        }
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i < n && s.charAt(i) == '#') {
          i++;
          continue;
        }
        break;
      }
      if (!name.isEmpty()) {
        out.putIfAbsent(name, value.toString());
      }
    }
  }

  private static void emit(String type, String key, Map<String, String> raw, String sourceFile,
      int position, int line, ParseSink sink, String block) {
    Map<String, String> f = new HashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String v = e.getValue();
      if (v.length() > FieldText.MAX_FIELD_CHARS) {
        v = FieldText.cap(v, sink, "record " + position + ", " + e.getKey());
      }
      if (v.indexOf('&') >= 0 && v.indexOf(';') > 0) {
        v = org.apache.commons.text.StringEscapeUtils.unescapeHtml4(v.replace("&apos;", "'"));
      }
      f.put(e.getKey(), e.getKey().equals("url") || e.getKey().equals("doi") ? v.strip() : Tex.toUnicode(v));
    }
    String title = FieldText.oneLine(get(f, "title"));
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, position, line, "no title", excerpt(block)));
      return;
    }
    String eid = get(f, "eid");
    String uniqueId = get(f, "unique-id");
    String sourceId = first(eid, uniqueId, get(f, "accession-number"), get(f, "an"), key);
    String database = get(f, "source");
    if (database.isEmpty() && uniqueId.startsWith("WOS:")) {
      database = "Web of Science";
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, position, line, FieldText.oneLine(sourceId), FieldText.oneLine(database)));
    b.title(title);
    b.abstractText(FieldText.abstractText(get(f, "abstract")));
    b.authors(authors(get(f, "author")));
    int year = FieldText.year(get(f, "year"));
    b.year(year != 0 ? year : FieldText.year(get(f, "date")));
    b.journal(FieldText.oneLine(first(get(f, "journal"), get(f, "journaltitle"), get(f, "booktitle"))));
    b.journalAbbrev(FieldText.oneLine(first(get(f, "journal-iso"), get(f, "shortjournal"),
        get(f, "journal_abbrev"), get(f, "abbrev_source_title"))));
    b.volume(FieldText.oneLine(get(f, "volume")));
    b.issue(FieldText.oneLine(first(get(f, "number"), get(f, "issue"))));
    b.pages(FieldText.oneLine(get(f, "pages")).replace("--", "-").replace('\u2013', '-'));
    String doi = Identifiers.normaliseDoi(get(f, "doi"));
    b.doi(doi.isEmpty() ? FieldText.doiFromUrl(get(f, "url")) : doi);
    String pmid = FieldText.oneLine(first(get(f, "pmid"), get(f, "pubmed_id")));
    b.pmid(RisParser.isDigits(pmid) ? pmid : "");
    String pmc = FieldText.oneLine(get(f, "pmcid"));
    b.pmcid(pmc.startsWith("PMC") ? pmc : "");
    b.issn(FieldText.issnIsbn(get(f, "issn"))[0]);
    b.isbn(FieldText.issnIsbn(get(f, "isbn"))[1]);
    String kw = first(get(f, "keywords"), get(f, "author_keywords"), get(f, "keyword"));
    b.keywords(FieldText.split(kw, kw.indexOf(';') >= 0 ? ';' : ','));
    String mesh = first(get(f, "mesh"), get(f, "mesh_terms"), get(f, "keywords-plus"));
    b.subjectHeadings(FieldText.split(mesh, mesh.indexOf(';') >= 0 ? ';' : ','));
    b.language(FieldText.oneLine(first(get(f, "language"), get(f, "langid"))));
    b.type(type);
    String docType = FieldText.oneLine(first(get(f, "document_type"), get(f, "type")));
    if (!docType.isEmpty()) {
      b.addPublicationType(docType);
    }
    b.url(FieldText.oneLine(get(f, "url")));
    sink.record(b.build());
  }

  private static String get(Map<String, String> f, String name) {
    String v = f.get(name);
    return v == null ? "" : v;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  /** Names split on " and " outside braces; "First Last" becomes "Last, First". */
  static List<String> authors(String field) {
    List<String> out = new ArrayList<>();
    String s = FieldText.oneLine(field);
    if (s.isEmpty()) {
      return out;
    }
    for (String part : s.split("(?i)\\s+and\\s+")) {
      String name = part.strip();
      if (name.isEmpty() || name.equalsIgnoreCase("others")) {
        continue;
      }
      if (name.indexOf(',') < 0) {
        int sp = name.lastIndexOf(' ');
        if (sp > 0) {
          name = name.substring(sp + 1) + ", " + name.substring(0, sp);
        }
      }
      out.add(FieldText.cleanName(name));
    }
    return out;
  }

  /** TeX to Unicode: accents, special letters, escaped characters, commands and braces. */
  static final class Tex {
    private static final Map<Character, Character> ACCENTS = Map.ofEntries(
        Map.entry('\'', '\u0301'), Map.entry('`', '\u0300'), Map.entry('^', '\u0302'),
        Map.entry('"', '\u0308'), Map.entry('~', '\u0303'), Map.entry('=', '\u0304'),
        Map.entry('.', '\u0307'), Map.entry('u', '\u0306'), Map.entry('v', '\u030C'),
        Map.entry('H', '\u030B'), Map.entry('c', '\u0327'), Map.entry('k', '\u0328'),
        Map.entry('r', '\u030A'), Map.entry('d', '\u0323'), Map.entry('b', '\u0331'));
    private static final Map<String, String> LETTERS = Map.ofEntries(
        Map.entry("ss", "ß"), Map.entry("o", "ø"), Map.entry("O", "Ø"), Map.entry("aa", "å"),
        Map.entry("AA", "Å"), Map.entry("ae", "æ"), Map.entry("AE", "Æ"), Map.entry("oe", "œ"),
        Map.entry("OE", "Œ"), Map.entry("l", "ł"), Map.entry("L", "Ł"), Map.entry("i", "ı"),
        Map.entry("j", "ȷ"), Map.entry("dh", "ð"), Map.entry("DH", "Ð"), Map.entry("th", "þ"),
        Map.entry("TH", "Þ"), Map.entry("textendash", "–"), Map.entry("textemdash", "—"),
        Map.entry("textregistered", "®"), Map.entry("texttrademark", "™"),
        Map.entry("textcopyright", "©"), Map.entry("S", "§"), Map.entry("P", "¶"),
        Map.entry("textdegree", "°"), Map.entry("ldots", "…"), Map.entry("dots", "…"));

    private Tex() {}

    static String toUnicode(String s) {
      if (s.indexOf('\\') < 0 && s.indexOf('{') < 0 && s.indexOf('}') < 0) {
        return s;
      }
      StringBuilder b = new StringBuilder(s.length());
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c == '{' || c == '}') {
          continue;
        }
        if (c != '\\' || i + 1 >= n) {
          b.append(c);
          continue;
        }
        char d = s.charAt(i + 1);
        if ("&%$#_{}".indexOf(d) >= 0) {
          b.append(d);
          i++;
          continue;
        }
        if (d == '\\') {
          b.append(' ');
          i++;
          continue;
        }
        Character accent = ACCENTS.get(d);
        boolean symbolAccent = accent != null && !Character.isLetter(d);
        int j = i + 1;
        String command;
        if (symbolAccent) {
          command = String.valueOf(d);
          j = i + 2;
        } else if (Character.isLetter(d)) {
          while (j < n && Character.isLetter(s.charAt(j))) {
            j++;
          }
          command = s.substring(i + 1, j);
        } else {
          b.append(d);
          i++;
          continue;
        }
        Character mark = command.length() == 1 ? ACCENTS.get(command.charAt(0)) : null;
        if (mark != null && (symbolAccent || j < n && (s.charAt(j) == '{' || s.charAt(j) == ' '))) {
          // accent command: take the next letter (inside braces or after a space)
          int k = j;
          while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '{')) {
            k++;
          }
          if (k < n && s.charAt(k) == '\\' && k + 1 < n && (s.charAt(k + 1) == 'i' || s.charAt(k + 1) == 'j')) {
            b.append(s.charAt(k + 1)).append(mark.charValue());
            i = k + 1;
          } else if (k < n) {
            b.append(s.charAt(k)).append(mark.charValue());
            i = k;
          } else {
            i = j - 1;
          }
          continue;
        }
        String letter = LETTERS.get(command);
        if (letter != null) {
          b.append(letter);
          i = j - 1;
          if (j < n && s.charAt(j) == ' ') {
            i = j; // "\ss " ends the command
          }
          continue;
        }
        i = j - 1; // an unknown command (\textit, \emph…): keep its argument, drop its name
      }
      return Normalizer.normalize(b.toString(), Normalizer.Form.NFC);
    }
  }
}
