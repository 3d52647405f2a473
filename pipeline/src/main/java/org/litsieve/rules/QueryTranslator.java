package org.litsieve.rules;

/**
 * Reads one query syntax (litsieve's, PubMed, Ovid, Embase...) into the query model. Each syntax
 * is one implementation; {@link QueryCompiler.Syntax} is the registry that maps a block key to
 * one. Implementations depend on the model, {@link ParsedQuery} and {@link QueryLimits} only, never
 * on the compiler, so no two files depend on each other.
 *
 * <p>Failure behaviour: a query that cannot be read throws {@link QueryException} with the 1-based
 * line and column inside the query text.
 */
@FunctionalInterface
public interface QueryTranslator {
  /** The model of {@code text}, with warnings. */
  ParsedQuery translate(String text) throws QueryException;
}
