package org.litsieve.rules;

/** A query that cannot be used, with the 1-based line and column inside the query text. */
public final class QueryException extends Exception {
  private final int line;
  private final int column;

  public QueryException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** At a character offset of {@code text}. */
  public static QueryException at(String text, int offset, String message) {
    int[] lc = lineColumn(text, offset);
    return new QueryException(message, lc[0], lc[1]);
  }

  /** The 1-based line and column of a character offset. */
  public static int[] lineColumn(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
