package org.litsieve.rules;

/**
 * Something in a query that works but may not do what its author meant (a leading wildcard, a
 * proximity operator on a single word, an approximate translation). Position is 1-based inside
 * the query text.
 */
public record QueryWarning(int line, int column, String message) {}
