package org.litsieve.shuffle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;
import org.joda.time.Instant;
import org.xerial.snappy.Snappy;

/**
 * Groups values by a small integer shard, like {@code GroupByKey}, but moves each bundle's values
 * for one shard as a single encoded batch.
 *
 * <p>Why: a runner's cost for a group-by is partly per element (the DirectRunner runs its trigger
 * and timer bookkeeping for every value, and copies a key's whole bag through the coder each time
 * another bundle arrives for that key). Encoding a bundle's values for a shard into one
 * {@code byte[]} makes that one element, and a copy of it one array copy. Values are encoded with
 * the input's value coder, so the transform is exactly as portable as the values are.
 *
 * <p>A batch is the number of its values (var-int) and then the values, each encoded with the
 * input's value coder; {@link #compressed} compresses the values (Snappy), for collections that
 * wait long between steps.
 *
 * <p>Input: {@code KV<shard, value>} with a {@link KvCoder}, in the global window (litsieve's
 * pipelines are batch). Output: one {@code KV<shard, Iterable<value>>} per shard that had values;
 * the iterable decodes lazily and may be iterated more than once; the order of values is
 * unspecified, as with {@code GroupByKey}. Failure: {@link #expand} throws
 * {@link IllegalArgumentException} for a non-KV coder or another windowing; a value the coder
 * cannot encode fails the bundle (as any coder failure would).
 *
 * <p>A step that makes many values per element can skip the element per value altogether: it
 * encodes them into batches with a {@link Batcher} and {@link #ofBatches} groups those.
 */
public final class GroupByShard<V> extends PTransform<PCollection<KV<Integer, V>>, PCollection<KV<Integer, Iterable<V>>>> {
  /**
   * A shard's batch is sent on once it holds this many bytes: bounds a bundle's memory, and keeps
   * the buffer's growth (each doubling copies it) cheap. Batches stay well under half of G1's
   * smallest heap region (1 MB): G1 allocates an object of half a region or more as "humongous",
   * straight into the old generation and in whole regions. With 1 MB batches, a 6 GB heap (2 MB
   * regions) held each batch in a region of its own, half empty, and the millions of encoded
   * comparison features of a 1M-record run filled the heap and forced full collections.
   */
  static final int FLUSH_BYTES = 192 << 10;

  private final int flushBytes;
  private final boolean compress;

  GroupByShard(int flushBytes, boolean compress) {
    this.flushBytes = flushBytes;
    this.compress = compress;
  }

  public static <V> GroupByShard<V> create() {
    return new GroupByShard<>(FLUSH_BYTES, false);
  }

  /**
   * The same, with each batch compressed (Snappy): about 30% of the memory for encoded records
   * (Deflate's fastest level: 25%), for some CPU on both ends. For values that wait long between
   * the steps (see {@link Spread#compressed}). Snappy rather than Deflate: in a 1,000,000-record
   * run zlib was 9% of all CPU (about 30 s, most of it compressing the records once and inflating
   * them twice), and Snappy (already loaded by Beam, which compresses serialised functions with
   * it) compresses 2.5–5× and decompresses 3.5× faster (docs/performance.md).
   */
  public static <V> GroupByShard<V> compressed() {
    return new GroupByShard<>(FLUSH_BYTES, true);
  }

