package org.litsieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Cuts a large export file into splits at record boundaries, so that the splits can be parsed in
 * parallel ({@link ReadExports}) and give exactly the records, rejects and report of one parse of
 * the whole file. Plain Java.
 *
 * <p>A file is split only when all of these hold: its format's parser says where records start
 * ({@link ExportParser#splitPoints}: RIS and MEDLINE so far); it is UTF-8 (with or without a BOM),
 * not compressed; it is at least two splits long; and no line ends with a lone carriage return
 * (old Mac line ends, which a line reader counts as lines but a byte scan would not). Otherwise
 * the plan is null and the file is parsed whole, as before.
 *
 * <p>{@link #plan} reads the file once: it hashes it (SHA-256, for the file's report), counts its
 * lines, and asks the format's {@link SplitPoints} at each line whether a split may begin there,
 * cutting at the first such line once a split has reached the target size.
 *
 * <p>Failure behaviour: only an {@link IOException} reading the stream is thrown.
 */
public final class FileSplits {
  /** The size a split grows to before it is cut at the next record start: 32 MiB. */
  public static final long TARGET_BYTES = 32L << 20;

  /** The encodings whose bytes {@link #plan} can cut at line ends. */
  static final Set<String> SPLITTABLE_ENCODINGS = Set.of("UTF-8", "UTF-8 (BOM)");

  private FileSplits() {}

  /**
   * One split: bytes {@code [start, end)} of the file, whose first line is the file's line
   * {@code linesBefore + 1}. The first split starts at 0 (any byte-order mark included).
   */
  public record Split(int index, long start, long end, long linesBefore) {}

  /**
   * How a file is cut.
   *
   * @param format the parser's id
   * @param encoding the encoding's label, as {@link TextDecoding} reports it
   * @param sha256 the file's SHA-256, lower-case hex
   * @param bytes the file's size
   * @param splits two or more splits, in file order, covering the file
   */
  public record Plan(String format, String encoding, String sha256, long bytes, List<Split> splits) {}

  /**
   * Whether a file detected as {@code detection} may be split: its parser knows record starts and
   * its encoding is one whose line ends can be found in the bytes.
   */
  public static boolean splittable(ExportReader.Detection detection) {
    return detection.parser().isPresent() && detection.parser().get().splitPoints() != null
        && SPLITTABLE_ENCODINGS.contains(detection.encoding());
  }

  /**
   * Plans the splits of the file read from {@code raw} (from its first byte), which was detected
   * as {@code parser} in {@code encoding}; null when it should be parsed whole (see the class
   * comment). The caller closes {@code raw}.
   */
  public static Plan plan(InputStream raw, ExportParser parser, String encoding, long targetBytes)
      throws IOException {
    SplitPoints points = parser.splitPoints();
    if (points == null || !SPLITTABLE_ENCODINGS.contains(encoding)) {
      return null;
    }
    MessageDigest sha = sha256();
    List<Split> splits = new ArrayList<>();
    byte[] buf = new byte[1 << 20];
    byte[] head = new byte[SplitPoints.HEAD_BYTES]; // the current line's first bytes
    int lineLength = 0; // the current line's bytes so far, its line end not included
    boolean blank = true; // the current line so far is spaces and tabs only
    boolean cr = false; // the byte before was a carriage return
    long lineStart = 0;
    long lines = 0;
    long offset = 0;
    long splitStart = 0;
    long splitLinesBefore = 0;
    int n;
    while ((n = raw.read(buf)) > 0) {
      sha.update(buf, 0, n);
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (cr && b != '\n') {
          return null; // a lone CR ends a line for the parser: byte offsets and lines would disagree
        }
        cr = b == '\r';
        if (b == '\n') {
          boolean at = points.startsSplit(head, Math.min(lineLength, head.length), blank);
          if (at && lineStart - splitStart >= targetBytes) {
            splits.add(new Split(splits.size(), splitStart, lineStart, splitLinesBefore));
            splitStart = lineStart;
            splitLinesBefore = lines;
          }
          lines++;
          lineStart = offset + i + 1;
          lineLength = 0;
          blank = true;
        } else if (!cr) {
          if (lineLength < head.length) {
            head[lineLength] = b;
          }
          lineLength++;
          blank &= b == ' ' || b == '\t';
        }
      }
      offset += n;
    }
    if (cr) {
      return null;
    }
    splits.add(new Split(splits.size(), splitStart, offset, splitLinesBefore));
    if (splits.size() < 2) {
      return null;
    }
    return new Plan(parser.id(), encoding, HexFormat.of().formatHex(sha.digest()), offset, List.copyOf(splits));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
