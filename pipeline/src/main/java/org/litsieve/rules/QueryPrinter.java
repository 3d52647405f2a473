package org.litsieve.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a {@link QueryNode} in litsieve's query language, with the fewest parentheses that keep
 * its meaning ({@link NativeQueryParser} reads the output back to the same model). Used for the
 * translations of PubMed and Ovid strategies shown by {@code validate} and in the golden files.
 */
public final class QueryPrinter {
  private static final Set<String> OPERATORS = Set.of("and", "or", "not", "near", "&&", "||");

  private QueryPrinter() {}

  /** The query in litsieve's syntax. */
  public static String print(QueryNode q) {
    StringBuilder b = new StringBuilder();
    write(q, b);
    return b.toString();
  }

  private static int level(QueryNode q) {
    if (q instanceof QueryNode.Or) {
      return 1;
    } else if (q instanceof QueryNode.And) {
      return 2;
    } else if (q instanceof QueryNode.Not) {
      return 3;
    } else if (q instanceof QueryNode.Near) {
      return 4;
    }
    return 5;
  }

  private static void child(QueryNode q, int minLevel, StringBuilder b) {
    if (level(q) < minLevel) {
      b.append('(');
      write(q, b);
      b.append(')');
    } else {
      write(q, b);
    }
  }

  private static void write(QueryNode q, StringBuilder b) {
    if (q instanceof QueryNode.Term t) {
      b.append(word(t.pattern()));
    } else if (q instanceof QueryNode.Phrase p) {
      b.append('"').append(String.join(" ", p.words())).append('"');
    } else if (q instanceof QueryNode.Or o) {
      join(o.clauses(), " OR ", 2, b);
    } else if (q instanceof QueryNode.And a) {
      join(a.clauses(), " AND ", 3, b);
    } else if (q instanceof QueryNode.Not n) {
      child(n.include(), 3, b);
      b.append(" NOT ");
      child(n.exclude(), 4, b);
    } else if (q instanceof QueryNode.Near n) {
      child(n.left(), 4, b);
      b.append(n.ordered() ? " W/" : " NEAR/").append(n.maxBetween()).append(' ');
      child(n.right(), 5, b);
    } else if (q instanceof QueryNode.InFields f) {
      b.append(Fields.alias(f.fields())).append(':');
      child(f.query(), 5, b);
    } else if (q instanceof QueryNode.Heading h) {
      b.append("heading").append(h.major() ? ".major" : "")
          .append(h.explode() ? ".exp" : "").append(":\"").append(h.name()).append('"');
    } else if (q instanceof QueryNode.Author a) {
      b.append(switch (a.place()) {
        case ANY -> "au.name";
        case FIRST -> "au.first";
        case LAST -> "au.last";
      }).append(":\"").append(a.name()).append(a.moreInitials() ? "*" : "").append('"');
    } else if (q instanceof QueryNode.Years y) {
      b.append("year:");
      if (y.from() != null && y.from().equals(y.to())) {
        b.append(y.from());
      } else {
        b.append(y.from() == null ? "" : y.from().toString()).append('-')
            .append(y.to() == null ? "" : y.to().toString());
      }
    }
  }

  private static void join(List<QueryNode> clauses, String op, int minLevel, StringBuilder b) {
    for (int i = 0; i < clauses.size(); i++) {
      if (i > 0) {
        b.append(op);
      }
      child(clauses.get(i), minLevel, b);
    }
  }

  private static String word(String w) {
    boolean quote = OPERATORS.contains(w.toLowerCase(Locale.ROOT)) || w.matches("(?i)(near|w)/\\d+")
        || w.matches(".*[:~\\[\\]{}^\\\\].*") || "+-!/".indexOf(w.charAt(0)) >= 0;
    return quote ? "\"" + w + "\"" : w;
  }
}
