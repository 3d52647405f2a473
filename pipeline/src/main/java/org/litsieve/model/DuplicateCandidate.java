package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One row of the duplicate review file: two input records that may be one paper but were not
 * merged, for a human to decide, or a preprint and its published version, linked as related.
 *
 * @param relation {@code review} (uncertain: not merged) or {@code related} (a preprint and its
 *     published version: both kept)
 * @param rule what the matcher saw, e.g. {@code title 0.93, little else agrees}
 * @param score the title similarity, 0 to 1, as text with two decimals ("" if not compared)
 */
@DefaultCoder(DuplicateCandidate.DuplicateCandidateCoder.class)
public record DuplicateCandidate(
    String inputIdA, String sourceFileA, String sourceIdA, String titleA, int yearA,
    String inputIdB, String sourceFileB, String sourceIdB, String titleB, int yearB,
    String relation, String rule, String score) {

  public DuplicateCandidate {
    inputIdA = Codec.nonNull(inputIdA);
    sourceFileA = Codec.nonNull(sourceFileA);
    sourceIdA = Codec.nonNull(sourceIdA);
    titleA = Codec.nonNull(titleA);
    inputIdB = Codec.nonNull(inputIdB);
    sourceFileB = Codec.nonNull(sourceFileB);
    sourceIdB = Codec.nonNull(sourceIdB);
    titleB = Codec.nonNull(titleB);
    relation = Codec.nonNull(relation);
    rule = Codec.nonNull(rule);
    score = Codec.nonNull(score);
  }

  /** Deterministic coder for {@link DuplicateCandidate}. */
  public static final class DuplicateCandidateCoder extends AtomicCoder<DuplicateCandidate> {
    private static final DuplicateCandidateCoder INSTANCE = new DuplicateCandidateCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link DuplicateCandidate}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(DuplicateCandidate.class), INSTANCE);
    }

    public static DuplicateCandidateCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DuplicateCandidate d, OutputStream out) throws IOException {
      Codec.writeString(d.inputIdA, out);
      Codec.writeString(d.sourceFileA, out);
      Codec.writeString(d.sourceIdA, out);
      Codec.writeString(d.titleA, out);
      Codec.writeInt(d.yearA, out);
      Codec.writeString(d.inputIdB, out);
      Codec.writeString(d.sourceFileB, out);
      Codec.writeString(d.sourceIdB, out);
      Codec.writeString(d.titleB, out);
      Codec.writeInt(d.yearB, out);
      Codec.writeString(d.relation, out);
      Codec.writeString(d.rule, out);
      Codec.writeString(d.score, out);
    }

    @Override
    public DuplicateCandidate decode(InputStream in) throws IOException {
      return new DuplicateCandidate(Codec.readString(in), Codec.readString(in), Codec.readString(in),
          Codec.readString(in), Codec.readInt(in), Codec.readString(in), Codec.readString(in),
          Codec.readString(in), Codec.readString(in), Codec.readInt(in), Codec.readString(in),
          Codec.readString(in), Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
