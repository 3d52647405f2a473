package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/** Placeholder: replaced by the real parser. */
public final class CsvParser implements ExportParser {
  @Override public String id() { return "csv"; }
  @Override public String displayName() { return "CSV/TSV"; }
  @Override public int sniff(String head) { return 0; }
  @Override public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {}
}
