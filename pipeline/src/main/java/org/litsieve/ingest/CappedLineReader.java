package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A {@link BufferedReader} whose {@link #readLine()} never returns more than
 * {@value FieldText#MAX_FIELD_CHARS} characters: a longer line (a 50 MB abstract, a file that is
 * one huge line) is cut there and a warning naming its line number goes to the sink, so that one
 * enormous field cannot exhaust memory downstream and no other record is affected.
 *
 * <p>Input: decoded text. Output: lines as {@link BufferedReader} gives them. Failure behaviour:
 * only the underlying reader's {@link IOException}.
 */
final class CappedLineReader extends BufferedReader {
  private final ParseSink warnings;
  private final int maxChars;
  private long lineNo;

  CappedLineReader(Reader in, ParseSink warnings) {
    this(in, warnings, FieldText.MAX_FIELD_CHARS);
  }

  CappedLineReader(Reader in, ParseSink warnings, int maxChars) {
    super(in, 64 * 1024);
    this.warnings = warnings;
    this.maxChars = maxChars;
  }

  /** Reads a part of a file whose first line is the file's line {@code linesBefore + 1}. */
  CappedLineReader(Reader in, ParseSink warnings, long linesBefore) {
    this(in, warnings, FieldText.MAX_FIELD_CHARS);
    this.lineNo = linesBefore;
  }

  @Override
  public String readLine() throws IOException {
    String line = super.readLine();
    if (line == null) {
      return null;
    }
    lineNo++;
    if (line.length() > maxChars) {
      warnings.warning(String.format("line %d is %,d characters long; cut to %,d", lineNo,
          line.length(), maxChars));
      return line.substring(0, maxChars);
    }
    return line;
  }
}
