package org.litsieve.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules file that cannot be used, with every problem found in it. */
public final class RulesException extends Exception {
  /** One problem, at {@code file:line:col}. */
  public record Problem(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + message;
    }
  }

  private final List<Problem> problems;

  /** The problems, reported in file order. */
  public RulesException(List<Problem> problems) {
    super(sorted(problems).stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = sorted(problems);
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream()
        .sorted(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .toList();
  }

  public List<Problem> problems() {
    return problems;
  }
}
