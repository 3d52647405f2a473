package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads the Cochrane Library's plain-text export of CENTRAL (and of its reviews): records that
 * start {@code Record #1 of N}, then {@code ID: CN-…}, {@code AU:}, {@code TI:}, {@code SO:},
 * {@code YR:}, {@code VL:}, {@code NO:}, {@code PG:}, {@code PM: PUBMED n}, {@code KY:},
 * {@code PT:}, {@code DOI:}, {@code AB:}, {@code US:}… one field a line.
 *
 * <p><b>Input.</b> A {@code Record #n of N} line starts each record; a line that is not a tag
 * line continues the field before it; blank lines are ignored. Page ranges use Cochrane's
 * hyphen (U+2010), read as "-".
 *
 * <p><b>Output.</b> One {@link BibRecord} per record, position = 1-based record ordinal, line =
 * its {@code Record} line; database "Cochrane CENTRAL" (or "Cochrane Database of Systematic
 * Reviews" for {@code CD…} ids). Field mapping in docs/formats.md.
 *
 * <p><b>Failure behaviour.</b> A record without {@code TI} is rejected as "no title" with its
 * position, line and first characters; parsing goes on. Only the reader's {@link IOException}
 * is thrown.
 */
public final class CochraneParser implements ExportParser {
  static final Pattern RECORD = Pattern.compile("^Record #\\s*\\d+\\s+of\\s+\\d+\\s*$");
  private static final Pattern TAG = Pattern.compile("^([A-Z]{2,3}):\\s?(.*)$");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  @Override
  public String id() {
    return "cochrane";
  }

  @Override
  public String displayName() {
    return "Cochrane Library plain text";
  }

  /**
   * 97 when the head's first non-blank line is {@code Record #1 of N} and a Cochrane field line
   * ({@code ID:}, {@code TI:}, {@code AU:}) follows (other tools number RIS records the same
   * way), 90 when it starts {@code ID: CN-…}; else 0.
   */
  @Override
  public int sniff(String head) {
    List<String> lines = HeadLines.of(head, 20);
    String first = HeadLines.firstNonBlank(lines);
    if (RECORD.matcher(first).matches()) {
      for (String l : lines) {
        if (l.startsWith("ID: ") || l.startsWith("TI: ") || l.startsWith("AU: ")) {
          return 97;
        }
      }
      return 0;
    }
    return first.startsWith("ID: CN-") || first.startsWith("ID: CD") ? 90 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    StringBuilder excerpt = new StringBuilder();
    int position = 0;
    int startLine = 0;
    int lineNo = 0;
    String last = null;
    boolean open = false;
    RecordBudget budget = new RecordBudget(); // one field or record cannot grow without end
    String line;
    while ((line = text.readLine()) != null) {
      lineNo++;
      String l = line.strip();
      if (RECORD.matcher(l).matches() || (!open && TAG.matcher(l).matches())) {
        if (open) {
          budget.report(sink, position + 1, startLine);
          emit(fields, excerpt, sourceFile, ++position, startLine, sink);
        }
        budget = new RecordBudget();
        fields.clear();
        excerpt.setLength(0);
        open = true;
        startLine = lineNo;
        last = null;
        if (RECORD.matcher(l).matches()) {
          continue;
        }
      }
      if (l.isEmpty() || !open) {
        continue;
      }
      if (excerpt.length() < 200) {
        excerpt.append(excerpt.length() > 0 ? " " : "").append(l);
      }
      Matcher m = TAG.matcher(l);
      if (m.matches()) {
        last = m.group(1);
        if (budget.newValue(m.group(2).length())) {
          fields.computeIfAbsent(last, k -> new ArrayList<>()).add(budget.take(last, 0, m.group(2)));
        } else {
          budget.cutIn(last);
          last = null; // the record is full: this tag and its lines are dropped
        }
      } else if (last != null) {
        List<String> v = fields.get(last);
        String cur = v.get(v.size() - 1);
        String more = budget.take(last, cur.length() + 1L, l);
        if (!more.isEmpty()) {
          v.set(v.size() - 1, cur + " " + more); // a wrapped line
        }
      }
    }
    if (open) {
      budget.report(sink, position + 1, startLine);
      emit(fields, excerpt, sourceFile, ++position, startLine, sink);
    }
  }

  private static String one(Map<String, List<String>> f, String tag) {
    List<String> v = f.get(tag);
    return v == null || v.isEmpty() ? "" : FieldText.oneLine(v.get(0));
  }

  private static List<String> items(Map<String, List<String>> f, String tag) {
    List<String> out = new ArrayList<>();
    for (String v : f.getOrDefault(tag, List.of())) {
      for (String part : v.split(";")) {
        String t = FieldText.oneLine(part);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static void emit(Map<String, List<String>> f, StringBuilder excerpt, String sourceFile,
      int position, int line, ParseSink sink) {
    String title = one(f, "TI");
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, position, line, "no title", excerpt.toString()));
      return;
    }
    String id = one(f, "ID");
    String database = id.startsWith("CD") ? "Cochrane Database of Systematic Reviews" : "Cochrane CENTRAL";
    BibRecord.Builder b = BibRecord.builder(new Provenance(sourceFile, position, line, id, database));
    b.title(title);
    List<String> abs = f.getOrDefault("AB", List.of());
    b.abstractText(FieldText.abstractText(abs.isEmpty() ? "" : abs.get(0)));
    List<String> authors = new ArrayList<>();
    for (String a : items(f, "AU")) {
      authors.add(FieldText.cleanName(a));
    }
    b.authors(authors);
    b.year(FieldText.year(one(f, "YR")));
    b.journal(one(f, "SO"));
    b.volume(one(f, "VL")).issue(one(f, "NO"));
    b.pages(one(f, "PG").replace('\u2010', '-').replace('\u2013', '-'));
    String doi = one(f, "DOI");
    b.doi(doi);
    Matcher pm = DIGITS.matcher(one(f, "PM"));
    if (one(f, "PM").toUpperCase(java.util.Locale.ROOT).contains("PUBMED") && pm.find()) {
      b.pmid(pm.group());
    }
    String[] ids = FieldText.issnIsbn(one(f, "IS"));
    b.issn(ids[0]).isbn(ids[1]);
    b.keywords(items(f, "KY"));
    List<String> types = items(f, "PT");
    b.publicationTypes(types);
    b.type(types.isEmpty() ? "" : types.get(0));
    b.language(one(f, "LA"));
    b.url(one(f, "US"));
    sink.record(b.build());
  }
}
