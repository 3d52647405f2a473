package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One piece of evidence: the text a query matched in one field of a record.
 *
 * @param field the canonical field name, e.g. {@code title} or {@code abstract}
 * @param text the matched text as it stands in the record
 * @param start the character offset where it starts in the field's text
 * @param end the character offset just past its end
 */
@DefaultCoder(Hit.HitCoder.class)
public record Hit(String field, String text, int start, int end) {

  public Hit {
    field = Codec.nonNull(field);
    text = Codec.nonNull(text);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad offsets " + start + ".." + end);
    }
  }

  /** The compact {@code field:term} form used in the CSV outputs (term lower-cased). */
  public String compact() {
    return field + ":" + text.toLowerCase(java.util.Locale.ROOT);
  }

  /** Deterministic coder for {@link Hit}. */
  public static final class HitCoder extends AtomicCoder<Hit> {
    private static final HitCoder INSTANCE = new HitCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link Hit}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(Hit.class), INSTANCE);
    }

    public static HitCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Hit h, OutputStream out) throws IOException {
      Codec.writeString(h.field, out);
      Codec.writeString(h.text, out);
      Codec.writeInt(h.start, out);
      Codec.writeInt(h.end, out);
    }

    @Override
    public Hit decode(InputStream in) throws IOException {
      return new Hit(Codec.readString(in), Codec.readString(in), Codec.readInt(in), Codec.readInt(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
