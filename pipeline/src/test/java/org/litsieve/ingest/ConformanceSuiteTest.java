package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;
import org.litsieve.testing.RealData;

/**
 * The conformance suite over {@code ../shared/realdata/exports} (run by plain {@code mvn verify}).
 *
 * <p>1. Every file is accounted for: it parses to exactly the number of records counted
 * independently ({@link IndependentCounts}), or it is rejected as a whole with a stated reason.
 * 2. Where the source repository gives the expected output (JabRef's same-name {@code .bib},
 * {@code OvidImporterTestN.txt} → {@code OvidImporterTestBibN.bib}, CoLRev's {@code *_result.bib}
 * and {@code *_expected.bib}), each expected record is found among the parsed ones (by DOI, else
 * title) and its title, year, DOI, author surnames and journal are compared. Known, explained
 * differences are listed in {@link #KNOWN}. 3. The format × vendor table of what passes is written
 * to {@code target/conformance/formats-table.md} and must equal the table in
 * {@code docs/formats.md} (rewrite it with {@code -Dlitsieve.updateDocs=true}).
 */
class ConformanceSuiteTest {
  private static final String BEGIN = "<!-- conformance-table:begin -->";
  private static final String END = "<!-- conformance-table:end -->";

  /** Expected-output pairs whose field differences are explained, with the reason. */
  private static final Map<String, String> KNOWN = new TreeMap<>(Map.ofEntries(
      Map.entry("colrev/tests/review_manager/3_packages_search/data/files_dir_bib.bib",
          "CoLRev curates the titles (drops 'Complete Research', '47.', '(research in progress)'),"
              + " which the export does not hold"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/jstor_ris.ris",
          "for a book chapter CoLRev takes the book title (T2) as the title; litsieve keeps the"
              + " chapter title (T1) and puts the book title in journal"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/scopus_bib.bib",
          "CoLRev swaps title and booktitle for Scopus book chapters; litsieve keeps the"
              + " export's title"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/wiley_bib.bib",
          "CoLRev takes the book title of a Wiley chapter as the title"),
      Map.entry("jabref/importer_fileformat/MedlineImporterTestBookArticleSet.xml",
          "JabRef uses the BookTitle as the title of a book chapter; litsieve keeps the chapter's"
              + " ArticleTitle and puts the book title in journal"),
      Map.entry("jabref/importer_fileformat/OvidImporterTest5.txt",
          "'Bunkers, Sandra Schmidt RN; PhD; FAAN 1' is one author with degrees; JabRef reads"
              + " three authors (Bunkers, PhD, FAAN)"),
      Map.entry("jabref/importer_fileformat/RisImporterTest7.ris",
          "JabRef counts A2 (secondary authors: editors) as authors; litsieve does not"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/ebsco_bib.bib",
          "the second entry's Keywords hold scraped JavaScript with unbalanced braces, so the"
              + " entry ends early and is rejected (no title) with a warning; CoLRev repairs it"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/springer_csv.csv",
          "Springer writes authors run together ('Andy SmithTom Weber'); CoLRev splits at the"
              + " case change, litsieve keeps the cell as one name"),
      Map.entry("jabref/importer_fileformat/MedlineImporterTestKeywordSingleEntry.xml",
          "the record has no AuthorList; JabRef's 'Koop' comes from another element"),
      Map.entry("colrev/tests/review_manager/3_packages_search/data/ais_enl.txt",
          "CoLRev names the venue from the AIS URL (misq → 'MIS Quarterly', ecis2017_rp →"
              + " 'European Conference on Information Systems'); the export's %B holds 'Management"
              + " Information Systems Quarterly', 'Research Papers', 'PACIS 2017 Proceedings'"),
      Map.entry("jabref/importer_fileformat/RisImporterTest1.ris",
          "JabRef joins T1, T2 and the other title tags into one title; litsieve takes TI/T1")));

  private record Pair(Path source, Path expected) {}

  private record FileRow(String format, String vendor, boolean counted, boolean rejectedWhole,
      int records, String fields) {}

