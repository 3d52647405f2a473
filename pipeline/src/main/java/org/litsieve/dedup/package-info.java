/**
 * Deduplication: normalised features of a record ({@link org.litsieve.dedup.RecordFeatures},
 * {@link org.litsieve.dedup.TextKeys}), blocking keys ({@link org.litsieve.dedup.BlockingKeys}),
 * pairwise decisions within a block ({@link org.litsieve.dedup.PairMatcher},
 * {@link org.litsieve.dedup.BlockComparer}), guarded clustering
 * ({@link org.litsieve.dedup.Clusters}), merging a cluster into one record
 * ({@link org.litsieve.dedup.RecordMerger}), stable record ids
 * ({@link org.litsieve.dedup.RecordIds}), the Beam transform
 * {@link org.litsieve.dedup.Deduplicate}, the same steps in plain Java
 * ({@link org.litsieve.dedup.Deduplicator}). (The generator of synthetic corpora with known
 * duplicates, {@code SyntheticCorpus}, is in the benchmark module.) Depends only on
 * {@code org.litsieve.model}. See {@code docs/dedup.md}.
 */
package org.litsieve.dedup;
