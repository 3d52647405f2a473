package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses litsieve's query language (see {@code screening-rules/README.md}) into a
 * {@link QueryNode}. A small recursive-descent parser; precedence from tightest to loosest:
 * field prefix and parentheses, proximity ({@code NEAR/n}, {@code W/n}), {@code NOT},
 * {@code AND}, {@code OR} (also implied between two operands with no operator). Operators of
 * equal precedence group from the left. Operators are case-insensitive.
 *
 * <p>Input: the query text. Output: the model and any warnings (leading wildcards, proximity on a
 * single word). Failure behaviour: throws {@link QueryException} with the 1-based line and column
 * inside the query of the first problem (unbalanced quotes or parentheses, unknown fields, a
 * dangling operator, an empty query, unsupported Lucene syntax).
 */
public final class NativeQueryParser {
  /** Field names that take a year or year range instead of words. */
  static final List<String> YEAR_FIELDS = List.of("year", "py", "dp");
  /** Field names that take a whole subject heading. */
  static final List<String> HEADING_FIELDS =
      List.of("heading", "heading.exp", "heading.major", "heading.major.exp");

  /** Field names that take an author's name ({@link QueryNode.Author}). */
  static final List<String> AUTHOR_FIELDS = List.of("au.name", "au.first", "au.last");

  private static final Pattern PROXIMITY = Pattern.compile("(?i)(NEAR|W)/(\\d+)");
  private static final Pattern YEAR_VALUE = Pattern.compile("(\\d{4})?(-)?(\\d{4})?");

  private enum Kind { LPAREN, RPAREN, WORD, PHRASE, FIELD, AND, OR, NOT, NEAR, END }

  private record Token(Kind kind, String text, int offset, int number) {}

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private final List<QueryWarning> warnings = new ArrayList<>();
  private int pos;

  private NativeQueryParser(String text) {
    this.text = text;
  }

  /** The parsed query and its warnings. */
  public record Result(QueryNode query, List<QueryWarning> warnings) {}

  /** Parses {@code text}. */
  public static Result parse(String text) throws QueryException {
    if (text == null || text.isBlank()) {
      throw new QueryException("the query is empty", 1, 1);
    }
    NativeQueryParser p = new NativeQueryParser(text);
    p.lex();
    QueryNode q = p.orExpr();
    Token t = p.peek();
    if (t.kind == Kind.RPAREN) {
      throw p.error(t, "unbalanced parenthesis: ')' has no matching '('");
    }
    if (t.kind != Kind.END) {
      throw p.error(t, "unexpected '" + t.text + "'");
    }
    return new Result(q, List.copyOf(p.warnings));
  }

  // ---------------------------------------------------------------- lexer

