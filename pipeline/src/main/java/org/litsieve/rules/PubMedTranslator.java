package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a PubMed search into the query model.
 *
 * <p>Input: one PubMed query, or a search history (one search per line, later lines referring to
 * earlier ones as {@code #1}); the last line is the block's query. Supported: {@code AND},
 * {@code OR}, {@code NOT} (any case) evaluated strictly left to right as PubMed does, parentheses,
 * {@code "phrases"}, {@code *} truncation, and the field tags {@code [tiab]} {@code [ti]}
 * {@code [ab]} {@code [tw]} {@code [ot]} {@code [mh]}/{@code [mesh]} (exploded)
 * {@code [mh:noexp]} {@code [majr]} {@code [majr:noexp]} {@code [sh]} {@code [pt]} {@code [la]}
 * {@code [dp]}/{@code [pdat]} ({@code 2000:2010[dp]}) {@code [au]} {@code [ta]} {@code [nm]}
 * {@code [all]} and {@code [tiab:~N]} proximity. Words written one after another form a phrase.
 *
 * <p>Failure behaviour: throws {@link QueryException} naming the construct and its line and
 * column (an unknown tag, an unbalanced quote, a missing operator, a reference to a later line).
 * Approximations are warnings ({@code ?} is not a PubMed wildcard; subheadings and substance
 * names are searched as words).
 */
public final class PubMedTranslator {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:/\\d{1,2}(?:/\\d{1,2})?)?");

  private enum Kind { LPAREN, RPAREN, WORD, PHRASE, TAG, AND, OR, NOT, REF, END }

  private record Token(Kind kind, String text, int offset) {}

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private final List<QueryWarning> warnings = new ArrayList<>();
  private final List<QueryNode> lines = new ArrayList<>();
  private int pos;
  private boolean untaggedWarned;
  private boolean taWarned;

  private PubMedTranslator(String text) {
    this.text = text;
  }

  /** Translates {@code text}. */
  public static ParsedQuery translate(String text) throws QueryException {
    PubMedTranslator t = new PubMedTranslator(text);
    int offset = 0;
    QueryNode last = null;
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank()) {
        last = t.line(line, offset);
        t.lines.add(last);
      }
      offset += line.length() + 1;
    }
    if (last == null) {
      throw new QueryException("the query is empty", 1, 1);
    }
    return new ParsedQuery(last, List.copyOf(t.warnings));
  }

  private QueryNode line(String line, int base) throws QueryException {
    tokens.clear();
    pos = 0;
    lex(line, base);
    QueryNode q = expression();
    Token t = peek();
    if (t.kind == Kind.RPAREN) {
      throw at(t, "unbalanced parenthesis: ')' has no matching '('");
    }
    if (t.kind != Kind.END) {
      throw at(t, "missing operator (AND, OR, NOT) before '" + t.text + "'");
    }
    return q;
  }

  private QueryException at(Token t, String message) {
    return QueryException.at(text, t.offset, "PubMed: " + message);
  }

  private void warn(int offset, String message) {
    int[] lc = QueryException.lineColumn(text, offset);
    warnings.add(new QueryWarning(lc[0], lc[1], "PubMed: " + message));
  }

  private static boolean quote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D';
  }

  private void lex(String line, int base) throws QueryException {
    int i = 0;
    int depth = 0;
    int lastOpen = -1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        depth++;
        lastOpen = i;
        QueryLimits.parentheses(depth, text, base + i);
        tokens.add(new Token(Kind.LPAREN, "(", base + i++));
      } else if (c == ')') {
        if (--depth < 0) {
          throw QueryException.at(text, base + i, "PubMed: unbalanced parenthesis: ')' has no matching '('");
        }
        tokens.add(new Token(Kind.RPAREN, ")", base + i++));
      } else if (quote(c)) {
        int end = i + 1;
        while (end < line.length() && !quote(line.charAt(end))) {
          end++;
        }
        if (end >= line.length()) {
          throw QueryException.at(text, base + i, "PubMed: unbalanced quotes: the '\"' here is never closed");
        }
        tokens.add(new Token(Kind.PHRASE, line.substring(i + 1, end), base + i));
        i = end + 1;
      } else if (c == '[') {
        int end = line.indexOf(']', i);
        if (end < 0) {
          throw QueryException.at(text, base + i, "PubMed: the field tag '[' here is never closed");
        }
        tokens.add(new Token(Kind.TAG, line.substring(i + 1, end).strip(), base + i));
        i = end + 1;
      } else {
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && "()[".indexOf(line.charAt(end)) < 0
            && !quote(line.charAt(end))) {
          end++;
        }
        String w = line.substring(i, end);
        String u = w.toUpperCase(Locale.ROOT);
        Kind k = u.equals("AND") ? Kind.AND : u.equals("OR") ? Kind.OR : u.equals("NOT") ? Kind.NOT
            : w.matches("#\\d+") ? Kind.REF : Kind.WORD;
        tokens.add(new Token(k, w, base + i));
        i = end;
      }
    }
    if (depth > 0) {
      throw QueryException.at(text, base + lastOpen, "PubMed: unbalanced parenthesis: the '(' here is never closed");
    }
    tokens.add(new Token(Kind.END, "the end of the line", base + line.length()));
  }

  private Token peek() {
    return tokens.get(pos);
  }

  /** Left to right, no precedence: {@code a OR b AND c} is {@code (a OR b) AND c}. */
  private QueryNode expression() throws QueryException {
    QueryNode left = operand();
    while (true) {
      Token op = peek();
      if (op.kind != Kind.AND && op.kind != Kind.OR && op.kind != Kind.NOT) {
        return left;
      }
      pos++;
      QueryNode right = operand();
      left = switch (op.kind) {
        case AND -> append(left, right, true);
        case OR -> append(left, right, false);
        default -> new QueryNode.Not(left, right);
      };
    }
  }

  private static QueryNode append(QueryNode left, QueryNode right, boolean and) {
    List<QueryNode> clauses = new ArrayList<>();
    if (and && left instanceof QueryNode.And a) {
      clauses.addAll(a.clauses());
    } else if (!and && left instanceof QueryNode.Or o) {
      clauses.addAll(o.clauses());
    } else {
      clauses.add(left);
    }
    clauses.add(right);
    return and ? new QueryNode.And(clauses) : new QueryNode.Or(clauses);
  }

  private QueryNode operand() throws QueryException {
    Token t = peek();
    if (t.kind == Kind.LPAREN) {
      pos++;
      QueryNode inner = expression();
      Token close = peek();
      if (close.kind != Kind.RPAREN) {
        throw at(close, "missing operator (AND, OR, NOT) before '" + close.text + "'");
      }
      pos++;
      if (peek().kind == Kind.TAG) {
        Token tag = tokens.get(pos++);
        return tagged(inner, null, tag, false);
      }
      return inner;
    }
    if (t.kind == Kind.REF) {
      pos++;
      int n = QueryLimits.lineNumber(t.text.substring(1));
      if (n < 1 || n > lines.size()) {
        throw at(t, "'" + t.text + "' refers to a search that does not come before this line");
      }
      return lines.get(n - 1);
    }
    if (t.kind != Kind.WORD && t.kind != Kind.PHRASE) {
      throw at(t, t.kind == Kind.END ? "a search term is missing at the end"
          : t.kind == Kind.TAG ? "the field tag [" + t.text + "] follows no search term"
          : "'" + t.text + "' needs a search term before it");
    }
    List<String> words = new ArrayList<>();
    boolean quoted = false;
    int start = t.offset;
    while (peek().kind == Kind.WORD || peek().kind == Kind.PHRASE) {
      Token w = tokens.get(pos++);
      quoted |= w.kind == Kind.PHRASE;
      for (String part : w.text.strip().split("\\s+")) {
        if (!part.isEmpty()) {
          words.add(word(part, w.offset));
        }
      }
    }
    if (words.isEmpty()) {
      throw QueryException.at(text, start, "PubMed: empty phrase");
    }
    Token tag = peek().kind == Kind.TAG ? tokens.get(pos++) : null;
    return tagged(null, words, tag == null ? new Token(Kind.TAG, "", start) : tag, quoted);
  }

  private String word(String w, int offset) throws QueryException {
    if (w.indexOf(':') >= 0 && !w.matches("\\d{4}(/\\d{1,2}){0,2}:\\d{4}(/\\d{1,2}){0,2}")) {
      throw QueryException.at(text, offset, "PubMed: ':' in '" + w + "' is not PubMed syntax "
          + "(is this line a label or heading rather than a search?)");
    }
    if (w.indexOf('?') >= 0) {
      warn(offset, "'?' in '" + w + "' is not a PubMed wildcard; like PubMed, it is read as a space");
      w = w.replace('?', ' ');
    }
    int star = w.indexOf('*');
    if (star >= 0 && star < w.length() - 1) {
      warn(offset, "PubMed truncates only at the end of a word; the '*' inside '" + w
          + "' is matched as a wildcard here");
    }
    return w;
  }

  private static QueryNode words(List<String> words) {
    List<String> split = new ArrayList<>();
    for (String w : words) {
      for (String p : w.strip().split("\\s+")) {
        if (!p.isEmpty()) {
          split.add(p);
        }
      }
    }
    return split.size() == 1 ? new QueryNode.Term(split.get(0)) : new QueryNode.Phrase(split);
  }

  private static final List<String> TIAB = List.of(Fields.TITLE, Fields.ABSTRACT, Fields.OTHER_TERMS);
  private static final List<String> TW =
      List.of(Fields.TITLE, Fields.ABSTRACT, Fields.KEYWORDS, Fields.PUBLICATION_TYPE);
  /** Every field but {@link Fields#OTHER_TERMS}, which {@link Fields#KEYWORDS} contains. */
  private static final List<String> ALL = Fields.ALL.stream().filter(f -> !f.equals(Fields.OTHER_TERMS)).toList();

  private static final Map<String, List<String>> TEXT_TAGS = Map.ofEntries(
      // PubMed's [tiab] also searches the author keywords (PubMed Help, "Title/Abstract")
      Map.entry("tiab", TIAB),
      Map.entry("title/abstract", TIAB),
      Map.entry("ti", List.of(Fields.TITLE)), Map.entry("title", List.of(Fields.TITLE)),
      Map.entry("ab", List.of(Fields.ABSTRACT)), Map.entry("abstract", List.of(Fields.ABSTRACT)),
      // [tw]: title, abstract, MeSH, subheadings, publication types, substance names, other terms
      Map.entry("tw", TW), Map.entry("text word", TW), Map.entry("text words", TW),
      Map.entry("ot", List.of(Fields.OTHER_TERMS)), Map.entry("other term", List.of(Fields.OTHER_TERMS)),
      Map.entry("pt", List.of(Fields.PUBLICATION_TYPE)),
      Map.entry("publication type", List.of(Fields.PUBLICATION_TYPE)),
      Map.entry("la", List.of(Fields.LANGUAGE)), Map.entry("language", List.of(Fields.LANGUAGE)),
      Map.entry("ta", List.of(Fields.SOURCE)), Map.entry("journal", List.of(Fields.SOURCE)),
      Map.entry("jour", List.of(Fields.SOURCE)), Map.entry("so", List.of(Fields.SOURCE)));

  private QueryNode tagged(QueryNode group, List<String> words, Token tagToken, boolean quoted)
      throws QueryException {
    String tag = tagToken.text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    if (tag.isEmpty()) {
      if (!untaggedWarned) {
        untaggedWarned = true;
        warn(tagToken.offset, "an untagged term is searched as words in the block's fields; PubMed's automatic "
            + "term mapping (to MeSH, synonyms and all fields) cannot be reproduced on an export");
      }
      return group != null ? group : words(words);
    }
    if (tag.equals("all") || tag.equals("all fields")) {
      return new QueryNode.InFields(ALL, group != null ? group : words(words));
    }
    if ((tag.equals("ta") || tag.equals("journal") || tag.equals("jour")) && !taWarned) {
      taWarned = true;
      warn(tagToken.offset, "[" + tagToken.text + "] matches words of the journal's title or abbreviation, not the "
          + "whole title as PubMed does (lancet[ta] also finds Lancet Oncology)");
    }
    List<String> fields = TEXT_TAGS.get(tag);
    if (fields != null) {
      return new QueryNode.InFields(fields, group != null ? group : words(words));
    }
    Matcher prox = Pattern.compile("([a-z/ ]+):~(\\d+)").matcher(tag);
    if (prox.matches() && !List.of("tiab", "ti", "title", "title/abstract").contains(prox.group(1))) {
      throw at(tagToken, "proximity [" + tagToken.text + "]: PubMed searches proximity in [ti] and [tiab] only");
    }
    if (prox.matches() && group == null) {
      List<QueryNode> terms = new ArrayList<>();
      for (String w : words) {
        for (String p : w.strip().split("\\s+")) {
          terms.add(new QueryNode.Term(p));
        }
      }
      if (terms.size() < 2) {
        warn(tagToken.offset, "proximity [" + tagToken.text + "] on a single word has no effect");
        return new QueryNode.InFields(TEXT_TAGS.get(prox.group(1)), terms.get(0));
      }
      int distance = QueryLimits.distance(prox.group(2), text, tagToken.offset, "[" + tagToken.text + "]");
      QueryNode near = terms.get(0);
      for (int i = 1; i < terms.size(); i++) {
        near = new QueryNode.Near(near, terms.get(i), distance, false);
      }
      return new QueryNode.InFields(TEXT_TAGS.get(prox.group(1)), near);
    }
    if (group != null) {
      throw at(tagToken, "the field tag [" + tagToken.text + "] after a parenthesised group is not supported; "
          + "tag each term");
    }
    String joined = String.join(" ", words).strip();
    switch (tag) {
      case "au": case "author": case "fau": case "full author name":
        return author(joined, quoted, QueryNode.Place.ANY, tagToken);
      case "1au": case "author - first":
        return author(joined, quoted, QueryNode.Place.FIRST, tagToken);
      case "lastau": case "author - last":
        return author(joined, quoted, QueryNode.Place.LAST, tagToken);
      case "mh": case "mesh": case "mesh terms": case "mh:exp": case "mesh:exp":
        return heading(joined, true, false, tagToken);
      case "mh:noexp": case "mesh:noexp": case "mesh terms:noexp":
        return heading(joined, false, false, tagToken);
      case "majr": case "mj": case "mesh major topic":
        return heading(joined, true, true, tagToken);
      case "majr:noexp": case "mj:noexp": case "mesh major topic:noexp":
        return heading(joined, false, true, tagToken);
      case "sh": case "subheading": case "mesh subheading": {
        String name = MeshQualifiers.name(joined);
        String q = name != null ? name : joined;
        warn(tagToken.offset, "subheading '" + joined + "'[sh] is searched as the words \"" + q
            + "\" in the subject headings");
        return new QueryNode.InFields(List.of(Fields.MESH), words(List.of(q.replace("&", " "))));
      }
      case "nm": case "rn": case "supplementary concept": case "substance name":
        warn(tagToken.offset, "[" + tagToken.text + "] (substance names) is searched in the keywords and headings");
        return new QueryNode.InFields(List.of(Fields.KEYWORDS), words(words));
      case "dp": case "pdat": case "publication date": case "date - publication": case "py":
        return years(joined, tagToken);
      default:
        throw at(tagToken, "unsupported PubMed field tag [" + tagToken.text + "]");
    }
  }

  /**
   * PubMed's author search: unquoted, the initials are truncated ({@code smith j} finds Smith JA);
   * quoted, the name is exact. A {@code *} at the end truncates too.
   */
  private QueryNode author(String name, boolean quoted, QueryNode.Place place, Token tag) throws QueryException {
    String n = name.strip();
    boolean star = n.endsWith("*");
    n = star ? n.substring(0, n.length() - 1).strip() : n;
    if (n.isEmpty() || n.indexOf('*') >= 0 || Fields.fold(n).isEmpty()) {
      throw at(tag, "'" + name + "'[" + tag.text + "] is not an author name (surname, then initials or given names)");
    }
    return new QueryNode.Author(n, !quoted || star, place);
  }

  private QueryNode heading(String name, boolean explode, boolean major, Token tag) throws QueryException {
    if (name.indexOf('*') >= 0) {
      throw at(tag, "truncation in a MeSH heading ('" + name + "'[" + tag.text + "]) is not supported");
    }
    return new QueryNode.Heading(name, explode, major);
  }

  private QueryNode years(String value, Token tag) throws QueryException {
    String[] parts = value.replace(" ", "").split(":", -1);
    if (parts.length > 2) {
      throw at(tag, "'" + value + "'[" + tag.text + "] is not a date or date range");
    }
    Integer[] ys = new Integer[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Matcher m = YEAR.matcher(parts[i]);
      if (parts[i].equals("3000") || parts[i].equalsIgnoreCase("present")) {
        ys[i] = null;
      } else if (m.matches()) {
        ys[i] = Integer.valueOf(m.group(1));
      } else {
        throw at(tag, "'" + value + "'[" + tag.text + "] is not a date or date range such as 2000:2010");
      }
    }
    if (value.indexOf('/') >= 0) {
      warn(tag.offset, "'" + value + "'[" + tag.text + "]: records carry a publication year only, so months "
          + "and days are not compared (the whole years " + (parts.length == 1 ? "" : "from and to ") + "are searched)");
    }
    Integer from = ys[0];
    Integer to = parts.length == 1 ? ys[0] : ys[1];
    if (from != null && to != null && from > to) {
      throw at(tag, "date range '" + value + "' runs backwards");
    }
    return new QueryNode.Years(from, to);
  }
}
