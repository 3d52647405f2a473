package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates an Ovid MEDLINE multi-line search strategy into the query model.
 *
 * <p>Input: the strategy, one search per line, numbered 1, 2, … in order (blank lines are
 * skipped); the last line is the block's query. Supported: line references ({@code 1 or 2},
 * {@code 4 and 3}, {@code 36 not (36 and 37)}), {@code or/1-5}, {@code and/17,34,52-54},
 * {@code and}, {@code or}, {@code not} (any case; left to right, as written), {@code adj} (next
 * to, in order) and {@code adjN} (within N-1 words, any order), parentheses, unquoted and quoted
 * phrases, field suffixes ({@code .ti,ab.}, {@code .tw.}, {@code .mp.}, {@code .pt.},
 * {@code .sh.}, {@code .au.} and more, with or without the closing dot), subject headings
 * ({@code Heading/}, {@code exp Heading/}, {@code *Heading/}, {@code Heading/di, pa}), truncation
 * {@code $} {@code *} {@code $N} {@code *N}, wildcards {@code #} (one character) and {@code ?}
 * (zero or one), {@code limit N to english}, {@code limit N to humans},
 * {@code limit N to yr="2000 - Current"}. Bracketed notes ({@code [mp=title, …]},
 * {@code [Pathology]}) are ignored.
 *
 * <p>Failure behaviour: throws {@link QueryException} naming the construct, with its line and
 * column (an unknown field suffix, a reference to a line that does not come before, an
 * unsupported limit, unbalanced quotes or parentheses). Approximations are warnings (subheadings
 * after a heading, floating subheadings, entry dates, substance names, the reviews filter).
 */
public final class OvidTranslator {
  private static final Pattern COMBINE = Pattern.compile("(?i)\\s*(and|or)/\\s*([\\d,\\s-]+)\\s*");
  private static final Pattern LIMIT = Pattern.compile("(?i)\\s*limit\\s+(\\d+)\\s+to\\s+(.+?)\\s*");
  private static final Pattern SUFFIX = Pattern.compile("(?i)^(.*?)\\.([a-z]{2}(?:,[a-z]{2})*)\\.?$");
  private static final Pattern ADJ = Pattern.compile("(?i)adj(\\d*)");
  private static final Pattern QUALIFIER = Pattern.compile("(?i)[a-z]{2},?");

  private static final Map<String, List<String>> FIELDS = Map.ofEntries(
      Map.entry("ti", List.of(Fields.TITLE)), Map.entry("ab", List.of(Fields.ABSTRACT)),
      Map.entry("ot", List.of(Fields.TITLE)),
      Map.entry("tw", List.of(Fields.TITLE, Fields.ABSTRACT)),
      Map.entry("tx", List.of(Fields.TITLE, Fields.ABSTRACT, Fields.KEYWORDS)),
      Map.entry("mp", List.of(Fields.TITLE, Fields.ABSTRACT, Fields.KEYWORDS)),
      Map.entry("kw", List.of(Fields.KEYWORDS)), Map.entry("kf", List.of(Fields.KEYWORDS)),
      Map.entry("id", List.of(Fields.KEYWORDS)),
      Map.entry("hw", List.of(Fields.MESH)), Map.entry("mh", List.of(Fields.MESH)),
      Map.entry("pt", List.of(Fields.PUBLICATION_TYPE)), Map.entry("au", List.of(Fields.AUTHOR)),
      Map.entry("jn", List.of(Fields.SOURCE)), Map.entry("jw", List.of(Fields.SOURCE)),
      Map.entry("so", List.of(Fields.SOURCE)), Map.entry("la", List.of(Fields.LANGUAGE)),
      Map.entry("af", Fields.ALL),
      Map.entry("nm", List.of(Fields.KEYWORDS)), Map.entry("rn", List.of(Fields.KEYWORDS)));

  private enum Kind { LPAREN, RPAREN, WORD, PHRASE, SUFFIX, AND, OR, NOT, ADJ, END }

  /** A token; for WORD and PHRASE, {@code heading} is set when a '/' ends it (then qualifiers follow). */
  private record Token(Kind kind, String text, int offset, int number, boolean heading, String qualifiers) {}

  private final String text;
  private final List<QueryNode> lines = new ArrayList<>();
  private final List<QueryWarning> warnings = new ArrayList<>();
  private List<Token> tokens;
  private int pos;

  private OvidTranslator(String text) {
    this.text = text;
  }

  /** Translates {@code text}. */
  public static ParsedQuery translate(String text) throws QueryException {
    OvidTranslator t = new OvidTranslator(text.replace('\r', ' '));
    int offset = 0;
    for (String line : t.text.split("\n", -1)) {
      if (!line.isBlank()) {
        t.lines.add(t.line(line, offset));
      }
      offset += line.length() + 1;
    }
    if (t.lines.isEmpty()) {
      throw new QueryException("the query is empty", 1, 1);
    }
    return new ParsedQuery(t.lines.get(t.lines.size() - 1), List.copyOf(t.warnings));
  }

  private QueryException error(int offset, String message) {
    return QueryException.at(text, offset, "Ovid line " + (lines.size() + 1) + ": " + message);
  }

  private void warn(int offset, String message) {
    int[] lc = QueryException.lineColumn(text, offset);
    warnings.add(new QueryWarning(lc[0], lc[1], "Ovid line " + (lines.size() + 1) + ": " + message));
  }

  private QueryNode ref(int n, int offset) throws QueryException {
    if (n < 1 || n > lines.size()) {
      throw error(offset, "line reference " + n + " does not refer to an earlier line (this is line "
          + (lines.size() + 1) + ")");
    }
    return lines.get(n - 1);
  }

  private QueryNode line(String line, int base) throws QueryException {
    Matcher combine = COMBINE.matcher(line);
    if (combine.matches()) {
      List<QueryNode> refs = new ArrayList<>();
      int at = base + combine.start(2);
      for (String part : combine.group(2).split(",")) {
        String p = part.strip();
        if (p.isEmpty()) {
          continue;
        }
        String[] range = p.split("\\s*-\\s*");
        if (range.length == 2 && !range[0].isEmpty()) {
          int from = QueryLimits.lineNumber(range[0]);
          int to = QueryLimits.lineNumber(range[1]);
          if (from < 0 || to < 0) {
            throw error(at, "range " + p + " names a line that does not come before this one");
          }
          if (from > to) {
            throw error(at, "range " + p + " runs backwards");
          }
          for (int n = from; n <= to; n++) {
            refs.add(ref(n, at));
          }
        } else if (p.matches("\\d+")) {
          refs.add(ref(QueryLimits.lineNumber(p), at));
        } else {
          throw error(at, "'" + p + "' is not a line number or range in " + combine.group(1) + "/");
        }
      }
      if (refs.isEmpty()) {
        throw error(base, combine.group(1) + "/ names no lines");
      }
      boolean and = combine.group(1).equalsIgnoreCase("and");
      return refs.size() == 1 ? refs.get(0) : and ? new QueryNode.And(refs) : new QueryNode.Or(refs);
    }
    Matcher limit = LIMIT.matcher(line);
    if (limit.matches()) {
      QueryNode set = ref(QueryLimits.lineNumber(limit.group(1)), base + limit.start(1));
      return new QueryNode.And(List.of(set, limitTo(limit.group(2), base + limit.start(2))));
    }
    tokens = lex(line, base);
    pos = 0;
    QueryNode q = expression();
    Token t = tokens.get(pos);
    if (t.kind == Kind.RPAREN) {
      throw error(t.offset, "unbalanced parenthesis: ')' has no matching '('");
    }
    if (t.kind != Kind.END) {
      throw error(t.offset, "unexpected '" + t.text + "'");
    }
    return q;
  }

  private QueryNode limitTo(String what, int offset) throws QueryException {
    String w = what.toLowerCase(Locale.ROOT).strip();
    Matcher yr = Pattern.compile("yr\\s*=\\s*\"?\\s*(\\d{4})?\\s*(-)?\\s*(\\d{4}|current)?\\s*\"?").matcher(w);
    if (yr.matches() && (yr.group(1) != null || yr.group(3) != null)) {
      Integer from = yr.group(1) == null ? null : Integer.valueOf(yr.group(1));
      Integer to = yr.group(2) == null ? from
          : yr.group(3) == null || yr.group(3).equals("current") ? null : Integer.valueOf(yr.group(3));
      return new QueryNode.Years(from, to);
    }
    if (w.equals("humans") || w.equals("human")) {
      return new QueryNode.Heading("Humans", false, false);
    }
    Matcher lang = Pattern.compile("(english|french|german|spanish|italian|portuguese|dutch|japanese|chinese)( language)?").matcher(w);
    if (lang.matches()) {
      String name = lang.group(1);
      return new QueryNode.InFields(List.of(Fields.LANGUAGE), new QueryNode.Or(List.of(
          new QueryNode.Term(name), new QueryNode.Term(name.substring(0, 3)))));
    }
    if (w.startsWith("\"reviews") || w.startsWith("review")) {
      warn(offset, "limit to " + what + " is approximated by publication type Review");
      return new QueryNode.InFields(List.of(Fields.PUBLICATION_TYPE), new QueryNode.Term("review"));
    }
    throw error(offset, "unsupported limit 'limit … to " + what + "'");
  }

  // ------------------------------------------------------------------ lexer

  private static boolean quote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D';
  }

  private List<Token> lex(String line, int base) throws QueryException {
    // ". tw." (a stray space) and a bracketed note after a suffix or heading
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    int depth = 0;
    int lastOpen = -1;
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '[') {
        int end = line.indexOf(']', i);
        if (end < 0) {
          throw error(base + i, "the note '[' here is never closed");
        }
        i = end + 1;
      } else if (c == '(') {
        depth++;
        lastOpen = i;
        QueryLimits.parentheses(depth, text, base + i);
        out.add(new Token(Kind.LPAREN, "(", base + i++, 0, false, ""));
      } else if (c == ')') {
        if (--depth < 0) {
          throw error(base + i, "unbalanced parenthesis: ')' has no matching '('");
        }
        out.add(new Token(Kind.RPAREN, ")", base + i++, 0, false, ""));
      } else if (quote(c)) {
        int end = i + 1;
        while (end < n && !quote(line.charAt(end))) {
          end++;
        }
        if (end >= n) {
          throw error(base + i, "unbalanced quotes: the '\"' here is never closed");
        }
        String inner = line.substring(i + 1, end);
        int next = end + 1;
        if (next < n && line.charAt(next) == '/') {
          int[] q = new int[] {next + 1};
          String quals = qualifiers(line, q);
          out.add(new Token(Kind.PHRASE, inner, base + i, 0, true, quals));
          i = q[0];
        } else {
          out.add(new Token(Kind.PHRASE, inner, base + i, 0, false, ""));
          i = next;
        }
      } else if (c == '.' && (i + 1 >= n || Character.isWhitespace(line.charAt(i + 1)))
          && !out.isEmpty() && out.get(out.size() - 1).kind == Kind.RPAREN) {
        // "). tw." : the suffix's letters follow after a space
        int end = i + 1;
        while (end < n && Character.isWhitespace(line.charAt(end))) {
          end++;
        }
        int stop = end;
        while (stop < n && !Character.isWhitespace(line.charAt(stop)) && line.charAt(stop) != ')') {
          stop++;
        }
        Matcher m = SUFFIX.matcher("." + line.substring(end, stop));
        if (!m.matches()) {
          throw error(base + i, "unexpected '.'");
        }
        out.add(new Token(Kind.SUFFIX, m.group(2).toLowerCase(Locale.ROOT), base + i, 0, false, ""));
        i = stop;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(line.charAt(end)) && "()[".indexOf(line.charAt(end)) < 0
            && !quote(line.charAt(end))) {
          end++;
        }
        String w = line.substring(i, end);
        int slash = w.indexOf('/');
        if (slash >= 0) {
          // a heading ends here: "Neoplasms/", "Neoplasms/pa", "Dementia/bl," then more qualifiers
          if (slash > 0) {
            out.add(new Token(Kind.WORD, w.substring(0, slash), base + i, 0, false, ""));
          }
          int[] q = new int[] {i + slash + 1};
          String quals = qualifiers(line, q);
          markHeading(out, base + i + slash, quals);
          i = q[0];
          continue;
        }
        if (w.startsWith(".") && !out.isEmpty()
            && (out.get(out.size() - 1).kind == Kind.RPAREN || out.get(out.size() - 1).kind == Kind.PHRASE)) {
          Matcher m = SUFFIX.matcher(w);
          if (!m.matches()) {
            throw error(base + i, "'" + w + "' is not a field suffix such as .ti,ab.");
          }
          out.add(new Token(Kind.SUFFIX, m.group(2).toLowerCase(Locale.ROOT), base + i, 0, false, ""));
          i = end;
          continue;
        }
        String u = w.toUpperCase(Locale.ROOT);
        Matcher adj = ADJ.matcher(w);
        if (u.equals("AND") || u.equals("OR") || u.equals("NOT")) {
          out.add(new Token(u.equals("AND") ? Kind.AND : u.equals("OR") ? Kind.OR : Kind.NOT, w, base + i, 0, false, ""));
        } else if (adj.matches()) {
          int d = adj.group(1).isEmpty() ? 0 : QueryLimits.distance(adj.group(1), text, base + i, w);
          out.add(new Token(Kind.ADJ, w, base + i, d, false, ""));
        } else {
          Matcher m = SUFFIX.matcher(w);
          if (m.matches() && !m.group(1).isEmpty() && !m.group(1).matches(".*\\d") ) {
            out.add(new Token(Kind.WORD, m.group(1), base + i, 0, false, ""));
            out.add(new Token(Kind.SUFFIX, m.group(2).toLowerCase(Locale.ROOT), base + i + m.start(2) - 1, 0, false, ""));
          } else if (m.matches() && !m.group(1).isEmpty() && FIELDS.containsKey(m.group(2).toLowerCase(Locale.ROOT).split(",")[0])) {
            out.add(new Token(Kind.WORD, m.group(1), base + i, 0, false, ""));
            out.add(new Token(Kind.SUFFIX, m.group(2).toLowerCase(Locale.ROOT), base + i + m.start(2) - 1, 0, false, ""));
          } else {
            out.add(new Token(Kind.WORD, w, base + i, 0, false, ""));
          }
        }
        i = end;
      }
    }
    if (depth > 0) {
      throw error(base + lastOpen, "unbalanced parenthesis: the '(' here is never closed");
    }
    out.add(new Token(Kind.END, "the end of the line", base + n, 0, false, ""));
    return out;
  }

  /** Reads "pa", "di, pa, ra" after a heading's '/'; advances {@code at[0]}. */
  private static String qualifiers(String line, int[] at) {
    StringBuilder quals = new StringBuilder();
    int i = at[0];
    boolean more = true;
    while (more) {
      int start = i;
      while (start < line.length() && line.charAt(start) == ' ' && quals.length() > 0) {
        start++;
      }
      int end = start;
      while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && "()[".indexOf(line.charAt(end)) < 0) {
        end++;
      }
      String w = line.substring(start, end);
      if (!w.isEmpty() && QUALIFIER.matcher(w).matches() && (quals.length() == 0 ? start == at[0] : true)) {
        quals.append(quals.length() > 0 ? "," : "").append(w.replace(",", "").toLowerCase(Locale.ROOT));
        i = end;
        more = w.endsWith(",");
      } else {
        more = false;
      }
    }
    at[0] = i;
    return quals.toString();
  }

  /** Marks the words since the last operator or '(' as one heading. */
  private void markHeading(List<Token> out, int offset, String quals) throws QueryException {
    int k = out.size();
    while (k > 0 && out.get(k - 1).kind == Kind.WORD && !out.get(k - 1).heading) {
      k--;
    }
    if (k == out.size()) {
      throw error(offset, "'/' (a subject heading) with no heading before it");
    }
    List<String> words = new ArrayList<>();
    for (int j = k; j < out.size(); j++) {
      words.add(out.get(j).text);
    }
    int start = out.get(k).offset;
    while (out.size() > k) {
      out.remove(out.size() - 1);
    }
    out.add(new Token(Kind.WORD, String.join(" ", words), start, 0, true, quals));
  }

  // ------------------------------------------------------------------ parser

  private Token peek() {
    return tokens.get(pos);
  }

  /** and / or / not, left to right. */
  private QueryNode expression() throws QueryException {
    QueryNode left = proximity();
    while (true) {
      Token op = peek();
      if (op.kind != Kind.AND && op.kind != Kind.OR && op.kind != Kind.NOT) {
        return left;
      }
      pos++;
      QueryNode right = proximity();
      if (op.kind == Kind.NOT) {
        left = new QueryNode.Not(left, right);
      } else {
        boolean and = op.kind == Kind.AND;
        List<QueryNode> clauses = new ArrayList<>();
        if (and && left instanceof QueryNode.And a) {
          clauses.addAll(a.clauses());
        } else if (!and && left instanceof QueryNode.Or o) {
          clauses.addAll(o.clauses());
        } else {
          clauses.add(left);
        }
        clauses.add(right);
        left = and ? new QueryNode.And(clauses) : new QueryNode.Or(clauses);
      }
    }
  }

  /** adj chains; a field suffix after the chain (or after a single operand) applies to all of it. */
  private QueryNode proximity() throws QueryException {
    int at = peek().offset;
    QueryNode left = operand();
    while (peek().kind == Kind.ADJ) {
      Token op = tokens.get(pos++);
      int rightAt = peek().offset;
      QueryNode right = operand();
      checkProximity(left, at, op);
      checkProximity(right, rightAt, op);
      left = op.number <= 1
          ? new QueryNode.Near(left, right, 0, op.number == 0)
          : new QueryNode.Near(left, right, op.number - 1, false);
    }
    if (peek().kind == Kind.SUFFIX) {
      Token s = tokens.get(pos++);
      left = applySuffix(left, s);
    }
    return left;
  }

  private void checkProximity(QueryNode q, int offset, Token op) throws QueryException {
    if (q instanceof QueryNode.Or o) {
      for (QueryNode c : o.clauses()) {
        checkProximity(c, offset, op);
      }
    } else if (!(q instanceof QueryNode.Term || q instanceof QueryNode.Phrase || q instanceof QueryNode.Near)) {
      throw error(offset, "'" + op.text + "' joins words, phrases and or-groups of them; here it has "
          + QueryPrinter.print(q));
    }
  }

  private QueryNode operand() throws QueryException {
    Token t = peek();
    QueryNode q;
    if (t.kind == Kind.LPAREN) {
      pos++;
      q = expression();
      Token close = peek();
      if (close.kind != Kind.RPAREN) {
        throw error(close.offset, "expected ')' but found '" + close.text + "'");
      }
      pos++;
    } else if (t.kind == Kind.WORD || t.kind == Kind.PHRASE) {
      q = words();
      if (q == null) {
        return operand();
      }
    } else {
      throw error(t.offset, t.kind == Kind.END ? "a search term is missing at the end of the line"
          : t.kind == Kind.SUFFIX ? "field suffix ." + t.text + ". follows no search term"
          : "'" + t.text + "' needs a search term before it");
    }
    if (peek().kind == Kind.SUFFIX && tokens.get(pos + 1).kind == Kind.ADJ) {
      Token s = tokens.get(pos++);
      q = applySuffix(q, s);
    }
    return q;
  }

  private static final class Ref {
    final QueryNode node;

    Ref(QueryNode node) {
      this.node = node;
    }
  }

  /** A run of words: a line reference, a heading, or a phrase. Returns null after a bare "exp". */
  private QueryNode words() throws QueryException {
    List<Token> run = new ArrayList<>();
    while (peek().kind == Kind.WORD || peek().kind == Kind.PHRASE) {
      Token w = tokens.get(pos++);
      run.add(w);
      if (w.heading) {
        break;
      }
    }
    Token last = run.get(run.size() - 1);
    if (last.heading) {
      List<String> names = new ArrayList<>();
      boolean explode = false;
      boolean major = false;
      for (int j = 0; j < run.size(); j++) {
        String w = run.get(j).text.strip();
        if (j == 0 && run.get(j).kind == Kind.WORD && w.toLowerCase(Locale.ROOT).startsWith("exp ")) {
          explode = true;
          w = w.substring(4).strip();
        } else if (j == 0 && run.get(j).kind == Kind.WORD && w.equalsIgnoreCase("exp")) {
          explode = true;
          continue;
        }
        if (names.isEmpty() && w.startsWith("*")) {
          major = true;
          w = w.substring(1).strip();
        }
        names.add(w);
      }
      String name = String.join(" ", names).strip();
      if (name.isEmpty()) {
        throw error(last.offset, "a subject heading with no name");
      }
      if (!last.qualifiers.isEmpty()) {
        StringBuilder named = new StringBuilder();
        for (String q : last.qualifiers.split(",")) {
          String full = MeshQualifiers.name(q);
          if (full == null) {
            throw error(last.offset, "unknown subheading /" + q + " after '" + name + "'");
          }
          named.append(named.length() > 0 ? ", " : "").append(q).append(" (").append(full).append(')');
        }
        warn(last.offset, "subheading " + named + " after heading '" + name
            + "' is not checked: the heading matches with any subheading");
      }
      return new QueryNode.Heading(name, explode, major);
    }
    if (run.size() == 1 && run.get(0).kind == Kind.WORD && run.get(0).text.matches("\\d+")
        && peek().kind != Kind.SUFFIX) {
      return ref(QueryLimits.lineNumber(run.get(0).text), run.get(0).offset);
    }
    List<String> words = new ArrayList<>();
    for (Token w : run) {
      for (String part : w.text.strip().split("\\s+")) {
        if (!part.isEmpty()) {
          words.add(truncation(part, w.offset));
        }
      }
    }
    if (words.isEmpty()) {
      throw error(run.get(0).offset, "empty phrase");
    }
    return words.size() == 1 ? new QueryNode.Term(words.get(0)) : new QueryNode.Phrase(words);
  }

  /** Ovid truncation and wildcards in litsieve's pattern syntax. */
  private String truncation(String w, int offset) throws QueryException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '$' || c == '*') {
        b.append('*');
        if (i + 1 < w.length() && Character.isDigit(w.charAt(i + 1))) {
          b.append(w.charAt(++i));
          if (i + 1 < w.length() && Character.isDigit(w.charAt(i + 1))) {
            throw error(offset, "truncation '" + c + w.charAt(i) + w.charAt(i + 1) + "' in '" + w
                + "': litsieve limits truncation to at most 9 characters");
          }
        }
      } else if (c == '#') {
        b.append('?');
      } else if (c == '?') {
        b.append("*1");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private QueryNode applySuffix(QueryNode q, Token s) throws QueryException {
    String[] codes = s.text.split(",");
    if (codes.length == 1 && (codes[0].equals("sh"))) {
      return toHeadings(q, s);
    }
    if (codes.length == 1 && codes[0].equals("fs")) {
      return toSubheadings(q, s);
    }
    if (codes.length == 1 && List.of("ed", "dp", "yr", "ep", "ez", "da", "dc", "up").contains(codes[0])) {
      if (!codes[0].equals("dp") && !codes[0].equals("yr")) {
        warn(s.offset, "." + codes[0] + ". (a date of entry or update) is approximated by the publication year");
      }
      return toYears(q, s);
    }
    List<String> fields = new ArrayList<>();
    for (String c : codes) {
      List<String> f = FIELDS.get(c);
      if (f == null) {
        throw error(s.offset, "unsupported Ovid field ." + c + ".");
      }
      if (c.equals("nm") || c.equals("rn")) {
        warn(s.offset, "." + c + ". (substance names, registry numbers) is searched in the keywords and headings");
      }
      for (String x : f) {
        if (!fields.contains(x)) {
          fields.add(x);
        }
      }
    }
    checkNoLineReferences(q, s);
    return new QueryNode.InFields(fields, q);
  }

  private void checkNoLineReferences(QueryNode q, Token s) throws QueryException {
    if (q instanceof QueryNode.Heading || q instanceof QueryNode.InFields || q instanceof QueryNode.Years) {
      throw error(s.offset, "field suffix ." + s.text + ". applied to a line reference or heading");
    }
    if (q instanceof QueryNode.And a) {
      for (QueryNode c : a.clauses()) {
        checkNoLineReferences(c, s);
      }
    } else if (q instanceof QueryNode.Or o) {
      for (QueryNode c : o.clauses()) {
        checkNoLineReferences(c, s);
      }
    } else if (q instanceof QueryNode.Not n) {
      checkNoLineReferences(n.include(), s);
      checkNoLineReferences(n.exclude(), s);
    }
  }

  private interface LeafMap {
    QueryNode map(QueryNode leaf) throws QueryException;
  }

  private QueryNode mapLeaves(QueryNode q, LeafMap f) throws QueryException {
    if (q instanceof QueryNode.And a) {
      List<QueryNode> c = new ArrayList<>();
      for (QueryNode x : a.clauses()) {
        c.add(mapLeaves(x, f));
      }
      return new QueryNode.And(c);
    } else if (q instanceof QueryNode.Or o) {
      List<QueryNode> c = new ArrayList<>();
      for (QueryNode x : o.clauses()) {
        c.add(mapLeaves(x, f));
      }
      return new QueryNode.Or(c);
    } else if (q instanceof QueryNode.Not n) {
      return new QueryNode.Not(mapLeaves(n.include(), f), mapLeaves(n.exclude(), f));
    }
    return f.map(q);
  }

  private QueryNode toHeadings(QueryNode q, Token s) throws QueryException {
    return mapLeaves(q, leaf -> {
      if (leaf instanceof QueryNode.Term t && t.pattern().indexOf('*') < 0 && t.pattern().indexOf('?') < 0) {
        return new QueryNode.Heading(t.pattern(), false, false);
      }
      if (leaf instanceof QueryNode.Phrase p && String.join(" ", p.words()).matches("[^*?]+")) {
        return new QueryNode.Heading(String.join(" ", p.words()), false, false);
      }
      throw error(s.offset, ".sh. applies to whole heading names; '" + QueryPrinter.print(leaf) + "' is not one");
    });
  }

  private QueryNode toSubheadings(QueryNode q, Token s) throws QueryException {
    return mapLeaves(q, leaf -> {
      if (leaf instanceof QueryNode.Term t && MeshQualifiers.name(t.pattern()) != null) {
        String full = MeshQualifiers.name(t.pattern());
        warn(s.offset, "floating subheading " + t.pattern() + " (" + full
            + ") is searched as words in the subject headings");
        List<String> words = List.of(full.replace("&", " ").strip().split("\\s+"));
        return new QueryNode.InFields(List.of(Fields.MESH),
            words.size() == 1 ? new QueryNode.Term(words.get(0)) : new QueryNode.Phrase(words));
      }
      throw error(s.offset, ".fs. takes subheading abbreviations such as di or bl; '"
          + QueryPrinter.print(leaf) + "' is not one");
    });
  }

  private QueryNode toYears(QueryNode q, Token s) throws QueryException {
    return mapLeaves(q, leaf -> {
      if (leaf instanceof QueryNode.Term t && t.pattern().matches("\\d{4}\\*?")) {
        int y = Integer.parseInt(t.pattern().substring(0, 4));
        return new QueryNode.Years(y, y);
      }
      throw error(s.offset, "." + s.text + ". takes years such as 2012 or 2012*; '" + QueryPrinter.print(leaf)
          + "' is not one");
    });
  }
}
