package org.litsieve.rules;

final class OvidTranslator {
  static QueryCompiler.Parsed translate(String text) throws QueryException {
    throw new QueryException("not yet", 1, 1);
  }
}
