package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReaderHeaderAware;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/**
 * The hard pairs in {@code dedup/hard-pairs.csv}: pairs that must never be merged (recurring
 * columns by issue, errata, retractions, comments and replies, parts, abstracts beside articles,
 * one group's different papers, translations that are other papers) and duplicates that databases
 * disguise (a translated title, a garbled author list, a preprint server's DOI on a journal copy,
 * a journal name in another language, a magazine's year as volume, e-pages and article numbers
 * beside print pages, surname particles, a thesis beside its dissertation abstract). Made-up
 * content in realistic layouts; each row is one kind.
 */
class HardPairsTest {
  record Pair(String name, boolean merge, BibRecord a, BibRecord b) {
    @Override
    public String toString() {
      return (merge ? "merged: " : "apart: ") + name;
    }
  }

  static Stream<Arguments> pairs() throws Exception {
    List<Arguments> out = new ArrayList<>();
    try (Reader in = new InputStreamReader(
        HardPairsTest.class.getResourceAsStream("/dedup/hard-pairs.csv"), StandardCharsets.UTF_8);
        CSVReaderHeaderAware csv = new CSVReaderHeaderAware(in)) {
      Map<String, String> row;
      int n = 0;
      while ((row = csv.readMap()) != null) {
        n++;
        String expect = row.get("expect");
        assertTrue(expect.equals("merge") || expect.equals("apart"), "row " + n + ": " + expect);
        out.add(Arguments.of(new Pair(row.get("case"), expect.equals("merge"),
            record(row, "a", "first-export.ris", n), record(row, "b", "second-export.csv", n))));
      }
    }
    return out.stream();
  }

