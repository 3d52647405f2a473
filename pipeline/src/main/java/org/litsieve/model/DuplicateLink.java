package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One row of the duplicate audit: an input record that belongs to a group of two or more.
 *
 * @param recordId the id of the merged paper
 * @param inputId the input record ({@code file#position})
 * @param sourceFile the input file
 * @param sourceId the record's id in its export
 * @param kept true for exactly one member of each group: the record whose values were kept first
 * @param matchRule the rule(s) that put this input in the group, e.g. {@code doi} or {@code doi+pmid}
 */
@DefaultCoder(DuplicateLink.DuplicateLinkCoder.class)
public record DuplicateLink(
    String recordId, String inputId, String sourceFile, String sourceId, boolean kept, String matchRule) {

  public DuplicateLink {
    recordId = Codec.nonNull(recordId);
    inputId = Codec.nonNull(inputId);
    sourceFile = Codec.nonNull(sourceFile);
    sourceId = Codec.nonNull(sourceId);
    matchRule = Codec.nonNull(matchRule);
  }

  /** Deterministic coder for {@link DuplicateLink}. */
  public static final class DuplicateLinkCoder extends AtomicCoder<DuplicateLink> {
    private static final DuplicateLinkCoder INSTANCE = new DuplicateLinkCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link DuplicateLink}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(DuplicateLink.class), INSTANCE);
    }

    public static DuplicateLinkCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DuplicateLink d, OutputStream out) throws IOException {
      Codec.writeString(d.recordId, out);
      Codec.writeString(d.inputId, out);
      Codec.writeString(d.sourceFile, out);
      Codec.writeString(d.sourceId, out);
      Codec.writeBoolean(d.kept, out);
      Codec.writeString(d.matchRule, out);
    }

    @Override
    public DuplicateLink decode(InputStream in) throws IOException {
      return new DuplicateLink(
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readBoolean(in),
          Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
