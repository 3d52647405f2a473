package org.litsieve.rules;

import java.util.List;

/**
 * A query read from one syntax into the model, before compilation: what it means and every
 * warning (approximations, positions inside the query text).
 */
public record ParsedQuery(QueryNode model, List<QueryWarning> warnings) {
  public ParsedQuery {
    warnings = List.copyOf(warnings);
  }
}
