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
 * a journal name in another language, a magazine's year as volume, e-pages, a thesis beside its
 * dissertation abstract). Made-up content in realistic layouts; each row is one kind.
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

  @Test
  void theSuiteHoldsEveryKindTheIssueLists() throws Exception {
    List<Arguments> all = pairs().toList();
    long apart = all.stream().filter(a -> !((Pair) a.get()[0]).merge()).count();
    assertTrue(apart >= 12 && all.size() - apart >= 12, apart + " apart of " + all.size());
  }
}
