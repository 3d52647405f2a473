package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * A previous run's record store's members, as its index lists them, read inside the graph.
 *
 * <p>Why not a {@code Create} of the members listed on the driver: a {@code Create} keeps its
 * elements inside the transform, and the DirectRunner deserialises a transform's function each
 * time it starts work on a bundle; the index of a 100,000-record history is about 1.4 MB, and
 * three steps that each held it spent more CPU deserialising it than the whole living update
 * otherwise costs. Here only the store's name travels; one step reads the index.
 *
 * <p>Input: the pipeline. Output: {@code KV<member number, KV<KV<offset, length>, ids>>}, one per
 * member in the index's order, or, for a store without a usable index, the one element
 * {@code KV<-1, KV<KV<-1, -1>, []>>} (the whole file, which the readers then read from its start).
 * Failure behaviour: an unreadable index fails the run naming the store.
 */
final class StoreMembers extends PTransform<PBegin, PCollection<KV<Long, KV<KV<Long, Long>, List<String>>>>> {
  /** The output's coder. */
  static final KvCoder<Long, KV<KV<Long, Long>, List<String>>> CODER = KvCoder.of(VarLongCoder.of(),
      KvCoder.of(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()), ListCoder.of(StringUtf8Coder.of())));
  /** The member number of the whole file, for a store without a usable index. */
  static final long WHOLE_FILE = -1;

  private final String store;

  private StoreMembers(String store) {
    this.store = store;
  }

  /** @param store the store's local path (the index is read beside it, as {@link RecordStore#index} does) */
  static StoreMembers of(String store) {
    return new StoreMembers(store);
  }

  @Override
  public PCollection<KV<Long, KV<KV<Long, Long>, List<String>>>> expand(PBegin begin) {
    return begin.apply("Store", Create.of(store).withCoder(StringUtf8Coder.of()))
        .apply("ReadIndex", ParDo.of(new IndexFn())).setCoder(CODER);
  }

  /** Lists the members of the store it is given. */
  static final class IndexFn extends DoFn<String, KV<Long, KV<KV<Long, Long>, List<String>>>> {
    @ProcessElement
    public void process(@Element String store, OutputReceiver<KV<Long, KV<KV<Long, Long>, List<String>>>> out) {
      List<RecordStore.Member> members;
      try {
        members = RecordStore.index(Path.of(store));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(store + ": cannot read its index: " + e.getMessage(), e);
      }
      if (members == null) {
        out.output(KV.of(WHOLE_FILE, KV.of(KV.of(-1L, -1L), List.of())));
        return;
      }
      for (int i = 0; i < members.size(); i++) {
        RecordStore.Member m = members.get(i);
        out.output(KV.of((long) i, KV.of(KV.of(m.offset(), m.length()), m.ids())));
      }
    }
  }
}
