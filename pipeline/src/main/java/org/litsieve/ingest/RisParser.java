package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/** Placeholder: replaced by the real parser. */
public final class RisParser implements ExportParser {
  @Override public String id() { return "ris"; }
  @Override public String displayName() { return "RIS"; }
  @Override public int sniff(String head) { return 0; }
  @Override public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {}
}
