package org.litsieve.shuffle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
    return input
        .apply("EncodeBatches", ParDo.of(new EncodeFn<>(valueCoder, flushBytes, compress)))
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
        .apply("GroupBatches", GroupByKey.create())
        .apply("DecodeBatches", ParDo.of(new DecodeFn<>(valueCoder, compress)))
        .setCoder(KvCoder.of(VarIntCoder.of(), IterableCoder.of(valueCoder)));
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
      ByteArrayOutputStream out = new ByteArrayOutputStream(compress ? 5 : values.size() + 5);
      VarInt.encode(count, out);
      if (!compress) {
        values.writeTo(out);
        return out.toByteArray();
      }
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
    private transient Map<Integer, Batch> batches;
    private transient Instant earliest;

    EncodeFn(Coder<V> coder, int flushBytes, boolean compress) {
      this.coder = coder;
      this.flushBytes = flushBytes;
      this.compress = compress;
    }

    @StartBundle
    public void start() {
      batches = new HashMap<>();
      earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
    }

    @ProcessElement
    public void process(@Element KV<Integer, V> kv, @Timestamp Instant timestamp,
        OutputReceiver<KV<Integer, byte[]>> out) throws IOException {
      if (timestamp.isBefore(earliest)) {
        earliest = timestamp;
      }
      Batch batch = batches.computeIfAbsent(kv.getKey(), k -> new Batch());
      coder.encode(kv.getValue(), batch.values);
      batch.count++;
      if (batch.values.size() >= flushBytes) {
        out.output(KV.of(kv.getKey(), batch.bytes(compress)));
        batches.remove(kv.getKey());
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      for (Map.Entry<Integer, Batch> e : batches.entrySet()) {
        c.output(KV.of(e.getKey(), e.getValue().bytes(compress)), earliest, GlobalWindow.INSTANCE);
      }
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
