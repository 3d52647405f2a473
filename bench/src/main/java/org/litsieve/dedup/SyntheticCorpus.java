package org.litsieve.dedup;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/**
 * A synthetic bibliographic corpus with known duplicates, deterministic by seed, for benchmarks.
 *
 * <p>About 62% of the records are distinct papers; the rest are copies of them as another database
 * would export them: other title case, trailing period, a "[Article in German]" note, the DOI
 * missing, the journal abbreviated, authors as initials, pages as {@code 73-6}, a one-letter typo,
 * the year one off for an e-pub. Hard negatives are mixed in: Part 1/Part 2 series, errata,
 * "Editorial" in many issues, and one author publishing several papers a year (so author+year
 * blocks are large). Each record's source id is {@code P<paper>-<copy>}, so {@link #truth()} is
 * known. Words, names and journals are made-up syllable strings; DOIs use {@code 10.5555/}.
 */
public final class SyntheticCorpus {
  private final List<BibRecord> records;
  private final Map<String, Integer> truth;
  private final int papers;

  private SyntheticCorpus(List<BibRecord> records, Map<String, Integer> truth, int papers) {
    this.records = records;
    this.truth = truth;
    this.papers = papers;
  }

  /** The records, in a shuffled order. */
  public List<BibRecord> records() {
    return records;
  }

  /** Source id → paper number, for scoring. */
  public Map<String, Integer> truth() {
    return truth;
  }

