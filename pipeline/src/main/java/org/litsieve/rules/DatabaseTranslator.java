package org.litsieve.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a search written for Embase.com, EBSCOhost (CINAHL, APA PsycInfo), Scopus, Web of
 * Science or the Cochrane Library into the query model. One lexer and one precedence parser serve
 * the five; a {@link Dialect} says how each writes fields, proximity, headings, wildcards and years,
 * and in which order its operators bind (screening-rules/README.md documents each, and
 * docs/queries.md gives the table of constructs).
 *
 * <p>Input: one query, or (Embase, EBSCOhost, Web of Science, Cochrane) a search history, one
 * search per line, later lines referring to earlier ones as {@code #1} ({@code S1} in EBSCOhost);
 * the last line is the block's query. A history is recognised when a line refers to another;
 * otherwise the lines are one query.
 *
 * <p>Failure behaviour: throws {@link QueryException} naming the construct and its line and column
 * (an unknown field code, a filter an export cannot reproduce, an operator with nothing on one
 * side, a query limit). What a database does that an export cannot reproduce (Emtree explosion,
 * full-text fields, lemmatisation, automatic mapping) is a warning with its position.
 */
final class DatabaseTranslator implements QueryTranslator {
  static final DatabaseTranslator EMBASE = new DatabaseTranslator(Dialect.EMBASE);
  static final DatabaseTranslator EBSCO = new DatabaseTranslator(Dialect.EBSCO);
  static final DatabaseTranslator SCOPUS = new DatabaseTranslator(Dialect.SCOPUS);
  static final DatabaseTranslator WOS = new DatabaseTranslator(Dialect.WOS);
  static final DatabaseTranslator COCHRANE = new DatabaseTranslator(Dialect.COCHRANE);

  /** The five databases' syntaxes. */
  enum Dialect {
    EMBASE("Embase"), EBSCO("EBSCOhost"), SCOPUS("Scopus"), WOS("Web of Science"), COCHRANE("Cochrane");

    final String label;

    Dialect(String label) {
      this.label = label;
    }
  }

  private final Dialect dialect;

  private DatabaseTranslator(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public ParsedQuery translate(String text) throws QueryException {
    return new Run(dialect, text).translate();
  }

  private static final List<String> TAK = List.of(Fields.TITLE, Fields.ABSTRACT, Fields.KEYWORDS);
  private static final List<String> ALL =
      Fields.ALL.stream().filter(f -> !f.equals(Fields.OTHER_TERMS)).toList();

  /** Embase.com field codes after ':' (lower case). */
  private static final Map<String, List<String>> EMBASE_CODES = Map.ofEntries(
      Map.entry("ti", List.of(Fields.TITLE)), Map.entry("ab", List.of(Fields.ABSTRACT)),
      Map.entry("kw", List.of(Fields.OTHER_TERMS)), Map.entry("de", List.of(Fields.MESH)),
      Map.entry("au", List.of(Fields.AUTHOR)), Map.entry("jt", List.of(Fields.SOURCE)),
      Map.entry("ta", List.of(Fields.SOURCE)), Map.entry("la", List.of(Fields.LANGUAGE)),
      Map.entry("it", List.of(Fields.PUBLICATION_TYPE)), Map.entry("tt", List.of(Fields.TITLE)));
  /** Cochrane Library field codes after ':' (lower case); kw holds MeSH and Emtree terms. */
  private static final Map<String, List<String>> COCHRANE_CODES = Map.ofEntries(
      Map.entry("ti", List.of(Fields.TITLE)), Map.entry("ab", List.of(Fields.ABSTRACT)),
      Map.entry("kw", List.of(Fields.KEYWORDS)), Map.entry("au", List.of(Fields.AUTHOR)),
      Map.entry("so", List.of(Fields.SOURCE)), Map.entry("pt", List.of(Fields.PUBLICATION_TYPE)),
      Map.entry("mh", List.of(Fields.MESH)));
  /** EBSCOhost field codes before a term (upper case). */
  private static final Map<String, List<String>> EBSCO_CODES = Map.ofEntries(
      Map.entry("TI", List.of(Fields.TITLE)), Map.entry("AB", List.of(Fields.ABSTRACT)),
      Map.entry("KW", List.of(Fields.OTHER_TERMS)), Map.entry("SU", List.of(Fields.KEYWORDS)),
      Map.entry("MW", List.of(Fields.MESH)), Map.entry("TX", TAK),
      Map.entry("AU", List.of(Fields.AUTHOR)), Map.entry("SO", List.of(Fields.SOURCE)),
      Map.entry("LA", List.of(Fields.LANGUAGE)), Map.entry("PT", List.of(Fields.PUBLICATION_TYPE)));
  private static final Set<String> EBSCO_HEADINGS = Set.of("MH", "MM", "DE", "MJ");
  /** Web of Science tags before '=' (upper case). */
  private static final Map<String, List<String>> WOS_CODES = Map.ofEntries(
      Map.entry("TS", TAK), Map.entry("TI", List.of(Fields.TITLE)), Map.entry("AB", List.of(Fields.ABSTRACT)),
      Map.entry("AK", List.of(Fields.OTHER_TERMS)), Map.entry("KP", List.of(Fields.KEYWORDS)),
      Map.entry("AU", List.of(Fields.AUTHOR)), Map.entry("SO", List.of(Fields.SOURCE)),
      Map.entry("LA", List.of(Fields.LANGUAGE)), Map.entry("DT", List.of(Fields.PUBLICATION_TYPE)),
      Map.entry("ALL", ALL), Map.entry("PY", List.of()));
  /** Scopus field functions (upper case). */
  private static final Map<String, List<String>> SCOPUS_CODES = Map.ofEntries(
      Map.entry("TITLE-ABS-KEY", TAK), Map.entry("TITLE-ABS", List.of(Fields.TITLE, Fields.ABSTRACT)),
      Map.entry("TITLE", List.of(Fields.TITLE)), Map.entry("ABS", List.of(Fields.ABSTRACT)),
      Map.entry("KEY", List.of(Fields.KEYWORDS)), Map.entry("AUTHKEY", List.of(Fields.OTHER_TERMS)),
      Map.entry("INDEXTERMS", List.of(Fields.MESH)), Map.entry("AUTH", List.of(Fields.AUTHOR)),
      Map.entry("AUTHOR-NAME", List.of(Fields.AUTHOR)), Map.entry("AUTHLASTNAME", List.of(Fields.AUTHOR)),
      Map.entry("SRCTITLE", List.of(Fields.SOURCE)), Map.entry("LANGUAGE", List.of(Fields.LANGUAGE)),
      Map.entry("DOCTYPE", List.of(Fields.PUBLICATION_TYPE)), Map.entry("ALL", ALL));
  /** Scopus document type codes. */
  private static final Map<String, String> SCOPUS_DOCTYPES = Map.ofEntries(
      Map.entry("ar", "article"), Map.entry("re", "review"), Map.entry("cp", "conference paper"),
      Map.entry("le", "letter"), Map.entry("ed", "editorial"), Map.entry("no", "note"),
      Map.entry("sh", "short survey"), Map.entry("ch", "book chapter"), Map.entry("bk", "book"),
      Map.entry("er", "erratum"), Map.entry("cr", "conference review"), Map.entry("dp", "data paper"));

  private static final Pattern COCHRANE_MESH = Pattern.compile(
      "(?i)MeSH descriptor:\\s*\\[([^\\]]+)\\]\\s*(explode all trees|explode selected trees|this term only)"
      + "(\\s+and with qualifiers?\\s*(?:\\(s\\))?\\s*:\\s*\\[[^\\]]*\\])?");
  /** "with Cochrane Library publication date Between Jan 2000 and Dec 2010", as exports print limits. */
  private static final Pattern COCHRANE_LIMIT = Pattern.compile(
      "(?i)with\\s+(cochrane library\\s+)?publication\\s+(date|year)");
  private static final Pattern COCHRANE_MH = Pattern.compile("(?i)\\[mh\\s+(\\^)?\\s*\"?([^\"\\]]+)\"?\\]");
  private static final Pattern WORD_VARIATIONS = Pattern.compile("(?i)\\(word variations have been searched\\)");
  private static final Pattern PUBYEAR = Pattern.compile("(?i)PUBYEAR\\s*(>|<|=|>=|<=|AFT|BEF|IS)\\s*(\\d{4})");
  private static final Pattern CODES = Pattern.compile("[A-Za-z]{2,3}(,[A-Za-z]{2,3})*");
  private static final Pattern YEAR_RANGE = Pattern.compile("(\\d{4})(?:\\s*-\\s*(\\d{4}))?");

  private enum Kind { LPAREN, RPAREN, WORD, PHRASE, OP, FIELD, SUFFIX, NODE, REF, END }

  private enum Op { AND, OR, NOT, NEAR, SAME }

  private record Token(Kind kind, String text, int offset, Op op, int number, boolean flag, QueryNode node) {
    static Token of(Kind kind, String text, int offset) {
      return new Token(kind, text, offset, null, 0, false, null);
    }
  }

  /** One translation: its text, tokens and warnings. */
  private static final class Run {
    private final Dialect d;
    private final String text;
    private final List<QueryWarning> warnings = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();
    private final List<QueryNode> lines = new ArrayList<>();
    private List<Token> tokens;
    private int pos;
    /** How many field codes enclose the operand being read. */
    private int fieldDepth;

    Run(Dialect d, String text) {
      this.d = d;
      this.text = text.replace('\r', ' ');
    }

    private String prefix() {
      return d.label + ": ";
    }

    private QueryException error(int offset, String message) {
      return QueryException.at(text, offset, prefix() + message);
    }

    private void warn(String key, int offset, String message) {
      if (warned.add(key)) {
        int[] lc = QueryException.lineColumn(text, offset);
        warnings.add(new QueryWarning(lc[0], lc[1], prefix() + message));
      }
    }

    ParsedQuery translate() throws QueryException {
      Pattern ref = d == Dialect.EBSCO ? Pattern.compile("\\bS\\d+\\b") : Pattern.compile("#\\d+");
      String[] raw = text.split("\n", -1);
      int nonBlank = 0;
      for (String l : raw) {
        nonBlank += l.isBlank() ? 0 : 1;
      }
      boolean history = d != Dialect.SCOPUS && nonBlank > 1 && ref.matcher(text).find();
      QueryNode last = null;
      if (!history) {
        last = line(text.replace('\n', ' '), 0);
      } else {
        int offset = 0;
        for (String l : raw) {
          if (!l.isBlank()) {
            last = line(l, offset);
            lines.add(last);
          }
          offset += l.length() + 1;
        }
      }
      if (last == null) {
        throw new QueryException("the query is empty", 1, 1);
      }
      return new ParsedQuery(last, warnings);
    }

    private QueryNode line(String line, int base) throws QueryException {
      tokens = lex(line, base);
      pos = 0;
      // a history line may start with its own number: "#3 a OR b", "S3 a OR b"
      Token first = tokens.get(0);
      if (first.kind == Kind.REF && first.number == lines.size() + 1
          && tokens.get(1).kind != Kind.OP && tokens.get(1).kind != Kind.END) {
        pos = 1;
      }
      QueryNode q = expr(0);
      Token t = peek();
      if (t.kind == Kind.RPAREN) {
        throw error(t.offset, "unbalanced parenthesis: ')' has no matching '('");
      }
      if (t.kind != Kind.END) {
        throw error(t.offset, "missing operator before '" + t.text + "'");
      }
      return q;
    }

    // ------------------------------------------------------------------ lexer

    private boolean quote(char c) {
      return c == '"' || c == '\u201C' || c == '\u201D' || (d == Dialect.EMBASE && (c == '\'' || c == '\u2018' || c == '\u2019'));
    }

    private List<Token> lex(String line, int base) throws QueryException {
      List<Token> out = new ArrayList<>();
      int i = 0;
      int n = line.length();
      int depth = 0;
      int lastOpen = -1;
      while (i < n) {
        char c = line.charAt(i);
        String rest = line.substring(i);
        Matcher m;
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(') {
          if (d == Dialect.COCHRANE && (m = WORD_VARIATIONS.matcher(rest)).lookingAt()) {
            warn("variations", base + i, "'(Word variations have been searched)': the Cochrane Library's word "
                + "variations (plurals, spellings) are not reproduced; add truncation where they matter");
            i += m.end();
            continue;
          }
          depth++;
          lastOpen = i;
          QueryLimits.parentheses(depth, text, base + i);
          out.add(Token.of(Kind.LPAREN, "(", base + i++));
        } else if (c == ')') {
          if (--depth < 0) {
            throw error(base + i, "unbalanced parenthesis: ')' has no matching '('");
          }
          out.add(Token.of(Kind.RPAREN, ")", base + i++));
          i = suffix(line, i, base, out);
        } else if (d == Dialect.COCHRANE && (m = COCHRANE_LIMIT.matcher(rest)).lookingAt()) {
          throw error(base + i, "'" + m.group().strip() + "…' is a Cochrane Library limit, not a search; put the "
              + "years in the rules file's eligibility (or year:) and remove it");
        } else if (d == Dialect.COCHRANE && (m = COCHRANE_MESH.matcher(rest)).lookingAt()) {
          boolean explode = !m.group(2).toLowerCase(Locale.ROOT).equals("this term only");
          if (m.group(2).toLowerCase(Locale.ROOT).startsWith("explode selected")) {
            warn("selected", base + i, "'explode selected trees' explodes every tree of the heading");
          }
          if (m.group(3) != null) {
            warn("qualifiers", base + i, "MeSH qualifiers are not checked: the heading matches with any subheading");
          }
          explosionWarning(base + i, explode, "MeSH descriptor: [" + m.group(1).strip() + "]");
          out.add(new Token(Kind.NODE, m.group(), base + i, null, 0, false,
              new QueryNode.Heading(m.group(1).strip(), explode, false)));
          i += m.end();
        } else if (d == Dialect.COCHRANE && (m = COCHRANE_MH.matcher(rest)).lookingAt()) {
          boolean explode = m.group(1) == null;
          explosionWarning(base + i, explode, "[mh " + m.group(2).strip() + "]");
          out.add(new Token(Kind.NODE, m.group(), base + i, null, 0, false,
              new QueryNode.Heading(m.group(2).strip(), explode, false)));
          i += m.end();
        } else if (d == Dialect.SCOPUS && (m = PUBYEAR.matcher(rest)).lookingAt()) {
          int y = Integer.parseInt(m.group(2));
          String op = m.group(1).toUpperCase(Locale.ROOT);
          QueryNode years = switch (op) {
            case ">", "AFT" -> new QueryNode.Years(y + 1, null);
            case "<", "BEF" -> new QueryNode.Years(null, y - 1);
            case ">=" -> new QueryNode.Years(y, null);
            case "<=" -> new QueryNode.Years(null, y);
            default -> new QueryNode.Years(y, y);
          };
          out.add(new Token(Kind.NODE, m.group(), base + i, null, 0, false, years));
          i += m.end();
        } else if (quote(c) || (d == Dialect.SCOPUS && c == '{')) {
          boolean braces = c == '{';
          int end = i + 1;
          while (end < n && !(braces ? line.charAt(end) == '}' : quote(line.charAt(end)))) {
            end++;
          }
          if (end >= n) {
            throw error(base + i, "unbalanced quotes: the '" + c + "' here is never closed");
          }
          if (braces) {
            warn("braces", base + i, "{" + line.substring(i + 1, end) + "}: an exact phrase is matched as a phrase "
                + "(case and punctuation ignored)");
          }
          out.add(new Token(Kind.PHRASE, line.substring(i + 1, end), base + i, null, 0, braces, null));
          i = suffix(line, end + 1, base, out);
        } else if (c == '[' && d == Dialect.EMBASE) {
          int end = line.indexOf(']', i);
          Matcher lim = end < 0 ? null : Pattern.compile("/(lim|py)\\b").matcher(line.substring(end + 1));
          if (end < 0 || !lim.lookingAt()) {
            throw error(base + i, "'[' here is not a limit such as [english]/lim or [2000-2010]/py");
          }
          out.add(new Token(Kind.NODE, line.substring(i, end + 1 + lim.end()), base + i, null, 0, false,
              limit(line.substring(i + 1, end).strip(), lim.group(1), base + i)));
          i = end + 1 + lim.end();
        } else {
          int end = i;
          while (end < n && !Character.isWhitespace(line.charAt(end)) && "()".indexOf(line.charAt(end)) < 0
              && !quote(line.charAt(end)) && !(d == Dialect.SCOPUS && line.charAt(end) == '{')) {
            end++;
          }
          i = word(line.substring(i, end), line, base + i, end, base, out);
        }
      }
      if (depth > 0) {
        throw error(base + lastOpen, "unbalanced parenthesis: the '(' here is never closed");
      }
      out.add(Token.of(Kind.END, "the end of the line", base + n));
      return out;
    }

    private void explosionWarning(int offset, boolean explode, String what) {
      if (explode) {
        warn("explode", offset, what + " is exploded with the MeSH descriptor file (mesh.descriptors) when the "
            + "rules name one; without it only the heading itself matches");
      }
    }

    /** A ':ti,ab' or (Embase) '/exp' right after a term, phrase or ')'; returns the next index. */
    private int suffix(String line, int i, int base, List<Token> out) throws QueryException {
      if (i >= line.length() || (d != Dialect.EMBASE && d != Dialect.COCHRANE)) {
        return i;
      }
      char c = line.charAt(i);
      if (c == ':') {
        int end = i + 1;
        while (end < line.length() && (Character.isLetter(line.charAt(end)) || line.charAt(end) == ',')) {
          end++;
        }
        String codes = line.substring(i + 1, end);
        if (!CODES.matcher(codes).matches()) {
          throw error(base + i, "':' here is not followed by field codes such as :ti,ab,kw");
        }
        out.add(Token.of(Kind.SUFFIX, ":" + codes.toLowerCase(Locale.ROOT), base + i));
        return end;
      }
      if (c == '/' && d == Dialect.EMBASE) {
        Matcher m = Pattern.compile("(?i)(/(exp|de|mj|br))+").matcher(line.substring(i));
        if (!m.lookingAt()) {
          throw error(base + i, "'/' here is not an Emtree suffix such as /exp, /de or /mj");
        }
        out.add(Token.of(Kind.SUFFIX, m.group().toLowerCase(Locale.ROOT), base + i));
        return i + m.end();
      }
      return i;
    }

    /** One word of the text: an operator, a field code, a line reference or a search word. */
    private int word(String w, String line, int offset, int end, int base, List<Token> out) throws QueryException {
      String u = w.toUpperCase(Locale.ROOT);
      Matcher prox;
      if (u.equals("AND") || u.equals("OR") || u.equals("NOT")) {
        Op op = Op.valueOf(u);
        if (d == Dialect.SCOPUS && op == Op.NOT) {
          Token prev = out.isEmpty() ? null : out.get(out.size() - 1);
          if (prev == null || prev.kind != Kind.OP || prev.op != Op.AND) {
            throw error(offset, "Scopus excludes with AND NOT; 'NOT' alone is not an operator");
          }
          out.set(out.size() - 1, new Token(Kind.OP, "AND NOT", prev.offset, Op.NOT, 0, false, null));
          return end;
        }
        out.add(new Token(Kind.OP, u, offset, op, 0, false, null));
        return end;
      }
      if (d == Dialect.WOS && u.equals("SAME")) {
        warn("same", offset, "SAME (the same sentence or address) is searched as AND");
        out.add(new Token(Kind.OP, u, offset, Op.SAME, 0, false, null));
        return end;
      }
      Pattern proximity = switch (d) {
        case EMBASE -> Pattern.compile("(?i)(NEAR|NEXT)/(\\d+)");
        case EBSCO -> Pattern.compile("(N|W)(\\d+)");
        case SCOPUS -> Pattern.compile("(?i)(W|PRE)/(\\d+)");
        case WOS -> Pattern.compile("(?i)(NEAR)(?:/(\\d+))?");
        case COCHRANE -> Pattern.compile("(?i)(NEAR|NEXT)(?:/(\\d+))?");
      };
      if ((prox = proximity.matcher(w)).matches()) {
        String name = prox.group(1).toUpperCase(Locale.ROOT);
        int n = prox.group(2) == null
            ? (name.equals("NEXT") ? 0 : d == Dialect.WOS ? 15 : 6) // NEAR alone: 15 words in WoS, 6 in Cochrane
            : QueryLimits.distance(prox.group(2), text, offset, w);
        boolean ordered = name.equals("NEXT") || name.equals("W") && d == Dialect.EBSCO || name.equals("PRE");
        out.add(new Token(Kind.OP, w, offset, Op.NEAR, n, ordered, null));
        return end;
      }
      if (d == Dialect.EBSCO && (EBSCO_CODES.containsKey(w) || EBSCO_HEADINGS.contains(w))) {
        out.add(Token.of(Kind.FIELD, w, offset));
        return end;
      }
      if (d == Dialect.EBSCO && w.matches("S\\d+") || d != Dialect.EBSCO && d != Dialect.SCOPUS && w.matches("#\\d+")) {
        out.add(new Token(Kind.REF, w, offset, null, QueryLimits.lineNumber(w.substring(1)), false, null));
        return end;
      }
      if (d == Dialect.WOS) {
        int eq = w.indexOf('=');
        if (eq > 0 && w.substring(0, eq).matches("[A-Za-z]{2,3}")) {
          String code = w.substring(0, eq).toUpperCase(Locale.ROOT);
          if (!WOS_CODES.containsKey(code)) {
            throw error(offset, "unsupported Web of Science field tag " + code + "= (supported: "
                + String.join(", ", new java.util.TreeSet<>(WOS_CODES.keySet())) + ")");
          }
          out.add(Token.of(Kind.FIELD, code, offset));
          return eq + 1 < w.length() ? word(w.substring(eq + 1), line, offset + eq + 1, end, base, out) : end;
        }
      }
      if (d == Dialect.SCOPUS) {
        int next = end;
        while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
          next++;
        }
        if (next < line.length() && line.charAt(next) == '(' && u.matches("[A-Z][A-Z-]+")) {
          if (u.equals("LIMIT-TO") || u.equals("EXCLUDE")) {
            throw error(offset, u + "(…) is a Scopus results filter; write it as a query (PUBYEAR > 2019, "
                + "LANGUAGE(english), DOCTYPE(ar)) or as the rules file's eligibility");
          }
          if (!SCOPUS_CODES.containsKey(u)) {
            throw error(offset, "unsupported Scopus field " + u + "() (supported: "
                + String.join(", ", new java.util.TreeSet<>(SCOPUS_CODES.keySet())) + ", PUBYEAR)");
          }
          out.add(Token.of(Kind.FIELD, u, offset));
          return end;
        }
      }
      // a term, perhaps with a suffix attached (Embase/Cochrane "heart:ti,ab", Embase "heart/exp")
      int colon = w.indexOf(':');
      int slash = d == Dialect.EMBASE ? w.indexOf('/') : -1;
      int cut = colon > 0 && (slash < 0 || colon < slash) ? colon : slash > 0 ? slash : -1;
      if (cut > 0 && (d == Dialect.EMBASE || d == Dialect.COCHRANE)) {
        out.add(Token.of(Kind.WORD, w.substring(0, cut), offset));
        int after = suffix(line, end - (w.length() - cut), base, out);
        if (after != end) {
          throw error(offset + cut, "'" + w.substring(cut) + "' is not a field suffix such as :ti,ab,kw"
              + (d == Dialect.EMBASE ? " or /exp" : ""));
        }
        return end;
      }
      if (w.indexOf(':') >= 0 || w.indexOf('[') >= 0 || w.indexOf(']') >= 0 || w.indexOf('{') >= 0
          || w.indexOf('}') >= 0 || w.indexOf('=') >= 0 || w.indexOf('\\') >= 0 || w.indexOf('^') >= 0) {
        char bad = w.chars().filter(ch -> ":[]{}=\\^".indexOf(ch) >= 0).mapToObj(ch -> (char) ch).findFirst().get();
        throw error(offset + w.indexOf(bad), "'" + bad + "' in '" + w + "' is not " + d.label + " syntax");
      }
      out.add(Token.of(Kind.WORD, w, offset));
      return end;
    }

    /** Embase's [x]/lim and [x]/py. */
    private QueryNode limit(String value, String kind, int offset) throws QueryException {
      if (kind.equals("py")) {
        Matcher m = YEAR_RANGE.matcher(value);
        if (!m.matches()) {
          throw error(offset, "[" + value + "]/py is not a year or range such as [2000-2010]/py");
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (from > to) {
          throw error(offset, "year range [" + value + "]/py runs backwards");
        }
        return new QueryNode.Years(from, to);
      }
      String v = value.toLowerCase(Locale.ROOT);
      if (!Languages.canonical(v).equals(v) || Set.of("english", "french", "german", "spanish", "italian",
          "portuguese", "dutch", "chinese", "japanese", "russian").contains(v)) {
        return new QueryNode.InFields(List.of(Fields.LANGUAGE), new QueryNode.Term(v));
      }
      if (v.equals("humans") || v.equals("human") || v.equals("animals") || v.equals("animal")) {
        warn("lim-" + v, offset, "[" + value + "]/lim is searched as the heading words '" + v.replaceAll("s$", "")
            + "*' (Emtree and MeSH name them differently)");
        return new QueryNode.InFields(List.of(Fields.MESH), new QueryNode.Term(v.replaceAll("s$", "") + "*"));
      }
      if (Set.of("embase", "medline", "preprint", "in process", "conference abstract", "article in press").contains(v)
          && !v.equals("conference abstract")) {
        throw error(offset, "[" + value + "]/lim selects records by database or status, which an export does not "
            + "record; remove it (the export already holds what it selected)");
      }
      warn("lim", offset, "[" + value + "]/lim is searched as a publication type");
      return new QueryNode.InFields(List.of(Fields.PUBLICATION_TYPE), words(value, offset));
    }

    // ------------------------------------------------------------------ parser

    private Token peek() {
      return tokens.get(pos);
    }

    /** How tightly an operator binds: higher first. */
    private int level(Op op) {
      return switch (d) {
        case SCOPUS -> switch (op) {
          case OR -> 4;
          case NEAR -> 3;
          case AND, SAME -> 2;
          case NOT -> 1;
        };
        case WOS -> switch (op) {
          case NEAR -> 5;
          case SAME -> 4;
          case NOT -> 3;
          case AND -> 2;
          case OR -> 1;
        };
        case EBSCO -> op == Op.NEAR ? 2 : 1;
        default -> switch (op) {
          case NEAR -> 4;
          case NOT -> 3;
          case AND, SAME -> 2;
          case OR -> 1;
        };
      };
    }

    private QueryNode expr(int minLevel) throws QueryException {
      QueryNode left = operand();
      Op seen = null;
      while (true) {
        Token t = peek();
        if (t.kind != Kind.OP || level(t.op) < minLevel) {
          return left;
        }
        if (d == Dialect.EBSCO && t.op != Op.NEAR) {
          if (seen != null && seen != t.op) {
            throw error(t.offset, "'" + t.text + "' after '" + seen + "' without parentheses: EBSCOhost's order of "
                + "evaluation is not documented; add parentheses");
          }
          seen = t.op;
        }
        pos++;
        Token next = peek();
        if (next.kind == Kind.END || next.kind == Kind.RPAREN || next.kind == Kind.OP) {
          throw error(t.offset, t.text + " needs something to search after it");
        }
        QueryNode right = expr(level(t.op) + 1);
        left = combine(t, left, right);
      }
    }

    private QueryNode combine(Token op, QueryNode left, QueryNode right) throws QueryException {
      switch (op.op) {
        case AND, SAME -> {
          List<QueryNode> c = new ArrayList<>(left instanceof QueryNode.And a ? a.clauses() : List.of(left));
          c.add(right);
          return new QueryNode.And(c);
        }
        case OR -> {
          List<QueryNode> c = new ArrayList<>(left instanceof QueryNode.Or o ? o.clauses() : List.of(left));
          c.add(right);
          return new QueryNode.Or(c);
        }
        case NOT -> {
          return new QueryNode.Not(left, right);
        }
        default -> {
          proximityOperand(left, op);
          proximityOperand(right, op);
          return new QueryNode.Near(left, right, op.number, op.flag);
        }
      }
    }

    private void proximityOperand(QueryNode n, Token op) throws QueryException {
      if (n instanceof QueryNode.Or o) {
        for (QueryNode c : o.clauses()) {
          proximityOperand(c, op);
        }
      } else if (!(n instanceof QueryNode.Term || n instanceof QueryNode.Phrase || n instanceof QueryNode.Near)) {
        throw error(op.offset, op.text + " joins words, phrases and OR-groups of them; put field codes, headings "
            + "and AND/NOT outside it");
      }
    }

    private QueryNode operand() throws QueryException {
      Token t = peek();
      switch (t.kind) {
        case LPAREN -> {
          pos++;
          if (peek().kind == Kind.RPAREN) {
            throw error(t.offset, "empty parentheses");
          }
          QueryNode inner = expr(0);
          if (peek().kind != Kind.RPAREN) {
            throw error(peek().offset, "missing operator before '" + peek().text + "'");
          }
          pos++;
          return suffixed(inner, t);
        }
        case REF -> {
          pos++;
          if (t.number < 1 || t.number > lines.size()) {
            throw error(t.offset, "'" + t.text + "' refers to a search that does not come before this line");
          }
          return lines.get(t.number - 1);
        }
        case NODE -> {
          pos++;
          return t.node;
        }
        case FIELD -> {
          pos++;
          return field(t);
        }
        case WORD, PHRASE -> {
          if (fieldDepth == 0 && (d == Dialect.WOS || d == Dialect.SCOPUS)) {
            warn("untagged", t.offset, "a term outside any field " + (d == Dialect.WOS ? "tag (TS=…)" : "(TITLE-ABS-KEY(…))")
                + ", which " + d.label + "'s advanced search requires, is searched in the block's fields");
          }
          return suffixed(terms(), t);
        }
        case END -> throw error(t.offset, "a search term is missing at the end");
        case SUFFIX -> throw error(t.offset, "the field codes '" + t.text + "' follow no search term");
        default -> throw error(t.offset, "'" + t.text + "' needs a search term before it");
      }
    }

    /** Words and phrases written one after another: a phrase in EBSCOhost, else AND. */
    private QueryNode terms() throws QueryException {
      List<QueryNode> run = new ArrayList<>();
      int start = peek().offset;
      while (peek().kind == Kind.WORD || (peek().kind == Kind.PHRASE && run.isEmpty())) {
        Token w = tokens.get(pos++);
        run.add(words(w.text, w.offset));
        if (w.kind == Kind.PHRASE || peek().kind == Kind.SUFFIX) {
          break;
        }
      }
      if (run.size() == 1) {
        return run.get(0);
      }
      if (d == Dialect.EBSCO) {
        warn("adjacent", start, "words with no operator between them are searched as a phrase, as EBSCOhost's "
            + "default search mode does");
        List<String> words = new ArrayList<>();
        for (QueryNode n : run) {
          words.add(((QueryNode.Term) n).pattern());
        }
        return new QueryNode.Phrase(words);
      }
      warn("adjacent", start, "words with no operator between them are searched with AND, as " + d.label
          + " does; quote them to search a phrase");
      return new QueryNode.And(run);
    }

    /** Applies a following ':ti,ab' or Embase '/exp' to {@code q}. */
    private QueryNode suffixed(QueryNode q, Token first) throws QueryException {
      if (peek().kind != Kind.SUFFIX) {
        return q;
      }
      Token s = tokens.get(pos++);
      if (s.text.startsWith("/")) {
        String name = first.kind == Kind.PHRASE ? first.text.strip()
            : q instanceof QueryNode.Term term ? term.pattern() : null;
        if (name == null || name.indexOf('*') >= 0) {
          throw error(s.offset, "an Emtree suffix (" + s.text + ") follows one quoted heading, e.g. 'heart attack'/exp");
        }
        boolean explode = s.text.contains("/exp");
        boolean major = s.text.contains("/mj");
        if (s.text.contains("/br")) {
          warn("br", s.offset, "/br (broader terms) is searched as the heading itself");
        }
        warn("emtree", s.offset, "'" + name + "'" + s.text + ": Emtree headings are matched against the records' "
            + "subject headings" + (explode ? ", exploded with the MeSH descriptor file when the rules name one "
            + "(Emtree's tree differs from MeSH's)" : ""));
        return new QueryNode.Heading(name, explode, major);
      }
      Map<String, List<String>> codes = d == Dialect.EMBASE ? EMBASE_CODES : COCHRANE_CODES;
      List<String> fields = new ArrayList<>();
      int at = s.offset + 1;
      for (String code : s.text.substring(1).split(",")) {
        List<String> f = codes.get(code);
        if (f == null) {
          throw error(at, "unsupported " + d.label + " field code :" + code + " (supported: "
              + String.join(", ", new java.util.TreeSet<>(codes.keySet())) + ")");
        }
        if (code.equals("tt") || code.equals("it")) {
          warn("code-" + code, at, ":" + code + " is searched in the " + (code.equals("tt") ? "title" : "publication types"));
        }
        for (String x : f) {
          if (!fields.contains(x)) {
            fields.add(x);
          }
        }
        at += code.length() + 1;
      }
      return new QueryNode.InFields(fields, q);
    }

    /** A field code before its operand: EBSCOhost {@code TI x}, WoS {@code TS=x}, Scopus {@code TITLE(x)}. */
    private QueryNode field(Token f) throws QueryException {
      Token v = peek();
      if (v.kind != Kind.WORD && v.kind != Kind.PHRASE && v.kind != Kind.LPAREN) {
        throw error(f.offset, f.text + " is followed by nothing to search");
      }
      if (d == Dialect.EBSCO && EBSCO_HEADINGS.contains(f.text)) {
        Token h = tokens.get(pos++);
        if (h.kind == Kind.LPAREN) {
          throw error(h.offset, f.text + " takes one heading, e.g. " + f.text + " \"Dementia+\"");
        }
        StringBuilder name = new StringBuilder(h.text.strip());
        while (h.kind == Kind.WORD && peek().kind == Kind.WORD) {
          name.append(' ').append(tokens.get(pos++).text);
        }
        String heading = name.toString().strip();
        boolean explode = heading.endsWith("+");
        heading = explode ? heading.substring(0, heading.length() - 1).strip() : heading;
        int slash = heading.indexOf('/');
        if (slash > 0) {
          warn("qualifier", h.offset, "subheading '" + heading.substring(slash) + "' after heading '"
              + heading.substring(0, slash) + "' is not checked: the heading matches with any subheading");
          heading = heading.substring(0, slash).strip();
        }
        if (heading.isEmpty() || heading.indexOf('*') >= 0) {
          throw error(h.offset, f.text + " takes a whole heading without truncation, e.g. MH \"Dementia+\"");
        }
        explosionWarning(h.offset, explode, f.text + " \"" + heading + "+\"");
        return new QueryNode.Heading(heading, explode, f.text.equals("MM") || f.text.equals("MJ"));
      }
      fieldDepth++;
      QueryNode inner;
      try {
        inner = operand();
      } finally {
        fieldDepth--;
      }
      if (d == Dialect.EBSCO && f.text.equals("TX")) {
        warn("tx", f.offset, "TX (all text) also searches full text in EBSCOhost; here title, abstract and keywords");
      }
      if (d == Dialect.WOS && f.text.equals("PY")) {
        return years(inner, f);
      }
      if (d == Dialect.SCOPUS && f.text.equals("DOCTYPE")) {
        if (!(inner instanceof QueryNode.Term term) || !SCOPUS_DOCTYPES.containsKey(term.pattern().toLowerCase(Locale.ROOT))) {
          throw error(f.offset, "DOCTYPE() takes one Scopus document type code (" + String.join(", ",
              new java.util.TreeSet<>(SCOPUS_DOCTYPES.keySet())) + ")");
        }
        return new QueryNode.InFields(List.of(Fields.PUBLICATION_TYPE),
            words(SCOPUS_DOCTYPES.get(term.pattern().toLowerCase(Locale.ROOT)), f.offset));
      }
      Map<String, List<String>> codes = d == Dialect.WOS ? WOS_CODES : d == Dialect.SCOPUS ? SCOPUS_CODES : EBSCO_CODES;
      return new QueryNode.InFields(codes.get(f.text), inner);
    }

    private QueryNode years(QueryNode inner, Token f) throws QueryException {
      if (inner instanceof QueryNode.Or o) {
        List<QueryNode> out = new ArrayList<>();
        for (QueryNode c : o.clauses()) {
          out.add(years(c, f));
        }
        return new QueryNode.Or(out);
      }
      Matcher m = inner instanceof QueryNode.Term t ? YEAR_RANGE.matcher(t.pattern()) : null;
      if (m == null || !m.matches()) {
        throw error(f.offset, "PY= takes a year or range, e.g. PY=2000-2010");
      }
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      if (from > to) {
        throw error(f.offset, "year range PY=" + m.group() + " runs backwards");
      }
      return new QueryNode.Years(from, to);
    }

    /** The words of a term or phrase, wildcards in litsieve's pattern syntax. */
    private QueryNode words(String text, int offset) throws QueryException {
      List<String> out = new ArrayList<>();
      for (String w : text.strip().split("\\s+")) {
        if (w.isEmpty()) {
          continue;
        }
        if (w.matches(".*\\*\\d.*")) {
          // litsieve would read "*3" as bounded truncation, which these databases do not have
          throw error(offset, "'" + w + "': a digit right after '*' is not " + d.label + " syntax");
        }
        String p = w;
        if (d == Dialect.EMBASE || d == Dialect.WOS) {
          p = p.replace("$", "*1"); // zero or one character
        }
        if (d == Dialect.EBSCO) {
          p = p.replace("#", "*1");
        }
        out.add(p);
      }
      if (out.isEmpty()) {
        throw error(offset, "empty phrase");
      }
      return out.size() == 1 ? new QueryNode.Term(out.get(0)) : new QueryNode.Phrase(out);
    }
  }
}
