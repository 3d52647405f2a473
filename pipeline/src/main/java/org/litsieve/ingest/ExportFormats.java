package org.litsieve.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of export formats litsieve reads, and content-based detection among them.
 *
 * <p>Detection scores every parser on the decoded head of a file ({@link #scores}) and takes the
 * highest; the scores are kept so that {@code inspect} can show why a file was read as it was. A
 * head whose every line is indented (an export copied from a vendor's screen) is scored again
 * with the common indentation removed ({@link Indent}), and read that way when that scores
 * higher.
 */
public final class ExportFormats {
  private static final List<ExportParser> PARSERS =
      List.of(new RisParser(), new MedlineParser(), new PubmedXmlParser(),
          new WosParser(), new OvidParser(), new EndnoteXmlParser(), new BibtexParser(),
          new EndnoteTaggedParser(), new CochraneParser(), new OpenAlexJsonParser(),
          new CslJsonParser(), new CsvParser());

  private ExportFormats() {}

  /** One parser's score on a head (0 = "not mine", 100 = "certainly mine"). */
  public record Score(ExportParser parser, int score) {
    @Override
    public String toString() {
      return parser.id() + " " + score;
    }
  }

  /**
   * What detection decided for one head: the parser (if any scored above 0), every parser's
   * score, best first, and how many leading spaces each line loses before parsing (0 for none).
   */
  public record Choice(Optional<ExportParser> parser, List<Score> scores, int indent) {
    /**
     * A one-line explanation for people, e.g. {@code "csv 99 (header row names 5 bibliographic
     * columns), ris 85, medline 0, …"}: the chosen format first, then the others that scored.
     */
    public String explain() {
      List<String> parts = new ArrayList<>();
      for (Score s : scores) {
        if (s.score() > 0) {
          parts.add(s.toString());
        }
      }
      String out = parts.isEmpty() ? "no format scored above 0" : String.join(", ", parts);
      if (indent > 0) {
        out += "; every line indented by " + indent + (indent == 1 ? " space" : " spaces")
            + ", read without it";
      }
      return out;
    }
  }

  /** Every parser, in a fixed order (ties in {@link #detect} go to the earlier one). */
  public static List<ExportParser> all() {
    return PARSERS;
  }

  /** Every parser's score on {@code head}, highest first (ties in registry order). */
  public static List<Score> scores(String head) {
    List<Score> out = new ArrayList<>();
    for (ExportParser p : PARSERS) {
      int score;
      try {
        score = p.sniff(head);
      } catch (RuntimeException e) {
        score = 0; // a sniffer must never throw; treat a bug as "not mine"
      }
      out.add(new Score(p, Math.max(0, score)));
    }
    out.sort(Comparator.comparingInt(Score::score).reversed()); // stable: registry order on ties
    return out;
  }

  /**
   * Scores {@code head} as it is and, when every line is indented, without the common
   * indentation; the higher-scoring reading wins (the plain one on a tie).
   */
  public static Choice choose(String head) {
    List<Score> plain = scores(head);
    int indent = Indent.common(head);
    if (indent > 0) {
      List<Score> dedented = scores(Indent.strip(head, indent));
      if (dedented.get(0).score() > plain.get(0).score()) {
        return new Choice(Optional.of(dedented.get(0).parser()), dedented, indent);
      }
    }
    Score best = plain.get(0);
    return new Choice(best.score() > 0 ? Optional.of(best.parser()) : Optional.empty(), plain, 0);
  }

  /** The parser whose {@link ExportParser#sniff} scores {@code head} highest, if any scores above 0. */
  public static Optional<ExportParser> detect(String head) {
    return choose(head).parser();
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
