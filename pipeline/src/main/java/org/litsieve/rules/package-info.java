/**
 * The rules file: its model ({@link org.litsieve.rules.Rules}), the YAML loader that reports
 * every problem with {@code file:line:col} ({@link org.litsieve.rules.RulesLoader}), the query
 * language and its analysis chain ({@link org.litsieve.rules.QueryCompiler},
 * {@link org.litsieve.rules.ScreeningAnalyzer}, {@link org.litsieve.rules.Fields}). Plain Java
 * with Lucene; no Beam. Depends only on {@code org.litsieve.model}.
 */
package org.litsieve.rules;
