package org.litsieve.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

/**
 * Parse-throughput benchmark: for each format, writes a large file by repeating one record in
 * that vendor's real layout (numbered so no two are equal), then reads it through {@link
 * ExportReader} (hashing, decoding, detection and parsing, as a run does) on one thread, and prints
 * MB/s and records/s, best of three runs after one warm-up.
 *
 * <p>Usage: {@code java -cp bench/target/litsieve-bench.jar org.litsieve.ingest.ParseBenchmark [MB]}
 * (default 100 MB per format). The generated files go to a temporary folder that is deleted
 * afterwards. Input: none. Output: a table on stdout. Failure behaviour: an I/O error aborts.
 */
public final class ParseBenchmark {
  private ParseBenchmark() {}

  private static final Map<String, String[]> LAYOUTS = new LinkedHashMap<>();

  static {
    String abs = "BACKGROUND: Peer workers with lived experience support people in mental health "
        + "services. METHODS: We trained 120 peer support workers in a structured curriculum and "
        + "measured wellbeing, burnout and retention over twelve months. RESULTS: Wellbeing rose "
        + "and burnout fell; retention improved by a third. CONCLUSIONS: Structured training helps.";
    LAYOUTS.put("ris", new String[] {"", "TY  - JOUR\r\nAU  - Smith, Jane A.\r\nAU  - Doe, John\r\n"
        + "TI  - Training peer workers with lived experience: a cohort study %d\r\nPY  - 2019\r\n"
        + "T2  - Journal of Mental Health\r\nVL  - 28\r\nIS  - 4\r\nSP  - 345\r\nEP  - 352\r\n"
        + "DO  - 10.5555/jmh.%d\r\nSN  - 0963-8237\r\nKW  - peer support\r\nKW  - training\r\n"
        + "AB  - " + abs + "\r\nAN  - %d\r\nDB  - Scopus\r\nER  - \r\n\r\n", ""});
    LAYOUTS.put("medline", new String[] {"", "PMID- %d\nOWN - NLM\nSTAT- MEDLINE\nDP  - 2019 Aug\n"
        + "TI  - Training peer workers with lived experience: a cohort study %d.\nPG  - 345-352\n"
        + "LID - 10.5555/jmh.%d [doi]\nAB  - " + abs.substring(0, 150) + "\n      "
        + abs.substring(150) + "\nFAU - Smith, Jane A\nAU  - Smith JA\nFAU - Doe, John\n"
        + "AU  - Doe J\nLA  - eng\nPT  - Journal Article\nTA  - J Ment Health\n"
        + "JT  - Journal of mental health\nMH  - Humans\nMH  - *Peer Group\nOT  - peer support\n\n", ""});
    LAYOUTS.put("wos", new String[] {"FN Clarivate Analytics Web of Science\nVR 1.0\n",
        "PT J\nAU Smith, JA\n   Doe, J\nAF Smith, Jane A.\n   Doe, John\nTI Training peer workers "
        + "with lived experience: a cohort\n   study %d\nSO JOURNAL OF MENTAL HEALTH\nLA English\n"
        + "DT Article\nDE peer support; training\nAB " + abs + "\nPY 2019\nVL 28\nIS 4\nBP 345\n"
        + "EP 352\nDI 10.5555/jmh.%d\nUT WOS:%d\nER\n\n", "EF\n"});
    LAYOUTS.put("ovid", new String[] {"", "<%d. >\nVN  - Ovid Technologies\nDB  - Embase\n"
        + "AN  - %d\nTI  - Training peer workers with lived experience: a cohort study %d\n"
        + "AU  - Smith J.\nAU  - Doe J.\nSO  - Journal of Mental Health. 28(4) (pp 345-352), 2019.\n"
        + "AB  - " + abs + "\nYR  - 2019\nLG  - English\nPT  - Article\n\n", ""});
    LAYOUTS.put("pubmed-xml", new String[] {"<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet "
        + "PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" "
        + "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n",
        "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">%d"
        + "</PMID><Article PubModel=\"Print\"><Journal><ISSN IssnType=\"Print\">0963-8237</ISSN>"
        + "<JournalIssue><Volume>28</Volume><Issue>4</Issue><PubDate><Year>2019</Year></PubDate>"
        + "</JournalIssue><Title>Journal of mental health</Title><ISOAbbreviation>J Ment Health"
        + "</ISOAbbreviation></Journal><ArticleTitle>Training peer workers: a cohort study %d."
        + "</ArticleTitle><Pagination><MedlinePgn>345-352</MedlinePgn></Pagination><Abstract>"
        + "<AbstractText Label=\"BACKGROUND\">" + abs + "</AbstractText></Abstract><AuthorList>"
        + "<Author><LastName>Smith</LastName><ForeName>Jane A</ForeName></Author></AuthorList>"
        + "<Language>eng</Language></Article><MeshHeadingList><MeshHeading><DescriptorName "
        + "MajorTopicYN=\"Y\">Peer Group</DescriptorName></MeshHeading></MeshHeadingList>"
        + "</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType=\"doi\">10.5555/jmh.%d"
        + "</ArticleId></ArticleIdList></PubmedData></PubmedArticle>\n", "</PubmedArticleSet>\n"});
    LAYOUTS.put("endnote-xml", new String[] {"<?xml version=\"1.0\" encoding=\"UTF-8\" ?><xml><records>",
        "<record><rec-number>%d</rec-number><ref-type name=\"Journal Article\">17</ref-type>"
        + "<contributors><authors><author><style face=\"normal\" size=\"100%%\">Smith, J. A."
        + "</style></author></authors></contributors><titles><title><style face=\"normal\" "
        + "size=\"100%%\">Training peer workers: a cohort study %d</style></title><secondary-title>"
        + "<style face=\"normal\" size=\"100%%\">J Ment Health</style></secondary-title></titles>"
        + "<pages>345-352</pages><volume>28</volume><dates><year>2019</year></dates>"
        + "<electronic-resource-num>10.5555/jmh.%d</electronic-resource-num><abstract>" + abs
        + "</abstract></record>", "</records></xml>\n"});
    LAYOUTS.put("bibtex", new String[] {"Scopus\nEXPORT DATE: 1 May 2024\n\n",
        "@ARTICLE{Smith2019_%d,\n\tauthor = {Smith, Jane A. and Doe, John},\n\ttitle = {Training"
        + " peer workers with lived experience: a cohort study {%d}},\n\tjournal = {Journal of"
        + " Mental Health},\n\tyear = {2019},\n\tvolume = {28},\n\tpages = {345--352},\n\tdoi = "
        + "{10.5555/jmh.%d},\n\tabstract = {" + abs + "},\n\tsource = {Scopus}\n}\n\n", ""});
    LAYOUTS.put("csv", new String[] {"\"Authors\",\"Title\",\"Year\",\"Source title\",\"Volume\","
        + "\"DOI\",\"Abstract\",\"EID\"\n", "\"Smith J.A., Doe J.\",\"Training peer workers: a "
        + "cohort study %d\",\"2019\",\"Journal of Mental Health\",\"28\",\"10.5555/jmh.%d\",\""
        + abs + "\",\"2-s2.0-%d\"\n", ""});
  }

