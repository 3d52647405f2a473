package org.litsieve.rank;

import com.carrotsearch.hppc.LongIntHashMap;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * TF-IDF vectors of a set of documents, built in one pass over all of them (the whole set is known
 * before screening starts, as in a review).
 *
 * <p>Input: per document its free text (title and abstract) and optional tags (matched blocks,
 * keywords, subject headings, publication types: each tag is one feature, e.g. {@code mesh:humans}).
 * Text goes through Lucene's standard tokenizer, ASCII folding, lower case, English stop words and
 * the Porter stemmer; features are the stems and (with {@link Options#pairs}, the default) the pairs of
 * adjacent stems (a pair never spans a removed stop word). By default each term of the title (the text
 * before the first line break) counts six times ({@link Options#titleWeight}). Weight: {@code (1 + ln tf) * (ln((1 + N) / (1 + df))
 * + 1)}, vectors L2-normalised. By default features found in a single document are dropped: no
 * decision on one record can teach anything about another through them. {@link Options} turns each of
 * these on or off. Output: one {@link SparseVector} per document, in input order. Fails only on
 * an analyzer error, which with in-memory text does not happen.
 */
public final class TextVectors {
  private static final String TAG_PREFIX = "\u0001";

  private TextVectors() {}

  /**
   * Okapi BM25's saturation constant: a term counted {@code tf} times weighs {@code tf (k1 + 1) / (tf + k1
   * (1 - b + b len / mean len))}, approaching {@code k1 + 1} (Robertson and Zaragoza 2009 give 1.2 to 2;
   * 1.2 is the common default, set on other data than ours).
   */
  static final double BM25_K1 = 1.2;

  /** Okapi BM25's length normalisation: 0 ignores a record's length, 1 divides by it fully (the common 0.75). */
  static final double BM25_B = 0.75;

  /**
   * How text becomes features.
   *
   * @param stem whether words go through the Porter stemmer
   * @param pairs whether pairs of adjacent words are features too
   * @param sublinear {@code 1 + ln tf} rather than the raw count {@code tf}
   * @param minDf features found in fewer documents are dropped
   * @param maxDf features found in more than this share of the documents are dropped (1: none are)
   * @param plainWords tokens as scikit-learn's {@code TfidfVectorizer} makes them for ASReview: runs of
   *     two or more word characters, lower case, no stop words, no folding (with {@code stem}, then the stemmer);
   *     otherwise Lucene's standard tokenizer, folding, stop words and, with {@code stem}, the stemmer
   * @param titleOnly only the title is read: the text before its first line break (a labelled file's text is
   *     its title, a line break and its abstract)
   * @param charGrams when above 2, the features are not words but the character n-grams of lengths 3 to
   *     {@code charGrams} of each word, the word padded with a space on each side as scikit-learn's {@code
   *     char_wb} does (so a gram can tell a word's start and end); {@code stem} and {@code pairs} are then ignored
   * @param titleWeight how many times a term of the title (the text before the first line break) counts in the
   *     term count, in the same vector as the abstract's (1: once, as any other; then a pair may span the
   *     title's end, otherwise the title and the rest are read apart)
   * @param bm25 the term count saturates as in Okapi BM25 ({@link #BM25_K1}, {@link #BM25_B}), relative to the
   *     record's length against the mean length of this set's records, instead of {@code sublinear}'s {@code 1
   *     + ln tf}: a short record's terms are not outweighed by a long one's many repeats
   */
  public record Options(boolean stem, boolean pairs, boolean sublinear, int minDf, double maxDf, boolean plainWords,
      boolean titleOnly, int charGrams, int titleWeight, boolean bm25) {
    /** Fails on a title weight under 1: a term counted 0 times would be a feature the record does not show. */
    public Options {
      if (titleWeight < 1) {
        throw new IllegalArgumentException("a title's terms count at least once, not " + titleWeight + " times");
      }
    }

    /** Term counts as {@code sublinear} says, not saturated as BM25's. */
    public Options(boolean stem, boolean pairs, boolean sublinear, int minDf, double maxDf, boolean plainWords,
        boolean titleOnly, int charGrams, int titleWeight) {
      this(stem, pairs, sublinear, minDf, maxDf, plainWords, titleOnly, charGrams, titleWeight, false);
    }

    /** Every term counted once wherever it is. */
    public Options(boolean stem, boolean pairs, boolean sublinear, int minDf, double maxDf, boolean plainWords,
        boolean titleOnly, int charGrams) {
      this(stem, pairs, sublinear, minDf, maxDf, plainWords, titleOnly, charGrams, 1);
    }

    /** Lucene's analysis, keeping features however many documents have them. */
    public Options(boolean stem, boolean pairs, boolean sublinear, int minDf) {
      this(stem, pairs, sublinear, minDf, 1.0, false);
    }

    /** Words or their pairs of the whole text. */
    public Options(boolean stem, boolean pairs, boolean sublinear, int minDf, double maxDf, boolean plainWords) {
      this(stem, pairs, sublinear, minDf, maxDf, plainWords, false, 0);
    }

    /** These options on the title alone. */
    public Options titles() {
      return new Options(stem, pairs, sublinear, minDf, maxDf, plainWords, true, charGrams, titleWeight, bm25);
    }

    /** These options with each title term counted {@code weight} times. */
    public Options titleWeighted(int weight) {
      return new Options(stem, pairs, sublinear, minDf, maxDf, plainWords, titleOnly, charGrams, weight, bm25);
    }

    /** These options with BM25's saturating term counts. */
    public Options saturated() {
      return new Options(stem, pairs, sublinear, minDf, maxDf, plainWords, titleOnly, charGrams, titleWeight, true);
    }

    /**
     * Stems and the pairs of adjacent stems, sublinear counts, features of two documents or more, each
     * title term counted six times: the ranking benchmark's leave-one-out choice for every one of the 15
     * labelled datasets (docs/ranking.md). A text with no line break has no title to weigh.
     */
    public static final Options DEFAULT = new Options(true, true, true, 2, 1.0, false, false, 0, 6);

    /**
     * The features of ASReview LAB's default model (ELAS u4): scikit-learn's word tokens and their
     * pairs, {@code 1 + ln tf}, every feature kept except those in more than 95% of the documents.
     */
    public static final Options ASREVIEW = new Options(false, true, true, 1, 0.95, true);

    /**
     * Character n-grams of 3 to 5 characters within words (folded, lower case, stop words out), sublinear
     * counts, grams of two documents or more: robust to a word's endings with no stemmer to choose.
     */
    public static final Options CHAR_GRAMS = new Options(false, false, true, 2, 1.0, false, false, 5);
  }

  /** The analysis chain for the text; kept here so that features are the same wherever they are built. */
  /**
   * A record's text as these features read it: the title with its own line breaks made spaces, a line
   * break, then the abstract. The title is the text before the first line break (where its terms are
   * weighed, {@link Options#titleWeight}), so a title that an export wrapped over two lines must not
   * lend its second line to the abstract. Every caller (a labelled file, a screening run's rows) makes
   * its text here, so the replay and the run read records alike.
   */
  public static String recordText(String title, String abstractText) {
    String t = title == null ? "" : title;
    return (t.indexOf('\n') < 0 && t.indexOf('\r') < 0 ? t : t.replaceAll("\\R+", " "))
        + "\n" + (abstractText == null ? "" : abstractText);
  }

  public static Analyzer analyzer() {
    return analyzer(true);
  }

  /** The analysis chain {@code o} asks for. */
  static Analyzer analyzer(Options o) {
    return o.plainWords() ? plainWords(o.stem()) : analyzer(o.stem());
  }

  /**
   * scikit-learn's default tokens ({@code (?u)\b\w\w+\b}, lower case): Lucene's pattern tokenizer with
   * the same pattern. A maximal run of word characters starts and ends at a word boundary, so the
   * boundaries need not be written.
   */
  static Analyzer plainWords() {
    return plainWords(false);
  }

  /**
   * scikit-learn's tokens as {@link #plainWords()}, through the Porter stemmer when {@code stem}: stems with
   * the stop words kept, so that pairs such as "of software" are features too.
   */
  static Analyzer plainWords(boolean stem) {
    java.util.regex.Pattern word = java.util.regex.Pattern.compile("\\w\\w+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new PatternTokenizer(word, 0);
        TokenStream s = new LowerCaseFilter(source);
        return new TokenStreamComponents(source, stem ? new PorterStemFilter(s) : s);
      }
    };
  }

  /** The analysis chain, with or without the stemmer. */
  static Analyzer analyzer(boolean stem) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new ASCIIFoldingFilter(source);
        s = new LowerCaseFilter(s);
        s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        if (stem) {
          s = new PorterStemFilter(s);
        }
        return new TokenStreamComponents(source, s);
      }
    };
  }

  /** Vectors for {@code texts}, with {@code tags} (may be null, or hold null entries) as extra features. */
  public static List<SparseVector> build(List<String> texts, List<List<String>> tags) {
    return build(texts, tags, Options.DEFAULT);
  }

  /** As {@link #build(List, List)}, with the features {@code o} asks for. */
  public static List<SparseVector> build(List<String> texts, List<List<String>> tags, Options o) {
    return build(texts, tags, o, 1);
  }

  /** Documents one task of {@link #build(List, List, Options, int)} analyses. */
  static final int BLOCK = 256;

  /**
   * As {@link #build(List, List, Options)}, with Lucene's analysis (the costly part) spread over
   * {@code threads} threads of its own: the same vectors, bit for bit, because the features are still
   * numbered in one place, in the documents' order. For a caller whose other cores
   * are idle, such as a screening run's driver after its pipeline; a replay measures its CPU on its
   * own thread and keeps to one (one thread analyses on the calling thread, with no pool). Documents
   * are analysed {@value #BLOCK} to a task and at most two tasks per thread are ahead of the numbering,
   * so memory holds a few blocks' terms, never the whole set's. Fails only on an analyzer error, or
   * when the calling thread is interrupted.
   */
  public static List<SparseVector> build(List<String> texts, List<List<String>> tags, Options o, int threads) {
    return build(texts, tags, o, threads, BLOCK);
  }

  /** As {@link #build(List, List, Options, int)}, {@code block} documents to a task. */
  static List<SparseVector> build(List<String> texts, List<List<String>> tags, Options o, int threads, int block) {
    Numbering numbering = new Numbering();
    if (threads <= 1 || texts.size() <= block) {
      for (int from = 0; from < texts.size(); from += block) {
        numbering.add(analyse(texts, tags, o, from, Math.min(texts.size(), from + block)));
      }
      return numbering.vectors(o);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "litsieve-analysis");
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<Block>> ahead = new ArrayDeque<>();
      int submitted = 0;
      while (submitted < texts.size() || !ahead.isEmpty()) {
        while (ahead.size() < 2 * threads && submitted < texts.size()) {
          int from = submitted;
          int to = Math.min(texts.size(), from + block);
          ahead.add(pool.submit(() -> analyse(texts, tags, o, from, to)));
          submitted = to;
        }
        numbering.add(done(ahead.poll()));
      }
      return numbering.vectors(o);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Documents analysed together: their distinct terms in order of first sight over them, and each
   * document's terms as numbers into that list (in the order the document shows them) with their counts.
   * A block's numbers let the set's numbering look each term up once a block, not once a document. A
   * pair of words is held as its two words' numbers in the block ({@code pairs}, first word in the high
   * half), its place in {@code terms} null: no string is made for it.
   */
  private record Block(List<String> terms, long[] pairs, int[][] ids, int[][] counts) {}

  /** Documents {@code from} to {@code to} (exclusive) analysed, with an analyser of their own. */
  private static Block analyse(List<String> texts, List<List<String>> tags, Options o, int from, int to) {
    BlockCounter counter = new BlockCounter(to - from);
    try (Analyser analyser = new Analyser(o)) {
      for (int d = from; d < to; d++) {
        analyser.each(texts.get(d), tags == null ? null : tags.get(d), counter);
        counter.endDocument();
      }
    }
    return new Block(counter.terms, Arrays.copyOf(counter.pairs, counter.terms.size()), counter.ids, counter.counts);
  }

  /**
   * Counts a block's documents as {@link Analyser#of} does, each term looked up once where it comes
   * (in the block's numbering) instead of in a map per document and again in the block's. A pair is
   * looked up by its words' numbers: making and hashing a string for each pair took about 40% of the
   * analysis (docs/performance.md).
   */
  private static final class BlockCounter implements TermSink {
    final Map<String, Integer> number = new HashMap<>();
    /** Pairs by their words' numbers (first in the high half), to their own numbers. */
    final LongIntHashMap pairNumber = new LongIntHashMap();
    /** The block's terms by number, null for a pair. */
    final List<String> terms = new ArrayList<>();
    /** For a pair's number, its words' numbers (first in the high half). */
    long[] pairs = new long[1024];
    final int[][] ids;
    final int[][] counts;
    private int documents;
    /** Each block term's count in the current document, 0 for those it has not shown. */
    private int[] count = new int[1024];
    /** The block numbers the current document has shown, in order of first sight. */
    private int[] shown = new int[256];
    private int nShown;

    BlockCounter(int documents) {
      this.ids = new int[documents][];
      this.counts = new int[documents][];
    }

    @Override
    public int word(String term, int weight) {
      Integer id = number.putIfAbsent(term, terms.size());
      if (id == null) {
        id = fresh(term);
      }
      count(id, weight);
      return id;
    }

    @Override
    public void pair(int first, int second, int weight) {
      long key = pairKey(first, second);
      int slot = pairNumber.indexOf(key);
      int id;
      if (pairNumber.indexExists(slot)) {
        id = pairNumber.indexGet(slot);
      } else {
        id = fresh(null);
        pairNumber.indexInsert(slot, key, id);
        if (id >= pairs.length) {
          pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[id] = key;
      }
      count(id, weight);
    }

    /** The next number, for {@code term} (null for a pair). */
    private int fresh(String term) {
      int id = terms.size();
      terms.add(term);
      if (id >= count.length) {
        count = Arrays.copyOf(count, count.length * 2);
      }
      return id;
    }

    private void count(int id, int weight) {
      if (count[id] == 0) {
        if (nShown == shown.length) {
          shown = Arrays.copyOf(shown, shown.length * 2);
        }
        shown[nShown++] = id;
      }
      count[id] += weight;
    }

    void endDocument() {
      int[] docIds = Arrays.copyOf(shown, nShown);
      int[] docCounts = new int[nShown];
      for (int i = 0; i < nShown; i++) {
        docCounts[i] = count[docIds[i]];
        count[docIds[i]] = 0;
      }
      ids[documents] = docIds;
      counts[documents] = docCounts;
      documents++;
      nShown = 0;
    }
  }

  /**
   * A pair of words as one key: the first word's number in the high half, the second's in the low. How a
   * block holds its pairs ({@link Block#pairs}) and how the numbering and a block's counter look them up.
   */
  private static long pairKey(int first, int second) {
    return ((long) first << 32) | second;
  }

  /** A task's result; its failure thrown as it was, an interruption as an unchecked one. */
  private static Block done(Future<Block> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while analysing the records' text", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * One document's terms before the set is known: its distinct features (words, pairs, grams, tags
   * with their prefix) in the order the document first shows them, and how often each counts (a
   * title's terms {@link Options#titleWeight} times). Made apart for each document ({@link Analyser},
   * the costly part: Lucene's analysis), so that a pipeline can analyse its records where they are
   * and number the features in one place ({@link #vectors}) with the same result as {@link #build}.
   *
   * @param terms the distinct features, in order of first sight
   * @param counts each feature's count, at the same position
   */
  public record Analysis(List<String> terms, int[] counts) {}

  /**
   * Analyses documents one at a time as {@link #build(List, List, Options)} does. Input: a
   * document's text and tags (either may be null). Output: its {@link Analysis}. Holds a Lucene
   * analyzer: not for several threads at once; close it after use. Fails only on an analyzer error.
   */
  public static final class Analyser implements AutoCloseable {
    private final Options o;
    private final Analyzer analyzer;

    public Analyser(Options o) {
      this.o = o;
      this.analyzer = analyzer(o);
    }

    /** The terms of one document, as {@link #build(List, List, Options)} counts them. */
    public Analysis of(String document, List<String> tags) {
      // sized so that a record's terms (a word and a pair every few characters) fit without a rehash
      Map<String, Integer> tf = new java.util.LinkedHashMap<>(Math.max(16, document == null ? 0 : document.length() / 2));
      each(document, tags, strings((t, weight) -> tf.merge(t, weight, Integer::sum)));
      int[] counts = new int[tf.size()];
      int i = 0;
      for (int c : tf.values()) {
        counts[i++] = c;
      }
      return new Analysis(new ArrayList<>(tf.keySet()), counts);
    }

    /**
     * Each term of one document, every time it comes, in order, to {@code to} with what it counts (a
     * title's terms {@link Options#titleWeight} each): what {@link #of} sums.
     */
    void each(String document, List<String> tags, TermSink to) {
      String text = text(document, o);
      int cut = o.titleWeight() == 1 || o.titleOnly() ? -1 : text.indexOf('\n');
      if (cut < 0) {
        each(text, 1, to);
      } else {
        each(text.substring(0, cut), o.titleWeight(), to);
        each(text.substring(cut + 1), 1, to);
      }
      if (tags != null) {
        for (String t : tags) {
          to.word(TAG_PREFIX + t, 1);
        }
      }
    }

    private void each(String text, int weight, TermSink to) {
      if (o.charGrams() > 2) {
        for (String t : terms(analyzer, text, o)) {
          to.word(t, weight);
        }
      } else {
        forEachTerm(analyzer, text, o.pairs(), weight, to);
      }
    }

    @Override
    public void close() {
      analyzer.close();
    }
  }

  /**
   * The vectors of documents already analysed ({@link Analysis}, in the documents' order, read once):
   * the features numbered in order of first sight over the documents in that order, weighted and
   * kept as {@code o} says. The same vectors, bit for bit, as {@link #build(List, List, Options)} of
   * the documents the analyses were made from (an {@link Analyser} counts a document's terms as
   * {@code build} does, and both number them in one place, {@code Numbering}). Each analysis holds
   * distinct terms, as an {@link Analyser} makes them.
   */
  public static List<SparseVector> vectors(Iterable<Analysis> documents, Options o) {
    Numbering numbering = new Numbering();
    for (Analysis a : documents) {
      int[] ids = new int[a.counts().length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = numbering.id(a.terms().get(i));
      }
      numbering.add(ids, a.counts());
    }
    return numbering.vectors(o);
  }

  /**
   * The features of a set of documents numbered in order of first sight, the documents given in
   * order, and each document's numbers and counts: what the weights are computed from.
   */
  private static final class Numbering {
    private final Map<String, Integer> ids = new HashMap<>(1 << 16);
    /** Pairs of words by their words' numbers (first in the high half), to their own numbers. */
    private final LongIntHashMap pairIds = new LongIntHashMap(1 << 16);
    /** The next number: words, pairs and tags are numbered in one sequence. */
    private int next;
    private final List<int[]> termIds = new ArrayList<>();
    private final List<int[]> termCounts = new ArrayList<>();
    private int[] df = new int[1 << 16];

    /** The number of {@code term}, a new one if it was not seen before. */
    int id(String term) {
      Integer id = ids.putIfAbsent(term, next);
      return id == null ? next++ : id;
    }

    /**
     * The number of the pair of the words numbered {@code first} and {@code second}, a new one if it was
     * not seen before: the number {@link #id} gives the pair's string, a pair's words never holding a
     * space, a tag never starting as a word does.
     */
    int pairId(int first, int second) {
      long key = pairKey(first, second);
      int slot = pairIds.indexOf(key);
      if (pairIds.indexExists(slot)) {
        return pairIds.indexGet(slot);
      }
      pairIds.indexInsert(slot, key, next);
      return next++;
    }

    /** The next block's documents. */
    void add(Block b) {
      // the block's own numbers in its order of first sight: the next numbers, in the same order
      int[] id = new int[b.terms().size()];
      for (int t = 0; t < id.length; t++) {
        String term = b.terms().get(t);
        long pair = b.pairs()[t];
        // a pair's words come before it in the block, so they are numbered already
        id[t] = term != null ? id(term) : pairId(id[(int) (pair >>> 32)], id[(int) pair]);
      }
      for (int d = 0; d < b.ids().length; d++) {
        int[] local = b.ids()[d];
        int[] ids = new int[local.length];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = id[local[i]];
        }
        add(ids, b.counts()[d]);
      }
    }

    /** The next document: its distinct features' numbers in the order it shows them, and their counts. */
    void add(int[] firstSight, int[] firstSightCounts) {
      // sorted by number: the number in the high bits, the term's position in the low ones
      int m = firstSight.length;
      long[] packed = new long[m];
      for (int i = 0; i < m; i++) {
        packed[i] = ((long) firstSight[i] << 32) | i;
      }
      Arrays.sort(packed);
      int[] keys = new int[m];
      int[] counts = new int[m];
      for (int i = 0; i < m; i++) {
        keys[i] = (int) (packed[i] >>> 32);
        counts[i] = firstSightCounts[(int) packed[i]];
        if (keys[i] >= df.length) {
          df = Arrays.copyOf(df, Math.max(df.length * 2, keys[i] + 1));
        }
        df[keys[i]]++;
      }
      termIds.add(keys);
      termCounts.add(counts);
    }

    /** The documents' vectors, weighted and kept as {@code o} says. */
    List<SparseVector> vectors(Options o) {
      int[] df = Arrays.copyOf(this.df, next);
      int n = termIds.size();
      // renumber the features kept (minDf <= df <= maxDf) densely; the map is monotone, so each vector stays sorted
      int[] newId = new int[df.length];
      int kept = 0;
      double maxDocs = o.maxDf() * n;
      for (int f = 0; f < newId.length; f++) {
        newId[f] = df[f] >= o.minDf() && df[f] <= maxDocs ? kept++ : -1;
      }
      // BM25 reads each record's length against the mean of this set's own records
      double[] length = new double[n];
      double meanLength = 0;
      for (int d = 0; d < n; d++) {
        for (int c : termCounts.get(d)) {
          length[d] += c;
        }
        meanLength += length[d] / n;
      }
      double[] idf = new double[df.length];
      for (int f = 0; f < idf.length; f++) {
        idf[f] = Math.log((1.0 + n) / (1.0 + df[f])) + 1;
      }
      List<SparseVector> out = new ArrayList<>(n);
      for (int d = 0; d < n; d++) {
        int[] keys = termIds.get(d);
        int[] counts = termCounts.get(d);
        int m = 0;
        int[] idx = new int[keys.length];
        float[] val = new float[keys.length];
        double norm = 0;
        for (int i = 0; i < keys.length; i++) {
          if (newId[keys[i]] < 0) {
            continue;
          }
          double tf = o.bm25()
              ? counts[i] * (BM25_K1 + 1) / (counts[i] + BM25_K1 * (1 - BM25_B + BM25_B * length[d] / Math.max(meanLength, 1)))
              : o.sublinear() ? 1 + Math.log(counts[i]) : counts[i];
          double w = tf * idf[keys[i]];
          idx[m] = newId[keys[i]];
          val[m] = (float) w;
          norm += w * w;
          m++;
        }
        idx = Arrays.copyOf(idx, m);
        val = Arrays.copyOf(val, m);
        float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < m; i++) {
          val[i] *= inv;
        }
        out.add(new SparseVector(idx, val));
      }
      return out;
    }
  }

  /**
   * One vector per document over several views of it (say stems and scikit-learn's words, or the whole
   * text and the title alone), each view's features numbered apart from the others', so that one model
   * weighs them all. Each view's vector is built as by {@link #build(List, List, Options)} (the tags go
   * with the first view only, so they are not counted twice) and the views are given equal length, the
   * whole scaled to length 1: no view outweighs another because it has more features.
   */
  public static List<SparseVector> build(List<String> texts, List<List<String>> tags, List<Options> views) {
    if (views.size() == 1) {
      return build(texts, tags, views.get(0));
    }
    List<List<SparseVector>> parts = new ArrayList<>();
    int[] offset = new int[views.size()];
    for (int v = 0; v < views.size(); v++) {
      List<SparseVector> part = build(texts, v == 0 ? tags : null, views.get(v));
      parts.add(part);
      if (v + 1 < views.size()) {
        offset[v + 1] = offset[v] + ActiveLearning.dims(part);
      }
    }
    List<SparseVector> out = new ArrayList<>(texts.size());
    for (int d = 0; d < texts.size(); d++) {
      int m = 0;
      int nonEmpty = 0;
      for (List<SparseVector> part : parts) {
        m += part.get(d).index().length;
        nonEmpty += part.get(d).index().length > 0 ? 1 : 0;
      }
      int[] idx = new int[m];
      float[] val = new float[m];
      // each non-empty view has length 1: scaling each by 1 / sqrt(views) gives the whole length 1
      float scale = nonEmpty == 0 ? 0f : (float) (1 / Math.sqrt(nonEmpty));
      int k = 0;
      for (int v = 0; v < parts.size(); v++) {
        SparseVector p = parts.get(v).get(d);
        for (int j = 0; j < p.index().length; j++) {
          idx[k] = offset[v] + p.index()[j];
          val[k++] = p.value()[j] * scale;
        }
      }
      out.add(new SparseVector(idx, val));
    }
    return out;
  }

  /** The part of {@code text} that {@code o} reads. */
  static String text(String text, Options o) {
    if (text == null) {
      return "";
    }
    if (!o.titleOnly()) {
      return text;
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** The features {@code o} takes from {@code text}: words and pairs, or character n-grams. */
  static List<String> terms(Analyzer analyzer, String text, Options o) {
    if (o.charGrams() <= 2) {
      return terms(analyzer, text, o.pairs());
    }
    List<String> out = new ArrayList<>();
    for (String word : terms(analyzer, text, false)) {
      // scikit-learn's char_wb: the word padded with one space each side, grams never crossing words
      String padded = ' ' + word + ' ';
      for (int len = 3; len <= o.charGrams(); len++) {
        for (int i = 0; i + len <= padded.length(); i++) {
          out.add(padded.substring(i, i + len));
        }
      }
    }
    return out;
  }

  /** The stems of {@code text} and each pair of adjacent stems. */
  static List<String> terms(Analyzer analyzer, String text) {
    return terms(analyzer, text, true);
  }

  /** The words of {@code text} and, when {@code pairs}, each pair of adjacent words. */
  static List<String> terms(Analyzer analyzer, String text, boolean pairs) {
    List<String> out = new ArrayList<>();
    forEachTerm(analyzer, text, pairs, 1, strings((t, weight) -> out.add(t)));
    return out;
  }

  /**
   * Where a text's terms go, in the order it shows them: each word (or tag, or character n-gram) as it
   * comes, and each pair of adjacent words just after the pair's second word.
   */
  interface TermSink {
    /** A word, counted {@code weight} times; returns the number {@link #pair} names it by. */
    int word(String word, int weight);

    /**
     * The pair of the words numbered {@code first} and {@code second} (by {@link #word}, the second
     * just now), counted {@code weight} times.
     */
    void pair(int first, int second, int weight);
  }

  /** A sink that hands each term on as a string, a pair as its two words with a space between. */
  static TermSink strings(ObjIntConsumer<String> to) {
    return new TermSink() {
      private String previous;
      private String current;

      @Override
      public int word(String word, int weight) {
        to.accept(word, weight);
        previous = current;
        current = word;
        return 0;
      }

      @Override
      public void pair(int first, int second, int weight) {
        to.accept(previous + ' ' + current, weight);
      }
    };
  }

  /**
   * Each word of {@code text} and, when {@code pairs}, each pair of adjacent words (never across a
   * removed stop word), in order, to {@code to}, each counted {@code weight} times.
   */
  private static void forEachTerm(Analyzer analyzer, String text, boolean pairs, int weight, TermSink to) {
    try (TokenStream ts = analyzer.tokenStream("text", new StringReader(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int previous = -1;
      while (ts.incrementToken()) {
        int t = to.word(term.toString(), weight);
        if (pairs && previous >= 0 && inc.getPositionIncrement() == 1) {
          to.pair(previous, t, weight);
        }
        previous = t;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
