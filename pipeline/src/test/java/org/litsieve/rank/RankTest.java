package org.litsieve.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relevance model's parts, without a pipeline: features, measures, the replay and its input. */
class RankTest {
  /** ELAS u4's SVM with the default's batches before the query round, no centroid: the options' baseline. */
  private static final ActiveLearning.Settings SVM_ALONE = new ActiveLearning.Settings(
      ActiveLearning.Learner.ASREVIEW_SVM, 1.0, 0, 0.05, false, false, 0.1, 1, ActiveLearning.Settings.U4_C,
      ActiveLearning.Settings.U4_RATIO);

  @Test
  void featuresAreStemsAndAdjacentPairsWithoutCrossingStopWords() {
    try (Analyzer a = TextVectors.analyzer()) {
      List<String> t = TextVectors.terms(a, "Peer support of the smoking cessation");
      assertEquals(List.of("peer", "support", "peer support", "smoke", "cessat", "smoke cessat"), t);
    }
  }

  @Test
  void vectorsAreUnitLengthAndDropFeaturesOfOneDocument() {
    List<SparseVector> v = TextVectors.build(
        List.of("peer support smoking", "peer support exercise", "unrelated zebra"), null);
    double norm = 0;
    for (float f : v.get(0).value()) {
      norm += f * f;
    }
    assertEquals(1.0, norm, 1e-5);
    assertEquals(3, v.get(0).index().length, "peer, support, peer support: smoking is in one document only");
    assertEquals(0, v.get(2).index().length, "zebra and unrelated are each in one document");
  }

  @Test
  void featureOptionsTurnStemmingPairsSublinearCountsAndOneDocumentFeaturesOnAndOff() {
    try (Analyzer a = TextVectors.analyzer(false)) {
      assertEquals(List.of("peer", "supporting", "smoking"), TextVectors.terms(a, "Peer supporting smoking", false),
          "no stemmer, no pairs");
    }
    List<String> texts = List.of("peer peer peer support", "peer support", "zebra");
    List<SparseVector> raw = TextVectors.build(texts, null, new TextVectors.Options(true, false, false, 1));
    List<SparseVector> sub = TextVectors.build(texts, null, new TextVectors.Options(true, false, true, 1));
    // peer and support have the same idf: raw counts weigh peer 3:1, sublinear ones (1 + ln 3):1
    assertEquals(3.0, raw.get(0).value()[0] / raw.get(0).value()[1], 1e-5);
    assertEquals(1 + Math.log(3), sub.get(0).value()[0] / sub.get(0).value()[1], 1e-5);
    assertEquals(1, raw.get(2).index().length, "with minDf 1 the one-document word zebra is kept");
    assertEquals(0, TextVectors.build(texts, null, new TextVectors.Options(true, false, true, 2)).get(2).index().length);
  }

