package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads EndNote's tagged export ({@code .enw}, EndNote "Refer/BibIX" style, AIS eLibrary's
 * {@code .enl}) and Refer files: {@code %0 Journal Article}, {@code %A Surname, Given},
 * {@code %T title}… one field a line.
 *
 * <p><b>Input.</b> Records are blocks of {@code %x value} lines separated by blank lines; a
 * line that does not start with {@code %} continues the field before it (wrapped abstracts).
 * The {@code %0} type line may come anywhere in the block (AIS writes {@code %T} first).
 *
 * <p><b>Output.</b> One {@link BibRecord} per block, position = 1-based block ordinal, line = the
 * block's first line. Field mapping in docs/formats.md.
 *
 * <p><b>Failure behaviour.</b> A block without {@code %T} is rejected as "no title" with its
 * position, line and first characters; parsing goes on with the next block. Only the reader's
 * {@link IOException} is thrown.
 */
public final class EndnoteTaggedParser implements ExportParser {

  @Override
  public String id() {
    return "endnote-tagged";
  }

  @Override
  public String displayName() {
    return "EndNote tagged / Refer (.enw)";
  }

  /** The tag of a line "%X value" or "%X", or 0 when the line is not a tag line. */
  static char tag(String line) {
    if (line.length() < 2 || line.charAt(0) != '%') {
      return 0;
    }
    char t = line.charAt(1);
    if (Character.isWhitespace(t) || t == '%' || t == '{' || t == '}') {
      return 0; // "% comment" (BibTeX, TeX) is not a tag
    }
    return line.length() == 2 || line.charAt(2) == ' ' || line.charAt(2) == '\t' ? t : 0;
  }

  /**
   * 92 when the first non-blank line of the head is a tag line and most non-blank lines of the
   * head's first records are tag lines or their continuations; else 0.
   */
  @Override
  public int sniff(String head) {
    List<String> lines = HeadLines.of(head, 60);
    String first = "";
    for (String l : lines) {
      if (!l.isBlank()) {
        first = l;
        break;
      }
    }
    if (tag(first) == 0) {
      return 0;
    }
    int tags = 0;
    int other = 0;
    for (String l : lines) {
      if (l.isBlank()) {
        continue;
      }
      if (tag(l) != 0) {
        tags++;
      } else {
        other++;
      }
    }
    return tags >= other ? 92 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    Map<Character, List<String>> fields = new LinkedHashMap<>();
    StringBuilder excerpt = new StringBuilder();
    int position = 0;
    int startLine = 0;
    int lineNo = 0;
    char last = 0;
    RecordBudget budget = new RecordBudget(); // one field or record cannot grow without end
    String line;
    while ((line = text.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        if (!fields.isEmpty() || excerpt.length() > 0) {
          budget.report(sink, position + 1, startLine);
          emit(fields, excerpt, sourceFile, ++position, startLine, sink);
          fields.clear();
          excerpt.setLength(0);
          budget = new RecordBudget();
        }
        last = 0;
        continue;
      }
      if (fields.isEmpty() && excerpt.length() == 0) {
        startLine = lineNo;
      }
      if (excerpt.length() < 200) {
        excerpt.append(excerpt.length() > 0 ? " " : "").append(line.strip());
      }
      char t = tag(line);
      if (t != 0) {
        String value = line.length() > 3 ? line.substring(3) : "";
        last = t;
        if (budget.newValue(value.length())) {
          fields.computeIfAbsent(t, k -> new ArrayList<>()).add(budget.take("%" + t, 0, value));
        } else {
          budget.cutIn("%" + t);
          last = 0; // the record is full: this tag and its lines are dropped
        }
      } else if (last != 0) {
        List<String> values = fields.get(last);
        String v = values.get(values.size() - 1);
        String more = budget.take("%" + last, v.length() + 1L, line.strip());
        if (!more.isEmpty()) {
          values.set(values.size() - 1, v + "\n" + more);
        }
      }
    }
    if (!fields.isEmpty() || excerpt.length() > 0) {
      budget.report(sink, position + 1, startLine);
      emit(fields, excerpt, sourceFile, ++position, startLine, sink);
    }
  }

  private static String one(Map<Character, List<String>> f, char tag) {
    List<String> v = f.get(tag);
    if (v == null) {
      return "";
    }
    for (String s : v) {
      String t = FieldText.oneLine(s);
      if (!t.isEmpty()) {
        return t;
      }
    }
    return "";
  }

  private static List<String> all(Map<Character, List<String>> f, char tag) {
    List<String> out = new ArrayList<>();
    for (String s : f.getOrDefault(tag, List.of())) {
      String t = FieldText.oneLine(s);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static void emit(Map<Character, List<String>> f, StringBuilder excerpt, String sourceFile,
      int position, int line, ParseSink sink) {
    String title = one(f, 'T');
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, position, line, "no title", excerpt.toString()));
      return;
    }
    String database = one(f, '~');
    if (database.isEmpty()) {
      database = one(f, 'W');
    }
    String accession = one(f, 'M');
    BibRecord.Builder b = BibRecord.builder(new Provenance(sourceFile, position, line,
        accession.isEmpty() ? one(f, 'F') : accession, database));
    String type = one(f, '0');
    b.type(type);
    if (!type.isEmpty()) {
      b.addPublicationType(type);
    }
    String work = one(f, '9');
    if (!work.isEmpty() && !work.equals(type)) {
      b.addPublicationType(work);
    }
    b.title(title);
    b.abstractText(FieldText.abstractText(String.join("\n", f.getOrDefault('X', List.of())).strip()));
    List<String> authors = new ArrayList<>();
    for (String a : all(f, 'A')) {
      authors.add(FieldText.cleanName(a));
    }
    b.authors(authors);
    int year = FieldText.year(one(f, 'D'));
    b.year(year != 0 ? year : FieldText.year(one(f, '8')));
    // %J is the journal; a journal article without one (AIS) gives it as the secondary title %B.
    String journal = one(f, 'J');
    if (journal.isEmpty()) { // the book's title for a section; the journal for AIS's articles
      journal = one(f, 'B');
    }
    b.journal(journal);
    b.volume(one(f, 'V')).issue(one(f, 'N')).pages(one(f, 'P').replace("--", "-"));
    String doi = one(f, 'R');
    String url = one(f, 'U');
    b.doi(doi.isEmpty() ? FieldText.doiFromUrl(url) : doi);
    b.url(url);
    if (RisParser.isDigits(accession) && database.toLowerCase(Locale.ROOT).matches(".*(pubmed|medline).*")) {
      b.pmid(accession);
    }
    String[] ids = FieldText.issnIsbn(String.join(" ", all(f, '@')));
    b.issn(ids[0]).isbn(ids[1]);
    List<String> keywords = new ArrayList<>();
    for (String k : f.getOrDefault('K', List.of())) {
      for (String part : k.split("\n|;")) {
        String t = FieldText.oneLine(part);
        if (!t.isEmpty()) {
          keywords.add(t);
        }
      }
    }
    b.keywords(keywords);
    b.language(one(f, 'G'));
    sink.record(b.build());
  }
}