  static BibRecord record(Map<String, String> row, String side, String file, int n) {
    String authors = row.get("authors_" + side);
    String year = row.get("year_" + side);
    String[] types = row.get("type_" + side).split("\\|", 2); // "JOUR|Conference Paper": type|publication type
    String type = types[0];
    BibRecord.Builder b = BibRecord.builder(new Provenance(file, n, n, side + n, ""))
        .type(type)
        .title(row.get("title_" + side))
        .authors(authors.isBlank() ? List.of() : Arrays.stream(authors.split(";")).map(String::strip).toList())
        .year(year.isBlank() ? 0 : Integer.parseInt(year))
        .journal(row.get("journal_" + side))
        .volume(row.get("volume_" + side))
        .issue(row.get("issue_" + side))
        .pages(row.get("pages_" + side))
        .doi(row.get("doi_" + side));
    if (types.length > 1) {
      b.publicationTypes(List.of(types[1]));
    } else if (type.contains(" ")) {
      b.publicationTypes(List.of(type)); // Embase's "Conference Abstract" is a publication type
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void decidesTheHardPair(Pair p) {
    Deduplicator.Result r = Deduplicator.run(List.of(p.a(), p.b()));
    String verdict = PairMatcher.compare(RecordFeatures.of(p.a()), RecordFeatures.of(p.b())).toString();
    assertEquals(p.merge() ? 1 : 2, r.unique().size(), p.name() + ": " + verdict);
    // and whatever the order the records come in
    Deduplicator.Result swapped = Deduplicator.run(List.of(p.b(), p.a()));
    assertEquals(r.unique().size(), swapped.unique().size(), p.name() + " depends on the order");
  }

  /**
   * Made-up records of a search around the pair: 300 papers, a third of them exported twice (the
   * second copy without DOI, journal abbreviated, title in capitals, MEDLINE-style names), by a
   * small pool of authors over four years, so that a run has a few hundred compared pairs to
   * estimate its match model on.
   */
  static List<BibRecord> otherRecords() {
    java.util.Random random = new java.util.Random(20);
    String[] words = {"adherence", "outcomes", "community", "pharmacists", "screening", "adolescents",
        "telemonitoring", "diabetes", "rural", "implementation", "barriers", "mortality", "vaccination",
        "anxiety", "workload", "nurses", "primary", "care", "cohort", "registry", "stroke", "rehabilitation",
        "costs", "quality", "hospital", "discharge", "readmission", "elderly", "frailty", "exercise",
        "nutrition", "sleep", "depression", "smoking", "cessation", "pregnancy", "infants", "asthma",
        "obesity", "surgery", "antibiotic", "resistance", "dementia", "caregivers", "pain", "opioid",
        "screening", "literacy", "mobile", "application", "feedback", "training", "simulation", "safety"};
    String[][] people = {{"Achterberg", "Wim"}, {"Banerjee", "Ritu"}, {"Castellano", "Lucia"},
        {"Dlamini", "Sipho"}, {"Eriksen", "Mette"}, {"Fontaine", "Julien"}, {"Gupta", "Arjun"},
        {"Horvath", "Eszter"}, {"Ibarra", "Tomas"}, {"Jovanovic", "Milena"}, {"Kowalski", "Piotr"},
        {"Laine", "Aino"}};
    String[][] journals = {{"Journal of Primary Care Research", "J Prim Care Res"},
        {"International Journal of Nursing Practice Studies", "Int J Nurs Pract Stud"},
        {"Health Services Evaluation", "Health Serv Eval"}, {"Clinical Rehabilitation Reports", "Clin Rehabil Rep"}};
    List<BibRecord> out = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      StringBuilder title = new StringBuilder();
      for (int w = 0; w < 7 + random.nextInt(5); w++) {
        title.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      String t = Character.toUpperCase(title.charAt(0)) + title.substring(1);
      List<String[]> authors = new ArrayList<>();
      for (int a = 0; a < 2 + random.nextInt(3); a++) {
        authors.add(people[random.nextInt(people.length)]);
      }
      int year = 2018 + random.nextInt(4);
      String[] journal = journals[random.nextInt(journals.length)];
      String volume = Integer.toString(year - 2000 + random.nextInt(2));
      String issue = Integer.toString(1 + random.nextInt(6));
      int first = 1 + random.nextInt(900);
      String pages = first + "-" + (first + 5 + random.nextInt(10));
      out.add(BibRecord.builder(new Provenance("search.ris", 1000 + k, 1000 + k, "o" + k, "")).type("JOUR")
          .title(t).authors(authors.stream().map(a -> a[0] + ", " + a[1]).toList()).year(year)
          .journal(journal[0]).volume(volume).issue(issue).pages(pages).doi("10.5555/other." + k).build());
      if (k % 3 == 0) {
        out.add(BibRecord.builder(new Provenance("search.csv", 2000 + k, 2000 + k, "c" + k, "")).type("JOUR")
            .title(t.toUpperCase(java.util.Locale.ROOT) + ".")
            .authors(authors.stream().map(a -> a[0] + " " + a[1].charAt(0)).toList()).year(year)
            .journal(journal[1]).volume(volume).issue(issue).pages(pages).build());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void decidesTheHardPairAmongOtherRecords(Pair p) {
    // with enough compared pairs the run's match model is estimated and has its say too
    List<BibRecord> records = new ArrayList<>(otherRecords());
    records.add(p.a());
    records.add(p.b());
    Deduplicator.Result r = Deduplicator.run(records);
    assertTrue(r.model() != null, "no match model: too few compared pairs");
    boolean merged = r.links().stream().filter(l -> l.inputId().equals(p.a().inputId())).findFirst()
        .flatMap(la -> r.links().stream().filter(l -> l.inputId().equals(p.b().inputId()))
            .findFirst().map(lb -> lb.recordId().equals(la.recordId())))
        .orElse(false);
    assertEquals(p.merge(), merged, p.name() + ": " + r.review());
  }

  @Test
  void theSuiteHoldsEveryKindTheIssueLists() throws Exception {
    List<Arguments> all = pairs().toList();
    long apart = all.stream().filter(a -> !((Pair) a.get()[0]).merge()).count();
    assertTrue(apart >= 12 && all.size() - apart >= 12, apart + " apart of " + all.size());
  }
}
