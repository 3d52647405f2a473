package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Where one input record came from.
 *
 * @param sourceFile the input file as the user named it (or as found under a named folder)
 * @param position the record's 1-based ordinal within its file
 * @param line the 1-based line on which the record starts, or 0 where the format has no lines
 * @param sourceId the record's id in the export: PMID, AN, EID, UT or the CSV's id column; "" if none
 * @param database the database or provider the export names, e.g. "PubMed" or "Ovid"; "" if unknown
 */
@DefaultCoder(Provenance.ProvenanceCoder.class)
public record Provenance(String sourceFile, int position, int line, String sourceId, String database) {

  public Provenance {
    sourceFile = Codec.nonNull(sourceFile);
    sourceId = Codec.nonNull(sourceId);
    database = Codec.nonNull(database);
    if (position < 0 || line < 0) {
      throw new IllegalArgumentException("position and line must be >= 0");
    }
  }

  /** The id of one input record, unique within a run: {@code file#position}. */
  public String inputId() {
    return sourceFile + "#" + position;
  }

  /** Deterministic coder for {@link Provenance}. */
  public static final class ProvenanceCoder extends AtomicCoder<Provenance> {
    private static final ProvenanceCoder INSTANCE = new ProvenanceCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link Provenance}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(Provenance.class), INSTANCE);
    }

    public static ProvenanceCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Provenance p, OutputStream out) throws IOException {
      Codec.writeString(p.sourceFile, out);
      Codec.writeInt(p.position, out);
      Codec.writeInt(p.line, out);
      Codec.writeString(p.sourceId, out);
      Codec.writeString(p.database, out);
    }

    @Override
    public Provenance decode(InputStream in) throws IOException {
      return new Provenance(
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
