package org.litsieve.ingest;

import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/** Receives what a parser reads: good records, rejected inputs and warnings, in file order. */
public interface ParseSink {
  void record(BibRecord record);

  void reject(Rejected rejected);

  /**
   * A data-quality note about the file that loses no record, e.g. "line 12: a field of 52,428,800
   * characters was cut to 1,000,000". The default ignores it; {@link ExportReader} puts it in the
   * file's report.
   */
  default void warning(String message) {}
}
