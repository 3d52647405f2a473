package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The title keys' shortcuts (a character loop for the digits, a substring check before the "part"
 * expression) give exactly what the regular expressions alone give, on titles built to hit the
 * edges: part words inside other words, at the ends, numbers in every place.
 */
class TextKeysShortcutsTest {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern PART = Pattern.compile(
      "\\b(?:part|pt|phase|section|volume)\\s+([0-9]+|[ivx]{1,5}|one|two|three|four|five|a|b|c)\\b");
  private static final List<String> WORDS = List.of("part", "pt", "phase", "section", "volume", "apart",
      "adapted", "concept", "ii", "iv", "x", "one", "two", "a", "b", "c", "d", "2", "10", "000", "3b",
      "trial", "peer", "support", "counterpart", "subsection", "phases", "optimal", "ptsd", "iii", "xi",
      "é", "  ", "vol", "2019");

  private static String referenceNumbers(String title) {
    StringBuilder out = new StringBuilder();
    Matcher m = DIGITS.matcher(title);
    while (m.find()) {
      out.append(m.group());
    }
    return out.toString();
  }

  @Test
  void shortcutsAgreeWithTheExpressions() {
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder title = new StringBuilder();
      int n = 1 + random.nextInt(8);
      for (int w = 0; w < n; w++) {
        if (w > 0) {
          title.append(' ');
        }
        title.append(WORDS.get(random.nextInt(WORDS.size())));
      }
      String t = title.toString();
      assertEquals(referenceNumbers(t), TextKeys.numbers(t), t);
      assertEquals(PART.matcher(t).replaceAll(" "), TextKeys.withoutPart(t), t);
      Matcher m = PART.matcher(t);
      assertEquals(m.find(), !TextKeys.part(t).isEmpty(), t);
    }
  }

  @Test
  void namedCases() {
    assertEquals("1000016", TextKeys.numbers("10 000 women type 16"));
    assertEquals("", TextKeys.numbers("no digits here"));
    assertEquals("2", TextKeys.part("trial part ii results"));
    assertEquals("", TextKeys.part("a counterpart ii study"));
    assertEquals("peer support  ", TextKeys.withoutPart("peer support part 3"));
    assertEquals("adapted concept", TextKeys.withoutPart("adapted concept"));
  }
}
