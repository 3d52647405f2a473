package org.litsieve.rules;

/**
 * The limits every query syntax enforces while it is parsed, so that a query that would crash,
 * exhaust memory or run for minutes is refused at once with its position (docs/queries.md,
 * "Limits"; screening-rules/README.md). Each parser checks the limits that have a place in the
 * text (distance, nesting, length) where it reads them; {@link #check} checks the rest on the
 * model.
 *
 * <p>Why these values: the real strategies measured (docs/queries.md) use proximity up to 25 words,
 * 6 levels of parentheses and about 600 words; the limits are an order of magnitude above that
 * and well below what breaks (a proximity distance builds one span query per gap; Java's stack
 * gives out at a few thousand nested operators).
 */
public final class QueryLimits {
  /** Longest query text, in characters. */
  public static final int MAX_CHARS = 100_000;
  /** Deepest nesting of parentheses. */
  public static final int MAX_PARENTHESES = 50;
  /** Largest proximity distance ({@code NEAR/n}, {@code W/n}, {@code adjN}, {@code ~N}...). */
  public static final int MAX_DISTANCE = 255;
  /** Most words and phrases in one query. */
  public static final int MAX_WORDS = 5_000;
  /** Deepest nesting of operators in the query's meaning (a chain of NOTs nests each in the next). */
  public static final int MAX_DEPTH = 200;
  /** Most span queries one proximity may compile to (one per gap, order and operand length). */
  public static final int MAX_SPANS = 100_000;

  private QueryLimits() {}

  /**
   * A proximity distance as written (digits only), checked against {@link #MAX_DISTANCE}.
   *
   * @param operator the operator as the message should show it, e.g. {@code NEAR/100000}
   */
  public static int distance(String digits, String text, int offset, String operator) throws QueryException {
    String d = digits.replaceFirst("^0+(?=\\d)", "");
    if (d.length() > 3 || Integer.parseInt(d) > MAX_DISTANCE) {
      throw QueryException.at(text, offset, operator + ": the distance is at most " + MAX_DISTANCE
          + " words (a query limit)");
    }
    return Integer.parseInt(d);
  }

  /** Refuses a parenthesis opening level {@code depth} beyond {@link #MAX_PARENTHESES}. */
  public static void parentheses(int depth, String text, int offset) throws QueryException {
    if (depth > MAX_PARENTHESES) {
      throw QueryException.at(text, offset, "parentheses nested more than " + MAX_PARENTHESES
          + " deep (a query limit)");
    }
  }

  /** Refuses a text longer than {@link #MAX_CHARS}, before anything else reads it. */
  public static void length(String text) throws QueryException {
    if (text.length() > MAX_CHARS) {
      throw QueryException.at(text, MAX_CHARS, "the query is longer than "
          + String.format("%,d", MAX_CHARS) + " characters (a query limit)");
    }
  }

  /**
   * A line number written in a query ({@code #12}, {@code 12}), as an int, or -1 when it has more
   * digits than any strategy has lines (the caller reports the reference as missing).
   */
  public static int lineNumber(String digits) {
    String d = digits.replaceFirst("^0+(?=\\d)", "");
    return d.length() > 6 ? -1 : Integer.parseInt(d);
  }

  /** Checks the model's size limits: words, operator depth and proximity cost. */
  public static void check(QueryNode q) throws QueryException {
    int[] words = {0};
    walk(q, 0, words);
    if (words[0] > MAX_WORDS) {
      throw new QueryException("the query has more than " + String.format("%,d", MAX_WORDS)
          + " words and phrases (a query limit; split it into blocks)", 1, 1);
    }
  }

  private static void walk(QueryNode q, int depth, int[] words) throws QueryException {
    if (depth > MAX_DEPTH) {
      throw new QueryException("the query has operators nested more than " + MAX_DEPTH
          + " deep (a query limit; group with parentheses or use OR-lists)", 1, 1);
    }
    if (q instanceof QueryNode.And a) {
      for (QueryNode c : a.clauses()) {
        walk(c, depth + 1, words);
      }
    } else if (q instanceof QueryNode.Or o) {
      for (QueryNode c : o.clauses()) {
        walk(c, depth + 1, words);
      }
    } else if (q instanceof QueryNode.Not n) {
      walk(n.include(), depth + 1, words);
      walk(n.exclude(), depth + 1, words);
    } else if (q instanceof QueryNode.InFields f) {
      walk(f.query(), depth + 1, words);
    } else if (q instanceof QueryNode.Near n) {
      walk(n.left(), depth + 1, words);
      walk(n.right(), depth + 1, words);
      long spans = spans(n);
      if (spans > MAX_SPANS) {
        throw new QueryException("this proximity is too large to run: its distances and nesting would build "
            + (spans >= Long.MAX_VALUE / 4 ? "billions of" : String.format("%,d", spans))
            + " span queries (a query limit of " + String.format("%,d", MAX_SPANS)
            + "); use smaller distances or fewer nested proximities", 1, 1);
      }
    } else {
      words[0]++;
    }
  }

  /** An upper bound of the distinct match lengths of a proximity operand (see LuceneQueryBuilder). */
  private static long lengths(QueryNode q) {
    if (q instanceof QueryNode.Or o) {
      long sum = 0;
      for (QueryNode c : o.clauses()) {
        sum = Math.min(Long.MAX_VALUE / 4, sum + lengths(c));
      }
      return sum;
    }
    if (q instanceof QueryNode.Near n) {
      return Math.min(Long.MAX_VALUE / 4, spans(n));
    }
    return 1;
  }

  /** An upper bound of the span queries {@code n} compiles to: operand lengths × gaps × orders. */
  private static long spans(QueryNode.Near n) {
    double s = (double) lengths(n.left()) * lengths(n.right()) * (n.maxBetween() + 1) * (n.ordered() ? 1 : 2);
    return s >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) s;
  }
}
