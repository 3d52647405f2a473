/**
 * Synthetic search exports for benchmarks and scale tests: {@link
 * org.litsieve.generate.CorpusGenerator} invents papers on and off the worked example's topic and
 * writes them, with realistic duplicates, as PubMed MEDLINE, Ovid RIS and Scopus CSV exports, plus
 * the ground truth. Plain Java; depends only on {@code org.litsieve.model}.
 */
package org.litsieve.generate;
