package org.litsieve.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * The screening analyser's one lower-casing and folding filter gives the very tokens (terms,
 * offsets, positions) of Lucene's LowerCaseFilter followed by ASCIIFoldingFilter, on text mixing
 * ASCII with accented, Greek, Cyrillic and Turkish letters, ligatures, the Kelvin sign and letters
 * outside the Basic Multilingual Plane.
 */
class LowerCaseFoldingFilterTest {
  private static final String[] PIECES = {"Peer", "SUPPORT", "well-being", "Māori", "ÆON", "Straße", "ẞ",
      "İstanbul", "ΣΟΦΙΑ", "Ψυχή", "МИР", "ﬁnal", "\u212Aelvin", "Ǆ", "\uD801\uDC00x", "\uD835\uDC00",
      "café", "NAÏVE", "Øresund", "Łódź", "e-Health", "COVID-19", "x²", "ǅemal", "ΌΣΟΣ", "a", "Ｆｕｌｌ", "日本語",
      "don't", "O'BRIEN", "Ⅻ", "ŉ", "ﬀ", " ", ", ", ". ", "\t"};

  private static List<String> tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("title", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute o = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(t + "@" + o.startOffset() + "-" + o.endOffset() + "+" + p.getPositionIncrement());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void sameTokensAsLowerCaseThenAsciiFolding() throws IOException {
    Analyzer reference = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
      }
    };
    Analyzer screening = new ScreeningAnalyzer(false);
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = 1 + random.nextInt(12);
      for (int w = 0; w < n; w++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextBoolean()) {
          text.append(' ');
        }
      }
      String s = text.toString();
      assertEquals(tokens(reference, s), tokens(screening, s), s);
    }
    assertEquals(List.of("maori@0-5+1", "strasse@6-12+1", "aeon@13-16+1"), tokens(screening, "Māori Straße ÆON"));
  }
}
