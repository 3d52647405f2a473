package org.litsieve.rules;

import java.io.IOException;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Lucene's {@code LowerCaseFilter} followed by its {@code ASCIIFoldingFilter} (without keeping the
 * original), as one filter: the same terms, one pass over an all-ASCII term instead of two filters
 * each walking it. Input: any token stream. Output: the same tokens, terms lower-cased and then
 * folded to ASCII exactly as the two filters would; positions and offsets untouched. Never fails
 * on content.
 *
 * <p>Why: in a 100k run's profile the two filters took about a third of the tokenising that
 * indexing each record costs (the lower-casing walks every term by code point even when it is
 * ASCII, which nearly every term of an English abstract is).
 */
final class LowerCaseFoldingFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private char[] folded = new char[512];

  LowerCaseFoldingFilter(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = term.buffer();
    int length = term.length();
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (c >= '\u0080') {
        fold(buffer, length); // not ASCII: the two filters' own steps
        return true;
      }
      if (c >= 'A' && c <= 'Z') {
        buffer[i] = (char) (c + ('a' - 'A'));
      }
    }
    return true;
  }

  /** LowerCaseFilter's step, then ASCIIFoldingFilter's (the part already lower-cased stays so). */
  private void fold(char[] buffer, int length) {
    CharacterUtils.toLowerCase(buffer, 0, length);
    for (int i = 0; i < length; i++) {
      if (buffer[i] >= '\u0080') {
        int needed = 4 * length; // ASCIIFoldingFilter's worst case
        if (folded.length < needed) {
          folded = new char[ArrayUtil.oversize(needed, Character.BYTES)];
        }
        int n = ASCIIFoldingFilter.foldToASCII(buffer, 0, folded, 0, length);
        term.copyBuffer(folded, 0, n);
        return;
      }
    }
  }
}
