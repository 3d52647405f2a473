package org.litsieve.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
}
