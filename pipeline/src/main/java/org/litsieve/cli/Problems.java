package org.litsieve.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;

/** Prints a rules file's problems, one {@code file:line:col: message} per line. */
final class Problems {
  private Problems() {}

  /** Loads the rules file, or prints its problems and returns null (the caller exits with 2). */
  static Rules loadRules(Path file, PrintWriter err) {
    try {
      return RulesLoader.load(file);
    } catch (RulesException e) {
      print(err, e);
      return null;
    }
  }

  static void print(PrintWriter err, RulesException e) {
    for (RulesException.Problem p : e.problems()) {
      err.println(p);
    }
    int n = e.problems().size();
    err.println("litsieve: the rules file has " + n + " problem" + (n == 1 ? "" : "s") + "; nothing was run");
    err.flush();
  }
}
