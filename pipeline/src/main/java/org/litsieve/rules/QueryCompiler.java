package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Compiles a block's query text into a Lucene {@link Query}.
 *
 * <p>The language is Lucene's classic query syntax with litsieve's field names and aliases (see
 * {@link Fields}): terms, {@code "phrases"}, {@code "phrase"~N} proximity, {@code train*}
 * truncation, {@code wom?n} wildcards, {@code AND}/{@code OR}/{@code NOT} (default OR), grouping
 * and {@code field:} restriction. A term that the analyser splits into several words (such as
 * {@code well-being}) becomes a phrase. Leading wildcards are refused.
 *
 * <p>Failure behaviour: a syntax error, an unknown field or a query that can match nothing throws
 * {@link QueryException} with the 1-based line and column inside the query text.
 */
public final class QueryCompiler {
  private final ScreeningAnalyzer analyzer;

  public QueryCompiler(boolean stemming) {
    this.analyzer = new ScreeningAnalyzer(stemming);
  }

  /** The analyser queries are parsed with; index records with the same one. */
  public ScreeningAnalyzer analyzer() {
    return analyzer;
  }

  /** A query that could not be compiled, with its position inside the query text (1-based). */
  public static final class QueryException extends Exception {
    private final int line;
    private final int column;

    public QueryException(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /** Compiles {@code text}, searching {@code defaultFields} where the query names no field. */
  public Query compile(String text, List<String> defaultFields) throws QueryException {
    if (text == null || text.isBlank()) {
      throw new QueryException("the query is empty", 1, 1);
    }
    checkBalance(text);
    AliasingParser parser = new AliasingParser(defaultFields.toArray(new String[0]), analyzer);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    parser.setSplitOnWhitespace(true);
    parser.setAutoGeneratePhraseQueries(true);
    parser.setAllowLeadingWildcard(false);
    Query q;
    try {
      q = parser.parse(text);
    } catch (ParseException e) {
      int[] at = position(e, text);
      throw new QueryException(plain(e), at[0], at[1]);
    } catch (IllegalArgumentException e) {
      throw new QueryException(e.getMessage(), 1, 1);
    }
    if (q == null || q instanceof MatchNoDocsQuery) {
      throw new QueryException("the query has no searchable words", 1, 1);
    }
    if (q instanceof BooleanQuery bq && !bq.clauses().isEmpty()
        && bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
      throw new QueryException("the query only excludes (NOT …) and so can never match; "
          + "put the words to exclude in an exclude block instead", 1, 1);
    }
    return q;
  }

  /** Quotes and parentheses are checked first, because the parser's own messages about them are cryptic. */
  private static void checkBalance(String text) throws QueryException {
    int depth = 0;
    int line = 1;
    int col = 0;
    int openLine = 0;
    int openCol = 0;
    boolean inQuote = false;
    List<int[]> opens = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      col++;
      if (c == '\n') {
        line++;
        col = 0;
        continue;
      }
      if (c == '\\') {
        i++;
        col++;
        continue;
      }
      if (c == '"') {
        inQuote = !inQuote;
        if (inQuote) {
          openLine = line;
          openCol = col;
        }
      } else if (!inQuote && c == '(') {
        depth++;
        opens.add(new int[] {line, col});
      } else if (!inQuote && c == ')') {
        if (depth == 0) {
          throw new QueryException("unbalanced parenthesis: ')' has no matching '('", line, col);
        }
        depth--;
        opens.remove(opens.size() - 1);
      }
    }
    if (inQuote) {
      throw new QueryException("unbalanced quotes: the '\"' here is never closed", openLine, openCol);
    }
    if (depth > 0) {
      int[] at = opens.get(opens.size() - 1);
      throw new QueryException("unbalanced parenthesis: the '(' here is never closed", at[0], at[1]);
    }
  }

  private static int[] position(ParseException e, String text) {
    Token t = e.currentToken;
    if (t != null && t.next != null) {
      return new int[] {t.next.beginLine, t.next.beginColumn};
    }
    // Our own messages name the construct in quotes: point at its first occurrence.
    String m = e.getMessage() == null ? "" : e.getMessage();
    int q1 = m.indexOf('\'');
    int q2 = q1 < 0 ? -1 : m.indexOf('\'', q1 + 1);
    if (q2 > q1 + 1) {
      int at = text.indexOf(m.substring(q1 + 1, q2) + ":");
      if (at >= 0) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
          if (text.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        return new int[] {line, at - lineStart + 1};
      }
    }
    return new int[] {1, 1};
  }

  private static String plain(ParseException e) {
    if (e.currentToken != null && e.currentToken.next != null) {
      Token next = e.currentToken.next;
      String found = next.kind == 0 ? "the end of the query" : "'" + next.image + "'";
      return "unexpected " + found;
    }
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon > 0 && m.startsWith("Cannot parse") ? m.substring(colon + 2) : m;
  }

  /** Maps field aliases ({@code ti}, {@code tiab}, …) to canonical fields and refuses unknown ones. */
  private static final class AliasingParser extends MultiFieldQueryParser {
    AliasingParser(String[] fields, ScreeningAnalyzer analyzer) {
      super(fields, analyzer);
    }

    private List<String> targets(String field) throws ParseException {
      List<String> resolved = Fields.resolve(field);
      if (resolved == null) {
        throw new ParseException("unknown field '" + field + "' (known fields: " + Fields.known() + ")");
      }
      return resolved;
    }

    private interface Build {
      Query build(String field) throws ParseException;
    }

    private Query across(String field, Build build) throws ParseException {
      if (field == null) {
        return build.build(null);
      }
      List<String> fields = targets(field);
      if (fields.size() == 1) {
        return build.build(fields.get(0));
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String f : fields) {
        Query q = build.build(f);
        if (q != null) {
          b.add(q, BooleanClause.Occur.SHOULD);
        }
      }
      return b.build();
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      return across(field, f -> super.getFieldQuery(f, queryText, slop));
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
      return across(field, f -> super.getFieldQuery(f, queryText, quoted));
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
      throw new ParseException("fuzzy matching ('~' after a single word) is not supported; "
          + "use truncation (word*) instead");
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      return across(field, f -> super.getPrefixQuery(f, termStr));
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      return across(field, f -> super.getWildcardQuery(f, termStr));
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
      throw new ParseException("regular expressions (/…/) are not supported");
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2,
        boolean startInclusive, boolean endInclusive) throws ParseException {
      throw new ParseException("ranges ([a TO b]) are not supported in queries; "
          + "use eligibility.years for a year range");
    }
  }
}
