package org.litsieve.output;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.ScreenedRecord;

/**
 * Writes a screened record as one RIS entry that Zotero, EndNote, Rayyan and Covidence import:
 * {@code TY}, {@code TI}, one {@code AU} per author ("Surname, Given"), {@code PY}, {@code T2} and
 * {@code JO}, {@code J2}, {@code VL}, {@code IS}, {@code SP}/{@code EP}, {@code SN}, {@code DO},
 * {@code AN}, {@code AB}, {@code KW} (keywords, then each outcome tag as {@code litsieve:TAG}),
 * {@code LA}, {@code DB} (the databases it was found in), {@code UR} and an {@code N1} note with the decision, reason, tags and
 * record id. Line ends are CRLF, as the RIS specification asks.
 */
public final class RisFormat {
  private static final String EOL = "\r\n";
  private static final Set<String> RIS_TYPES = Set.of("ABST", "BOOK", "CHAP", "CONF", "CPAPER",
      "EJOUR", "GEN", "JOUR", "MGZN", "NEWS", "RPRT", "THES", "UNPB", "ELEC", "DATA", "SER");

  private RisFormat() {}

  public static String entry(ScreenedRecord s) {
    BibRecord r = s.record();
    StringBuilder b = new StringBuilder(1024);
    String type = r.type().toUpperCase(java.util.Locale.ROOT);
    tag(b, "TY", RIS_TYPES.contains(type) ? type : "JOUR");
    tag(b, "TI", r.title());
    for (String a : r.authors()) {
      tag(b, "AU", a);
    }
    if (r.year() > 0) {
      tag(b, "PY", Integer.toString(r.year()));
    }
    tag(b, "T2", r.journal());
    tag(b, "JO", r.journal().isEmpty() ? r.journalAbbrev() : r.journal());
    tag(b, "J2", r.journalAbbrev());
    tag(b, "VL", r.volume());
    tag(b, "IS", r.issue());
    String[] pages = splitPages(r.pages());
    tag(b, "SP", pages[0]);
    tag(b, "EP", pages[1]);
    tag(b, "SN", r.issn().isEmpty() ? r.isbn() : r.issn());
    tag(b, "DO", r.doi());
    tag(b, "AN", r.pmid().isEmpty() ? r.origin().sourceId() : r.pmid());
    tag(b, "AB", r.abstractText());
    Set<String> keywords = new LinkedHashSet<>(r.keywords());
    for (BlockMatch t : s.tags()) {
      keywords.add("litsieve:" + t.name());
    }
    for (String k : keywords) {
      tag(b, "KW", k);
    }
    tag(b, "LA", r.language());
    tag(b, "DB", String.join("; ", databases(s)));
    tag(b, "UR", r.url().isEmpty() && !r.doi().isEmpty() ? "https://doi.org/" + r.doi() : r.url());
    List<String> note = new ArrayList<>();
    note.add("litsieve decision: " + s.decision().label());
    if (!s.reason().isEmpty()) {
      note.add("reason: " + s.reason());
    }
    if (!s.tags().isEmpty()) {
      note.add("outcome tags: " + String.join(", ", s.tags().stream().map(BlockMatch::name).toList()));
    }
    note.add("record id: " + s.recordId());
    tag(b, "N1", String.join("; ", note));
    b.append("ER  - ").append(EOL).append(EOL);
    return b.toString();
  }

  /**
   * The databases a record was found in, as the exports name them (PubMed, Scopus…), sorted; the
   * input file stands in for an export that names no database.
   */
  static List<String> databases(ScreenedRecord s) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (org.litsieve.model.Provenance p : s.record().provenance()) {
      names.add(p.database().isBlank() ? p.sourceFile() : p.database());
    }
    return new ArrayList<>(names);
  }

  /** A line break with the blanks around it, made one space in a tag's value. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\s*[\\r\\n]+\\s*");

  private static void tag(StringBuilder b, String tag, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    // most values have no line break, so no regex runs for them (String.replaceAll compiled one
    // for every tag of every included record)
    boolean breaks = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    String oneLine = (breaks ? LINE_BREAK.matcher(value).replaceAll(" ") : value).strip();
    b.append(tag).append("  - ").append(oneLine).append(EOL);
  }

  /** Splits "73-76" into start and end page, expanding abbreviated ends ("73-6" gives 73 and 76). */
  static String[] splitPages(String pages) {
    String p = pages.strip();
    int dash = p.indexOf('-');
    if (dash < 0) {
      dash = p.indexOf('–');
    }
    if (dash <= 0) {
      return new String[] {p, ""};
    }
    String start = p.substring(0, dash).strip();
    String end = p.substring(dash + 1).strip();
    if (start.matches("\\d+") && end.matches("\\d+") && end.length() < start.length()) {
      end = start.substring(0, start.length() - end.length()) + end;
    }
    return new String[] {start, end};
  }
}