  /** How many distinct papers there are. */
  public int papers() {
    return papers;
  }

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze",
      "bra", "cle", "dri", "fo", "gan", "hel", "ist", "jor", "kin", "lum", "mor", "nat", "ost",
      "pra", "qui", "ren", "sol", "tur", "ung", "vel", "wen", "xan", "yor", "zul", "tion", "al",
      "ic", "ous", "ent", "ism", "ar"};

  /** Generates about {@code n} records. */
  public static SyntheticCorpus generate(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] vocabulary = words(rnd, 6000, 2, 4);
    String[] surnames = words(rnd, 3000, 2, 3);
    int journalCount = Math.max(20, n / 250);
    String[][] journals = new String[journalCount][];
    for (int i = 0; i < journalCount; i++) {
      String[] w = words(rnd, 3, 3, 4);
      String full = "Journal of " + cap(w[0]) + " " + cap(w[1]) + " and " + cap(w[2]);
      String abbrev = "J " + cap(w[0].substring(0, 4)) + " " + cap(w[1].substring(0, 4)) + " " + cap(w[2].substring(0, 3));
      journals[i] = new String[] {full, abbrev};
    }
    List<BibRecord> out = new ArrayList<>(n + 16);
    Map<String, Integer> truth = new HashMap<>();
    int paper = 0;
    while (out.size() < n) {
      paper++;
      int j = rnd.nextInt(journalCount);
      int year = 1990 + rnd.nextInt(34);
      int volume = 1 + rnd.nextInt(60);
      int page = 1 + rnd.nextInt(2000);
      int len = 6 + rnd.nextInt(10);
      StringBuilder t = new StringBuilder(cap(vocabulary[zipf(rnd, vocabulary.length)]));
      for (int i = 1; i < len; i++) {
        t.append(' ').append(rnd.nextInt(5) == 0 ? List.of("of", "in", "and", "for", "with").get(rnd.nextInt(5))
            : vocabulary[zipf(rnd, vocabulary.length)]);
      }
      String title = t.toString();
      int kind = rnd.nextInt(100);
      if (kind < 2) {
        title = "Editorial";
      } else if (kind < 4) {
        title = title + ": part " + (1 + rnd.nextInt(3));
      }
      List<String[]> authors = new ArrayList<>();
      int authorCount = 1 + rnd.nextInt(6);
      for (int i = 0; i < authorCount; i++) {
        // a few prolific surnames make large author+year blocks
        String s = cap(surnames[rnd.nextInt(10) == 0 ? rnd.nextInt(20) : rnd.nextInt(surnames.length)]);
        authors.add(new String[] {s, cap(vocabulary[rnd.nextInt(vocabulary.length)])});
      }
      String doi = rnd.nextInt(10) < 8 ? "10.5555/syn." + seed + "." + paper : "";
      int copies = copies(rnd);
      for (int c = 1; c <= copies && out.size() < n; c++) {
        String id = "P" + paper + "-" + c;
        truth.put(id, paper);
        out.add(copy(rnd, c, id, title, authors, year, journals[j], volume, page, doi, vocabulary));
      }
      if (kind >= 4 && kind < 5 && out.size() < n) {
        String id = "P" + paper + "-erratum";
        truth.put(id, -paper);
        out.add(copy(rnd, 1, id, "Erratum: " + title, authors, year, journals[j], volume, page + 40, "",
            vocabulary));
      }
    }
    // a deterministic shuffle, so duplicates are not neighbours
    for (int i = out.size() - 1; i > 0; i--) {
      int k = rnd.nextInt(i + 1);
      BibRecord tmp = out.get(i);
      out.set(i, out.get(k));
      out.set(k, tmp);
    }
    List<BibRecord> positioned = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      BibRecord r = out.get(i);
      positioned.add(r.toBuilder().provenance(List.of(new Provenance("synthetic.csv", i + 1, i + 2,
          r.origin().sourceId(), "synthetic"))).build());
    }
    return new SyntheticCorpus(List.copyOf(positioned), Map.copyOf(truth), paper);
  }

  private static int copies(SplittableRandom rnd) {
    int r = rnd.nextInt(100);
    return r < 45 ? 1 : r < 80 ? 2 : r < 95 ? 3 : 4;
  }

  private static BibRecord copy(SplittableRandom rnd, int copy, String id, String title, List<String[]> authors,
      int year, String[] journal, int volume, int page, String doi, String[] vocabulary) {
    String t = title;
    boolean variant = copy > 1;
    if (variant) {
      int v = rnd.nextInt(10);
      if (v == 0) {
        t = t.toUpperCase(Locale.ROOT);
      } else if (v == 1) {
        t = t + ".";
      } else if (v == 2) {
        t = t + " [Article in German]";
      } else if (v == 3 && t.length() > 20) {
        int at = 5 + rnd.nextInt(t.length() - 10);
        t = t.substring(0, at) + t.substring(at + 1); // a dropped letter
      }
    }
    List<String> names = new ArrayList<>();
    boolean initials = variant && rnd.nextBoolean();
    for (String[] a : authors) {
      names.add(initials ? a[0] + " " + a[1].charAt(0) : a[0] + ", " + a[1]);
    }
    int y = variant && rnd.nextInt(20) == 0 ? year + 1 : year;
    int last = page + 3 + Math.floorMod(id.hashCode(), 9);
    String pages = variant && rnd.nextBoolean() && last / 10 == page / 10 ? page + "-" + (last % 10) : page + "-" + last;
    StringBuilder abs = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      abs.append(vocabulary[Math.floorMod(title.hashCode() + i * 31, vocabulary.length)]).append(i % 15 == 14 ? ". " : " ");
    }
    return BibRecord.builder(new Provenance("synthetic.csv", 0, 0, id, "synthetic"))
        .type("article")
        .title(t)
        .authors(names)
        .year(y)
        .journal(variant && rnd.nextBoolean() ? journal[1] : journal[0])
        .volume(Integer.toString(volume))
        .issue(Integer.toString(1 + volume % 4))
        .pages(pages)
        .doi(variant && rnd.nextInt(4) == 0 ? "" : doi)
        .abstractText(abs.toString().strip())
        .build();
  }

  private static int zipf(SplittableRandom rnd, int n) {
    double u = rnd.nextDouble();
    return (int) Math.min(n - 1, Math.floor(Math.pow(n, u)) - 1 + rnd.nextInt(3));
  }

  private static String[] words(SplittableRandom rnd, int count, int minSyl, int maxSyl) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      StringBuilder w = new StringBuilder();
      int syl = minSyl + rnd.nextInt(maxSyl - minSyl + 1);
      for (int s = 0; s < syl; s++) {
        w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
      }
      out[i] = w.toString();
    }
    return out;
  }

  private static String cap(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** Writes the corpus as a CSV export with an {@code ID} column (readable by litsieve). */
  public void writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("ID,title,year,author,journal,volume,number,pages,doi,ENTRYTYPE,abstract\n");
      for (BibRecord r : records) {
        w.write(String.join(",", q(r.origin().sourceId()), q(r.title()), Integer.toString(r.year()),
            q(String.join(" and ", r.authors())), q(r.journal()), q(r.volume()), q(r.issue()),
            q(r.pages()), q(r.doi()), q(r.type()), q(r.abstractText())));
        w.write('\n');
      }
    }
  }

  private static String q(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
