package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.litsieve.model.PreviousRecord;

/**
 * Consecutive records of the previous run with their positions, carried through the graph as one
 * element.
 *
 * <p>Why: the history is as large as the review (100,000 records in the living-review benchmark)
 * and every step that reads it ({@link MatchPrevious}, {@link MatchFuzzy} twice,
 * {@link RescreenCarried}, {@link DecideLiving}) paid the DirectRunner's bookkeeping per element
 * (a metrics read-out and the model checks for every element of every step): three quarters of
 * the profile of a living update decided in the graph. One element per {@link #SIZE} records
 * makes that cost a few hundred elements a step; the steps loop over the records themselves.
 *
 * <p>Input: positions and records, same length. Immutable. Coder: {@link PreviousBatchCoder}
 * (count, the positions, then the records with their shared columns written once:
 * {@link PreviousRecord.SameColumnsCoder}), deterministic.
 */
@DefaultCoder(PreviousBatch.PreviousBatchCoder.class)
public record PreviousBatch(List<Long> positions, List<PreviousRecord> records) {
  /** Records per batch: a few hundred KB encoded, far below a bundle's memory. */
  static final int SIZE = 512;

  public PreviousBatch {
    positions = List.copyOf(positions);
    records = List.copyOf(records);
    if (positions.size() != records.size()) {
      throw new IllegalArgumentException(positions.size() + " positions for " + records.size() + " records");
    }
  }

  /** Each record with its position, in the batch's order. */
  public void forEach(BiConsumer<Long, PreviousRecord> visitor) {
    for (int i = 0; i < records.size(); i++) {
      visitor.accept(positions.get(i), records.get(i));
    }
  }

  /** The cells {@link #idsOnly} keeps: what says which record it is and how it was decided. */
  static final List<String> ID_CELLS = List.of("record_id", "decision", "stage");

  /**
   * The same records with only their {@link #ID_CELLS}, for the steps that ask which earlier
   * records no pair took and what they were decided: a tenth of the bytes to hold while those
   * steps wait for the pairs ({@code Await}).
   */
  PreviousBatch idsOnly() {
    List<PreviousRecord> ids = new ArrayList<>(records.size());
    for (PreviousRecord r : records) {
      ids.add(r.keeping(ID_CELLS));
    }
    return new PreviousBatch(positions, ids);
  }

  /** {@link #idsOnly} of every batch. */
  static PTransform<PCollection<PreviousBatch>, PCollection<PreviousBatch>> keepingIds() {
    return new PTransform<>() {
      @Override
      public PCollection<PreviousBatch> expand(PCollection<PreviousBatch> batches) {
        return batches.apply("IdsOnly", MapElements.into(TypeDescriptor.of(PreviousBatch.class))
            .via(PreviousBatch::idsOnly)).setCoder(PreviousBatchCoder.of());
      }
    };
  }

  /** {@code records} (position, record) in batches of at most {@code size}, in their order. */
  public static List<PreviousBatch> split(List<KV<Long, PreviousRecord>> records, int size) {
    List<PreviousBatch> batches = new ArrayList<>();
    for (int from = 0; from < records.size(); from += size) {
      List<KV<Long, PreviousRecord>> part = records.subList(from, Math.min(records.size(), from + size));
      batches.add(new PreviousBatch(part.stream().map(KV::getKey).toList(),
          part.stream().map(KV::getValue).toList()));
    }
    return batches;
  }

  /** Deterministic coder for {@link PreviousBatch}. */
  public static final class PreviousBatchCoder extends AtomicCoder<PreviousBatch> {
    private static final PreviousBatchCoder INSTANCE = new PreviousBatchCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link PreviousBatch}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(PreviousBatch.class), INSTANCE);
    }

    public static PreviousBatchCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PreviousBatch b, OutputStream out) throws IOException {
      VarInt.encode(b.positions().size(), out);
      for (long position : b.positions()) {
        VarLongCoder.of().encode(position, out);
      }
      PreviousRecord.SameColumnsCoder.of().encode(b.records(), out);
    }

    @Override
    public PreviousBatch decode(InputStream in) throws IOException {
      int n = VarInt.decodeInt(in);
      List<Long> positions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        positions.add(VarLongCoder.of().decode(in));
      }
      return new PreviousBatch(positions, PreviousRecord.SameColumnsCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
