package org.litsieve.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static final String FILE = org.litsieve.model.OutputFile.REPORT_RECORDS.fileName();

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

  /**
   * One record as a JSON line, with its place in the ranked review queue ({@code rank} and
   * {@code relevance} as {@code review.csv} writes them) after its fields, so the report shows the
   * queue's ranks without reading {@code review.csv} back ({@link #rank}); null ones are left out.
   */
  public static String line(ScreenedRecord s, String rank, String relevance) {
    if (rank == null) {
      return line(s);
    }
    try {
      String json = JSON.writeValueAsString(s);
      return json.substring(0, json.length() - 1) + ",\"" + RANK + "\":" + JSON.writeValueAsString(rank)
          + ",\"" + RELEVANCE + "\":" + JSON.writeValueAsString(relevance == null ? "" : relevance) + "}\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record " + s.recordId() + " as JSON", e);
    }
  }

  private static final String RANK = "rank";
  private static final String RELEVANCE = "relevance";

  /**
   * The {@code rank} and {@code relevance} a line written by {@link #line(ScreenedRecord, String,
   * String)} holds (UTF-8 bytes {@code [from, from + length)}), or null when it holds none (a record
   * outside the review queue). The record's fields are skipped, not parsed into objects.
   */
  public static String[] rank(byte[] bytes, int from, int length) throws IOException {
    String rank = null;
    String relevance = null;
    try (JsonParser p = JSON.getFactory().createParser(bytes, from, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (RANK.equals(name) && value == JsonToken.VALUE_STRING) {
          rank = p.getText();
        } else if (RELEVANCE.equals(name) && value == JsonToken.VALUE_STRING) {
          relevance = p.getText();
        } else {
          p.skipChildren();
        }
      }
    }
    return rank == null ? null : new String[] {rank, relevance == null ? "" : relevance};
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
    try (JsonParser p = JSON.getFactory().createParser(line)) {
      return head(p);
    }
  }

  /** {@link #head(String)} of a line given as UTF-8 bytes {@code [from, from + length)}. */
  public static Head head(byte[] bytes, int from, int length) throws IOException {
    try (JsonParser p = JSON.getFactory().createParser(bytes, from, length)) {
      return head(p);
    }
  }

  private static Head head(JsonParser p) throws IOException {
    String id = null;
    String decision = null;
    String stage = null;
    String reason = null;
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
   * count) {@code which} accepts to {@code visit}, in file order; the others are not parsed (nor
   * decoded).
   */
  public static void forEach(Path file, IntPredicate which, Visitor visit) throws IOException {
    int[] ordinal = {-1};
    forEachLine(file, (n, bytes, from, length) -> {
      if (which.test(++ordinal[0])) {
        visit.visit(parse(file, n, bytes, from, length));
      }
    });
  }

  /**
   * What {@link #forEachLine} hands each line to: its 1-based line number and its UTF-8 bytes
   * {@code bytes[from, from + length)} without the line end, valid only during the call.
   */
  @FunctionalInterface
  public interface LineVisitor {
    void visit(int lineNumber, byte[] bytes, int from, int length) throws IOException;
  }

  /**
   * Hands every non-blank line of {@code file}, in file order, to {@code visit} as UTF-8 bytes:
   * neither decoded into a string nor parsed, so a caller that needs only some lines, or passes
   * them on as they are, pays for no more (the hand-over of 100,000 records is about 250 MB).
   */
  public static void forEachLine(Path file, LineVisitor visit) throws IOException {
    org.litsieve.model.OutputSink.reading(file);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int start = 0; // the first byte of the line being read
      int end = 0; // the end of the bytes read
      int scanned = 0; // bytes before this hold no line end after start
      int n = 0;
      while (true) {
        for (int i = scanned; i < end; i++) {
          if (buf[i] == '\n') {
            n++;
            visitLine(visit, n, buf, start, i - start);
            start = i + 1;
          }
        }
        if (start > 0) { // keep the unfinished line at the front
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        scanned = end;
        if (end == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        int read = in.read(buf, end, buf.length - end);
        if (read < 0) {
          if (end > 0) {
            visitLine(visit, n + 1, buf, 0, end); // a last line without a line end
          }
          return;
        }
        end += read;
      }
    }
  }

  /** Hands on a line without its carriage return, unless it is blank (ASCII white space only). */
  private static void visitLine(LineVisitor visit, int n, byte[] buf, int from, int length) throws IOException {
    if (length > 0 && buf[from + length - 1] == '\r') {
      length--;
    }
    for (int i = from; i < from + length; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
        visit.visit(n, buf, from, length);
        return;
      }
    }
  }

  /**
   * {@link #parse} of a line given as UTF-8 bytes, failing with an {@link IOException} that names
   * {@code file} and line {@code n}.
   */
  public static ScreenedRecord parse(Path file, int n, byte[] bytes, int from, int length) throws IOException {
    try {
      return JSON.readValue(bytes, from, length, ScreenedRecord.class);
    } catch (JsonProcessingException e) {
      throw notARecord(file, n, e);
    }
  }

  /** {@link #head}, failing with an {@link IOException} that names {@code file} and line {@code n}. */
  public static Head head(Path file, int n, byte[] bytes, int from, int length) throws IOException {
    try {
      return head(bytes, from, length);
    } catch (JsonProcessingException e) {
      throw notARecord(file, n, e);
    }
  }

  private static IOException notARecord(Path file, int n, JsonProcessingException e) {
    return new IOException(file + ":" + n + ": not a screened record: " + e.getOriginalMessage(), e);
  }
}