  private static boolean isQuote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D';
  }

  private void lex() throws QueryException {
    int i = 0;
    int n = text.length();
    List<Integer> open = new ArrayList<>();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        open.add(i);
        QueryLimits.parentheses(open.size(), text, i);
        tokens.add(new Token(Kind.LPAREN, "(", i++, 0));
      } else if (c == ')') {
        if (open.isEmpty()) {
          throw QueryException.at(text, i, "unbalanced parenthesis: ')' has no matching '('");
        }
        open.remove(open.size() - 1);
        tokens.add(new Token(Kind.RPAREN, ")", i++, 0));
      } else if (isQuote(c)) {
        int end = i + 1;
        while (end < n && !isQuote(text.charAt(end))) {
          end++;
        }
        if (end >= n) {
          throw QueryException.at(text, i, "unbalanced quotes: the '\"' here is never closed");
        }
        String inner = text.substring(i + 1, end);
        int slop = -1;
        int next = end + 1;
        if (next < n && text.charAt(next) == '~') {
          int d = next + 1;
          while (d < n && Character.isDigit(text.charAt(d))) {
            d++;
          }
          if (d == next + 1) {
            throw QueryException.at(text, next, "'~' after a phrase needs a number, e.g. \"peer training\"~3");
          }
          slop = QueryLimits.distance(text.substring(next + 1, d), text, next, "~" + text.substring(next + 1, d));
          next = d;
        }
        tokens.add(new Token(Kind.PHRASE, inner, i, slop));
        i = next;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '('
            && text.charAt(end) != ')' && !isQuote(text.charAt(end))) {
          end++;
        }
        int start = i;
        while (true) {
          String word = text.substring(start, end);
          int colon = word.indexOf(':');
          if (colon > 0 && word.substring(0, colon).matches("[A-Za-z][A-Za-z.]*(,[A-Za-z][A-Za-z.]*)*")) {
            tokens.add(new Token(Kind.FIELD, word.substring(0, colon), start, 0));
            if (colon + 1 < word.length()) {
              start += colon + 1;
              continue;
            } else if (end >= n || Character.isWhitespace(text.charAt(end))) {
              throw QueryException.at(text, start, "field '" + word.substring(0, colon)
                  + ":' is followed by nothing; write e.g. ti:word, ti:\"a phrase\" or ti:(a OR b)");
            }
          } else {
            addWord(word, start);
          }
          break;
        }
        i = end;
      }
    }
    if (!open.isEmpty()) {
      throw QueryException.at(text, open.get(open.size() - 1),
          "unbalanced parenthesis: the '(' here is never closed");
    }
    tokens.add(new Token(Kind.END, "the end of the query", n, 0));
  }

  private void addWord(String word, int offset) throws QueryException {
    String upper = word.toUpperCase(Locale.ROOT);
    Matcher prox = PROXIMITY.matcher(word);
    if (upper.equals("AND") || upper.equals("&&")) {
      tokens.add(new Token(Kind.AND, word, offset, 0));
    } else if (upper.equals("OR") || upper.equals("||")) {
      tokens.add(new Token(Kind.OR, word, offset, 0));
    } else if (upper.equals("NOT")) {
      tokens.add(new Token(Kind.NOT, word, offset, 0));
    } else if (prox.matches()) {
      boolean ordered = prox.group(1).equalsIgnoreCase("W");
      int distance = QueryLimits.distance(prox.group(2), text, offset, word);
      tokens.add(new Token(Kind.NEAR, ordered ? "W" : "NEAR", offset, distance));
    } else if (upper.equals("NEAR")) {
      throw QueryException.at(text, offset, "NEAR needs a distance: write NEAR/3 (at most 3 words between)");
    } else {
      char first = word.charAt(0);
      if (first == '+' || first == '-' || first == '!') {
        throw QueryException.at(text, offset, "'" + first + "' before a word is not supported; "
            + (first == '+' ? "use AND" : "use NOT"));
      }
      for (char bad : new char[] {'^', '\\', '[', ']', '{', '}'}) {
        int at = word.indexOf(bad);
        if (at >= 0) {
          throw QueryException.at(text, offset + at, "'" + bad + "' is not part of the query language"
              + (bad == '[' || bad == '{' ? " (ranges: use year:2000-2010)" : "")
              + "; put the words in quotes to search for it");
        }
      }
      if (first == '/') {
        throw QueryException.at(text, offset, "regular expressions (/…/) are not supported");
      }
      tokens.add(new Token(Kind.WORD, word, offset, 0));
    }
  }

  // ---------------------------------------------------------------- parser

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    return tokens.get(pos++);
  }

  private QueryException error(Token t, String message) {
    return QueryException.at(text, t.offset, message);
  }

  private boolean startsOperand(Token t) {
    return t.kind == Kind.WORD || t.kind == Kind.PHRASE || t.kind == Kind.FIELD || t.kind == Kind.LPAREN;
  }

  private QueryNode orExpr() throws QueryException {
    List<QueryNode> clauses = new ArrayList<>();
    clauses.add(andExpr());
    while (true) {
      Token t = peek();
      if (t.kind == Kind.OR) {
        next();
        expectOperand(t);
        clauses.add(andExpr());
      } else if (startsOperand(t)) {
        clauses.add(andExpr());
      } else {
        break;
      }
    }
    return clauses.size() == 1 ? clauses.get(0) : new QueryNode.Or(clauses);
  }

  private QueryNode andExpr() throws QueryException {
    List<QueryNode> clauses = new ArrayList<>();
    clauses.add(notExpr());
    while (peek().kind == Kind.AND) {
      Token op = next();
      expectOperand(op);
      clauses.add(notExpr());
    }
    return clauses.size() == 1 ? clauses.get(0) : new QueryNode.And(clauses);
  }

  private QueryNode notExpr() throws QueryException {
    QueryNode left = nearExpr();
    while (peek().kind == Kind.NOT) {
      Token op = next();
      expectOperand(op);
      left = new QueryNode.Not(left, nearExpr());
    }
    return left;
  }

  private QueryNode nearExpr() throws QueryException {
    int leftAt = peek().offset;
    QueryNode left = unary();
    while (peek().kind == Kind.NEAR) {
      Token op = next();
      expectOperand(op);
      int rightAt = peek().offset;
      QueryNode right = unary();
      checkProximityOperand(left, leftAt, op);
      checkProximityOperand(right, rightAt, op);
      left = new QueryNode.Near(left, right, op.number, op.text.equals("W"));
    }
    return left;
  }

  private void expectOperand(Token op) throws QueryException {
    Token t = peek();
    if (!startsOperand(t)) {
      throw error(op, op.text.toUpperCase(Locale.ROOT) + " needs something to search after it, but "
          + (t.kind == Kind.END ? "the query ends" : "'" + t.text + "' follows"));
    }
  }

  private void checkProximityOperand(QueryNode n, int offset, Token op) throws QueryException {
    String what = null;
    if (n instanceof QueryNode.And) {
      what = "AND";
    } else if (n instanceof QueryNode.Not) {
      what = "NOT";
    } else if (n instanceof QueryNode.InFields) {
      what = "a field restriction";
    } else if (n instanceof QueryNode.Heading) {
      what = "a subject heading";
    } else if (n instanceof QueryNode.Years) {
      what = "a year range";
    } else if (n instanceof QueryNode.Author) {
      what = "an author name";
    } else if (n instanceof QueryNode.Or o) {
      for (QueryNode c : o.clauses()) {
        checkProximityOperand(c, offset, op);
      }
    }
    if (what != null) {
      throw QueryException.at(text, offset, op.text + "/" + op.number + " joins words, phrases and OR-groups of them; "
          + what + " cannot be inside it (put a field restriction around the whole proximity, e.g. ti:(a NEAR/3 b))");
    }
  }

  private QueryNode unary() throws QueryException {
    Token t = next();
    switch (t.kind) {
      case LPAREN: {
        if (peek().kind == Kind.RPAREN) {
          throw error(t, "empty parentheses");
        }
        QueryNode inner = orExpr();
        Token close = next();
        if (close.kind != Kind.RPAREN) {
          throw error(close, "expected ')' but found '" + close.text + "'");
        }
        return inner;
      }
      case PHRASE:
        return phrase(t);
      case WORD:
        return word(t);
      case FIELD:
        return field(t);
      case END:
        throw error(t, "the query ends where a word, phrase or '(' was expected");
      default:
        throw error(t, (t.kind == Kind.NEAR ? t.text + "/" + t.number : t.text.toUpperCase(Locale.ROOT))
            + " needs something to search before it");
    }
  }

  private QueryNode field(Token t) throws QueryException {
    String name = t.text.toLowerCase(Locale.ROOT);
    if (YEAR_FIELDS.contains(name)) {
      Token v = next();
      if (v.kind != Kind.WORD) {
        throw error(v, "'" + t.text + ":' takes a year or range, e.g. year:2000-2010, year:2000-, year:-2010");
      }
      return years(v);
    }
    if (HEADING_FIELDS.contains(name)) {
      Token v = next();
      String heading;
      if (v.kind == Kind.PHRASE) {
        heading = v.text.strip();
      } else if (v.kind == Kind.WORD) {
        heading = v.text;
      } else {
        throw error(v, "'" + t.text + ":' takes one heading, e.g. heading:\"Neoplasm Staging\"");
      }
      if (heading.isEmpty()) {
        throw error(v, "the heading is empty");
      }
      return new QueryNode.Heading(heading, name.endsWith(".exp"), name.contains("major"));
    }
    if (AUTHOR_FIELDS.contains(name)) {
      Token v = next();
      if (v.kind != Kind.PHRASE && v.kind != Kind.WORD) {
        throw error(v, "'" + t.text + ":' takes one name, e.g. au.name:\"smith ja\" or au.name:\"smith j*\"");
      }
      String value = v.text.strip();
      boolean more = value.endsWith("*");
      value = more ? value.substring(0, value.length() - 1).strip() : value;
      if (value.isEmpty() || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
        throw error(v, "an author name is a surname, then initials or given names, with at most one '*' at its end");
      }
      QueryNode.Place place = name.endsWith("first") ? QueryNode.Place.FIRST
          : name.endsWith("last") ? QueryNode.Place.LAST : QueryNode.Place.ANY;
      return new QueryNode.Author(value, more, place);
    }
    List<String> fields = new ArrayList<>();
    int at = t.offset;
    for (String part : t.text.split(",")) {
      List<String> resolved = Fields.resolve(part);
      if (resolved == null) {
        throw QueryException.at(text, at, "unknown field '" + part + "' (known fields: " + Fields.known()
            + ", year, heading, heading.exp, heading.major, heading.major.exp, au.name, au.first, au.last)");
      }
      for (String f : resolved) {
        if (!fields.contains(f)) {
          fields.add(f);
        }
      }
      at += part.length() + 1;
    }
    Token v = peek();
    if (!startsOperand(v)) {
      throw error(v, "'" + t.text + ":' is followed by nothing to search");
    }
    return new QueryNode.InFields(fields, unary());
  }

  private QueryNode years(Token v) throws QueryException {
    Matcher m = YEAR_VALUE.matcher(v.text);
    if (!m.matches() || (m.group(1) == null && m.group(3) == null)
        || (m.group(2) == null && m.group(3) != null)) {
      throw error(v, "'" + v.text + "' is not a year or range; write 2005, 2000-2010, 2000- or -2010");
    }
    Integer from = m.group(1) == null ? null : Integer.valueOf(m.group(1));
    Integer to = m.group(2) == null ? from : m.group(3) == null ? null : Integer.valueOf(m.group(3));
    if (from != null && to != null && from > to) {
      throw error(v, "year range " + v.text + " runs backwards");
    }
    return new QueryNode.Years(from, to);
  }

  private QueryNode word(Token t) throws QueryException {
    String w = t.text;
    int tilde = w.indexOf('~');
    if (tilde >= 0) {
      if (tilde == 0 || !w.substring(tilde + 1).matches("\\d*")) {
        throw error(t, "'~' is only allowed after a word or phrase, followed by a number");
      }
      warnings.add(warning(t.offset + tilde, "proximity '~" + w.substring(tilde + 1) + "' on the single word '"
          + w.substring(0, tilde) + "' has no effect (no fuzzy matching either); it is searched as the word"));
      w = w.substring(0, tilde);
    }
    checkPattern(w, t.offset);
    return new QueryNode.Term(w);
  }

  private QueryNode phrase(Token t) throws QueryException {
    List<String> words = new ArrayList<>();
    int base = t.offset + 1;
    Matcher m = Pattern.compile("\\S+").matcher(t.text);
    while (m.find()) {
      checkPattern(m.group(), base + m.start());
      words.add(m.group());
    }
    if (words.isEmpty()) {
      throw error(t, "the phrase is empty");
    }
    if (t.number >= 0) {
      if (words.size() == 1) {
        warnings.add(warning(t.offset, "proximity '~" + t.number + "' on the single word \"" + words.get(0)
            + "\" has no effect; it is searched as the word"));
        return new QueryNode.Term(words.get(0));
      }
      if (words.size() > 2) {
        throw error(t, "'~" + t.number + "' works on two words only; for more, write a NEAR/" + t.number
            + " b NEAR/" + t.number + " c");
      }
      return new QueryNode.Near(new QueryNode.Term(words.get(0)), new QueryNode.Term(words.get(1)), t.number, false);
    }
    return words.size() == 1 ? new QueryNode.Term(words.get(0)) : new QueryNode.Phrase(words);
  }

  private void checkPattern(String w, int offset) throws QueryException {
    boolean hasText = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        hasText = true;
      }
    }
    if (!hasText) {
      throw QueryException.at(text, offset, "'" + w + "' has no letters or digits to search for");
    }
    if (w.charAt(0) == '*' || w.charAt(0) == '?') {
      warnings.add(warning(offset, "leading wildcard in '" + w
          + "': it matches inside many unrelated words and is slow; check its hits"));
    }
  }

  private QueryWarning warning(int offset, String message) {
    int[] lc = QueryException.lineColumn(text, offset);
    return new QueryWarning(lc[0], lc[1], message);
  }
}
