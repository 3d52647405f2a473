package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An input that could not become a record: a broken record, or a whole file that could not be
 * read. Rejected inputs are written to {@code rejected.csv}; nothing is dropped silently.
 *
 * @param sourceFile the input file
 * @param position the 1-based ordinal of the record in its file, or 0 for the whole file
 * @param line the 1-based line where the broken record starts, or 0 if unknown
 * @param reason a plain-language reason, e.g. "no title" or "unknown format (tried: RIS, …)"
 * @param excerpt the first characters of the raw input, for a human to find it
 */
@DefaultCoder(Rejected.RejectedCoder.class)
public record Rejected(String sourceFile, int position, int line, String reason, String excerpt) {

  /** The longest excerpt kept, in characters. */
  public static final int MAX_EXCERPT = 200;

  public Rejected {
    sourceFile = Codec.nonNull(sourceFile);
    reason = Codec.nonNull(reason);
    excerpt = shorten(Codec.nonNull(excerpt));
  }

  private static String shorten(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_EXCERPT ? oneLine : oneLine.substring(0, MAX_EXCERPT) + "…";
  }

  /** Deterministic coder for {@link Rejected}. */
  public static final class RejectedCoder extends AtomicCoder<Rejected> {
    private static final RejectedCoder INSTANCE = new RejectedCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link Rejected}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(Rejected.class), INSTANCE);
    }

    public static RejectedCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Rejected r, OutputStream out) throws IOException {
      Codec.writeString(r.sourceFile, out);
      Codec.writeInt(r.position, out);
      Codec.writeInt(r.line, out);
      Codec.writeString(r.reason, out);
      Codec.writeString(r.excerpt, out);
    }

    @Override
    public Rejected decode(InputStream in) throws IOException {
      return new Rejected(
          Codec.readString(in),
          Codec.readInt(in),
          Codec.readInt(in),
          Codec.readString(in),
          Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
