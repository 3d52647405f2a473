package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/**
 * Fuzzing each parser with random and mutated inputs that start from real layouts (the golden
 * fixtures in the repository, and a small sample per format written here), with a fixed seed.
 * Invariants: no exception escapes a parser; every record start a parser numbered is accounted
 * for, as a record or as a reject, with no position skipped or used twice (except after an XML
 * error, whose one reject stands for the rest of the file); and for RIS, Ovid and MEDLINE the
 * records plus rejects equal the record starts counted here by other means. The
 * same inputs are also read as bytes through {@link ExportReader}, which must never report a
 * parser failure. Each parser gets {@code litsieve.fuzzMillis} milliseconds (default 2,000; CI
 * may raise it); the seed is {@code litsieve.fuzzSeed} (default 19).
 */
class ParserFuzzTest {
  private static final long MILLIS = Long.getLong("litsieve.fuzzMillis", 2_000);
  private static final long SEED = Long.getLong("litsieve.fuzzSeed", 19);

  private static final String WOS = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
      + "PT J\nAU Okafor, N\n   Lindqvist, A\nTI Peer support in rural clinics: a\n   cluster trial\n"
      + "SO JOURNAL OF MADE UP STUDIES\nAB Peer workers were trained.\n   Outcomes improved.\n"
      + "PY 2021\nDI 10.5555/fuzz.wos.1\nUT WOS:000000000000001\nER\n\n"
      + "PT J\nAU Brandt, K\nTI Second record\nPY 2019\nUT WOS:000000000000002\nER\n\nEF\n";
  private static final String OVID = "<1>\nAccession Number\n  12345678\nTitle\n"
      + "  Peer support workers in community mental health.\nAuthors\n  Okafor N; Lindqvist A.\n"
      + "Abstract\n  A made-up abstract\n  over two lines.\nYear of Publication\n  2020\n"
      + "Digital Object Identifier\n  10.5555/fuzz.ovid.1\n\n<2>\nTI  - Tagged layout record\n"
      + "AU  - Brandt K\nYR  - 2018\n\n<3. >\nTitle\n  Third one\n";
  private static final String BIB = "% Encoding: UTF-8\n@string{jms = {Journal of Made-up Studies}}\n"
      + "@article{okafor2021,\n  title = {Peer {Support} in \\\"Rural\\\" Clinics},\n"
      + "  author = {Okafor, Nkechi and Lindqvist, Anna},\n  journal = jms,\n  year = 2021,\n"
      + "  doi = {10.5555/fuzz.bib.1},\n  abstract = {Line one\n  line two}\n}\n\n"
      + "@comment{ignored}\n@inproceedings(brandt2019,\n  title = \"Second, in parentheses\",\n"
      + "  year = {2019}\n)\n";
  private static final String PUBMED_XML = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
      + "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal><Title>J Made Up</Title>"
      + "</Journal><ArticleTitle>Peer <i>support</i> trial</ArticleTitle><Abstract><AbstractText"
      + " Label=\"BACKGROUND\">Text.</AbstractText></Abstract><AuthorList><Author><LastName>Okafor"
      + "</LastName><ForeName>N</ForeName></Author></AuthorList></Article></MedlineCitation>"
      + "<PubmedData><ArticleIdList><ArticleId IdType=\"doi\">10.5555/fuzz.xml.1</ArticleId>"
      + "</ArticleIdList></PubmedData></PubmedArticle>\n<PubmedArticle><MedlineCitation><PMID>2"
      + "</PMID><Article><ArticleTitle>Second</ArticleTitle></Article></MedlineCitation>"
      + "</PubmedArticle>\n</PubmedArticleSet>\n";
  private static final String ENDNOTE_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><records>"
      + "<record><ref-type name=\"Journal Article\">17</ref-type><contributors><authors><author>"
      + "<style>Okafor, N.</style></author></authors></contributors><titles><title><style>Peer"
      + " support trial</style></title><secondary-title>J Made Up</secondary-title></titles>"
      + "<dates><year>2020</year></dates><electronic-resource-num>10.5555/fuzz.enw.1"
      + "</electronic-resource-num></record><record><titles><title>Second</title></titles>"
      + "</record></records></xml>\n";

