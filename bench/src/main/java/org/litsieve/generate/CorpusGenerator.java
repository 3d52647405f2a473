package org.litsieve.generate;

import static org.litsieve.generate.Vocabulary.pick;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic search result: papers invented on and off the worked example's topic
 * (training for the peer workforce), exported as PubMed MEDLINE ({@code pubmed.nbib}), Ovid RIS
 * ({@code psycinfo-ovid.ris}) and Scopus CSV ({@code scopus.csv}), with duplicates across files
 * that differ the way real copies do (title case and final period, DOI missing or as a URL, author
 * initials, a publisher's copyright line). Titles average about 12 words and abstracts about 230.
 *
 * <p>The same settings give byte-identical files: each paper draws from its own random stream
 * seeded by the seed and its number. {@code truth.csv} maps every record ({@code file,position})
 * to its paper, so deduplication can be scored; the summary says how many papers are on topic.
 *
 * <p>Failure behaviour: I/O errors are thrown; nothing is partially hidden.
 */
public final class CorpusGenerator {
  /** What to generate. {@code duplicateShare} is the share of records that are extra copies (0 to 0.6). */
  public record Settings(long records, long seed, double duplicateShare, double onTopicShare) {
    public Settings {
      if (records < 1) {
        throw new IllegalArgumentException("records must be at least 1");
      }
      if (duplicateShare < 0 || duplicateShare > 0.6) {
        throw new IllegalArgumentException("duplicate share must be between 0 and 0.6");
      }
      if (onTopicShare < 0 || onTopicShare > 1) {
        throw new IllegalArgumentException("on-topic share must be between 0 and 1");
      }
    }
  }

  /** What was written. */
  public record Summary(long records, long papers, long onTopicPapers, Map<String, Long> recordsPerFile) {}

  static final String[] FILES = {"pubmed.nbib", "psycinfo-ovid.ris", "scopus.csv"};

  private CorpusGenerator() {}

  public static Summary write(Settings settings, Path dir) throws IOException {
    Files.createDirectories(dir);
    long[] positions = new long[FILES.length];
    long written = 0;
    long papers = 0;
    long onTopic = 0;
    double extra = settings.duplicateShare() / (1 - settings.duplicateShare());
    try (BufferedWriter nbib = open(dir, FILES[0]);
        BufferedWriter ris = open(dir, FILES[1]);
        BufferedWriter csv = open(dir, FILES[2]);
        BufferedWriter truth = open(dir, "truth.csv")) {
      csv.write('\uFEFF');
      csv.write(ScopusCsv.HEADER);
      truth.write("file,position,paper\n");
      Writer[] writers = {nbib, ris, csv};
      while (written < settings.records()) {
        SplittableRandom r = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + papers);
        Paper paper = Paper.invent(papers, settings.seed(), r, r.nextDouble() < settings.onTopicShare());
        int copies = 1 + (int) Math.floor(extra) + (r.nextDouble() < extra - Math.floor(extra) ? 1 : 0);
        copies = (int) Math.min(Math.min(copies, FILES.length), settings.records() - written);
        int first = r.nextInt(FILES.length);
        for (int c = 0; c < copies; c++) {
          int f = (first + c) % FILES.length;
          positions[f]++;
          switch (f) {
            case 0 -> MedlineText.write(paper, r, nbib);
            case 1 -> OvidRis.write(paper, r, ris);
            default -> ScopusCsv.write(paper, r, csv);
          }
          truth.write(FILES[f] + "," + positions[f] + ",P" + paper.number() + "\n");
          written++;
        }
        if (paper.onTopic()) {
          onTopic++;
        }
        papers++;
      }
      for (Writer w : writers) {
        w.flush();
      }
    }
    Map<String, Long> perFile = new LinkedHashMap<>();
    for (int f = 0; f < FILES.length; f++) {
      perFile.put(FILES[f], positions[f]);
    }
    return new Summary(written, papers, onTopic, perFile);
  }

  private static BufferedWriter open(Path dir, String name) throws IOException {
    return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** One invented paper, before any export's quirks. */
  record Paper(long number, boolean onTopic, String title, String abstractText, List<String[]> authors,
      int year, String[] journal, int volume, int issue, int firstPage, int lastPage, String doi,
      String pmid, List<String> keywords) {

    static Paper invent(long n, long seed, SplittableRandom r, boolean onTopic) {
      String title;
      StringBuilder abs = new StringBuilder();
      List<String> keywords = new ArrayList<>();
      if (onTopic) {
        String role = pick(r, Vocabulary.PEER_ROLES);
        String training = pick(r, Vocabulary.TRAINING);
        String setting = pick(r, Vocabulary.MH_SETTINGS);
        title = capitalise(training) + " for " + role + " in " + setting + " in "
            + pick(r, Vocabulary.PLACES) + designSuffix(r);
        abs.append("BACKGROUND: The ").append(role).append(" workforce in ").append(setting)
            .append(" is growing, yet preparation for the role varies. METHODS: We evaluated ")
            .append(training).append(" delivered to ").append(role).append(". RESULTS: Trainees reported gains in ")
            .append(pick(r, Vocabulary.OUTCOMES)).append(" and ").append(pick(r, Vocabulary.OUTCOMES))
            .append(". ");
        keywords.add("peer support");
        keywords.add(pick(r, Vocabulary.OUTCOMES));
      } else {
        String population = pick(r, Vocabulary.OTHER_POPULATIONS);
        String intervention = pick(r, Vocabulary.OTHER_INTERVENTIONS);
        title = capitalise(intervention) + " and " + pick(r, Vocabulary.OTHER_OUTCOMES) + " in "
            + population + " in " + pick(r, Vocabulary.PLACES) + designSuffix(r);
        abs.append("BACKGROUND: Evidence on ").append(intervention).append(" for ").append(population)
            .append(" is limited. METHODS: We studied ").append(intervention).append(". RESULTS: ")
            .append(capitalise(pick(r, Vocabulary.OTHER_OUTCOMES))).append(" improved in the intervention group. ");
        keywords.add(intervention);
      }
      int target = 200 + r.nextInt(60);
      int words = abs.toString().split(" ").length;
      abs.append("CONCLUSIONS:");
      while (words < target) {
        abs.append(' ').append(pick(r, Vocabulary.FILLER));
        words++;
      }
      abs.append('.');
      List<String[]> authors = new ArrayList<>();
      int nAuthors = 2 + r.nextInt(5);
      for (int a = 0; a < nAuthors; a++) {
        authors.add(new String[] {surname(r), pick(r, Vocabulary.GIVEN)});
      }
      int year = 1990 + r.nextInt(35);
      int first = 1 + r.nextInt(900);
      return new Paper(n, onTopic, title, abs.toString(), authors, year, pick(r, Vocabulary.JOURNALS),
          1 + r.nextInt(60), 1 + r.nextInt(12), first, first + 5 + r.nextInt(15),
          "10.5555/gen." + Long.toString(seed, 36) + "." + n, Long.toString(90_000_000L + n), keywords);
    }

    String pages() {
      return firstPage + "-" + lastPage;
    }
  }

  static String designSuffix(SplittableRandom r) {
    return r.nextInt(3) == 0 ? ": " + pick(r, Vocabulary.DESIGNS) : "";
  }

  /** About 600 surnames: a root and a suffix. */
  static String surname(SplittableRandom r) {
    return pick(r, Vocabulary.SURNAMES) + pick(r, Vocabulary.SURNAME_ENDINGS);
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String titleCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ';
    }
    return b.toString();
  }

  static String initials(String given) {
    return given.substring(0, 1).toUpperCase(Locale.ROOT);
  }
}
