package org.litsieve.ingest;

import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/** Receives what a parser reads: good records and rejected inputs, in file order. */
public interface ParseSink {
  void record(BibRecord record);

  void reject(Rejected rejected);
}
