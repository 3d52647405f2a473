package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.MatchEdge;
import org.litsieve.model.PreviousRecord;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;

/**
 * The last step of matching this run's records to the previous run's, inside the pipeline: the
 * deduplication matcher ({@link HistoryMatcher}) on the records of either run that no key
 * matched ({@link MatchPrevious}'s pairs), so that a paper exported again with another title
 * spelling, without its DOI or with an abbreviated journal keeps its earlier id, on any runner.
 *
 * <p>Input: this run's {@link FinalRecord}s ({@link #CURRENT}), the previous run's records by
 * position, in batches ({@link #PREVIOUS}; the step that filters them by the hints reads them
 * again from their files once the hints are made, {@link ReadPrevious#after}) and the key pairs
 * taken ({@link #KEY_PAIRS}). The key pairs are
 * few (at most one per record of this run) and reach both sides as a side input. The matcher needs
 * every unmatched record at once (a pair is taken by descending similarity, each record once), so
 * it runs as one global step on one worker, over the unmatched only: this run's unmatched records
 * are the new papers of an update (a few thousand), and of the previous run's only the records
 * that pass the matcher's cheap filter ({@link HistoryMatcher#hints}, the hints of this run's
 * unmatched records as a side input) travel there, in parallel, and only with the cells the
 * matcher reads ({@link HistoryMatcher#matchedCells}). The filter cannot promise that few pass:
 * on the living-review benchmark (5,000 new records on a 100,000-record history) every one of the
 * 78,599 unmatched earlier rows shares a hint with one of the 3,554 unmatched new records, so what
 * travels is kept small as well.
 *
 * <p>Output: the key pairs and the matcher's pairs ({@link MatchEdge#FUZZY}), each record of
 * either run at most once. A matcher's pair names an earlier id; it takes the first record of the
 * previous run (by position) with that id that no key matched, as the driver does.
 * {@link #counted()} gives the same pairs ({@link #PAIRS}) with the number of the matcher's
 * ({@link #COUNTS}).
 *
 * <p>Failure behaviour: an unreadable store of the previous run (read for the whole earlier
 * record of a candidate pair) fails the run with an {@link IOException}.
 */
final class MatchFuzzy extends PTransform<PCollectionTuple, PCollection<MatchEdge>> {
  /** This run's records. */
  static final TupleTag<FinalRecord> CURRENT = new TupleTag<>() {};
  /** The previous run's records by their position in its files. */
  static final TupleTag<PreviousBatch> PREVIOUS = new TupleTag<>() {};
  /** The pairs the keys made ({@link MatchPrevious}). */
  static final TupleTag<MatchEdge> KEY_PAIRS = new TupleTag<>() {};
  /** {@link #counted()}'s output: the key pairs and the matcher's pairs, as {@link #expand} gives them. */
  static final TupleTag<MatchEdge> PAIRS = new TupleTag<>() {};
  /** {@link #counted()}'s output: the pairs the matcher made, as {@link StepCounts#MATCHED_BY_DEDUP}. */
  static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  private static final KvCoder<Integer, Unmatched> ONE = KvCoder.of(VarIntCoder.of(), UnmatchedCoder.INSTANCE);

  /** The previous run's store, or null when it has none. */
  private final String previousStore;
  /** {@link #PREVIOUS}'s source, read again whole for the hints' filter. */
  private final ReadPrevious history;

  private MatchFuzzy(String previousStore, ReadPrevious history) {
    this.previousStore = previousStore;
    this.history = history;
  }

  /**
   * @param previousStore the previous run's {@value RecordStore#FILE}, or null when it has none
   * @param history the previous run's files, {@link #PREVIOUS}'s source: read again once the hints
   *     are made ({@link ReadPrevious#after}), rather than {@link #PREVIOUS} held until then
   */
  static MatchFuzzy of(String previousStore, ReadPrevious history) {
    return new MatchFuzzy(previousStore, history);
  }

