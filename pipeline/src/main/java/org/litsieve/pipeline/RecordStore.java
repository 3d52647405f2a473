package org.litsieve.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.ReportRecords;

/**
 * {@value #FILE}: every record of a run, whole, so that a later run can screen it again after a
 * rules change without the exports it came from.
 *
 * <p>Format: gzip-compressed JSON lines, UTF-8, one record a line:
 * {@code {"record_id": ID, "screened": SCREENED_RECORD}}, where {@code record_id} is the record's
 * id in the run's CSV files (the earlier id, for a record matched to a previous run) and
 * {@code screened} is the record as the rules screened it: the whole {@link
 * org.litsieve.model.BibRecord} (keywords, subject headings, publication types, provenance…), the
 * automatic decision, stage and reason, and the matched blocks and tags with their evidence.
 * Human decisions are not in it (they are in {@code decisions.csv}). {@code record_id} is the
 * first key, so a reader can pick lines by id without parsing the rest. Compressed at the fastest
 * level: a history of 100,000 records is written in about a second.
 *
 * <p>Failure behaviour: {@link #forEach} throws {@link IOException} naming the file and line when
 * a line is not a record written by {@link #line}, or the file is not gzip.
 */
public final class RecordStore {
  /** The file's name in a run folder. */
  public static final String FILE = "records.jsonl.gz";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One stored line, for reading. */
  record Line(@com.fasterxml.jackson.annotation.JsonProperty("record_id") String recordId,
      ScreenedRecord screened) {}

  /** Receives the lines of a store. */
  @FunctionalInterface
  public interface LineVisitor {
    /** {@code line} is the stored JSON text of the record {@code recordId}, without line end. */
    void visit(String recordId, String line) throws IOException;
  }

  private RecordStore() {}

  /** The stored line of {@code s} (its id is {@code s.recordId()}), without line end. */
  public static String line(ScreenedRecord s) {
    try {
      String record = ReportRecords.line(s);
      return "{\"record_id\":" + JSON.writeValueAsString(s.recordId()) + ",\"screened\":"
          + record.substring(0, record.length() - 1) + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record " + s.recordId() + " as JSON", e);
    }
  }

  /** The record of a stored line. */
  public static ScreenedRecord parse(String line) throws JsonProcessingException {
    Line l = JSON.readValue(line, Line.class);
    if (l.screened() == null || l.recordId() == null) {
      throw new com.fasterxml.jackson.core.JsonParseException(null, "no record_id or screened record");
    }
    return l.screened();
  }

  /** The record id of a stored line, read from its first key without parsing the rest. */
  static String recordId(String line) throws IOException {
    try (JsonParser p = JSON.getFactory().createParser(line)) {
      if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
          && "record_id".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
        return p.getText();
      }
    }
    throw new JsonProcessingException("the line does not start with {\"record_id\": ...") {};
  }

  /** Visits every line of {@code file} in file order; blank lines are skipped. */
  public static void forEach(Path file, LineVisitor visitor) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String id;
        try {
          id = recordId(line);
        } catch (IOException e) {
          throw new IOException(file + ":" + n + ": not a stored record: " + e.getMessage(), e);
        }
        visitor.visit(id, line);
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + ": not a gzip file: " + e.getMessage(), e);
    }
  }

  /** Opens {@code file} for writing (replacing it). */
  public static StoreWriter writer(Path file) throws IOException {
    return new StoreWriter(file);
  }

  /** Writes a store, one record a line, in the order they are added. */
  public static final class StoreWriter implements Closeable {
    private final Writer out;
    private long count;

    private StoreWriter(Path file) throws IOException {
      OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      };
      out = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Adds {@code s} under its own record id. */
    public void add(ScreenedRecord s) throws IOException {
      addLine(line(s));
    }

    /** Adds a line read from another store by {@link #forEach}. */
    public void addLine(String line) throws IOException {
      out.write(line);
      out.write('\n');
      count++;
    }

    /** How many records were added. */
    public long count() {
      return count;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