  public static void main(String[] args) throws IOException {
    long mb = args.length > 0 ? Long.parseLong(args[0]) : 100;
    Path dir = Files.createTempDirectory("litsieve-bench");
    try {
      System.out.printf("%-12s %8s %10s %10s %12s%n", "format", "MB", "records", "MB/s", "records/s");
      for (Map.Entry<String, String[]> e : LAYOUTS.entrySet()) {
        Path file = dir.resolve(e.getKey() + ".txt");
        write(file, e.getValue(), mb * 1024 * 1024);
        double bestSeconds = Double.MAX_VALUE;
        long records = 0;
        String format = "";
        for (int run = 0; run < 4; run++) {
          long[] count = new long[1];
          long start = System.nanoTime();
          FileReport report;
          try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            report = ExportReader.read(file.toString(), in, new ParseSink() {
              @Override
              public void record(BibRecord r) {
                count[0]++;
              }

              @Override
              public void reject(Rejected r) {}
            });
          }
          double s = (System.nanoTime() - start) / 1e9;
          if (run > 0) {
            bestSeconds = Math.min(bestSeconds, s); // run 0 warms the JIT up
          }
          records = count[0];
          format = report.format();
        }
        double size = Files.size(file) / (1024.0 * 1024.0);
        System.out.printf("%-12s %8.1f %10d %10.1f %12.0f%s%n", e.getKey(), size, records,
            size / bestSeconds, records / bestSeconds,
            format.equals(e.getKey()) ? "" : "  (detected as " + format + "!)");
        Files.delete(file);
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void write(Path file, String[] layout, long bytes) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(layout[0]);
      long written = layout[0].length();
      int n = 0;
      while (written < bytes) {
        n++;
        String rec = layout[1].replace("%d", Integer.toString(n)).replace("%%", "%");
        w.write(rec);
        written += rec.length();
      }
      w.write(layout[2]);
    }
  }
}
