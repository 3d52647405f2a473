package org.litsieve.generate;

import static org.litsieve.generate.Vocabulary.capitalise;
import static org.litsieve.generate.Vocabulary.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One invented paper, before any export's quirks: what {@link CorpusGenerator} invents once per
 * paper and each export writer ({@link MedlineText}, {@link OvidRis}, {@link ScopusCsv}) writes
 * as that database would. Deterministic for a random stream; never fails.
 */
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

  private static String designSuffix(SplittableRandom r) {
    return r.nextInt(3) == 0 ? ": " + pick(r, Vocabulary.DESIGNS) : "";
  }

  /** About 600 surnames: a root and a suffix. */
  private static String surname(SplittableRandom r) {
    return pick(r, Vocabulary.SURNAMES) + pick(r, Vocabulary.SURNAME_ENDINGS);
  }
}
