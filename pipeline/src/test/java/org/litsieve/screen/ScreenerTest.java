package org.litsieve.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.Hit;
import org.litsieve.model.Provenance;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

class ScreenerTest {
  static final String RULES = String.join("\n",
      "eligibility:",
      "  years: {from: 2000, to: 2020}",
      "  languages: [english]",
      "  exclude_publication_types: [editorial]",
      "  require: [abstract]",
      "include:",
      "  - name: peers",
      "    query: '\"peer support\" OR \"lived experience\"'",
      "  - name: training",
      "    query: train* OR curricul*",
      "  - name: context",
      "    query: mental* OR addiction",
      "exclude:",
      "  - name: animals",
      "    query: mice OR rats",
      "review:",
      "  max_missing_include_blocks: 1",
      "tags:",
      "  - name: wellbeing",
      "    query: well-being",
      "  - name: stigma",
      "    query: stigma*",
      "");

  private static int counter;

  static BibRecord record(String title, String abs, int year) {
    return BibRecord.builder(new Provenance("t.ris", ++counter, 1, "", ""))
        .title(title).abstractText(abs).year(year).language("eng").build();
  }

  private static ScreenedRecord screen(BibRecord r) throws Exception {
    Rules rules = RulesLoader.load("rules.yaml", RULES);
    return new Screener(rules).screen(List.of(new Screener.Input("id", r))).get(0);
  }

  @Test
  void includesARecordMatchingEveryBlockAndTagsIt() throws Exception {
    ScreenedRecord s = screen(record("Peer-support training in mental health",
        "Trainees reported better wellbeing and well being; less stigma.", 2015));
    assertEquals(Decision.INCLUDE, s.decision());
    assertEquals("final", s.stage());
    assertEquals(List.of("peers", "training", "context"),
        s.matchedBlocks().stream().map(BlockMatch::name).toList());
    assertEquals(List.of("wellbeing", "stigma"), s.tags().stream().map(BlockMatch::name).toList());
    // hyphenated text matches the phrase, and the evidence points at the exact characters
    Hit peer = s.matchedBlocks().get(0).hits().get(0);
    assertEquals(new Hit("title", "Peer-support", 0, 12), peer);
    assertEquals(List.of("abstract:well being"), s.tags().get(0).compactTerms());
  }

  @Test
  void eligibilityComesFirstInAFixedOrder() throws Exception {
    String t = "Peer support training in mental health";
    assertEquals("year outside 2000-2020", screen(record(t, "x", 1999)).reason());
    BibRecord german = record(t, "x", 2010).toBuilder().language("German").build();
    assertEquals("language not in [english]", screen(german).reason());
    BibRecord editorial = record(t, "x", 2010).toBuilder().publicationTypes(List.of("Editorial")).build();
    assertEquals("publication type: editorial", screen(editorial).reason());
    ScreenedRecord noAbstract = screen(record(t, "", 2010));
    assertEquals("missing abstract", noAbstract.reason());
    assertEquals("eligibility", noAbstract.stage());
    assertEquals(Decision.EXCLUDE, noAbstract.decision());
    // no year and no language are not held against a record by default
    assertEquals(Decision.INCLUDE, screen(record(t, "x", 0).toBuilder().language("").build()).decision());
  }

  @Test
  void excludeBlocksWinOverIncludeBlocks() throws Exception {
    ScreenedRecord s = screen(record("Peer support training in mental health of rats", "x", 2010));
    assertEquals(Decision.EXCLUDE, s.decision());
    assertEquals("keywords", s.stage());
    assertEquals("exclude block: animals", s.reason());
  }

  @Test
  void oneMissingBlockGoesToReviewTwoAreExcluded() throws Exception {
    ScreenedRecord review = screen(record("Lived experience workers in addiction services", "x", 2010));
    assertEquals(Decision.REVIEW, review.decision());
    assertEquals("review: missing include block training", review.reason());
    ScreenedRecord out = screen(record("Lived experience of cooking", "x", 2010));
    assertEquals(Decision.EXCLUDE, out.decision());
    assertEquals("missing include block: training", out.reason());
    assertTrue(out.tags().isEmpty());
  }