  @Override
  public PCollection<KV<Integer, Iterable<V>>> expand(PCollection<KV<Integer, V>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException("GroupByShard needs a KvCoder, got " + input.getCoder());
    }
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException("GroupByShard works in the global window only");
    }
    @SuppressWarnings("unchecked")
    Coder<V> valueCoder = ((KvCoder<Integer, V>) input.getCoder()).getValueCoder();
    return group(input
        .apply("EncodeBatches", ParDo.of(new EncodeFn<>(valueCoder, flushBytes, compress)))
        .setCoder(BATCH_CODER), valueCoder, compress);
  }

  /** The coder of the batches a {@link Batcher} makes: {@code KV<shard, batch>}. */
  public static final KvCoder<Integer, byte[]> BATCH_CODER = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /**
   * Groups batches that a step made itself with a {@link Batcher} of {@code valueCoder}: the same
   * output as {@link #create}, without an element per value on the way in.
   */
  public static <V> Batched<V> ofBatches(Coder<V> valueCoder) {
    return new Batched<>(valueCoder, false);
  }

  /** {@link #ofBatches(Coder)} for batches a {@link Batcher#of(Coder, boolean) compressing} batcher made. */
  public static <V> Batched<V> ofBatches(Coder<V> valueCoder, boolean compressed) {
    return new Batched<>(valueCoder, compressed);
  }

  /**
   * Groups a {@link Batcher}'s batches by shard.
   *
   * <p>Input: {@code KV<shard, batch>} ({@link #BATCH_CODER}) in the global window. Output: as
   * {@link GroupByShard#create}. Failure: {@link #expand} throws {@link IllegalArgumentException}
   * for another windowing; a batch its value coder cannot decode fails the step that reads it.
   */
  public static final class Batched<V>
      extends PTransform<PCollection<KV<Integer, byte[]>>, PCollection<KV<Integer, Iterable<V>>>> {
    private final Coder<V> valueCoder;
    private final boolean compressed;

    private Batched(Coder<V> valueCoder, boolean compressed) {
      this.valueCoder = valueCoder;
      this.compressed = compressed;
    }

    @Override
    public PCollection<KV<Integer, Iterable<V>>> expand(PCollection<KV<Integer, byte[]>> batches) {
      if (!(batches.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
        throw new IllegalArgumentException("GroupByShard works in the global window only");
      }
      return group(batches, valueCoder, compressed);
    }
  }

  private static <V> PCollection<KV<Integer, Iterable<V>>> group(PCollection<KV<Integer, byte[]>> batches,
      Coder<V> valueCoder, boolean compressed) {
    return batches
        .apply("GroupBatches", GroupByKey.create())
        .apply("DecodeBatches", ParDo.of(new DecodeFn<>(valueCoder, compressed)))
        .setCoder(KvCoder.of(VarIntCoder.of(), IterableCoder.of(valueCoder)));
  }

  /**
   * Encodes values into one batch per shard, for a step that makes many values per element: it
   * adds them as it makes them ({@link #add(int, Object, DoFn.OutputReceiver)} sends each full
   * batch on) and sends on the rest when its bundle ends ({@link #finish}); {@link #ofBatches}
   * then groups them. A step with several outputs uses {@link #add(int, Object)} and
   * {@link #drain} and sends the batches to its output itself. The runner then carries one
   * element per batch instead of one per value (the DirectRunner's cost per element is its
   * bookkeeping and a metrics read-out for every step).
   *
   * <p>Not thread-safe, not serialisable: make one per bundle ({@code @StartBundle}).
   */
  public static final class Batcher<V> {
    private final Coder<V> coder;
    private final int flushBytes;
    private final boolean compress;
    private final Map<Integer, Batch> batches = new HashMap<>();

    Batcher(Coder<V> coder, int flushBytes, boolean compress) {
      this.coder = coder;
      this.flushBytes = flushBytes;
      this.compress = compress;
    }

    /** A batcher of values encoded with {@code coder}, uncompressed. */
    public static <V> Batcher<V> of(Coder<V> coder) {
      return new Batcher<>(coder, FLUSH_BYTES, false);
    }

    /** A batcher of values encoded with {@code coder}, each batch compressed when {@code compressed}. */
    public static <V> Batcher<V> of(Coder<V> coder, boolean compressed) {
      return new Batcher<>(coder, FLUSH_BYTES, compressed);
    }

    /**
     * Adds {@code value} to {@code shard}'s batch. Returns that batch when it is full (the caller
     * sends it on; it is no longer held here), else null.
     *
     * @throws IOException if the coder cannot encode the value
     */
    public KV<Integer, byte[]> add(int shard, V value) throws IOException {
      Batch batch = batches.computeIfAbsent(shard, k -> new Batch());
      coder.encode(value, batch.values);
      batch.count++;
      if (batch.values.size() < flushBytes) {
        return null;
      }
      batches.remove(shard);
      return KV.of(shard, batch.bytes(compress));
    }

    /** {@link #add(int, Object)}, sending a full batch on through {@code out}. */
    public void add(int shard, V value, DoFn.OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      KV<Integer, byte[]> full = add(shard, value);
      if (full != null) {
        out.output(full);
      }
    }

    /**
     * Sends on every batch not yet sent, in the global window, when the bundle ends
     * ({@code @FinishBundle}); the batcher is then empty.
     */
    public void finish(DoFn<?, KV<Integer, byte[]>>.FinishBundleContext c) throws IOException {
      finish(c, BoundedWindow.TIMESTAMP_MIN_VALUE);
    }

    /** {@link #finish(DoFn.FinishBundleContext)}, the batches stamped with {@code timestamp}. */
    public void finish(DoFn<?, KV<Integer, byte[]>>.FinishBundleContext c, Instant timestamp) throws IOException {
      for (KV<Integer, byte[]> batch : drain()) {
        c.output(batch, timestamp, GlobalWindow.INSTANCE);
      }
    }

    /** Every batch not yet returned, which the caller sends on; the batcher is then empty. */
    public List<KV<Integer, byte[]>> drain() throws IOException {
      List<KV<Integer, byte[]>> out = new ArrayList<>(batches.size());
      for (Map.Entry<Integer, Batch> e : batches.entrySet()) {
        out.add(KV.of(e.getKey(), e.getValue().bytes(compress)));
      }
      batches.clear();
      return out;
    }
  }

  /**
   * A batch: the number of values (var-int), then the values, each encoded with the value coder,
   * Snappy-compressed when the batch is compressed.
   */
  static final class Batch {
    // 32 KB, then 64 and 128 KB more as it fills (added, not copied); it is flushed from
    // FLUSH_BYTES on. Unsynchronised: java.io's ByteArrayOutputStream takes a lock for every
    // write, and a coder writes a var-int byte by byte (half of the encoding step's samples)
    final UnsynchronizedByteArrayOutputStream values = buffer(32 << 10);
    int count;

    byte[] bytes(boolean compress) throws IOException {
      if (!compress) {
        // written straight into an array of the batch's size (a ByteArrayOutputStream would
        // zero and fill one array and copy it into another)
        byte[] batch = new byte[VarInt.getLength(count) + values.size()];
        OutputStream out = new OutputStream() {
          private int at;

          @Override
          public void write(int b) {
            batch[at++] = (byte) b;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, batch, at, len);
            at += len;
          }
        };
        VarInt.encode(count, out);
        values.writeTo(out);
        return batch;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(5);
      VarInt.encode(count, out);
      byte[] raw = values.toByteArray();
      byte[] head = out.toByteArray();
      byte[] packed = new byte[head.length + Snappy.maxCompressedLength(raw.length)];
      System.arraycopy(head, 0, packed, 0, head.length);
      int size = Snappy.rawCompress(raw, 0, raw.length, packed, head.length);
      return Arrays.copyOf(packed, head.length + size);
    }
  }

  private static UnsynchronizedByteArrayOutputStream buffer(int size) {
    return UnsynchronizedByteArrayOutputStream.builder().setBufferSize(size).get();
  }

  /** A stream over {@code bytes} that takes no lock per read (unlike java.io's). */
  private static InputStream reader(byte[] bytes) throws IOException {
    return UnsynchronizedByteArrayInputStream.builder().setByteArray(bytes).get();
  }

  /** Encodes each shard's values of one bundle into batches. */
  static final class EncodeFn<V> extends DoFn<KV<Integer, V>, KV<Integer, byte[]>> {
    private final Coder<V> coder;
    private final int flushBytes;
    private final boolean compress;
    private transient Batcher<V> batches;
    private transient Instant earliest;

    EncodeFn(Coder<V> coder, int flushBytes, boolean compress) {
      this.coder = coder;
      this.flushBytes = flushBytes;
      this.compress = compress;
    }

    @StartBundle
    public void start() {
      batches = new Batcher<>(coder, flushBytes, compress);
      earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
    }

    @ProcessElement
    public void process(@Element KV<Integer, V> kv, @Timestamp Instant timestamp,
        OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      if (timestamp.isBefore(earliest)) {
        earliest = timestamp;
      }
      batches.add(kv.getKey(), kv.getValue(), out);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batches.finish(c, earliest); // the earliest input's time, as GroupByKey would
      batches = null;
    }
  }

  /** Hands on one shard's batches as one lazily decoded iterable. */
  static final class DecodeFn<V> extends DoFn<KV<Integer, Iterable<byte[]>>, KV<Integer, Iterable<V>>> {
    private final Coder<V> coder;
    private final boolean compressed;

    DecodeFn(Coder<V> coder, boolean compressed) {
      this.coder = coder;
      this.compressed = compressed;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> shard, OutputReceiver<KV<Integer, Iterable<V>>> out) {
      List<byte[]> batches = new ArrayList<>();
      shard.getValue().forEach(batches::add);
      out.output(KV.of(shard.getKey(), new Batches<>(batches, coder, compressed)));
    }
  }

  /** The values of several encoded batches, decoded as they are iterated. */
  static final class Batches<V> implements Iterable<V> {
    private final List<byte[]> batches;
    private final Coder<V> coder;
    private final boolean compressed;

    Batches(List<byte[]> batches, Coder<V> coder, boolean compressed) {
      this.batches = batches;
      this.coder = coder;
      this.compressed = compressed;
    }

    @Override
    public Iterator<V> iterator() {
      return new Iterator<>() {
        private int next;
        private InputStream in;
        private int left;

        @Override
        public boolean hasNext() {
          try {
            while (left == 0 && next < batches.size()) {
              byte[] batch = batches.get(next++);
              InputStream raw = reader(batch);
              left = VarInt.decodeInt(raw);
              in = compressed ? reader(uncompress(batch, batch.length - raw.available())) : raw;
            }
            if (left == 0) {
              in = null;
            }
            return left > 0;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a grouped batch", e);
          }
        }

        @Override
        public V next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          try {
            left--;
            return coder.decode(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a grouped value", e);
          }
        }
      };
    }

    /** The values of a compressed batch: the bytes after its count, uncompressed. */
    private static byte[] uncompress(byte[] batch, int from) throws IOException {
      byte[] values = new byte[Snappy.uncompressedLength(batch, from, batch.length - from)];
      Snappy.rawUncompress(batch, from, batch.length - from, values, 0);
      return values;
    }

    @Override
    public String toString() {
      return "Batches(" + batches.size() + (compressed ? ", compressed)" : ")");
    }
  }
}
