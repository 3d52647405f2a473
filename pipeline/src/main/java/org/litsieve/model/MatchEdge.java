package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A candidate pairing of a living review: this run's record shares a matching key with a record
 * of the previous run, the first of that run's records (in its files' order) to hold the key.
 * Candidates are few (at most one per key of a record of this run) and are resolved in one place,
 * strongest key first ({@link #ORDER}).
 *
 * @param kind the key's strength: 0 record id, 1 DOI, 2 PMID, 3 title + year + first author;
 *     {@value #FUZZY} for a pair the deduplication matcher made where no key matched
 * @param currentOrder where this run's record comes in this run's order (any text that sorts as
 *     the records do: the screened files' order)
 * @param currentId this run's record id
 * @param previous the earlier record's position in the previous run's files (included, review,
 *     excluded, each in its row order)
 * @param previousId the earlier record's id
 */
@DefaultCoder(MatchEdge.MatchEdgeCoder.class)
public record MatchEdge(int kind, String currentOrder, String currentId, long previous, String previousId) {
  /** The kind of a pair made by the deduplication matcher on records no key matched. */
  public static final int FUZZY = 4;

  public MatchEdge {
    currentOrder = Codec.nonNull(currentOrder);
    currentId = Codec.nonNull(currentId);
    previousId = Codec.nonNull(previousId);
  }

  /** The order candidates are taken in: strongest key first, then this run's order. */
  public static final Comparator<MatchEdge> ORDER = Comparator.comparingInt(MatchEdge::kind)
      .thenComparing(MatchEdge::currentOrder).thenComparing(MatchEdge::currentId)
      .thenComparingLong(MatchEdge::previous);

  /** The positions of the earlier records that {@code pairs} take: each is matched, so not carried or free. */
  public static java.util.Set<Long> previousPositions(Iterable<MatchEdge> pairs) {
    java.util.Set<Long> taken = new java.util.HashSet<>();
    pairs.forEach(e -> taken.add(e.previous()));
    return taken;
  }

  /** Deterministic coder for {@link MatchEdge}. */
  public static final class MatchEdgeCoder extends AtomicCoder<MatchEdge> {
    private static final MatchEdgeCoder INSTANCE = new MatchEdgeCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link MatchEdge}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(MatchEdge.class), INSTANCE);
    }

    public static MatchEdgeCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(MatchEdge e, OutputStream out) throws IOException {
      Codec.writeInt(e.kind, out);
      Codec.writeString(e.currentOrder, out);
      Codec.writeString(e.currentId, out);
      Codec.writeLong(e.previous, out);
      Codec.writeString(e.previousId, out);
    }

    @Override
    public MatchEdge decode(InputStream in) throws IOException {
      return new MatchEdge(Codec.readInt(in), Codec.readString(in), Codec.readString(in), Codec.readLong(in),
          Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
