package org.litsieve.rules;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns one subject-heading value ({@code *Dementia/diagnosis}) into a single token, its
 * {@link Fields#headingKey} ({@code dementia}), with offsets of the descriptor part, so a
 * {@code heading:} query matches the whole heading and nothing inside it. With {@code majorOnly},
 * values without a {@code *} give no token. Input: one field value. Never fails.
 */
final class HeadingTokenizer extends Tokenizer {
  private final boolean majorOnly;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private boolean done;
  private int length;

  HeadingTokenizer(boolean majorOnly) {
    this.majorOnly = majorOnly;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (done) {
      return false;
    }
    done = true;
    clearAttributes();
    StringBuilder b = new StringBuilder();
    char[] buf = new char[1024];
    int n;
    while ((n = input.read(buf)) > 0) {
      b.append(buf, 0, n);
    }
    String value = b.toString();
    length = value.length();
    if (majorOnly && value.indexOf('*') < 0) {
      return false;
    }
    String key = Fields.headingKey(value);
    if (key.isEmpty()) {
      return false;
    }
    int start = 0;
    while (start < value.length() && (value.charAt(start) == '*' || Character.isWhitespace(value.charAt(start)))) {
      start++;
    }
    int end = value.indexOf('/');
    end = end < 0 ? value.length() : end;
    while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    term.append(key);
    offset.setOffset(correctOffset(start), correctOffset(end));
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    offset.setOffset(correctOffset(length), correctOffset(length));
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    done = false;
    length = 0;
  }
}
