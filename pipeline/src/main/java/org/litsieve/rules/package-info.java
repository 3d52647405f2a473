/**
 * The rules file: its model ({@link org.litsieve.rules.Rules}), the YAML loader that reports
 * every problem with {@code file:line:col} ({@link org.litsieve.rules.RulesLoader}), and the query
 * language: the query model ({@link org.litsieve.rules.QueryNode}), litsieve's own parser
 * ({@link org.litsieve.rules.NativeQueryParser}), the PubMed and Ovid MEDLINE translators
 * ({@link org.litsieve.rules.PubMedTranslator}, {@link org.litsieve.rules.OvidTranslator}), the
 * printer back to litsieve's syntax ({@link org.litsieve.rules.QueryPrinter}), the MeSH tree
 * ({@link org.litsieve.rules.MeshTree}) and the compilation to Lucene span and boolean queries
 * ({@link org.litsieve.rules.LuceneQueryBuilder}) with its analysis chain
 * ({@link org.litsieve.rules.ScreeningAnalyzer}, {@link org.litsieve.rules.Fields}); the facade is
 * {@link org.litsieve.rules.QueryCompiler}. Plain Java with Lucene; no Beam. Depends only on
 * {@code org.litsieve.model}.
 */
package org.litsieve.rules;