  /** Characters that matter to some parser's structure, for insertions. */
  private static final String STRUCTURE = "\n\r\t \0\u0001\"',;{}()@=<>/&-ER TY PT PMID- <1>\\";

  @TestFactory
  Stream<DynamicTest> noExceptionEscapesAndEveryRecordStartIsAccountedFor()
      throws IOException, URISyntaxException {
    List<DynamicTest> tests = new ArrayList<>();
    for (ExportParser parser : ExportFormats.all()) {
      List<String> seeds = seeds(parser.id());
      assertFalse(seeds.isEmpty(), "no seed for " + parser.id());
      tests.add(DynamicTest.dynamicTest(parser.id(), () -> fuzz(parser, seeds)));
    }
    return tests.stream();
  }

  private static void fuzz(ExportParser parser, List<String> seeds) throws IOException {
    Random random = new Random(SEED ^ parser.id().hashCode());
    long end = System.nanoTime() + MILLIS * 1_000_000;
    int runs = 0;
    do {
      String seed = seeds.get(random.nextInt(seeds.size()));
      String input = random.nextInt(10) == 0 ? randomText(random) : mutate(seed, seeds, random);
      check(parser, input);
      runs++;
    } while (System.nanoTime() < end || runs < 50);
  }

  private static void check(ExportParser parser, String input) throws IOException {
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    ParseSink sink = ParseSink.into(records, rejects);
    try {
      parser.parse(new CappedLineReader(new StringReader(input), sink), "fuzz", sink);
    } catch (RuntimeException e) {
      throw new AssertionError(parser.id() + " threw " + e + " on:\n" + shown(input), e);
    }
    TreeSet<Integer> positions = new TreeSet<>();
    int perRecord = 0;
    for (BibRecord r : records) {
      perRecord++;
      if (!positions.add(r.origin().position())) {
        fail(parser.id() + ": position " + r.origin().position() + " used twice on:\n" + shown(input));
      }
    }
    for (Rejected r : rejects) {
      if (r.position() > 0) {
        perRecord++;
        positions.add(r.position());
      }
    }
    boolean xmlGaveUp = rejects.stream().anyMatch(r -> r.reason().contains("the rest of the file"));
    if (!positions.isEmpty() && !xmlGaveUp) {
      assertEquals(1, positions.first(), parser.id() + ": first position on:\n" + shown(input));
      assertEquals(positions.size(), positions.last(),
          parser.id() + ": a record start neither parsed nor rejected on:\n" + shown(input));
    }
    int independent = independentCount(parser.id(), input);
    if (independent >= 0) {
      assertEquals(independent, perRecord, parser.id() + ": records + rejects " + records.size() + " + "
          + rejects + " against record starts counted apart on:\n" + shown(input));
    }
    List<BibRecord> viaReader = new ArrayList<>();
    List<Rejected> readerRejects = new ArrayList<>();
    ExportReader.read("fuzz", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        ParseSink.into(viaReader, readerRejects));
    for (Rejected r : readerRejects) {
      assertFalse(r.reason().contains("parser failed"), r.reason() + " on:\n" + shown(input));
    }
  }

  private static final Pattern RIS_TAG = Pattern.compile("[A-Z][A-Z0-9][ \\t]{1,2}-(?:[ \\t].*)?");
  private static final Pattern MEDLINE_TAG = Pattern.compile("([A-Z0-9]{2,4}) *-");
  private static final Pattern OVID_MARKER = Pattern.compile("<\\s*\\d+\\s*(\\.\\s*)?>\\s*");

