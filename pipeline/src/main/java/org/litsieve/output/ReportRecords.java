package org.litsieve.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.litsieve.model.Decision;
import org.litsieve.model.ScreenedRecord;

/**
 * The hand-over file between the pipeline and {@link RunReports}: {@value #FILE} holds the
 * records the report shows ({@link #wanted}), one {@link ScreenedRecord} as JSON per line, sorted
 * like the CSV rows. Unlike the CSV files it keeps every hit's offsets, which the report needs to highlight
 * matched words. The driver deletes it after the reports are written.
 *
 * <p>Failure behaviour: {@link #read} throws {@link IOException} naming the file and line when a
 * line is not a record written by {@link #line}.
 */
public final class ReportRecords {
  /** The file's name in the output folder (hidden: it is not an output). */
  public static final String FILE = ".report-records.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReportRecords() {}

  /**
   * Whether the report shows a record: included and review records, and records excluded at the
   * keyword stage (so a reviewer can check what an exclude block caught, highlighted). Records
   * that failed an eligibility criterion matched no query and are left out.
   */
  public static boolean wanted(ScreenedRecord s) {
    return s.decision() != Decision.EXCLUDE || ScreenedRecord.STAGE_KEYWORDS.equals(s.stage());
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

  /** Reads every record from {@code file} in file order; blank lines are skipped. */
  public static List<ScreenedRecord> read(Path file) throws IOException {
    List<ScreenedRecord> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parse(line));
        } catch (JsonProcessingException e) {
          throw new IOException(file + ":" + n + ": not a screened record: " + e.getOriginalMessage(), e);
        }
      }
    }
    return out;
  }
}
