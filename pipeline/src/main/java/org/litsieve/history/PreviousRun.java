package org.litsieve.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.litsieve.model.OutputFile;

/**
 * An earlier litsieve output folder, read as the history of a living review.
 *
 * <p>Input: a folder with {@code manifest.json} (tool {@code litsieve}, a compatible version:
 * same major version, and for 0.x the same minor version, or a development build),
 * {@code included.csv}, {@code review.csv} and {@code excluded.csv}; {@code decisions.csv} is read
 * when present. Rows without {@code first_seen} (a run made before living reviews existed) get the
 * folder's run id.
 *
 * <p>Failure behaviour: {@link NotARunException} with a message for the user when the folder is
 * not a litsieve run, is from an incompatible version, misses a file, or holds a screened row whose
 * decision is not include, review or exclude (file, row and record named); nothing is written.
 *
 * @param dir the folder
 * @param runId the run's id ({@code run_id} in the manifest, else {@code started})
 * @param rulesSha256 the SHA-256 of the rules file the run used
 * @param rows every screened row of the run (included, review and excluded); none when read by
 *     {@link #check}
 * @param decisions the human decisions the run carried ({@code decisions.csv}), possibly empty
 */
public record PreviousRun(Path dir, String runId, String rulesSha256,
    List<Map<String, String>> rows, List<Map<String, String>> decisions) {

  /** The screened files of a run. */
  public static final List<String> SCREENED_FILES = OutputFile.SCREENED.stream().map(OutputFile::fileName).toList();

  /** The decisions a screened row can hold. */
  private static final java.util.Set<String> DECISIONS = java.util.Set.of("include", "review", "exclude");

  /** Thrown when a folder cannot be used as a previous run; the message is for the user. */
  public static final class NotARunException extends Exception {
    public NotARunException(String message) {
      super(message);
    }
  }

  /** Reads {@code dir}, checking that its manifest comes from a version compatible with {@code toolVersion}. */
  public static PreviousRun read(Path dir, String toolVersion) throws NotARunException, IOException {
    return read(dir, toolVersion, true);
  }

  /**
   * As {@link #read}, every row checked the same way and none kept: {@link #rows} is empty. For a
   * run that reads the rows again inside its pipeline, so that the driver does not hold the whole
   * history in memory while the pipeline runs (the same failures, before any work).
   */
  public static PreviousRun check(Path dir, String toolVersion) throws NotARunException, IOException {
    return read(dir, toolVersion, false);
  }

  private static PreviousRun read(Path dir, String toolVersion, boolean keepRows)
      throws NotARunException, IOException {
    if (!Files.isDirectory(dir)) {
      throw new NotARunException("--previous " + dir + ": no such folder");
    }
    Path manifestFile = dir.resolve(OutputFile.MANIFEST_JSON.fileName());
    if (!Files.isRegularFile(manifestFile)) {
      throw new NotARunException("--previous " + dir
          + ": not a litsieve run (no manifest.json; give the output folder of an earlier screen run)");
    }
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(manifestFile.toFile());
    } catch (IOException e) {
      throw new NotARunException("--previous " + dir + ": manifest.json is not valid JSON");
    }
    if (manifest == null || !"litsieve".equals(manifest.path("tool").asText())) {
      throw new NotARunException("--previous " + dir + ": manifest.json was not written by litsieve");
    }
    String version = manifest.path("version").asText("");
    if (!compatible(version, toolVersion)) {
      throw new NotARunException("--previous " + dir + ": made by litsieve " + version
          + ", which this version (" + toolVersion + ") cannot continue; re-run the earlier searches"
          + " with this version first");
    }
    String runId = manifest.path("run_id").asText(manifest.path("started").asText(""));
    if (runId.isEmpty()) {
      throw new NotARunException("--previous " + dir + ": manifest.json has no run_id or started time");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (String name : SCREENED_FILES) {
      Path f = dir.resolve(name);
      if (!Files.isRegularFile(f)) {
        throw new NotARunException("--previous " + dir + ": " + name + " is missing");
      }
      String noColumns = "--previous " + dir + ": " + name + " has no record_id/decision columns";
      long[] n = {0};
      List<String> header;
      try {
        header = CsvTable.forEachRow(f, (columns, row) -> {
          if (n[0]++ == 0 && (!columns.contains("record_id") || !columns.contains("decision"))) {
            throw new Unusable(noColumns);
          }
          String wrong = unknownDecision(dir.toString(), name, n[0], row);
          if (wrong != null) {
            throw new Unusable(wrong);
          }
          if (keepRows) {
            row.putIfAbsent("first_seen", runId);
            if (row.get("first_seen").isEmpty()) {
              row.put("first_seen", runId);
            }
            rows.add(row);
          }
        });
      } catch (Unusable e) {
        throw new NotARunException(e.getMessage());
      }
      if (!header.contains("record_id") || !header.contains("decision")) {
        throw new NotARunException(noColumns);
      }
    }
    List<Map<String, String>> decisions = new ArrayList<>();
    Path d = dir.resolve(OutputFile.DECISIONS_CSV.fileName());
    if (Files.isRegularFile(d)) {
      decisions.addAll(CsvTable.read(d).rows());
    }
    return new PreviousRun(dir, runId, manifest.path("rules").path("sha256").asText(""), rows, decisions);
  }

  /**
   * The check every reader of a previous run's screened files makes on each row (here and in the
   * pipeline's own read): a row whose decision is not include, review or exclude would go to no
   * screened file of the next run, the paper lost without a word, so the run stops and says where.
   *
   * @param dir the previous run's folder, as the user gave it
   * @param fileName the screened file's name
   * @param row the row's number in the file, 1 for the first row after the header
   * @param cells the row
   * @return null when the decision is one of the three, else the message for the user naming the
   *     file, the row and the record
   */
  public static String unknownDecision(String dir, String fileName, long row, Map<String, String> cells) {
    String decision = cells.get("decision");
    if (DECISIONS.contains(decision)) {
      return null;
    }
    return "--previous " + dir + ": " + fileName + ", row " + row + " (record " + cells.get("record_id")
        + "): decision \"" + decision
        + "\" is not include, review or exclude; correct it or give the run's folder as litsieve wrote it";
  }

  /** A reason the folder cannot be used, found while its rows are read (a {@link NotARunException} after). */
  private static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  /** Same major version (and same minor for 0.x); "dev" and "unknown" builds are compatible with anything. */
  static boolean compatible(String previous, String current) {
    if (previous.isEmpty()) {
      return false;
    }
    if (isDev(previous) || isDev(current)) {
      return true;
    }
    String[] a = previous.split("[.-]");
    String[] b = current.split("[.-]");
    if (a.length < 2 || b.length < 2 || !a[0].equals(b[0])) {
      return false;
    }
    return !a[0].equals("0") || a[1].equals(b[1]);
  }

  private static boolean isDev(String v) {
    return v.equals("dev") || v.equals("unknown");
  }
}
