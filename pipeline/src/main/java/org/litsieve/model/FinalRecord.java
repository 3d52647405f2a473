package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A screened record with every decision about it made: the rules' result as screened (kept
 * whole in {@code records.jsonl.gz}, so a later run can re-screen it) and the reviewers' decision
 * that overrides it, if any. The output files show {@link #decided()}.
 *
 * @param screened the record as the rules screened it
 * @param human the reviewers' decision on it, or null for none
 */
@DefaultCoder(FinalRecord.FinalRecordCoder.class)
public record FinalRecord(ScreenedRecord screened, HumanDecision human) {
  public FinalRecord {
    if (screened == null) {
      throw new IllegalArgumentException("screened is required");
    }
  }

  /** The record as the outputs show it: the human decision applied, else as screened. */
  public ScreenedRecord decided() {
    return human == null ? screened : human.applyTo(screened);
  }

  /** Deterministic coder for {@link FinalRecord}. */
  public static final class FinalRecordCoder extends AtomicCoder<FinalRecord> {
    private static final FinalRecordCoder INSTANCE = new FinalRecordCoder();
    private static final ScreenedRecord.ScreenedRecordCoder SCREENED = ScreenedRecord.ScreenedRecordCoder.of();
    private static final HumanDecision.HumanDecisionCoder HUMAN = HumanDecision.HumanDecisionCoder.of();

    /** Lets {@code @DefaultCoder} find this coder for {@link FinalRecord}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(FinalRecord.class), INSTANCE);
    }

    public static FinalRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FinalRecord f, OutputStream out) throws IOException {
      SCREENED.encode(f.screened, out);
      Codec.writeBoolean(f.human != null, out);
      if (f.human != null) {
        HUMAN.encode(f.human, out);
      }
    }

    @Override
    public FinalRecord decode(InputStream in) throws IOException {
      ScreenedRecord s = SCREENED.decode(in);
      return new FinalRecord(s, Codec.readBoolean(in) ? HUMAN.decode(in) : null);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