  @Test
  void analysingInBlocksAndOnSeveralThreadsGivesTheSameVectorsBitForBit() {
    boolean[] rel = new boolean[101];
    for (int i = 0; i < rel.length; i += 9) {
      rel[i] = true;
    }
    List<String> body = corpus(rel, 31);
    List<String> texts = new ArrayList<>();
    List<List<String>> tags = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      // a title, so the title's weight is read apart; tags on some records, none on others
      texts.add("Record " + (i % 13) + " on " + body.get((i + 1) % body.size()).split(" ")[0] + "\n" + body.get(i));
      tags.add(i % 3 == 0 ? null : List.of("block:" + (i % 4)));
    }
    // a block's first word repeated (a pair of the block's word 0 with itself), and pairs around a stop word
    for (int i : new int[] {0, 7, 100}) {
      texts.set(i, "Peer peer peer\nPeer support of peers: peer support, support peer");
    }
    // the reference: each record analysed on its own, then numbered, as a pipeline's workers do
    List<TextVectors.Analysis> analyses = new ArrayList<>();
    try (TextVectors.Analyser a = new TextVectors.Analyser(TextVectors.Options.DEFAULT)) {
      for (int i = 0; i < texts.size(); i++) {
        analyses.add(a.of(texts.get(i), tags.get(i)));
      }
    }
    List<SparseVector> reference = TextVectors.vectors(analyses, TextVectors.Options.DEFAULT);
    assertTrue(reference.stream().mapToInt(v -> v.index().length).sum() > 500, "a test of something");
    sameVectors(reference, TextVectors.build(texts, tags, TextVectors.Options.DEFAULT), "one thread");
    // blocks of 7 on 3 threads: 15 tasks, more than the 6 kept ahead, the last one short
    sameVectors(reference, TextVectors.build(texts, tags, TextVectors.Options.DEFAULT, 3, 7), "three threads");
    sameVectors(reference, TextVectors.build(texts, tags, TextVectors.Options.DEFAULT, 1, 7), "blocks, one thread");
  }

  @Test
  void aTitleWeightUnderOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TextVectors.Options.DEFAULT.titleWeighted(0),
        "a weight of 0 would count a title's term as shown 0 times");
    assertEquals(1, TextVectors.Options.DEFAULT.titleWeighted(1).titleWeight());
  }

  private static void sameVectors(List<SparseVector> expected, List<SparseVector> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int d = 0; d < expected.size(); d++) {
      assertArrayEquals(expected.get(d).index(), actual.get(d).index(), what + ": features of record " + d);
      assertArrayEquals(expected.get(d).value(), actual.get(d).value(), what + ": weights of record " + d);
    }
  }

  @Test
  void bm25CountsSaturateAndWeighARecordsTermsAgainstItsLengthRelativeToTheMean() {
    // peer and support in both records (same idf); the first is 4 terms long, the second 2, mean 3
    List<String> texts = List.of("peer peer peer support", "peer support");
    TextVectors.Options bm25 = new TextVectors.Options(true, false, true, 1).saturated();
    List<SparseVector> v = TextVectors.build(texts, null, bm25);
    double k1 = 1.2;
    double norm = 1 - 0.75 + 0.75 * 4 / 3.0;
    double three = 3 * (k1 + 1) / (3 + k1 * norm);
    double one = 1 * (k1 + 1) / (1 + k1 * norm);
    assertEquals(three / one, v.get(0).value()[0] / v.get(0).value()[1], 1e-5, "saturated: under 1 + ln 3 as well");
    assertTrue(three / one < 1 + Math.log(3));
    assertEquals(1.0, v.get(1).value()[0] / v.get(1).value()[1], 1e-6, "one each: equal, whatever the length");
  }

  @Test
  void scikitLearnsTokensWithTheStemmerKeepStopWordsAndStemTheRest() {
    TextVectors.Options o = new TextVectors.Options(true, true, true, 1, 1.0, true);
    try (Analyzer a = TextVectors.analyzer(o)) {
      assertEquals(List.of("review", "of", "review of", "test", "of test"), TextVectors.terms(a, "Reviews of tests", o));
    }
  }

  @Test
  void measuresFollowCohensFormOnAHandCountedOrder() {
    // 20 records, 4 relevant at ranks 1, 2, 5 and 20: 95% of 4 needs all 4
    boolean[] rel = new boolean[20];
    int[] order = new int[20];
    for (int i = 0; i < 20; i++) {
      order[i] = 19 - i;
    }
    for (int rank : new int[] {1, 2, 5, 20}) {
      rel[order[rank - 1]] = true;
    }
    RecallMetrics m = RecallMetrics.of(order, rel);
    assertEquals(20, m.screenedTo95());
    assertEquals(-0.05, m.wss95(), 1e-9);
    assertEquals(0.0, m.wss100(), 1e-9);
    assertEquals(0.5, m.rrf10(), 1e-9, "two of four within the first 2 records");

    // 40 relevant: 95% is 38, found at rank 38 of 100 when they all come first
    boolean[] rel2 = new boolean[100];
    int[] order2 = new int[100];
    for (int i = 0; i < 100; i++) {
      order2[i] = i;
      rel2[i] = i < 40;
    }
    RecallMetrics m2 = RecallMetrics.of(order2, rel2);
    assertEquals(38, m2.screenedTo95());
    assertEquals(0.62 - 0.05, m2.wss95(), 1e-9);
    assertEquals(0.60, m2.wss100(), 1e-9);
    assertEquals(10.0 / 40, m2.rrf10(), 1e-9);
  }

  /** {@code n} labels, every tenth relevant from the first. */
  static boolean[] everyTenth(int n) {
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 10) {
      rel[i] = true;
    }
    return rel;
  }

  /** A made-up corpus: relevant records share a topic's words, the others are spread over other topics. */
  static List<String> corpus(boolean[] rel, long seed) {
    Random r = new Random(seed);
    String[] topic = {"exercise", "training", "older", "adults", "falls", "balance", "prevention"};
    String[] other = {"kidney", "dialysis", "surgery", "tumour", "imaging", "vaccine", "infant", "asthma",
        "diet", "sleep", "stroke", "liver", "bone", "pain", "skin", "virus"};
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < rel.length; i++) {
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        String[] from = rel[i] && r.nextInt(3) > 0 ? topic : other;
        s.append(from[r.nextInt(from.length)]).append(' ');
      }
      texts.add(s.toString());
    }
    return texts;
  }

  @Test
  void replayScreensEveryRecordOncePriorsFirstAndFindsTheTopicEarly() {
    int n = 400;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 20) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 7), null);
    int[] order = ActiveLearning.replay(x, rel, ActiveLearning.dims(x), 3, ActiveLearning.Settings.DEFAULT);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "every row exactly once");
    }
    assertTrue(rel[order[0]], "the first prior is relevant");
    assertFalse(rel[order[1]], "the second prior is irrelevant");
    assertArrayEquals(order, ActiveLearning.replay(x, rel, ActiveLearning.dims(x), 3, ActiveLearning.Settings.DEFAULT),
        "the same seed gives the same order");
    RecallMetrics m = RecallMetrics.of(order, rel);
    assertTrue(m.wss95() > 0.5, "a topic this plain is found long before random order would: " + m);
  }

  @Test
  void taperedPseudoIrrelevantRecordsGiveWayToTrueIrrelevantLabels() {
    int n = 300;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 4) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 11), null);
    int dims = ActiveLearning.dims(x);
    // one pseudo-irrelevant record, tapered: the irrelevant prior already replaces it, so none is ever drawn
    int[] tapered = ActiveLearning.replay(x, rel, dims, 5, new ActiveLearning.Settings(false, 1.0, 1, 0.05, true));
    int[] none = ActiveLearning.replay(x, rel, dims, 5, new ActiveLearning.Settings(false, 1.0, 0, 0.05, false));
    int[] fixed = ActiveLearning.replay(x, rel, dims, 5, new ActiveLearning.Settings(false, 1.0, 1, 0.05, false));
    assertArrayEquals(none, tapered, "a tapered replay draws no pseudo-irrelevant record once enough true ones exist");
    assertFalse(Arrays.equals(fixed, tapered), "without the taper the one pseudo-irrelevant record is drawn each time");
  }

  @Test
  void lowerHalfPseudoIrrelevantRecordsComeFromTheLowerScoredUnseenRecords() {
    int n = 201;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 3) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 17), null);
    int dims = ActiveLearning.dims(x);
    RelevanceModel m = RelevanceModel.train(x.subList(0, 60), Arrays.copyOf(rel, 60), dims, 1.0, 1);
    int[] unseen = new int[n - 60];
    for (int i = 60; i < n; i++) {
      unseen[i - 60] = i;
    }
    int[] low = ActiveLearning.lowerHalf(i -> m.score(x.get(i)), unseen, unseen.length);
    assertEquals(unseen.length - unseen.length / 2, low.length, "the larger half when the count is odd");
    double highestLow = Arrays.stream(low).mapToDouble(i -> m.score(x.get(i))).max().orElseThrow();
    int relevantLow = 0;
    for (int i : low) {
      relevantLow += rel[i] ? 1 : 0;
    }
    for (int i : unseen) {
      if (Arrays.stream(low).noneMatch(j -> j == i)) {
        assertTrue(m.score(x.get(i)) >= highestLow, "record " + i + " scores above the lower half but is left out");
      }
    }
    assertTrue(relevantLow < (n - 60) / 3 / 2, "fewer relevant records than a random half would hold: " + relevantLow);
  }

  @Test
  void retrainingAfterEveryLabelIsTheSameWhetherAskedForBySinglesOrByNoGrowth() {
    int n = 200;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 7) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 17), null);
    int dims = ActiveLearning.dims(x);
    ActiveLearning.Learner lr = ActiveLearning.Learner.LR;
    int[] singles = ActiveLearning.replay(x, rel, dims, 2, new ActiveLearning.Settings(lr, 1, 20, 0.05, false, false, 1, 1));
    int[] noGrowth = ActiveLearning.replay(x, rel, dims, 2, new ActiveLearning.Settings(lr, 1, 20, 0, false, false, 0, 1));
    int[] batches = ActiveLearning.replay(x, rel, dims, 2, new ActiveLearning.Settings(lr, 1, 20, 0.3, false, false, 0, 1));
    assertArrayEquals(noGrowth, singles, "singles over every record retrain after every label, as no growth does");
    assertFalse(Arrays.equals(batches, singles), "batches of 30% take records the model would have reordered");
    // the sum of both learners gives an order too, the same with the same seed
    ActiveLearning.Settings mean = new ActiveLearning.Settings(ActiveLearning.Learner.MEAN, 1, 20, 0.05, false, false, 0, 0.5);
    int[] both = ActiveLearning.replay(x, rel, dims, 2, mean);
    assertArrayEquals(both, ActiveLearning.replay(x, rel, dims, 2, mean));
    assertTrue(RecallMetrics.of(both, rel).wss95() > 0.3, RecallMetrics.of(both, rel).toString());
  }

  @Test
  void aWarmStartReachesTheSameModelAsAColdOne() {
    int n = 300;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 6) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 13), null);
    int dims = ActiveLearning.dims(x);
    RelevanceModel start = RelevanceModel.train(x.subList(0, 100), Arrays.copyOf(rel, 100), dims, 1.0, 1);
    RelevanceModel cold = RelevanceModel.train(x, rel, dims, 1.0, false, 1, null);
    RelevanceModel warm = RelevanceModel.train(x, rel, dims, 1.0, false, 1, start);
    for (int i = 0; i < n; i++) {
      assertEquals(cold.score(x.get(i)), warm.score(x.get(i)), 0.05, "record " + i);
      assertTrue(warm.score(x.get(i)) > 0 == rel[i], "a topic this plain is learnt either way: record " + i);
    }
  }

  @Test
  void asreviewFeaturesTokeniseAsScikitLearnAndDropWordsOfNearlyEveryDocument() {
    try (Analyzer a = TextVectors.plainWords()) {
      // runs of two or more word characters, lower case, stop words kept, no stemming, one-letter runs gone
      assertEquals(List.of("covid", "19", "in", "the", "über", "x2", "a_b", "trials"),
          TextVectors.terms(a, "COVID-19 in the Über x2 a_b ø trials", false));
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      texts.add(i < 19 ? "the peer w" + i : "the w" + i);
    }
    List<SparseVector> asr = TextVectors.build(texts, null, TextVectors.Options.ASREVIEW);
    // "the" is in 20 of 20 documents (over 95%): dropped; "peer" and "the peer" in 19 (95%) are kept, as are
    // the one-document "w0" and "peer w0"
    assertEquals(4, asr.get(0).index().length);
    assertEquals(2, asr.get(19).index().length, "w19 and the pair 'the w19'");
    List<SparseVector> all = TextVectors.build(texts, null, new TextVectors.Options(false, true, true, 1, 1.0, true));
    assertEquals(5, all.get(0).index().length, "with no upper bound 'the' is kept");
  }

  @Test
  void titleViewReadsTheTextBeforeTheFirstLineBreakOnly() {
    TextVectors.Options titles = new TextVectors.Options(true, true, true, 1).titles();
    try (Analyzer a = TextVectors.analyzer(titles)) {
      assertEquals(List.of("peer", "support", "peer support"),
          TextVectors.terms(a, TextVectors.text("Peer support\nSmoking cessation in adults", titles), titles));
    }
    assertEquals("no title line", TextVectors.text("no title line", titles), "a text without a line break is all title");
  }

  @Test
  void titleTermsCountTwiceWhenWeightedTwoAndPairsDoNotSpanTheTitlesEnd() {
    List<String> texts = List.of("Ankle\nbrace", "ankle\nbrace");
    TextVectors.Options once = new TextVectors.Options(true, true, true, 1);
    SparseVector plain = TextVectors.build(texts, null, once).get(0);
    assertEquals(3, plain.index().length, "ankle, brace and the pair across the line break");
    SparseVector weighted = TextVectors.build(texts, null, once.titleWeighted(2)).get(0);
    assertEquals(2, weighted.index().length, "no pair across the title's end: " + Arrays.toString(weighted.index()));
    // same idf for both stems: the title's counts twice, 1 + ln 2 against 1
    assertEquals(1 + Math.log(2), weighted.value()[0] / weighted.value()[1], 1e-6);
  }

  @Test
  void characterGramsAreThreeToFiveCharactersOfEachPaddedWordNeverAcrossWords() {
    TextVectors.Options grams = TextVectors.Options.CHAR_GRAMS;
    try (Analyzer a = TextVectors.analyzer(grams)) {
      // "the" is a stop word; "Élan" is folded and lower-cased; grams of " elan " and of " ox " only
      assertEquals(List.of(" el", "ela", "lan", "an ", " ela", "elan", "lan ", " elan", "elan ", " ox", "ox ", " ox "),
          TextVectors.terms(a, "the Élan ox", grams));
    }
  }

  @Test
  void aUnionOfViewsNumbersEachViewApartAndGivesThemEqualLength() {
    List<String> texts = List.of("Peer support\nsmoking cessation", "Peer support\nexercise", "Smoking\npeer support");
    TextVectors.Options stems = new TextVectors.Options(true, false, true, 1);
    List<SparseVector> whole = TextVectors.build(texts, null, stems);
    List<SparseVector> titles = TextVectors.build(texts, null, stems.titles());
    List<SparseVector> union = TextVectors.build(texts, null, List.of(stems, stems.titles()));
    int offset = ActiveLearning.dims(whole);
    for (int d = 0; d < texts.size(); d++) {
      SparseVector u = union.get(d);
      int w = whole.get(d).index().length;
      assertEquals(w + titles.get(d).index().length, u.index().length, "record " + d);
      double first = 0;
      double second = 0;
      for (int j = 0; j < u.index().length; j++) {
        if (j < w) {
          assertEquals(whole.get(d).index()[j], u.index()[j]);
          assertEquals(whole.get(d).value()[j] / Math.sqrt(2), u.value()[j], 1e-6);
          first += u.value()[j] * u.value()[j];
        } else {
          assertEquals(offset + titles.get(d).index()[j - w], u.index()[j], "the title's features come after the text's");
          second += u.value()[j] * u.value()[j];
        }
      }
      assertEquals(0.5, first, 1e-5, "record " + d);
      assertEquals(0.5, second, 1e-5, "record " + d);
    }
    // "smoking" is a title word of record 2 only and a text word of records 0 and 2: the views tell them apart
    assertFalse(Arrays.equals(union.get(0).index(), union.get(2).index()));
  }

  @Test
  void choosingTheViewWithinARunTakesTheViewThatCarriesTheTopic() {
    int n = 600;
    boolean[] rel = everyTenth(n);
    // the first view is words that say nothing of relevance; the second carries the topic
    boolean[] none = new boolean[n];
    List<SparseVector> noise = TextVectors.build(corpus(none, 5), null);
    List<SparseVector> topic = TextVectors.build(corpus(rel, 5), null);
    ActiveLearning.Settings u4 = ActiveLearning.Settings.DEFAULT;
    ActiveLearning.Settings choose = new ActiveLearning.Settings(ActiveLearning.Learner.CHOOSE_VIEW, 1.0, 0, 0.05,
        false, false, 0.1, 1, u4.svmC(), u4.ratio());
    int[] order = ActiveLearning.replay(noise, topic, rel, 3, choose);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "every row exactly once");
    }
    double chosen = RecallMetrics.of(order, rel).wss95();
    double noiseOnly = RecallMetrics.of(ActiveLearning.replay(noise, rel, ActiveLearning.dims(noise), 3, u4), rel).wss95();
    assertTrue(chosen > 0.4 && chosen > noiseOnly + 0.3, "chosen " + chosen + ", the first view alone " + noiseOnly);
    // and the other way round: the topic first, noise second, stays on the topic
    double kept = RecallMetrics.of(ActiveLearning.replay(topic, noise, rel, 3, choose), rel).wss95();
    assertTrue(kept > 0.5, "kept " + kept);
  }

  @Test
  void crossValidatedLossIsLowForAViewThatSeparatesTheLabelsAndAboutHalfForNoise() {
    int n = 200;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 4) {
      rel[i] = true;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<SparseVector> topic = TextVectors.build(corpus(rel, 9), null);
    List<SparseVector> noise = TextVectors.build(corpus(new boolean[n], 9), null);
    ActiveLearning.Settings s = ActiveLearning.Settings.DEFAULT;
    double good = ActiveLearning.crossValidatedLoss(new FeatureSpace(topic, ActiveLearning.dims(topic)), order, n, rel, s, 1);
    double bad = ActiveLearning.crossValidatedLoss(new FeatureSpace(noise, ActiveLearning.dims(noise)), order, n, rel, s, 1);
    assertTrue(good < 0.1, "topic: " + good);
    assertTrue(bad > 0.35 && bad < 0.65, "noise: " + bad);
    // per relevant record, as the choice margin pairs them: one entry per relevant record labelled,
    // pooling to the same loss
    ActiveLearning.FoldLosses f = ActiveLearning.foldLosses(new FeatureSpace(topic, ActiveLearning.dims(topic)), order,
        120, rel, s, 7);
    assertEquals(30, f.wrong().length, "one entry per relevant record among the first 120");
    double pairs = 0;
    for (int i = 0; i < f.pairs().length; i++) {
      assertTrue(f.wrong()[i] >= 0 && f.wrong()[i] <= f.pairs()[i]);
      pairs += f.pairs()[i];
    }
    assertEquals(5 * 6 * 18, pairs, "5 folds, each 6 relevant and 18 irrelevant records");
    assertEquals(ActiveLearning.crossValidatedLoss(new FeatureSpace(topic, ActiveLearning.dims(topic)), order, 120, rel,
        s, 7), f.pooled());
  }

  /**
   * Four relevant records, each with 10 pairs; the better view orders 1, 2, 1, 2 fewer pairs wrongly:
   * differences in share -0.1, -0.2, -0.1, -0.2, mean -0.15, standard error 0.05/2 * sqrt(4/3) = 0.0289.
   */
  private static final ActiveLearning.FoldLosses WORSE = new ActiveLearning.FoldLosses(
      new double[] {4, 4, 4, 4}, new double[] {10, 10, 10, 10});
  private static final ActiveLearning.FoldLosses BETTER = new ActiveLearning.FoldLosses(
      new double[] {3, 2, 3, 2}, new double[] {10, 10, 10, 10});

  @Test
  void aChoiceMarginChangesViewsOnlyWhenThePairedDifferenceExceedsThatManyStandardErrors() {
    assertTrue(ActiveLearning.choosesOther(WORSE, BETTER, 5), "0.15 is 5.2 standard errors");
    assertFalse(ActiveLearning.choosesOther(WORSE, BETTER, 5.5), "but not 5.5");
    assertFalse(ActiveLearning.choosesOther(BETTER, WORSE, 0), "a worse view is never taken");
    // the same mean difference carried by one record alone: a wide standard error keeps the view
    ActiveLearning.FoldLosses oneRecord = new ActiveLearning.FoldLosses(
        new double[] {4, 4, 4, 0}, new double[] {10, 10, 10, 10});
    assertTrue(ActiveLearning.choosesOther(WORSE, oneRecord, 0.9));
    assertFalse(ActiveLearning.choosesOther(WORSE, oneRecord, 1), "mean -0.1, standard error 0.1");
    // a record with no pairs counts as a coin toss in both views; one relevant record decides nothing
    assertEquals(0.5, new ActiveLearning.FoldLosses(new double[] {0}, new double[] {0}).share(0));
    assertFalse(ActiveLearning.choosesOther(new ActiveLearning.FoldLosses(new double[] {9}, new double[] {10}),
        new ActiveLearning.FoldLosses(new double[] {0}, new double[] {10}), 0));
    assertThrows(IllegalArgumentException.class, () -> ActiveLearning.choosesOther(WORSE,
        new ActiveLearning.FoldLosses(new double[] {1}, new double[] {1}), 1));
    assertThrows(IllegalArgumentException.class, () -> ActiveLearning.Settings.DEFAULT.withChoiceMargin(-1));
  }

  @Test
  void theViewChoiceLeavesTheViewInUseOnlyOnTheMarginAndWithoutOneTakesTheLowerPooledLoss() {
    // on the first view (the worse one): moves at 5 standard errors, stays at 5.5
    assertTrue(ActiveLearning.prefersSecond(WORSE, BETTER, false, 5));
    assertFalse(ActiveLearning.prefersSecond(WORSE, BETTER, false, 5.5));
    // on the second view (the worse one): leaves it for the first at 5, keeps it at 5.5
    assertFalse(ActiveLearning.prefersSecond(BETTER, WORSE, true, 5));
    assertTrue(ActiveLearning.prefersSecond(BETTER, WORSE, true, 5.5));
    // without a margin the lower pooled loss, wherever the run is; a tie is the first view's
    assertTrue(ActiveLearning.prefersSecond(WORSE, BETTER, false, 0));
    assertFalse(ActiveLearning.prefersSecond(BETTER, WORSE, true, 0));
    assertFalse(ActiveLearning.prefersSecond(WORSE, WORSE, true, 0));
  }

  @Test
  void aMarginStillTakesAViewThatCarriesTheTopicAndAWideOneKeepsTheFirstView() {
    int n = 600;
    boolean[] rel = everyTenth(n);
    List<SparseVector> noise = TextVectors.build(corpus(new boolean[n], 5), null);
    List<SparseVector> topic = TextVectors.build(corpus(rel, 5), null);
    ActiveLearning.Settings u4 = ActiveLearning.Settings.DEFAULT;
    ActiveLearning.Settings choose = new ActiveLearning.Settings(ActiveLearning.Learner.CHOOSE_VIEW, 1.0, 0, 0.05,
        false, false, 0.1, 1, u4.svmC(), u4.ratio()).withChoiceMargin(3);
    double chosen = RecallMetrics.of(ActiveLearning.replay(noise, topic, rel, 3, choose), rel).wss95();
    double noiseOnly = RecallMetrics.of(ActiveLearning.replay(noise, rel, ActiveLearning.dims(noise), 3, u4), rel).wss95();
    assertTrue(chosen > 0.4 && chosen > noiseOnly + 0.3, "chosen " + chosen + ", the first view alone " + noiseOnly);
    // a margin wider than the evidence can reach: the run never leaves its first view, so a second view
    // that carries the topic orders the records exactly as one that carries nothing
    List<SparseVector> other = TextVectors.build(corpus(new boolean[n], 6), null);
    ActiveLearning.Settings wide = choose.withChoiceMargin(50);
    assertArrayEquals(ActiveLearning.replay(noise, other, rel, 3, wide), ActiveLearning.replay(noise, topic, rel, 3, wide),
        "a wide margin: the first view throughout");
    assertFalse(Arrays.equals(ActiveLearning.replay(noise, other, rel, 3, choose),
        ActiveLearning.replay(noise, topic, rel, 3, choose)), "three standard errors: the topic is taken");
  }

  @Test
  void aScreeningRunTrainedOnceTakesTheSecondViewOnlyPastTheMargin() {
    int n = 600;
    boolean[] rel = everyTenth(n);
    boolean[] decided = Arrays.copyOf(rel, 300);
    List<SparseVector> noise = TextVectors.build(corpus(new boolean[n], 5), null);
    List<SparseVector> topic = TextVectors.build(corpus(rel, 5), null);
    List<SparseVector> other = TextVectors.build(corpus(new boolean[n], 6), null);
    ActiveLearning.Settings u4 = ActiveLearning.Settings.DEFAULT;
    ActiveLearning.Settings choose = new ActiveLearning.Settings(ActiveLearning.Learner.CHOOSE_VIEW, 1.0, 0, 0.05,
        false, false, 0.1, 1, u4.svmC(), u4.ratio()).withChoiceMargin(3);
    double[] topicScores = RunModel.train(new RunModel.Features(noise, topic), decided, choose, 1).score();
    double right = 0;
    double pairs = 0;
    for (int a = 300; a < n; a++) {
      for (int b = 300; b < n; b++) {
        if (rel[a] && !rel[b]) {
          pairs++;
          right += topicScores[a] > topicScores[b] ? 1 : 0;
        }
      }
    }
    assertTrue(right / pairs > 0.9, "the undecided records ranked by the topic's view: " + right / pairs);
    ActiveLearning.Settings wide = choose.withChoiceMargin(50);
    assertArrayEquals(RunModel.train(new RunModel.Features(noise, other), decided, wide, 1).score(),
        RunModel.train(new RunModel.Features(noise, topic), decided, wide, 1).score(), 0.0,
        "a margin wider than the evidence: the first view");
    assertTrue(RunModel.describe(choose).contains("by more than 3.0 standard errors"), RunModel.describe(choose));
  }

  @Test
  void asreviewsBalancerMakesTheRelevantExamplesWeighRatioTimesTheIrrelevantOnesAveragingOne() {
    double[] w = RelevanceModel.asreviewWeights(3, 97, 9.8);
    assertEquals(9.8, 3 * w[0] / (97 * w[1]), 1e-9);
    assertEquals(100, 3 * w[0] + 97 * w[1], 1e-9);
  }

  @Test
  void theRatioFollowingTheLabelsGrowsOnlyOnceTheRelevantFoundExceedTheReferenceShare() {
    ActiveLearning.Settings fixed = SVM_ALONE;
    ActiveLearning.Settings adaptive = fixed.withPrevalenceRef(0.02);
    assertEquals(9.8, fixed.ratioFor(300, 1000), 1e-12, "no reference share: ASReview's ratio whatever is found");
    assertEquals(9.8, adaptive.ratioFor(20, 1000), 1e-12, "2% of 1,000 found: not yet above the share");
    assertEquals(9.8, adaptive.ratioFor(1, 1000), 1e-12);
    assertEquals(2 * 9.8, adaptive.ratioFor(40, 1000), 1e-12, "twice the share found: twice the ratio");
    assertEquals(15 * 9.8, adaptive.ratioFor(300, 1000), 1e-9);
    assertEquals(0.3, fixed.withCentroid(0.3).centroid(), 0);
    assertEquals(0.02, adaptive.withCentroid(0.3).prevalenceRef(), 0, "one option kept when the other is set");
    assertFalse(fixed.centroidFor(300, 1000), "no centroid unless asked for");
    assertTrue(fixed.withCentroid(0.3).centroidFor(1, 1000), "ungated: from the first relevant record");
    ActiveLearning.Settings gated = fixed.withCentroid(0.3, 0.02);
    assertFalse(gated.centroidFor(20, 1000), "gated: not at 2% of the records found");
    assertTrue(gated.centroidFor(21, 1000), "gated: once more than 2% are found");
    assertEquals(0.02, gated.withPrevalenceRef(0.05).centroidFrom(), 0);
  }

  @Test
  void aWeightedSumAddsTheSecondScorersStandardisedScoresTimesTheWeight() {
    int[] unseen = {3, 1, 2};
    ActiveLearning.Scorer big = i -> 1000.0 * i;
    ActiveLearning.Scorer small = i -> -i;
    ActiveLearning.Scorer half = ActiveLearning.weightedSum(big, small, 0.5, unseen, 3, 4);
    double sd = Math.sqrt(2.0 / 3);
    for (int i : unseen) {
      assertEquals((i - 2) / sd - 0.5 * (i - 2) / sd, half.score(i), 1e-9, "record " + i);
    }
    ActiveLearning.Scorer flat = i -> 5;
    assertArrayEquals(new int[] {3, 2, 1}, ActiveLearning.top(ActiveLearning.weightedSum(big, flat, 100, unseen, 3, 4),
        unseen, 3, 3), "a scorer that scores every record alike adds nothing, whatever its weight");
  }

  @Test
  void theCentroidPullsThePicksTowardsTheRelevantRecordsFound() {
    int n = 400;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 20) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 7), null);
    ActiveLearning.Settings plain = SVM_ALONE;
    int[] svm = ActiveLearning.replay(x, rel, 0, 3, plain);
    int[] near = ActiveLearning.replay(x, rel, 0, 3, plain.withCentroid(1e6));
    assertEquals(svm[0], near[0], "the same start records");
    assertEquals(svm[1], near[1]);
    assertFalse(Arrays.equals(svm, near), "the centroid changes the order");
    // with the centroid weighing next to everything, the first pick is the unseen record nearest to the one
    // relevant record known, the relevant start record
    int nearest = -1;
    for (int i = 0; i < n; i++) {
      if (i != near[0] && i != near[1] && (nearest < 0 || x.get(i).dot(dense(x.get(near[0]))) > x.get(nearest)
          .dot(dense(x.get(near[0]))))) {
        nearest = i;
      }
    }
    assertEquals(nearest, near[2]);
    int[] sorted = near.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "every row exactly once");
    }
    assertTrue(RecallMetrics.of(ActiveLearning.replay(x, rel, 0, 3, plain.withCentroid(1)), rel).wss95() > 0.5,
        "the topic found early with the centroid at weight 1");
  }

  @Test
  void theCentroidChoiceAddsTheCentroidSomeTimesButNotAlways() {
    // made-up abstracts whose relevant records lean on a topic's words that irrelevant ones use too, so
    // that the SVM alone does not order every screened pair right and the centroid can do better
    int n = 400;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i++) {
      rel[i] = i % 8 == 3;
    }
    List<SparseVector> x = TextVectors.build(RunModelTest.texts(rel, 5), null);
    ActiveLearning.Settings plain = SVM_ALONE;
    int asSvm = 0;
    int asAlways = 0;
    for (long seed = 1; seed <= 8; seed++) {
      int[] svm = ActiveLearning.replay(x, rel, 0, seed, plain);
      int[] always = ActiveLearning.replay(x, rel, 0, seed, plain.withCentroid(3));
      int[] chosen = ActiveLearning.replay(x, rel, 0, seed, plain.withCentroid(3).withCentroidChoice());
      // before any screened pair can judge the two, the SVM alone leads: the first pick after the priors is its
      assertEquals(svm[2], chosen[2], "seed " + seed);
      asSvm += Arrays.equals(svm, chosen) ? 1 : 0;
      asAlways += Arrays.equals(always, chosen) ? 1 : 0;
      int[] sorted = chosen.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], "every row exactly once");
      }
    }
    // 2 of the 8 replays never take the centroid, none takes it throughout
    assertTrue(asSvm <= 4, asSvm + " of 8 replays the same as the SVM alone's: the centroid is taken too seldom");
    assertEquals(0, asAlways, "the centroid from the start to the end in " + asAlways + " of 8 replays");
  }

  private static double[] dense(SparseVector v) {
    double[] d = new double[v.index().length == 0 ? 0 : v.index()[v.index().length - 1] + 1];
    for (int j = 0; j < v.index().length; j++) {
      d[v.index()[j]] = v.value()[j];
    }
    return d;
  }

  @Test
  void trainingInTheFeaturesMetSoFarGivesTheSameScoresAsInAllFeatures() {
    int n = 300;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 6) {
      rel[i] = true;
    }
    List<SparseVector> x = TextVectors.build(corpus(rel, 13), null, new TextVectors.Options(true, true, true, 1));
    int dims = ActiveLearning.dims(x);
    FeatureSpace space = new FeatureSpace(x, dims);
    de.bwaldvogel.liblinear.Feature[][] local = new de.bwaldvogel.liblinear.Feature[40][];
    de.bwaldvogel.liblinear.Feature[][] global = new de.bwaldvogel.liblinear.Feature[40][];
    for (int i = 0; i < 40; i++) {
      local[i] = space.row(i);
      global[i] = RelevanceModel.features(x.get(i), dims);
    }
    boolean[] y = Arrays.copyOf(rel, 40);
    assertTrue(space.size() < dims, "40 records hold fewer features than 300: " + space.size() + " of " + dims);
    RelevanceModel lrLocal = RelevanceModel.of(space.global(
        RelevanceModel.trainLocal(local, y, space.size(), false, 1.0, 1.0, 1, null, 0.01)));
    RelevanceModel lrAll = RelevanceModel.train(global, y, dims, 1.0, false, 1.0, 1, null, 0.01);
    RelevanceModel svmLocal = RelevanceModel.of(space.global(
        RelevanceModel.trainLocal(local, y, space.size(), true, 0.11, 9.8, 1, null, 0.01)));
    RelevanceModel svmAll = RelevanceModel.trainAsreviewSvm(global, y, dims, 0.11, 9.8, 1, null, 0.01);
    for (int i = 0; i < n; i++) {
      assertEquals(lrAll.score(x.get(i)), lrLocal.score(x.get(i)), 0.02, "logistic regression, record " + i);
      assertEquals(svmAll.score(x.get(i)), svmLocal.score(x.get(i)), 0.02, "SVM, record " + i);
    }
    assertTrue(svmAll.score(x.get(0)) > svmAll.score(x.get(1)), "the SVM has learnt something");
  }

  @Test
  void theEnsembleSumsStandardisedScoresSoNeitherModelsScaleDecides() {
    int[] unseen = {3, 1, 2};
    ActiveLearning.Scorer big = i -> 1000.0 * i;
    ActiveLearning.Scorer flat = i -> 5;
    assertArrayEquals(new int[] {3, 2, 1}, ActiveLearning.top(ActiveLearning.standardisedSum(flat, big, unseen, 3, 4),
        unseen, 3, 3), "a model that scores every record alike adds nothing");
    ActiveLearning.Scorer small = i -> -i;
    ActiveLearning.Scorer sum = ActiveLearning.standardisedSum(big, small, unseen, 3, 4);
    for (int i : unseen) {
      assertEquals(0, sum.score(i), 1e-9, "opposite orders cancel whatever their scales: record " + i);
    }
  }

  @Test
  void asreviewsModelAndTheEnsembleScreenEveryRecordOnceAndFindTheTopicEarly() {
    int n = 400;
    boolean[] rel = new boolean[n];
    for (int i = 0; i < n; i += 20) {
      rel[i] = true;
    }
    List<String> texts = corpus(rel, 7);
    List<SparseVector> x = TextVectors.build(texts, null);
    List<SparseVector> words = TextVectors.build(texts, null, TextVectors.Options.ASREVIEW);
    for (ActiveLearning.Settings s : List.of(ActiveLearning.Settings.ASREVIEW_U4, ActiveLearning.Settings.ENSEMBLE)) {
      int[] order = ActiveLearning.replay(x, words, rel, 3, s);
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i], s.learner() + ": every row exactly once");
      }
      assertTrue(rel[order[0]] && !rel[order[1]], s.learner() + ": priors first");
      assertArrayEquals(order, ActiveLearning.replay(x, words, rel, 3, s), s.learner() + ": the same seed, the same order");
      assertTrue(RecallMetrics.of(order, rel).wss95() > 0.5, s.learner() + ": " + RecallMetrics.of(order, rel));
    }
    assertThrows(IllegalArgumentException.class,
        () -> ActiveLearning.replay(x, words.subList(0, 10), rel, 3, ActiveLearning.Settings.ENSEMBLE));
  }

  @Test
  void replayNeedsBothKindsOfLabel() {
    List<SparseVector> x = TextVectors.build(List.of("a b", "a b"), null);
    assertThrows(IllegalArgumentException.class,
        () -> ActiveLearning.replay(x, new boolean[] {true, true}, 1, 1, ActiveLearning.Settings.DEFAULT));
  }

  @Test
  void labelledFileReadsMultiLineFieldsAndRejectsAMissingLabelWithItsPosition(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.csv");
    Files.writeString(ok, "\uFEFFrecord_id,title,abstract,year,label_included\n"
        + "1,Falls in older adults,\"Balance training.\nA second line.\",2019,1\n"
        + "2,Kidney dialysis,Outcomes.,2020,0.0\n");
    LabelledFile f = LabelledFile.read(ok, "label_included");
    assertEquals(2, f.texts().size());
    assertTrue(f.texts().get(0).contains("A second line."));
    assertArrayEquals(new boolean[] {true, false}, f.relevant());
    Path twoLineTitle = dir.resolve("title.csv");
    Files.writeString(twoLineTitle, "title,abstract,label_included\n\"Hip protectors\r\nin care homes\",Falls.,1\n");
    assertEquals("Hip protectors in care homes\nFalls.", LabelledFile.read(twoLineTitle, "label_included").texts().get(0),
        "the title ends at the first line break, so its own breaks are spaces");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "record_id,title,abstract,label_included\n"
        + "1,\"A title\nover two lines\",x,1\n"
        + "2,B,y,\n");
    LabelledFile.BadFile e = assertThrows(LabelledFile.BadFile.class, () -> LabelledFile.read(bad, "label_included"));
    assertTrue(e.getMessage().startsWith(bad + ":4:4: label ''"), e.getMessage());

    LabelledFile.BadFile noColumn = assertThrows(LabelledFile.BadFile.class, () -> LabelledFile.read(ok, "label"));
    assertTrue(noColumn.getMessage().startsWith(ok + ":1:1: no column named 'label'"), noColumn.getMessage());
  }

  @Test
  void kneeRuleFiresWhereCormackAndGrossmansSlopeRatioReachesItsThreshold() {
    // 20 relevant at ranks 1, 3, ..., 39, then 501 irrelevant: the knee is at 39,
    // rho = (20/39) / (1 / (s - 39)), which first reaches 156 - 20 = 136 at s = 305
    boolean[] labels = new boolean[540];
    for (int i = 0; i < 40; i += 2) {
      labels[i] = true;
    }
    KneeStopping k = KneeStopping.of(labels);
    assertTrue(k.stopped());
    assertEquals(305, k.screened());
    assertEquals(20, k.found());
    assertEquals((540 - 305) / 266.0, k.estimatedUnseen(), 1e-9);

    // relevant records spread evenly: no knee, the rule never fires
    boolean[] even = new boolean[600];
    for (int i = 5; i < 600; i += 10) {
      even[i] = true;
    }
    KneeStopping never = KneeStopping.of(even);
    assertFalse(never.stopped());
    assertEquals(600, never.screened());
  }

  @Test
  void kneeSearchOnTheHullFindsTheSameStopAsTheDirectSearch() {
    // gain curves of many shapes: front-loaded (as after ranking), even, and random
    Random r = new Random(7);
    for (int t = 0; t < 300; t++) {
      int n = 150 + r.nextInt(600);
      double p = r.nextDouble() * 0.5;
      double decay = 1 + r.nextInt(3) * r.nextDouble() * 20;
      int[] f = new int[n + 1];
      for (int s = 1; s <= n; s++) {
        f[s] = f[s - 1] + (r.nextDouble() < p * Math.exp(-decay * s / n) ? 1 : 0);
      }
      int direct = 0;
      for (int s = KneeStopping.MIN_SCREENED; s <= n && direct == 0; s++) {
        int knee = KneeStopping.knee(f, s);
        if (knee > 0 && knee < s && f[knee] > 0
            && ((double) f[knee] / knee) / ((f[s] - f[knee] + 1.0) / (s - knee)) >= KneeStopping.threshold(f[s])) {
          direct = s;
        }
      }
      assertEquals(direct, KneeStopping.firstStop(f, n), "curve " + t + " of " + n + " records");
    }
  }

  @Test
  void stoppingEstimateOnReviewersDecisionsSaysStopOrWhyNot() {
    // the knee example above, as reviewers' decisions so far, with 235 records left in the queue
    boolean[] decided = new boolean[305];
    for (int i = 0; i < 40; i += 2) {
      decided[i] = true;
    }
    StoppingEstimate stop = StoppingEstimate.knee(decided, 235);
    assertTrue(stop.stop(), stop.toString());
    assertEquals(305, stop.screened());
    assertEquals(20, stop.found());
    assertEquals(235 / 266.0, stop.estimatedUnseen(), 1e-9, "the rate since the knee times the queue");
    assertEquals(20 / (20 + 235 / 266.0), stop.estimatedRecall(), 1e-9);
    assertTrue(stop.line().startsWith("stop (the slope ratio at the knee reached the rule's threshold after 305"),
        stop.line());

    // one decision earlier the rule has not fired: it says by how much
    StoppingEstimate before = StoppingEstimate.knee(Arrays.copyOf(decided, 304), 236);
    assertFalse(before.stop());
    assertTrue(before.why().matches("slope ratio 135\\.\\d at the knee \\(after 39 decisions\\); the rule needs 136"),
        before.why());

    // fewer than 150 decisions: not yet, and the estimate still counts what is left
    StoppingEstimate early = StoppingEstimate.knee(Arrays.copyOf(decided, 60), 1000);
    assertFalse(early.stop());
    assertEquals("60 records decided; the rule needs at least 150", early.why());
    assertEquals(1000 * 1.0 / 21, early.estimatedUnseen(), 1e-9, "knee at 39: (20 - 20 + 1) / (60 - 39) per record");
    assertTrue(early.line().contains("about 47.6 relevant still unseen, estimated recall 29.6%"), early.line());
    assertEquals(47.6, early.toMap().get("estimated_relevant_unseen"));

    // nothing decided: nothing to estimate; an empty queue: stop
    assertTrue(Double.isNaN(StoppingEstimate.knee(new boolean[0], 10).estimatedUnseen()));
    assertFalse(StoppingEstimate.knee(new boolean[0], 10).toMap().containsKey("estimated_recall"));
    StoppingEstimate empty = StoppingEstimate.knee(Arrays.copyOf(decided, 10), 0);
    assertTrue(empty.stop());
    assertEquals(1.0, empty.estimatedRecall());
  }

  @Test
  void recallCurveIsAnSvgWithItsTitleEscaped() {
    String svg = RecallSvg.of(new int[] {1, 0}, new boolean[] {false, true}, "A & B <seed 1>");
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains("A &amp; B &lt;seed 1&gt;"), svg);
    assertTrue(svg.contains("relevant records found (1 in all)"), svg);
  }

  @Test
  void aSecondLookNeedsAScoreAboveAllButOneInTwentyOfTheReviewersExclusions() {
    // forty excluded decisions scored 0.02, 0.04, ..., 0.80: two may sit above the bar, so it is
    // just above the third highest, 0.76
    double[] excluded = new double[40];
    for (int i = 0; i < excluded.length; i++) {
      excluded[excluded.length - 1 - i] = (i + 1) * 0.02;
    }
    double bar = SecondLook.bar(excluded);
    assertTrue(bar > 0.76 && bar < 0.77, "bar " + bar);
    assertFalse(0.76 >= bar, "a record scored like the third highest exclusion gets no second look");
    assertTrue(0.77 >= bar);
    // a few excluded decisions: above every one of them
    assertEquals(Math.nextUp(0.9), SecondLook.bar(new double[] {0.9, 0.1, 0.3}));
    // exclusions the model scores low never lower the bar below one half
    assertEquals(0.5, SecondLook.bar(new double[] {0.1, 0.2}));
    assertEquals(0.5, SecondLook.bar(new double[0]));
  }
}
