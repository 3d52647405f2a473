package org.litsieve.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.litsieve.model.Decision;
import org.litsieve.model.ScreenedRecord;

/**
 * The hand-over file between the pipeline and {@link RunReports}: {@value #FILE} holds every
 * screened record of the run, one {@link ScreenedRecord} as JSON per line, sorted like the CSV
 * rows. Unlike the CSV files it keeps the whole record (keywords, headings, publication types)
 * and every hit's offsets, which the report needs to highlight matched words and a later run
 * needs to re-screen. The driver may rewrite it (a living review applies human decisions and adds
 * carried-forward records); {@link RunReports} shows the records {@link #wanted} and deletes it.
 *
 * <p>Failure behaviour: {@link #read} throws {@link IOException} naming the file and line when a
 * line is not a record written by {@link #line}.
 */
public final class ReportRecords {
  /** The file's name in the output folder (hidden: it is not an output). */
  public static final String FILE = ".report-records.jsonl";

  /**
   * Writes a record's id, decision, stage and reason first (see {@link HeadFirst}), and reads the
   * fields in any order.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addMixIn(ScreenedRecord.class, HeadFirst.class);

  /**
   * The order of a line's first keys: what {@link #head} reads comes before the record, so it
   * stops after four keys instead of skipping the whole record (its abstract, authors and
   * provenance) to reach the decision. Lines written in another order are still read, only more
   * slowly.
   */
  @JsonPropertyOrder({"recordId", "decision", "stage", "reason"})
  private abstract static class HeadFirst {}

  private ReportRecords() {}

  /**
   * Whether the report shows a record: included and review records, records excluded at the
   * keyword stage (so a reviewer can check what an exclude block caught, highlighted), and records
   * a reviewer excluded (stage {@code human}). Records that failed an eligibility criterion matched
   * no query and are left out.
   */
  public static boolean wanted(ScreenedRecord s) {
    return wanted(s.decision(), s.stage());
  }

  /** {@link #wanted(ScreenedRecord)} for a record with this decision and stage. */
  public static boolean wanted(Decision decision, String stage) {
    return decision != Decision.EXCLUDE || ScreenedRecord.STAGE_KEYWORDS.equals(stage)
        || ScreenedRecord.STAGE_HUMAN.equals(stage);
  }

  /** One record as a JSON line, with its line end. */
  public static String line(ScreenedRecord s) {
    try {
      return JSON.writeValueAsString(s) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record " + s.recordId() + " as JSON", e);
    }
  }

  /** Reads one line written by {@link #line}. */
  public static ScreenedRecord parse(String line) throws JsonProcessingException {
    return JSON.readValue(line, ScreenedRecord.class);
  }

  /** What {@link #head} reads of a line: the record's id, decision, stage and reason. */
  public record Head(String recordId, Decision decision, String stage, String reason) {}

  /**
   * The id, decision, stage and reason of a line written by {@link #line}, read without building
   * the record: the line's first four keys (the fields of another order are skipped, not parsed
   * into objects).
   *
   * @throws IOException if the line is not such a record
   */
  public static Head head(String line) throws IOException {
    String id = null;
    String decision = null;
    String stage = null;
    String reason = null;
    try (JsonParser p = JSON.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME && (id == null || decision == null || stage == null
          || reason == null)) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "recordId" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "decision" -> decision = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "stage" -> stage = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "reason" -> reason = value == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> p.skipChildren();
        }
      }
    }
    if (id == null || decision == null || stage == null || reason == null) {
      throw new JsonParseException(null, "no recordId, decision, stage or reason");
    }
    try {
      return new Head(id, Decision.valueOf(decision), stage, reason);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException(null, "unknown decision " + decision);
    }
  }

  /** Reads every record from {@code file} in file order; blank lines are skipped. */
  public static List<ScreenedRecord> read(Path file) throws IOException {
    List<ScreenedRecord> out = new ArrayList<>();
    forEach(file, out::add);
    return out;
  }

  /** What {@link #forEach} hands each record to; it may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface Visitor {
    void visit(ScreenedRecord s) throws IOException;
  }

  /** Hands every record of {@code file} to {@code visit}, in file order, holding one at a time. */
  public static void forEach(Path file, Visitor visit) throws IOException {
    forEach(file, i -> true, visit);
  }

  /**
   * Hands the records of {@code file} whose ordinal (0 for the first record; blank lines do not
   * count) {@code which} accepts to {@code visit}, in file order; the others are not parsed.
   */
  public static void forEach(Path file, IntPredicate which, Visitor visit) throws IOException {
    int[] ordinal = {-1};
    forEachLine(file, (n, line) -> {
      if (which.test(++ordinal[0])) {
        visit.visit(parse(file, n, line));
      }
    });
  }

  /** What {@link #forEachLine} hands each line to, with its 1-based line number. */
  @FunctionalInterface
  public interface LineVisitor {
    void visit(int lineNumber, String line) throws IOException;
  }

  /** Hands every non-blank line of {@code file} to {@code visit}, in file order, unparsed. */
  public static void forEachLine(Path file, LineVisitor visit) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          visit.visit(n, line);
        }
      }
    }
  }

  /** {@link #parse}, failing with an {@link IOException} that names {@code file} and line {@code n}. */
  public static ScreenedRecord parse(Path file, int n, String line) throws IOException {
    try {
      return parse(line);
    } catch (JsonProcessingException e) {
      throw notARecord(file, n, e);
    }
  }

  /** {@link #head}, failing with an {@link IOException} that names {@code file} and line {@code n}. */
  public static Head head(Path file, int n, String line) throws IOException {
    try {
      return head(line);
    } catch (JsonProcessingException e) {
      throw notARecord(file, n, e);
    }
  }

  private static IOException notARecord(Path file, int n, JsonProcessingException e) {
    return new IOException(file + ":" + n + ": not a screened record: " + e.getOriginalMessage(), e);
  }
}