  @Test
  void everyFileIsAccountedForAndMatchesItsExpectedOutput() throws IOException {
    Path root = RealData.folder();
    Path exports = root.resolve("exports");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(exports)) {
      files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    assertTrue(files.size() > 300, "expected the whole exports folder, found " + files.size());
    Map<Path, Path> expectedFor = pairs(files);
    List<String> problems = new ArrayList<>();
    List<FileRow> rows = new ArrayList<>();
    int compared = 0;
    for (Path file : files) {
      String rel = exports.relativize(file).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(file);
      RecordDump.Result result = RecordDump.read(rel, bytes);
      String format = result.report().format();
      boolean whole = false;
      for (Rejected r : result.rejects()) {
        if (r.position() == 0) {
          whole = true;
          if (r.reason().isBlank()) {
            problems.add(rel + ": rejected without a reason");
          }
        }
      }
      if (format.equals(ExportReader.UNKNOWN)) {
        if (!whole) {
          problems.add(rel + ": unknown format but no whole-file reject");
        }
        rows.add(new FileRow("unsupported", vendor(rel), false, true, 0, ""));
        continue;
      }
      int independent = IndependentCounts.forFormat(format, bytes);
      int parsed = result.perRecordCount();
      boolean counted = parsed == independent;
      if (!counted && !RealDataCountTest.isExplained(rel, parsed)) {
        problems.add(rel + ": parsed " + parsed + ", counted " + independent);
      }
      String fields = "";
      Path expected = expectedFor.get(file);
      if (expected != null) {
        compared++;
        String diff = compare(result, expected);
        String key = rel;
        if (diff.isEmpty()) {
          fields = "pass";
          if (KNOWN.containsKey(key)) {
            problems.add(rel + ": listed as a known difference but now matches");
          }
        } else if (KNOWN.containsKey(key)) {
          fields = "known";
        } else {
          fields = "FAIL";
          problems.add(rel + " vs " + expected.getFileName() + ": " + diff);
        }
      }
      rows.add(new FileRow(format, vendor(rel), counted || RealDataCountTest.isExplained(rel, parsed),
          whole, result.records().size(), fields));
    }
    String table = table(rows);
    Path out = Paths.get(System.getProperty("litsieve.buildDir", "target"), "conformance");
    Files.createDirectories(out);
    Files.writeString(out.resolve("formats-table.md"), table, StandardCharsets.UTF_8);
    System.out.println(table);
    assertTrue(compared >= 60, "expected-output pairs compared: " + compared);
    checkDoc(table, problems);
    if (!problems.isEmpty()) {
      fail(problems.size() + " conformance problems:\n  " + String.join("\n  ", problems));
    }
  }

