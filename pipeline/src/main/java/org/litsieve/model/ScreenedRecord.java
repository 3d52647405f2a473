package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A unique record with its screening result.
 *
 * @param recordId the stable id of the paper (see {@code RecordIds} in the dedup stage)
 * @param record the merged record, with the provenance of every input record it stands for
 * @param decision include, review or exclude
 * @param stage where the decision was made: {@link #STAGE_ELIGIBILITY}, {@link #STAGE_KEYWORDS}
 *     or {@link #STAGE_FINAL} by the rules, or {@link #STAGE_HUMAN} when reviewers' decisions
 *     overrode them (living reviews)
 * @param reason the single primary reason, e.g. {@code year outside 2000-2022} or
 *     {@code exclude block: children}; "" for an include
 * @param matchedBlocks the include and exclude blocks that matched, with evidence
 * @param tags the outcome tags that matched (only for included and review records)
 */
@DefaultCoder(ScreenedRecord.ScreenedRecordCoder.class)
public record ScreenedRecord(
    String recordId,
    BibRecord record,
    Decision decision,
    String stage,
    String reason,
    List<BlockMatch> matchedBlocks,
    List<BlockMatch> tags) {

  public static final String STAGE_ELIGIBILITY = "eligibility";
  public static final String STAGE_KEYWORDS = "keywords";
  public static final String STAGE_FINAL = "final";
  /** A reviewer's decision, applied after screening (see the history stage). */
  public static final String STAGE_HUMAN = "human";

  public ScreenedRecord {
    recordId = Codec.nonNull(recordId);
    if (record == null || decision == null) {
      throw new IllegalArgumentException("record and decision are required");
    }
    stage = Codec.nonNull(stage);
    reason = Codec.nonNull(reason);
    matchedBlocks = matchedBlocks == null ? List.of() : List.copyOf(matchedBlocks);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Deterministic coder for {@link ScreenedRecord}. */
  public static final class ScreenedRecordCoder extends AtomicCoder<ScreenedRecord> {
    private static final ScreenedRecordCoder INSTANCE = new ScreenedRecordCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link ScreenedRecord}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(ScreenedRecord.class), INSTANCE);
    }
    private static final BlockMatch.BlockMatchCoder BLOCK = BlockMatch.BlockMatchCoder.of();
    private static final BibRecord.BibRecordCoder RECORD = BibRecord.BibRecordCoder.of();

    public static ScreenedRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ScreenedRecord s, OutputStream out) throws IOException {
      Codec.writeString(s.recordId, out);
      RECORD.encode(s.record, out);
      Codec.writeInt(s.decision.ordinal(), out);
      Codec.writeString(s.stage, out);
      Codec.writeString(s.reason, out);
      Codec.writeList(s.matchedBlocks, BLOCK::encode, out);
      Codec.writeList(s.tags, BLOCK::encode, out);
    }

    @Override
    public ScreenedRecord decode(InputStream in) throws IOException {
      return new ScreenedRecord(
          Codec.readString(in),
          RECORD.decode(in),
          Decision.values()[Codec.readInt(in)],
          Codec.readString(in),
          Codec.readString(in),
          Codec.readList(BLOCK::decode, in),
          Codec.readList(BLOCK::decode, in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
