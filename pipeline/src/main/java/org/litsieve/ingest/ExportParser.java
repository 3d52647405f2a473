package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * One export format. Each format is one class behind this interface; {@link ExportFormats} lists
 * them. Parsers are plain Java (no Beam), stateless and thread-safe.
 */
public interface ExportParser {

  /** A short stable id used in reports and manifests, e.g. {@code ris}, {@code medline}, {@code csv}. */
  String id();

  /** A human name for messages, e.g. "RIS" or "PubMed MEDLINE (.nbib)". */
  String displayName();

  /**
   * How sure this parser is that {@code head} (the decoded start of a file, BOM and leading blank
   * lines included) is in its format: 0 for "not mine", up to 100 for "certainly mine". The
   * detector picks the highest score. Must be cheap and must never throw.
   */
  int sniff(String head);

  /**
   * Reads every record from {@code text}, streaming: each record or reject goes to {@code sink} as
   * soon as it is complete. A broken record is passed to {@link ParseSink#reject} with its position
   * and a plain reason, and parsing goes on with the next record. Never returns null records.
   *
   * @param text the decoded text, positioned at its start (any BOM already removed)
   * @param sourceFile the file name to put in each record's provenance
   * @param sink where records and rejects go
   * @throws IOException only when reading {@code text} itself fails
   */
  void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException;

  /**
   * Where a large file of this format may be cut to be parsed in parallel, or null when it must be
   * read whole (the default). See {@link SplitPoints}.
   */
  default SplitPoints splitPoints() {
    return null;
  }
}