  /**
   * The same step with its count: {@link #PAIRS}, the pairs {@link #expand} gives, and
   * {@link #COUNTS}, the matcher's pairs among them ({@link StepCounts#MATCHED_BY_DEDUP}, one
   * value, 0 when it made none), the count the driver keeps as {@code matched_by_dedup}.
   */
  PTransform<PCollectionTuple, PCollectionTuple> counted() {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollectionTuple in) {
        PCollection<MatchEdge> pairs = MatchFuzzy.this.expand(in);
        return PCollectionTuple.of(PAIRS, pairs).and(COUNTS, pairs.apply("CountFuzzyPairs",
            StepCounts.of(StepCounts.MATCHED_BY_DEDUP, e -> e.kind() == MatchEdge.FUZZY)));
      }
    };
  }

  /** A record no key matched: this run's (id and record) or the previous run's (position and record). */
  record Unmatched(String currentId, BibRecord current, long position, PreviousRecord previous) {}

  @Override
  public PCollection<MatchEdge> expand(PCollectionTuple in) {
    PCollection<MatchEdge> keyPairs = in.get(KEY_PAIRS);
    PCollectionView<List<MatchEdge>> pairsView = keyPairs.apply("KeyPairsView", ListView.of());
    PCollection<KV<Integer, Unmatched>> ours = in.get(CURRENT)
        .apply("AwaitKeyPairs", Await.views(pairsView))
        .apply("UnmatchedOfThisRun", ParDo.of(new UnmatchedCurrentFn(pairsView)).withSideInputs(pairsView))
        .setCoder(ONE);
    PCollectionView<List<String>> hints = ours
        .apply("HintsOfTheUnmatched", ParDo.of(new HintsFn())).setCoder(StringUtf8Coder.of())
        .apply("HintsView", ListView.of());
    PCollection<KV<Integer, Unmatched>> theirs = in.getPipeline()
        .apply("ReadPreviousAfterHints", history.after(pairsView, hints))
        .apply("UnmatchedEarlierWithAHint", ParDo.of(new UnmatchedPreviousFn(pairsView, hints))
            .withSideInputs(pairsView, hints))
        .setCoder(ONE);
    PCollection<KV<String, String>> fuzzy = PCollectionList.of(ours).and(theirs)
        .apply("AllUnmatched", Flatten.pCollections())
        .apply("InOnePlace", GroupByShard.create())
        .apply("DeduplicationMatcher", ParDo.of(new MatchFn(previousStore)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    // an earlier id names the first unmatched earlier record holding it
    PCollectionView<List<KV<String, String>>> fuzzyView = fuzzy.apply("FuzzyPairsView", ListView.of());
    PCollection<MatchEdge> fuzzyPairs = in.get(PREVIOUS)
        .apply("PreviousIds", PreviousBatch.keepingIds())
        .apply("AwaitFuzzyPairs", Await.views(pairsView, fuzzyView))
        .apply("EarlierOfAFuzzyPair", ParDo.of(new EarlierFn(pairsView, fuzzyView)).withSideInputs(pairsView, fuzzyView))
        .setCoder(KvCoder.of(VarIntCoder.of(), MatchEdge.MatchEdgeCoder.of()))
        .apply("GatherFuzzyPairs", GroupByShard.create())
        .apply("FirstEarlierRecord", ParDo.of(new FirstFn()))
        .setCoder(MatchEdge.MatchEdgeCoder.of());
    return PCollectionList.of(keyPairs).and(fuzzyPairs).apply("AllPairs", Flatten.pCollections());
  }

  /** This run's records that no key matched, to the one place. */
  static final class UnmatchedCurrentFn extends DoFn<FinalRecord, KV<Integer, Unmatched>> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private transient Set<String> matched;

    UnmatchedCurrentFn(PCollectionView<List<MatchEdge>> pairsView) {
      this.pairsView = pairsView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (matched == null) {
        Set<String> m = new HashSet<>();
        ListView.values(c.sideInput(pairsView)).forEach(e -> m.add(e.currentId()));
        matched = m;
      }
      String id = c.element().screened().recordId();
      if (!matched.contains(id)) {
        c.output(KV.of(0, new Unmatched(id, c.element().screened().record(), -1, null)));
      }
    }
  }

  /** The cheap filter's keys of this run's unmatched records. */
  static final class HintsFn extends DoFn<KV<Integer, Unmatched>, String> {
    @ProcessElement
    public void process(@Element KV<Integer, Unmatched> u, OutputReceiver<String> out) {
      BibRecord r = u.getValue().current();
      HistoryMatcher.hints(r.title(), r.authors(), r.year(), r.doi(), r.pmid()).forEach(out::output);
    }
  }

  /** The previous run's records that no key matched and that share a hint with an unmatched record of this run. */
  static final class UnmatchedPreviousFn extends DoFn<PreviousBatch, KV<Integer, Unmatched>> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final PCollectionView<List<String>> hintsView;
    private transient Set<Long> taken;
    private transient Set<String> hints;

    UnmatchedPreviousFn(PCollectionView<List<MatchEdge>> pairsView, PCollectionView<List<String>> hintsView) {
      this.pairsView = pairsView;
      this.hintsView = hintsView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
        hints = new HashSet<>(ListView.values(c.sideInput(hintsView)));
      }
      if (hints.isEmpty()) {
        return;
      }
      c.element().forEach((position, p) -> {
        if (!taken.contains(position) && HistoryMatcher.hintsOf(p.cells()).stream().anyMatch(hints::contains)) {
          c.output(KV.of(0, new Unmatched("", null, position, HistoryMatcher.matchedCells(p))));
        }
      });
    }
  }

  /** In one place: the deduplication matcher on every unmatched record; this run's id → the earlier id. */
  static final class MatchFn extends DoFn<KV<Integer, Iterable<Unmatched>>, KV<String, String>> {
    private final String previousStore;

    MatchFn(String previousStore) {
      this.previousStore = previousStore;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Unmatched>> all, OutputReceiver<KV<String, String>> out)
        throws IOException {
      Map<String, BibRecord> current = new LinkedHashMap<>();
      List<KV<Long, PreviousRecord>> earlier = new ArrayList<>();
      for (Unmatched u : all.getValue()) {
        if (u.previous() == null) {
          current.put(u.currentId(), u.current());
        } else {
          earlier.add(KV.of(u.position(), u.previous()));
        }
      }
      if (current.isEmpty() || earlier.isEmpty()) {
        return;
      }
      earlier.sort(Comparator.comparing(KV::getKey)); // the files' order, as the driver gives them
      HistoryMatcher matcher = new HistoryMatcher(current, previousStore == null ? null : Path.of(previousStore));
      matcher.match(current.keySet(), earlier.stream().map(KV::getValue).toList())
          .forEach((ours, theirs) -> out.output(KV.of(ours, theirs)));
    }
  }

  /** An earlier record no key matched whose id a fuzzy pair names, with that pair, to the one place. */
  static final class EarlierFn extends DoFn<PreviousBatch, KV<Integer, MatchEdge>> {
    private final PCollectionView<List<MatchEdge>> pairsView;
    private final PCollectionView<List<KV<String, String>>> fuzzyView;
    private transient Set<Long> taken;
    private transient Map<String, String> byEarlierId;

    EarlierFn(PCollectionView<List<MatchEdge>> pairsView, PCollectionView<List<KV<String, String>>> fuzzyView) {
      this.pairsView = pairsView;
      this.fuzzyView = fuzzyView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (taken == null) {
        taken = MatchEdge.previousPositions(ListView.values(c.sideInput(pairsView)));
        Map<String, String> m = new HashMap<>();
        ListView.values(c.sideInput(fuzzyView)).forEach(kv -> m.put(kv.getValue(), kv.getKey()));
        byEarlierId = m;
      }
      if (byEarlierId.isEmpty()) {
        return;
      }
      c.element().forEach((position, p) -> {
        String ours = byEarlierId.get(p.recordId());
        if (ours != null && !taken.contains(position)) {
          c.output(KV.of(0, new MatchEdge(MatchEdge.FUZZY, "", ours, position, p.recordId())));
        }
      });
    }
  }

  /** Per fuzzy pair, the first earlier record (by position) holding its earlier id. */
  static final class FirstFn extends DoFn<KV<Integer, Iterable<MatchEdge>>, MatchEdge> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<MatchEdge>> all, OutputReceiver<MatchEdge> out) {
      Map<String, MatchEdge> first = new HashMap<>();
      for (MatchEdge e : all.getValue()) {
        first.merge(e.currentId(), e, (a, b) -> a.previous() <= b.previous() ? a : b);
      }
      first.values().forEach(out::output);
    }
  }

  /** Deterministic coder for {@link Unmatched}. */
  static final class UnmatchedCoder extends AtomicCoder<Unmatched> {
    static final UnmatchedCoder INSTANCE = new UnmatchedCoder();
    private static final NullableCoder<BibRecord> RECORD = NullableCoder.of(BibRecord.BibRecordCoder.of());
    private static final NullableCoder<PreviousRecord> PREVIOUS =
        NullableCoder.of(PreviousRecord.PreviousRecordCoder.of());

    @Override
    public void encode(Unmatched u, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(u.currentId(), out);
      RECORD.encode(u.current(), out);
      VarLongCoder.of().encode(u.position(), out);
      PREVIOUS.encode(u.previous(), out);
    }

    @Override
    public Unmatched decode(InputStream in) throws IOException {
      return new Unmatched(StringUtf8Coder.of().decode(in), RECORD.decode(in), VarLongCoder.of().decode(in),
          PREVIOUS.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