  private static void checkDoc(String table, List<String> problems) throws IOException {
    Path doc = Paths.get(System.getProperty("litsieve.root", "."), "docs", "formats.md");
    if (!Files.exists(doc)) {
      problems.add("docs/formats.md is missing");
      return;
    }
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      problems.add("docs/formats.md has no " + BEGIN + " … " + END + " section");
      return;
    }
    String current = text.substring(b + BEGIN.length(), e).strip();
    if (!current.equals(table.strip())) {
      if (Boolean.getBoolean("litsieve.updateDocs")) {
        Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + table.strip()
            + "\n" + text.substring(e), StandardCharsets.UTF_8);
      } else {
        problems.add("docs/formats.md's conformance table is out of date: run with "
            + "-Dlitsieve.updateDocs=true (or copy target/conformance/formats-table.md)");
      }
    }
  }

  /** Source file → its expected .bib, for the pairs the source repositories provide. */
  static Map<Path, Path> pairs(List<Path> files) {
    Map<Path, Path> out = new TreeMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Path dir = f.getParent();
      if (name.endsWith(".bib")) {
        String base = name.substring(0, name.length() - 4);
        String src = base.endsWith("_result") ? base.substring(0, base.length() - 7)
            : base.endsWith("_expected") ? base.substring(0, base.length() - 9)
            : base.endsWith("-expected") ? base.substring(0, base.length() - 9) : null;
        if (src == null || dir.toString().contains("dedupe")) {
          continue;
        }
        for (Path g : files) {
          String gn = g.getFileName().toString();
          int dot = gn.lastIndexOf('.');
          if (g.getParent().equals(dir) && dot > 0 && gn.substring(0, dot).equals(src)
              && !g.equals(f)) {
            out.put(g, f);
          }
        }
      } else if (dir.endsWith("importer_fileformat")) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path bib = dir.resolve(base + ".bib");
        if (base.startsWith("OvidImporterTest")) {
          bib = dir.resolve("OvidImporterTestBib" + base.substring("OvidImporterTest".length()) + ".bib");
        }
        if (Files.exists(bib)) {
          out.put(f, bib);
        }
      }
    }
    return out;
  }

  /** "" when every expected record is found with equal key fields, else what differs. */
  private static String compare(RecordDump.Result parsed, Path expectedFile) throws IOException {
    RecordDump.Result expected = RecordDump.read(expectedFile.getFileName().toString(),
        Files.readAllBytes(expectedFile));
    if (!expected.report().format().equals("bibtex")) {
      return "";
    }
    List<String> diffs = new ArrayList<>();
    for (BibRecord e : expected.records()) {
      Optional<BibRecord> match = parsed.records().stream()
          .filter(p -> !e.doi().isEmpty() && e.doi().equals(p.doi())).findFirst();
      if (match.isEmpty()) {
        List<BibRecord> sameTitle = parsed.records().stream()
            .filter(p -> norm(p.title()).equals(norm(e.title()))).collect(Collectors.toList());
        match = sameTitle.stream().filter(p -> p.year() == e.year()).findFirst();
        if (match.isEmpty()) {
          match = sameTitle.stream().findFirst();
        }
      }
      if (match.isEmpty()) {
        diffs.add("expected record not found: " + e.title());
        continue;
      }
      BibRecord p = match.get();
      if (!norm(p.title()).equals(norm(e.title()))) {
        diffs.add("title '" + p.title() + "' != '" + e.title() + "'");
      }
      if (e.year() != 0 && p.year() != e.year()) {
        diffs.add("year " + p.year() + " != " + e.year());
      }
      if (!e.doi().isEmpty() && !p.doi().equals(e.doi())) {
        diffs.add("doi " + p.doi() + " != " + e.doi());
      }
      boolean placeholder = e.authors().size() == 1 && e.authors().get(0).equalsIgnoreCase("UNKNOWN");
      if (!e.authors().isEmpty() && !placeholder && !surnames(p.authors()).equals(surnames(e.authors()))) {
        diffs.add("authors " + surnames(p.authors()) + " != " + surnames(e.authors()));
      }
      if (!e.journal().isEmpty() && !p.journal().isEmpty() && !norm(p.journal()).equals(norm(e.journal()))
          && !norm(p.journalAbbrev()).equals(norm(e.journal()))) {
        diffs.add("journal '" + p.journal() + "' != '" + e.journal() + "'");
      }
    }
    return String.join("; ", diffs);
  }

  static String norm(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return d.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  private static List<String> surnames(List<String> authors) {
    List<String> out = new ArrayList<>();
    for (String a : authors) {
      int comma = a.indexOf(',');
      if (comma > 0) {
        out.add(norm(a.substring(0, comma)));
        continue;
      }
      // no comma: "Lim SM" (MEDLINE style) gives its first word, "Catarina Barata" and a
      // collective name its last word (as BibTeX reads a name without a comma)
      String[] w = a.strip().split("\\s+");
      String last = w[w.length - 1].replace(".", "");
      boolean initials = w.length == 2 && last.length() <= 3 && last.equals(last.toUpperCase(Locale.ROOT));
      out.add(norm(initials ? w[0] : w[w.length - 1]));
    }
    return out;
  }

  private static final String[][] VENDORS = {
      {"scopus", "Scopus"}, {"web_of_science", "Web of Science"}, {"wos", "Web of Science"},
      {"isiimporter", "Web of Science"}, {"savedrecs", "Web of Science"},
      {"single-article", "Web of Science"},
      {"ovid", "Ovid"}, {"embase", "Embase"}, {"psycinfo", "PsycINFO"}, {"ebsco", "EBSCO"},
      {"proquest", "ProQuest"}, {"ieee", "IEEE"}, {"jstor", "JSTOR"}, {"springer", "Springer"},
      {"eric", "ERIC"}, {"europe_pmc", "Europe PMC"}, {"pubmed", "PubMed"}, {"medline", "PubMed"},
      {"nbib", "PubMed"}, {"entrez", "PubMed"}, {"zotero", "Zotero"}, {"endnote", "EndNote"},
      {"enl", "EndNote"}, {"respiratory", "EndNote"}, {"acm", "ACM"}, {"dblp", "DBLP"},
      {"crossref", "Crossref"}, {"wiley", "Wiley"}, {"taylor", "Taylor & Francis"},
      {"trid", "TRID"}, {"jabref", "JabRef"}};

  /** The database or tool a file comes from, judged from its path. */
  static String vendor(String rel) {
    String l = rel.toLowerCase(Locale.ROOT);
    String name = l.substring(l.lastIndexOf('/') + 1);
    List<String> tokens = List.of(name.split("[^a-z]+"));
    for (String[] v : VENDORS) {
      boolean hit = v[0].contains("_") || v[0].contains("-") ? name.contains(v[0])
          : tokens.stream().anyMatch(t -> t.startsWith(v[0]));
      if (hit) {
        return v[1];
      }
    }
    if (l.startsWith("jabref/") && name.endsWith(".bib")) {
      return "JabRef";
    }
    return "other (" + rel.substring(0, rel.indexOf('/')) + ")";
  }

  private static String table(List<FileRow> rows) {
    Map<String, int[]> cells = new TreeMap<>();
    for (FileRow r : rows) {
      int[] c = cells.computeIfAbsent(r.format() + "\t" + r.vendor(), k -> new int[5]);
      c[0]++;
      c[1] += r.counted() || r.rejectedWhole() ? 1 : 0;
      c[2] += r.records();
      c[3] += r.fields().isEmpty() ? 0 : 1;
      c[4] += r.fields().equals("pass") || r.fields().equals("known") ? 1 : 0;
    }
    StringBuilder b = new StringBuilder();
    b.append("| format | vendor | files | accounted for | records | expected-output files | fields match |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, int[]> e : cells.entrySet()) {
      String[] k = e.getKey().split("\t");
      int[] c = e.getValue();
      b.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(c[0])
          .append(" | ").append(c[1]).append(" | ").append(c[2]).append(" | ")
          .append(c[3] == 0 ? "-" : Integer.toString(c[3])).append(" | ")
          .append(c[3] == 0 ? "-" : Integer.toString(c[4])).append(" |\n");
    }
    return b.toString();
  }
}
