package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The reviewers' resolved decision on one record, as it overrides the rules' decision: what the
 * screened files, {@code included.ris} and the report show for the record (stage
 * {@link ScreenedRecord#STAGE_HUMAN}). Made from the decision rows by the history stage
 * ({@code HumanDecisions}), which owns the rules for dates, reviewers and conflicts; applied to
 * the screened records inside the pipeline.
 *
 * @param recordId the record the decision is about
 * @param decision include, exclude, or review (a reviewer's {@code maybe}, or reviewers who disagree)
 * @param reason the reason to show: the reviewers' reasons, or a default naming the reviewers
 */
@DefaultCoder(HumanDecision.HumanDecisionCoder.class)
public record HumanDecision(String recordId, Decision decision, String reason) {
  public HumanDecision {
    recordId = Codec.nonNull(recordId);
    reason = Codec.nonNull(reason);
    if (decision == null) {
      throw new IllegalArgumentException("decision is required");
    }
  }

  /** {@code s} with this decision, stage {@link ScreenedRecord#STAGE_HUMAN} and this reason; evidence and tags kept. */
  public ScreenedRecord applyTo(ScreenedRecord s) {
    return new ScreenedRecord(s.recordId(), s.record(), decision, ScreenedRecord.STAGE_HUMAN, reason,
        s.matchedBlocks(), s.tags());
  }

  /** Deterministic coder for {@link HumanDecision}. */
  public static final class HumanDecisionCoder extends AtomicCoder<HumanDecision> {
    private static final HumanDecisionCoder INSTANCE = new HumanDecisionCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link HumanDecision}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(HumanDecision.class), INSTANCE);
    }

    public static HumanDecisionCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(HumanDecision h, OutputStream out) throws IOException {
      Codec.writeString(h.recordId, out);
      Codec.writeInt(h.decision.ordinal(), out);
      Codec.writeString(h.reason, out);
    }

    @Override
    public HumanDecision decode(InputStream in) throws IOException {
      return new HumanDecision(Codec.readString(in), Decision.values()[Codec.readInt(in)], Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
