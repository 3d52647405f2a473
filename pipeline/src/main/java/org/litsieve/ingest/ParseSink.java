package org.litsieve.ingest;

import java.util.List;
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

  /** A sink that adds each record to {@code records} and each reject to {@code rejects}, in file order. */
  static ParseSink into(List<BibRecord> records, List<Rejected> rejects) {
    return new ParseSink() {
      @Override
      public void record(BibRecord record) {
        records.add(record);
      }

      @Override
      public void reject(Rejected rejected) {
        rejects.add(rejected);
      }
    };
  }
}
