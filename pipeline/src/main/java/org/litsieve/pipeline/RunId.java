package org.litsieve.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.litsieve.model.FileReport;
import org.litsieve.rules.Rules;

/**
 * The run's id ({@code run-} and 12 hex digits, the {@code first_seen} of the records new in this
 * run) made inside the pipeline, as a singleton side input, from what determines the run's result:
 * the rules file's hash, the input files' hashes (known only once the files are read: their
 * {@link FileReport}s), the previous run's id and the decisions. So the same run made twice writes
 * byte-identical files, runs on different searches get different ids, and a step of the graph can
 * write {@code first_seen} without waiting for the driver.
 *
 * <p>Input: the run's {@link FileReport}s. Output: a view of the one id; a run id given by the
 * caller (tests, {@code ReviewHistory.runId}) is used as it is. The formula is {@link #of}, which
 * the driver applies too ({@link #from}). Failure behaviour: none.
 */
final class RunId extends PTransform<PCollection<FileReport>, PCollectionView<String>> {
  private final String rulesSha256;
  private final String previousRunId;
  private final String decisions;
  private final String given;

  private RunId(String rulesSha256, String previousRunId, String decisions, String given) {
    this.rulesSha256 = rulesSha256;
    this.previousRunId = previousRunId;
    this.decisions = decisions;
    this.given = given;
  }

  /** The id of a run with {@code rules} continuing {@code history} (its own run id when it gives one). */
  static RunId of(Rules rules, ReviewHistory history) {
    return new RunId(rules.sha256(), history.previous() == null ? "" : history.previous().runId(),
        String.valueOf(history.decisions()), history.runId());
  }

  /** The id on the driver, from the input files' hashes: the given id, else {@link #of}'s formula. */
  String from(List<String> fileHashes) {
    return given != null ? given : of(rulesSha256, fileHashes, previousRunId, decisions);
  }

  /**
   * The formula: SHA-256 of the rules' hash, the input files' hashes sorted, the previous run's id
   * ("" for none) and the decisions' text, joined by {@code |}; {@code run-} and its first 12 hex
   * digits.
   */
  static String of(String rulesSha256, List<String> fileHashes, String previousRunId, String decisions) {
    List<String> files = new ArrayList<>(fileHashes);
    files.sort(null);
    String key = rulesSha256 + '|' + files + '|' + previousRunId + '|' + decisions;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "run-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public PCollectionView<String> expand(PCollection<FileReport> reports) {
    if (given != null) {
      return reports.getPipeline().apply("GivenRunId", Create.of(given).withCoder(StringUtf8Coder.of()))
          .apply("RunIdView", View.asSingleton());
    }
    return reports
        .apply("FileHashes", MapElements.into(TypeDescriptors.strings()).via(FileReport::sha256))
        .apply("ContentRunId", Combine.globally(new IdFn(rulesSha256, previousRunId, decisions)).asSingletonView());
  }

  /** Gathers the files' hashes (a few per run) and applies {@link #of} to them. */
  static final class IdFn extends Combine.CombineFn<String, List<String>, String> {
    private final String rulesSha256;
    private final String previousRunId;
    private final String decisions;

    IdFn(String rulesSha256, String previousRunId, String decisions) {
      this.rulesSha256 = rulesSha256;
      this.previousRunId = previousRunId;
      this.decisions = decisions;
    }

    @Override
    public List<String> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<String> addInput(List<String> acc, String sha256) {
      acc.add(sha256);
      return acc;
    }

    @Override
    public List<String> mergeAccumulators(Iterable<List<String>> accs) {
      List<String> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public String extractOutput(List<String> acc) {
      return of(rulesSha256, acc, previousRunId, decisions);
    }

    @Override
    public Coder<List<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> input) {
      return ListCoder.of(StringUtf8Coder.of());
    }
  }
}
