package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts that make the agreement pattern of every compared pair cheap answer as the plain
 * tests they stand for, on names and journal words near and far: the first-letter test before the
 * umlaut spellings, the one-pass prefix test of journal words, a group author told once per name.
 */
class PatternShortcutsTest {
  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

  /** Surnames and journal words with their near spellings: umlauts, compounds, prefixes, typos. */
  private static List<String> words() {
    Random random = new Random(11);
    String letters = "aeuoinrstlcdmhgbkpüéö";
    List<String> words = new ArrayList<>(List.of("", "a", "mueller", "müller", "muller", "moeller", "möller",
        "aebi", "abi", "uebel", "ubel", "johansen", "hansen", "fernandesbrenna", "brenna", "nguyen", "nguyenn",
        "schmidt", "schmitt", "j", "jour", "journal", "journ", "nurs", "nursing", "int", "internat",
        "international"));
    for (int i = 0; i < 250; i++) {
      StringBuilder w = new StringBuilder();
      int n = 1 + random.nextInt(9);
      for (int k = 0; k < n; k++) {
        w.append(letters.charAt(random.nextInt(letters.length())));
      }
      String s = w.toString();
      words.add(s);
      words.add(s.replace("ü", "ue").replace("ö", "oe"));
      words.add(s + "ae" + s);
      if (n > 1) {
        words.add(s.substring(0, n / 2));
        words.add(s.substring(1));
      }
    }
    return words;
  }

  /** sameWord as it was written before the first-letter test. */
  private static boolean plainSameWord(String a, String b) {
    if (a.equals(b) || umlauts(a).equals(umlauts(b))) {
      return true;
    }
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    if (shorter.length() >= 4 && longer.length() >= shorter.length() + 3
        && (longer.startsWith(shorter) || longer.endsWith(shorter))) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 5 && JW.apply(a, b) >= 0.93;
  }

  private static String umlauts(String s) {
    return s.replace("ue", "u").replace("oe", "o").replace("ae", "a");
  }

  @Test
  void sameWordAnswersAsThePlainTests() {
    List<String> words = words();
    int same = 0;
    for (String a : words) {
      for (String b : words) {
        boolean expected = plainSameWord(a, b);
        assertEquals(expected, PairMatcher.sameWord(a, b), a + " / " + b);
        same += expected && !a.equals(b) ? 1 : 0;
      }
    }
    assertTrue(same > 200, "different spellings taken as one word: " + same);
  }

  @Test
  void prefixEitherWayIsStartsWithEitherWay() {
    List<String> words = words();
    int prefixes = 0;
    for (String a : words) {
      for (String b : words) {
        boolean expected = a.startsWith(b) || b.startsWith(a);
        assertEquals(expected, PairMatcher.prefixEitherWay(a, b), a + " / " + b);
        prefixes += expected && !a.equals(b) ? 1 : 0;
      }
    }
    assertTrue(prefixes > 200, "pairs where one word starts the other: " + prefixes);
  }

  @Test
  void aGroupAuthorIsToldFromItsWordsWhenTheNameIsMade() {
    RecordFeatures.Name group = RecordFeatures.name("ALTS Study Group");
    assertTrue(group.group());
    assertFalse(RecordFeatures.name("Grouper, Anna").group());
    // a name rebuilt from its parts (as the block coder does) tells it again
    assertEquals(group, new RecordFeatures.Name(group.tokens(), group.surname(), group.initial()));
  }
}
