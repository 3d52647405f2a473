package org.litsieve.ingest;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry of export formats litsieve reads, and content-based detection among them. */
public final class ExportFormats {
  private static final List<ExportParser> PARSERS =
      List.of(new RisParser(), new MedlineParser(), new PubmedXmlParser(),
          new WosParser(), new OvidParser(), new EndnoteXmlParser(), new BibtexParser(),
          new CsvParser());

  private ExportFormats() {}

  /** Every parser, in a fixed order (ties in {@link #detect} go to the earlier one). */
  public static List<ExportParser> all() {
    return PARSERS;
  }

  /** The parser whose {@link ExportParser#sniff} scores {@code head} highest, if any scores above 0. */
  public static Optional<ExportParser> detect(String head) {
    ExportParser best = null;
    int bestScore = 0;
    for (ExportParser p : PARSERS) {
      int score;
      try {
        score = p.sniff(head);
      } catch (RuntimeException e) {
        score = 0; // a sniffer must never throw; treat a bug as "not mine"
      }
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The display names of every format, for "formats tried" messages. */
  public static String names() {
    return PARSERS.stream().map(ExportParser::displayName).collect(Collectors.joining(", "));
  }

  /** The parser with the given id. */
  public static Optional<ExportParser> byId(String id) {
    return PARSERS.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
