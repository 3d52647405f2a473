/**
 * How litsieve moves grouped data between steps: {@link org.litsieve.shuffle.GroupByShard}, a
 * {@code GroupByKey} over a few integer shards that carries each bundle's values for a shard as one
 * encoded batch. Stages use it; it imports nothing from litsieve (arrows: stages → shuffle → Beam).
 */
package org.litsieve.shuffle;
