/**
 * How litsieve moves grouped data between steps: {@link org.litsieve.shuffle.GroupByShard}, a
 * {@code GroupByKey} over a few integer shards that carries each bundle's values for a shard as one
 * encoded batch; {@link org.litsieve.shuffle.Spread}, which spreads a collection over shards with
 * it; {@link org.litsieve.shuffle.Await}, which holds a collection back in such a group until
 * the collections behind a step's side inputs are complete; and {@link org.litsieve.shuffle.Shards},
 * how many shards a step groups by on the runner the graph is built for. Stages use it; it imports
 * nothing from litsieve (arrows: stages → shuffle → Beam).
 */
package org.litsieve.shuffle;