  @Test
  void matchingIgnoresCaseAndAccentsButPhrasesStayInsideOneKeyword() throws Exception {
    BibRecord accents = record("PEER SUPPORT curricülum for MENTAL health", "x", 2010);
    assertEquals(Decision.INCLUDE, screen(accents).decision());
    BibRecord split = record("Training in mental health", "x", 2010).toBuilder()
        .keywords(List.of("peer", "support")).build();
    assertEquals("review: missing include block peers", screen(split).reason());
  }

  @Test
  void aBatchKeepsInputOrderAndMixesDecisions() throws Exception {
    Rules rules = RulesLoader.load("rules.yaml", RULES);
    Screener screener = new Screener(rules);
    List<Screener.Input> batch = List.of(
        new Screener.Input("a", record("Peer support training in mental health", "x", 2010)),
        new Screener.Input("b", record("Peer support training in mental health", "", 2010)),
        new Screener.Input("c", record("Nothing relevant", "x", 2010)));
    List<ScreenedRecord> out = screener.screen(batch);
    assertEquals(List.of("a", "b", "c"), out.stream().map(ScreenedRecord::recordId).toList());
    assertEquals(List.of(Decision.INCLUDE, Decision.EXCLUDE, Decision.EXCLUDE),
        out.stream().map(ScreenedRecord::decision).toList());
  }

  /**
   * One screener keeps the rewritten subsets of a disjunction's clauses that records needed: many
   * records through one screener, in two orders, get what each gets from a screener of its own.
   */
  @Test
  void oneScreenerForManyRecordsAnswersAsAFreshOneForEach() throws Exception {
    Rules rules = RulesLoader.load("rules.yaml", RULES);
    String[] peers = {"peer support", "lived experience", "peer support and lived experience", "neither"};
    String[] training = {"training", "curriculum", "trained on a curriculum", "none"};
    String[] context = {"mental health", "addiction", "mental health and addiction", "cardiology"};
    List<BibRecord> records = new java.util.ArrayList<>();
    for (String p : peers) {
      for (String t : training) {
        for (String c : context) {
          records.add(record(p + " " + t + " in " + c, "An abstract on " + c + ", with " + t + " and stigma.", 2010));
        }
      }
    }
    List<BibRecord> reversed = new java.util.ArrayList<>(records);
    java.util.Collections.reverse(reversed);
    java.util.Set<String> decisions = new java.util.HashSet<>();
    for (List<BibRecord> order : List.of(records, reversed)) {
      Screener shared = new Screener(rules);
      for (BibRecord r : order) {
        ScreenedRecord fresh = new Screener(rules).screen(List.of(new Screener.Input("id", r))).get(0);
        ScreenedRecord reused = shared.screen(List.of(new Screener.Input("id", r))).get(0);
        assertEquals(fresh, reused, r.title());
        decisions.add(fresh.decision() + " " + fresh.matchedBlocks().size());
      }
    }
    assertTrue(decisions.size() >= 4, "records decided several ways: " + decisions);
  }

  @Test
  void onlyTheFieldsSomeQueryLooksAtAreMade() {
    BibRecord r = BibRecord.builder(new Provenance("t.ris", ++counter, 1, "", ""))
        .title("Peer training").authors(List.of("Smith, Jane", "van der Berg, A.")).journal("J Peer Work")
        .language("eng").keywords(List.of("peers")).subjectHeadings(List.of("*Peer Group")).build();
    boolean[] every = new boolean[14];
    java.util.Arrays.fill(every, true);
    List<List<String>> all = Screener.fieldValues(r, every);
    assertEquals(List.of("peers", "Peer Group"), all.get(2));
    assertTrue(!all.get(11).isEmpty() && !all.get(12).isEmpty() && !all.get(13).isEmpty(), all.toString());
    assertEquals(List.of("J Peer Work"), all.get(7));

    boolean[] titleOnly = new boolean[14];
    titleOnly[0] = true;
    List<List<String>> some = Screener.fieldValues(r, titleOnly);
    assertEquals(List.of("Peer training"), some.get(0));
    for (int f : new int[] {2, 7, 8, 11, 12, 13}) {
      assertTrue(some.get(f).isEmpty(), "field " + f + " made although not wanted: " + some.get(f));
    }
  }
}
