package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The page prefix that electronic and supplement page numbers carry ("e123", "s45"). */
class PairMatcherPagesTest {
  @Test
  void leadingLowerCaseLettersAreDropped() {
    assertEquals("123", PairMatcher.withoutLetterPrefix("e123"));
    assertEquals("45", PairMatcher.withoutLetterPrefix("suppl45"));
    assertEquals("37", PairMatcher.withoutLetterPrefix("c37"));
  }

  @Test
  void anythingElseIsKept() {
    assertEquals("123", PairMatcher.withoutLetterPrefix("123"));
    assertEquals("S12", PairMatcher.withoutLetterPrefix("S12"));
    assertEquals("12a", PairMatcher.withoutLetterPrefix("12a"));
    assertEquals("", PairMatcher.withoutLetterPrefix("e"));
    assertEquals("", PairMatcher.withoutLetterPrefix(""));
  }
}
