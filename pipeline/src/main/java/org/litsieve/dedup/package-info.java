/**
 * Deduplication: match keys ({@link org.litsieve.dedup.MatchKeys}), linking within a key
 * ({@link org.litsieve.dedup.KeyLinker}), clustering ({@link org.litsieve.dedup.Clusters}),
 * merging a cluster into one record ({@link org.litsieve.dedup.RecordMerger}), stable record ids
 * ({@link org.litsieve.dedup.RecordIds}), and the Beam transform
 * {@link org.litsieve.dedup.Deduplicate}. The matching is exact for now (DOI, PMID, normalised
 * title + year + first author); the stages are shaped so that a fuzzy matcher can replace
 * {@code KeyLinker} and add blocking keys without changing the rest. Depends only on
 * {@code org.litsieve.model}.
 */
package org.litsieve.dedup;
