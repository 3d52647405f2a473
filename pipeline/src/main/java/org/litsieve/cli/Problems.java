package org.litsieve.cli;

import java.io.PrintWriter;
import org.litsieve.rules.RulesException;

/** Prints a rules file's problems, one {@code file:line:col: message} per line. */
final class Problems {
  private Problems() {}

  static void print(PrintWriter err, RulesException e) {
    for (RulesException.Problem p : e.problems()) {
      err.println(p);
    }
    int n = e.problems().size();
    err.println("litsieve: the rules file has " + n + " problem" + (n == 1 ? "" : "s") + "; nothing was run");
    err.flush();
  }
}
