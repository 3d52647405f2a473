package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A named query (include block, exclude block or outcome tag) that matched a record, with the
 * evidence for it.
 *
 * @param name the block's or tag's name in the rules file
 * @param hits what it matched, in field order and then text order
 */
@DefaultCoder(BlockMatch.BlockMatchCoder.class)
public record BlockMatch(String name, List<Hit> hits) {

  public BlockMatch {
    name = Codec.nonNull(name);
    hits = hits == null ? List.of() : List.copyOf(hits);
  }

  /** The distinct matched terms in {@code field:term} form, in order of first appearance. */
  public List<String> compactTerms() {
    Set<String> terms = new LinkedHashSet<>();
    for (Hit h : hits) {
      terms.add(h.compact());
    }
    return List.copyOf(terms);
  }

  /** Deterministic coder for {@link BlockMatch}. */
  public static final class BlockMatchCoder extends AtomicCoder<BlockMatch> {
    private static final BlockMatchCoder INSTANCE = new BlockMatchCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link BlockMatch}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(BlockMatch.class), INSTANCE);
    }
    private static final Hit.HitCoder HIT = Hit.HitCoder.of();

    public static BlockMatchCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BlockMatch b, OutputStream out) throws IOException {
      Codec.writeString(b.name, out);
      Codec.writeList(b.hits, HIT::encode, out);
    }

    @Override
    public BlockMatch decode(InputStream in) throws IOException {
      return new BlockMatch(Codec.readString(in), Codec.readList(HIT::decode, in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