  /**
   * Record starts counted apart from the parsers, over the text as the line reader gives it
   * (NUL removed, other control characters read as spaces), or -1 where no simple count holds.
   */
  static int independentCount(String format, String input) {
    String text = input.replace("\0", "").replaceAll("[\\x01-\\x08\\x0B\\x0E-\\x1F]", " ");
    List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
    switch (format) {
      case "ris": {
        int n = 0;
        boolean open = false;
        boolean sawTy = false;
        for (String l : lines) {
          if (!RIS_TAG.matcher(l).matches()) {
            continue;
          }
          if (l.startsWith("TY")) {
            n++;
            open = true;
            sawTy = true;
          } else if (l.startsWith("ER")) {
            open = false;
          } else if (!open && !sawTy) {
            n++;
            open = true;
          }
        }
        return n;
      }
      case "ovid":
        return IndependentCounts.count(lines, OVID_MARKER);
      case "medline": {
        int n = 0;
        boolean open = false;
        boolean hasPmid = false;
        for (String l : lines) {
          if (l.isBlank()) {
            open = false;
            continue;
          }
          java.util.regex.Matcher m = MEDLINE_TAG.matcher(l);
          if (l.charAt(0) == ' ' || l.charAt(0) == '\t' || !m.lookingAt() || m.end() > 6) {
            continue; // a continuation, or neither a tag nor a continuation
          }
          boolean pmid = m.group(1).equals("PMID");
          if (!open || (pmid && hasPmid)) {
            n++;
            hasPmid = pmid;
            open = true;
          } else {
            hasPmid |= pmid;
          }
        }
        return n;
      }
      default:
        return -1;
    }
  }

  private static String mutate(String seed, List<String> seeds, Random random) {
    StringBuilder b = new StringBuilder(seed);
    int edits = 1 + random.nextInt(6);
    for (int e = 0; e < edits; e++) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
      switch (random.nextInt(8)) {
        case 0 -> { // delete a range
          int to = Math.min(b.length(), at + random.nextInt(40));
          b.delete(at, to);
        }
        case 1 -> { // insert structural characters
          for (int i = random.nextInt(4); i >= 0; i--) {
            b.insert(at, STRUCTURE.charAt(random.nextInt(STRUCTURE.length())));
          }
        }
        case 2 -> { // duplicate a range
          int to = Math.min(b.length(), at + random.nextInt(200));
          b.insert(at, b.substring(at, to));
        }
        case 3 -> b.setLength(at); // truncate
        case 4 -> { // splice in a piece of another seed
          String other = seeds.get(random.nextInt(seeds.size()));
          int from = random.nextInt(other.length());
          b.insert(at, other, from, Math.min(other.length(), from + random.nextInt(300)));
        }
        case 5 -> { // replace a character by any character
          if (at < b.length()) {
            b.setCharAt(at, (char) random.nextInt(0x3000));
          }
        }
        case 6 -> b.insert(at, "\n".repeat(1 + random.nextInt(3))); // blank lines
        default -> { // swap two lines' order by moving a line
          int nl = b.indexOf("\n", at);
          if (nl > at) {
            String line = b.substring(at, nl + 1);
            b.delete(at, nl + 1);
            b.insert(random.nextInt(b.length() + 1), line);
          }
        }
      }
    }
    return b.toString();
  }

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(2000);
    for (int i = 0; i < n; i++) {
      b.append(random.nextInt(3) == 0 ? STRUCTURE.charAt(random.nextInt(STRUCTURE.length()))
          : (char) (32 + random.nextInt(95)));
    }
    return b.toString();
  }

  private static String shown(String input) {
    String s = input.length() > 3000 ? input.substring(0, 3000) + "…" : input;
    return s.replace("\0", "\\0");
  }

  /** The repository's golden fixtures of a format, and the sample written above. */
  private static List<String> seeds(String format) throws IOException, URISyntaxException {
    List<String> seeds = new ArrayList<>();
    Path root = Paths.get(ParserFuzzTest.class.getClassLoader().getResource("ingest").toURI());
    Path dir = root.resolve(format);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          if (!f.getFileName().toString().endsWith(".expected")) {
            seeds.add(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
          }
        }
      }
    }
    switch (format) {
      case "wos" -> seeds.add(WOS);
      case "ovid" -> seeds.add(OVID);
      case "bibtex" -> seeds.add(BIB);
      case "pubmed-xml" -> seeds.add(PUBMED_XML);
      case "endnote-xml" -> seeds.add(ENDNOTE_XML);
      default -> { }
    }
    return seeds;
  }
}
