/**
 * Ranking by likely relevance: TF-IDF features from Lucene's analysis ({@link
 * org.litsieve.rank.TextVectors}), a linear model trained on reviewers' decisions with LIBLINEAR
 * ({@link org.litsieve.rank.RelevanceModel}), the active-learning replay behind {@code litsieve
 * simulate} ({@link org.litsieve.rank.ActiveLearning}), its measures ({@link
 * org.litsieve.rank.RecallMetrics}), a recall curve ({@link org.litsieve.rank.RecallSvg}) and the knee
 * stopping rule ({@link org.litsieve.rank.KneeStopping}). Plain Java with no Beam and no other stage:
 * it depends on Lucene, LIBLINEAR and opencsv only.
 */
package org.litsieve.rank;
