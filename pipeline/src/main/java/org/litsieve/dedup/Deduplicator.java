package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.DuplicateLink;

/**
 * Deduplication in plain Java, without Beam: the same steps as {@link Deduplicate} (blocking keys
 * → pairs compared within blocks → edges → guarded clusters → merge), in one process. For tests,
 * benchmarks and callers that hold their records in memory.
 *
 * <p>Input: records with distinct input ids. Output: the unique records (merged where duplicates
 * were found), the duplicate audit, the pairs for human review, counts, and the run's match model
 * ({@link MatchModel}, null when too few pairs were compared). Never fails on record
 * content. Memory grows with the number of records and edges, never with its square.
 */
public final class Deduplicator {
  /** The outcome of a run. */
  public record Result(List<RecordMerger.Merged> unique, List<DuplicateLink> links,
      List<DuplicateCandidate> review, Stats stats, MatchModel model) {}

  /** Counts for the benchmark and the manifest. */
  public record Stats(long records, long blocks, long skippedBlocks, long comparisons, long edges) {}

  private Deduplicator() {}

  /**
   * Whether two records that meet in block {@code key} also meet in a block whose key sorts
   * first and that is compared (not oversized): each pair is compared once, in the first block
   * they share, without a set of the pairs seen (which grew with the comparisons).
   */
  private static boolean comparedEarlier(String key, List<String> a, List<String> b,
      Map<String, List<Integer>> blocks) {
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      int c = a.get(i).compareTo(b.get(j));
      if (c == 0) {
        String shared = a.get(i);
        if (shared.compareTo(key) >= 0) {
          return false;
        }
        if (blocks.get(shared).size() <= BlockingKeys.MAX_BLOCK) {
          return true;
        }
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  /** Deduplicates the records. */
  public static Result run(List<BibRecord> records) {
    return run(records, MatchParams.DEFAULT);
  }

  /** Deduplicates the records with other cut-offs (the benchmark's leave-one-set-out choice). */
  public static Result run(List<BibRecord> records, MatchParams params) {
    return run(records, params, true);
  }

  /**
   * Deduplicates the records with these cut-offs, with or without the run's match model
   * ({@link MatchModel}: the benchmark measures both).
   */
  public static Result run(List<BibRecord> records, MatchParams params, boolean useModel) {
    List<BlockComparer.Member> members = new ArrayList<>(records.size());
    List<List<String>> keysOf = new ArrayList<>(records.size());
    Map<String, List<Integer>> blocks = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      BlockComparer.Member m = BlockComparer.Member.of(records.get(i));
      members.add(m);
      List<String> keys = BlockingKeys.of(m.features());
      keysOf.add(keys);
      for (String key : keys) {
        blocks.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
      }
    }
    long skipped = 0;
    long comparisons = 0;
    List<Edge> edges = new ArrayList<>();
    Map<Integer, Long> patterns = new HashMap<>();
    for (Map.Entry<String, List<Integer>> e : blocks.entrySet()) {
      List<Integer> block = e.getValue();
      if (block.size() < 2) {
        continue;
      }
      if (block.size() > BlockingKeys.MAX_BLOCK) {
        skipped++;
        continue;
      }
      for (int i = 0; i < block.size(); i++) {
        for (int j = i + 1; j < block.size(); j++) {
          int a = block.get(i);
          int b = block.get(j);
          if (e.getKey().equals(BlockComparer.firstShared(keysOf.get(a), keysOf.get(b)))) {
            // each pair's pattern once, in the first block the two share (as the Beam transform counts)
            patterns.merge(MatchModel.pattern(members.get(a).features(), members.get(b).features()), 1L, Long::sum);
          }
          if (comparedEarlier(e.getKey(), keysOf.get(a), keysOf.get(b), blocks)) {
            continue;
          }
          comparisons++;
          Edge edge = BlockComparer.edge(members.get(a), members.get(b), params);
          if (edge != null) {
            edges.add(edge);
          }
        }
      }
    }
    MatchModel model = useModel ? MatchModel.fit(patterns) : null;
    Clusters.Result clusters = Clusters.build(edges, model);
    Map<String, List<BibRecord>> byCluster = new HashMap<>();
    List<RecordMerger.Merged> unique = new ArrayList<>();
    Map<String, String> rules = new HashMap<>();
    for (BibRecord r : records) {
      Clusters.Assignment a = clusters.assignments().get(r.inputId());
      if (a == null) {
        unique.add(RecordMerger.merge(List.of(r), Map.of()));
      } else {
        byCluster.computeIfAbsent(a.clusterId(), k -> new ArrayList<>()).add(r);
        rules.put(r.inputId(), a.rules());
      }
    }
    List<DuplicateLink> links = new ArrayList<>();
    for (List<BibRecord> cluster : byCluster.values()) {
      RecordMerger.Merged m = RecordMerger.merge(cluster, rules);
      unique.add(m);
      links.addAll(m.links());
    }
    Map<String, List<RecordMerger.Merged>> byId = new HashMap<>();
    unique.forEach(m -> byId.computeIfAbsent(m.recordId(), k -> new ArrayList<>(1)).add(m));
    unique = new ArrayList<>();
    links = new ArrayList<>();
    for (Map.Entry<String, List<RecordMerger.Merged>> e : byId.entrySet()) {
      for (RecordMerger.Merged m : RecordMerger.distinct(e.getKey(), e.getValue())) {
        unique.add(m);
        links.addAll(m.links());
      }
    }
    unique.sort(Comparator.comparing(RecordMerger.Merged::recordId)
        .thenComparing(m -> m.record().inputId()));
    links.sort(Comparator.comparing(DuplicateLink::recordId).thenComparing(DuplicateLink::inputId));
    // a MATCH edge carries no labels; one that Clusters refused or the model doubted is a review
    // pair now and gets its records' labels here, as the Beam transform looks them up after clustering
    Map<String, String> labels = new HashMap<>();
    for (BlockComparer.Member m : members) {
      labels.putIfAbsent(m.features().inputId(), m.label());
    }
    List<DuplicateCandidate> review = clusters.review().stream()
        .map(e -> BlockComparer.candidate(e.withLabels(labels.get(e.from()), labels.get(e.to())))).toList();
    return new Result(unique, links, review,
        new Stats(records.size(), blocks.size(), skipped, comparisons, edges.size()), model);
  }
}
