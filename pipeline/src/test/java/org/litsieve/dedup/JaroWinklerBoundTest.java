package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

/**
 * The shortcut that skips Jaro-Winkler when the common characters rule it out gives the same
 * answer as computing it, at the two cut-offs the matcher uses, on near and far pairs of words.
 */
class JaroWinklerBoundTest {
  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

  @Test
  void theShortcutAnswersAsTheSimilarityDoes() {
    Random random = new Random(7);
    String letters = "aeinorstlcdmuhgbkpvwyzüé";
    List<String> words = new ArrayList<>(List.of("mueller", "müller", "muller", "johansen", "hansen",
        "fernandes", "brenna", "nguyen", "nguyenn", "martinez", "martines", "schmidt", "schmitt",
        "kessel", "vankessel", "derchain", "cheong", "peter", "stpeter"));
    for (int i = 0; i < 400; i++) {
      StringBuilder w = new StringBuilder();
      int n = 3 + random.nextInt(10);
      for (int k = 0; k < n; k++) {
        w.append(letters.charAt(random.nextInt(letters.length())));
      }
      words.add(w.toString());
      // near variants: a dropped, a swapped and a changed letter
      String s = w.toString();
      int at = random.nextInt(n - 1);
      words.add(s.substring(0, at) + s.substring(at + 1));
      words.add(s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2));
      words.add(s.substring(0, at) + 'x' + s.substring(at + 1));
    }
    int near = 0;
    for (String a : words) {
      for (String b : words) {
        for (double min : new double[] {0.85, 0.93}) {
          boolean expected = JW.apply(a, b) >= min;
          assertEquals(expected, PairMatcher.jaroWinklerAtLeast(a, b, min), a + " / " + b + " at " + min);
          near += expected ? 1 : 0;
        }
      }
    }
    assertTrue(near > words.size() * 2, "pairs at or above the cut-offs: " + near);
  }
}
