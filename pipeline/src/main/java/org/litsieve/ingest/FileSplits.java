package org.litsieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
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
 * lines, and shows each line to the format's {@link SplitPoints}, which counts the records the
 * parser will start and says where a split may begin; it cuts at the first such line once a
 * split has reached the target size. So each split knows, before any parsing, the line and the
 * record position it starts at, and its records are numbered as they are parsed.
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
   * {@code linesBefore + 1} and whose first record is the file's record {@code positionsBefore +
   * 1}; it starts {@code positions} records. The first split starts at 0 (any byte-order mark
   * included).
   */
  public record Split(int index, long start, long end, long linesBefore, long positionsBefore, long positions) {}

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
        && SPLITTABLE_ENCODINGS.contains(detection.encoding())
        && (detection.choice() == null || detection.choice().indent() == 0); // indented: read whole
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
    MessageDigest sha = ExportReader.sha256();
    List<Split> splits = new ArrayList<>();
    byte[] buf = new byte[1 << 20];
    Line line = new Line();
    long skip = encoding.endsWith("(BOM)") ? 3 : 0; // the parser does not see the byte-order mark
    boolean cr = false; // the byte before was a carriage return
    long lineStart = 0;
    long lines = 0;
    long records = 0;
    long offset = 0;
    long splitStart = 0;
    long splitLines = 0;
    long splitRecords = 0;
    int n;
    while ((n = raw.read(buf)) > 0) {
      sha.update(buf, 0, n);
      for (int i = offset < skip ? (int) Math.min(n, skip - offset) : 0; i < n; i++) {
        byte b = buf[i];
        if (cr && b != '\n') {
          return null; // a lone CR ends a line for the parser: byte offsets and lines would disagree
        }
        cr = b == '\r';
        if (b == '\n') {
          int kind = points.line(line.head, Math.min(line.length, line.head.length), line.blank());
          if (kind == SplitPoints.CUT && lineStart - splitStart >= targetBytes) {
            splits.add(new Split(splits.size(), splitStart, lineStart, splitLines, splitRecords,
                records - splitRecords));
            splitStart = lineStart;
            splitLines = lines;
            splitRecords = records;
          }
          if (kind != SplitPoints.NONE) {
            records++;
          }
          lines++;
          lineStart = offset + i + 1;
          line.clear();
        } else if (!cr) {
          if (line.settled()) {
            // the rest of a long line cannot change what the split points see: find its end
            int j = i;
            while (j < n && buf[j] != '\n' && buf[j] != '\r') {
              j++;
            }
            line.length += j - i;
            i = j - 1;
          } else {
            line.add(b);
          }
        }
      }
      offset += n;
    }
    if (cr) {
      return null;
    }
    if (line.length > 0 && points.line(line.head, Math.min(line.length, line.head.length), line.blank())
        != SplitPoints.NONE) {
      records++; // a last line without a line end
    }
    splits.add(new Split(splits.size(), splitStart, offset, splitLines, splitRecords, records - splitRecords));
    if (splits.size() < 2) {
      return null;
    }
    return new Plan(parser.id(), encoding, HexFormat.of().formatHex(sha.digest()), offset, List.copyOf(splits));
  }

  /** The line being read: its first bytes, its length, and what is needed to tell if it is blank. */
  private static final class Line {
    final byte[] head = new byte[SplitPoints.HEAD_BYTES];
    int length;
    /** Whether an ASCII byte that is not white space was seen: the line is not blank. */
    boolean text;
    /**
     * Until {@link #text}, the line's non-ASCII bytes (UTF-8 sequences are made of such bytes
     * only), decoded to decide whether they are white space; ASCII white space needs no decoding.
     */
    byte[] unsure = new byte[16];
    int unsureLength;

    void add(byte b) {
      if (length < head.length) {
        head[length] = b;
      }
      length++;
      if (text) {
        return;
      }
      if (b >= 0) {
        text = !(b == ' ' || (b >= 9 && b <= 13) || (b >= 28 && b <= 31)); // Character.isWhitespace, ASCII
        return;
      }
      if (unsureLength == unsure.length) {
        unsure = java.util.Arrays.copyOf(unsure, unsure.length * 2);
      }
      unsure[unsureLength++] = b;
    }

    /** Whether the line's head is full and it is known not to be blank: its other bytes do not matter. */
    boolean settled() {
      return text && length >= head.length;
    }

    /** As {@link String#isBlank} on the decoded line. */
    boolean blank() {
      return !text && (unsureLength == 0
          || new String(unsure, 0, unsureLength, java.nio.charset.StandardCharsets.UTF_8).isBlank());
    }

    void clear() {
      length = 0;
      text = false;
      unsureLength = 0;
    }
  }
}
