package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

/**
 * Reads one whole export file: hashes it, detects its encoding and format, parses it and reports
 * on it. Plain Java, shared by the pipeline ({@link ReadExports}), {@code inspect} and the
 * benchmarks. For a large file cut by {@link FileSplits}, {@link #readSplit} parses one part and
 * {@link #report} makes the file's report from the parts' tallies, as {@link #read} would.
 *
 * <p>Failure behaviour: an empty, binary or unrecognised file, or a parser that fails part-way,
 * gives one {@link Rejected} entry at position 0 naming the file and the reason; records already
 * parsed are kept. Only an I/O error reading the stream itself is thrown.
 */
public final class ExportReader {
  /** Format id reported for files no parser recognises. */
  public static final String UNKNOWN = "unknown";

  private ExportReader() {}

  /**
   * What detection found at the start of a file.
   *
   * @param parser the chosen parser, if any scored above 0
   * @param encoding the encoding's label
   * @param binary whether the file is binary
   * @param empty whether it is empty or blank
   * @param choice every parser's score and the indentation removed (null for an empty or binary
   *     file)
   */
  public record Detection(Optional<ExportParser> parser, String encoding, boolean binary, boolean empty,
      ExportFormats.Choice choice) {
    /** Why the file was read as it was, for {@code inspect}: the scores, best first. */
    public String explain() {
      if (binary) {
        return "binary file: no format tried";
      }
      if (empty || choice == null) {
        return "empty file: no format tried";
      }
      return choice.explain();
    }
  }

  /** Detects the encoding and format of the stream without parsing it. The caller closes {@code raw}. */
  public static Detection detect(InputStream raw) throws IOException {
    TextDecoding.Decoded decoded = TextDecoding.open(raw);
    if (decoded.empty() || decoded.binary()) {
      return new Detection(Optional.empty(), decoded.label(), decoded.binary(), decoded.empty(), null);
    }
    String head = TextDecoding.head(decoded, TextDecoding.HEAD_BYTES);
    if (head.isBlank()) {
      return new Detection(Optional.empty(), decoded.label(), false, true, null);
    }
    ExportFormats.Choice choice = ExportFormats.choose(head);
    return new Detection(choice.parser(), decoded.label(), false, false, choice);
  }

  /**
   * Parses {@code raw} completely, sending records and rejects to {@code sink}, and returns the
   * file's report. The caller closes {@code raw}.
   */
  public static FileReport read(String sourceFile, InputStream raw, ParseSink sink) throws IOException {
    MessageDigest sha = sha256();
    CountingInputStream counted = new CountingInputStream(new DigestInputStream(raw, sha));
    TextDecoding.Decoded decoded = TextDecoding.open(counted);
    Tally tally = new Tally(sink);
    String format = UNKNOWN;
    if (decoded.empty()) {
      tally.reject(new Rejected(sourceFile, 0, 0, "empty file: no records", ""));
    } else if (decoded.binary()) {
      tally.reject(new Rejected(sourceFile, 0, 0,
          "binary file, not a text export (formats read: " + ExportFormats.names() + ")", ""));
    } else {
      String head = TextDecoding.head(decoded, TextDecoding.HEAD_BYTES);
      ExportFormats.Choice choice = head.isBlank() ? null : ExportFormats.choose(head);
      Optional<ExportParser> parser = choice == null ? Optional.empty() : choice.parser();
      if (head.isBlank()) {
        tally.reject(new Rejected(sourceFile, 0, 0, "empty file: only blank lines", ""));
      } else if (parser.isEmpty()) {
        tally.reject(new Rejected(sourceFile, 0, 1,
            "unknown format (tried: " + ExportFormats.names() + ")", head));
      } else {
        format = parser.get().id();
        if (choice.indent() > 0) {
          tally.warning("every line is indented by " + choice.indent()
              + (choice.indent() == 1 ? " space" : " spaces") + " (copied from a screen?): read without it");
        }
        Reader decodedText = Indent.reader(
            TextDecoding.reader(decoded, tally), choice.indent());
        RecordStarts starts = RecordStarts.of(decodedText, format);
        BufferedReader text = new CappedLineReader(starts == null ? decodedText : starts, tally);
        try {
          parser.get().parse(text, sourceFile, tally);
        } catch (RuntimeException e) {
          tally.reject(new Rejected(sourceFile, 0, 0,
              parser.get().displayName() + " parser failed after " + tally.records
                  + " records: " + e, ""));
        }
        char[] rest = new char[8192];
        while (text.read(rest) >= 0) {
          // read what the parser left, so that every record start is counted
        }
        Sanity.check(sourceFile, parser.get(), starts, tally);
      }
    }
    if (decoded.label().endsWith("windows-1252") && !format.equals(UNKNOWN)) {
      tally.warning("not UTF-8 and no byte-order mark or declared encoding: read as windows-1252");
    }
    decoded.body().transferTo(OutputStream.nullOutputStream()); // hash the whole file
    return new FileReport(sourceFile, format, decoded.label(),
        HexFormat.of().formatHex(sha.digest()), counted.count, tally.records, tally.rejected,
        tally.warnings());
  }

  /**
   * What parsing one split of a file counted ({@link #readSplit}); the splits' tallies, in file
   * order, make the file's report ({@link #report}).
   *
   * @param records records parsed
   * @param rejected records rejected
   * @param lastPosition the highest record position the split's parser used (positions in a
   *     split count from 1), so that the next split's positions follow on
   * @param noAbstract records without an abstract
   * @param noYear records without a year
   * @param oddYear records with a year outside 1800-2100
   * @param noAuthors records without authors
   * @param notes the first {@value Tally#MAX_NOTES} warnings, in order
   * @param moreNotes how many warnings followed those
   */
  public record SplitTally(long records, long rejected, long lastPosition, long noAbstract, long noYear,
      long oddYear, long noAuthors, List<String> notes, long moreNotes) {}

  /**
   * Parses one split of a file ({@link FileSplits}) with {@code parser}: {@code raw} holds the
   * split's bytes, UTF-8, a byte-order mark included for the first split. Records and rejects go
   * to {@code sink} with positions and lines counted from the split's start (the caller adds the
   * earlier splits' counts); long-line warnings name the file's line numbers. The caller closes
   * {@code raw}.
   */
  public static SplitTally readSplit(String sourceFile, InputStream raw, ExportParser parser,
      long linesBefore, ParseSink sink) throws IOException {
    java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
    in.mark(3);
    byte[] bom = in.readNBytes(3);
    if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
      in.reset();
    }
    Tally tally = new Tally(sink);
    BufferedReader text = new CappedLineReader(
        new InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), tally, linesBefore);
    try {
      parser.parse(text, sourceFile, tally);
    } catch (RuntimeException e) {
      tally.reject(new Rejected(sourceFile, 0, 0,
          parser.displayName() + " parser failed after " + tally.records + " records of a part of the file"
              + " starting at line " + (linesBefore + 1) + ": " + e, ""));
    }
    return new SplitTally(tally.records, tally.rejected, tally.lastPosition, tally.noAbstract,
        tally.noYear, tally.oddYear, tally.noAuthors, List.copyOf(tally.notes), tally.moreNotes);
  }

  /**
   * The report of a file read in splits: what its plan found (format, encoding, SHA-256, size)
   * and the splits' tallies, in file order.
   */
  public static FileReport report(String sourceFile, String format, String encoding, String sha256,
      long bytes, List<SplitTally> tallies) {
    Tally all = new Tally(new ParseSink() {
      @Override
      public void record(BibRecord record) {}

      @Override
      public void reject(Rejected rejected) {}
    });
    for (SplitTally t : tallies) {
      all.records += t.records();
      all.rejected += t.rejected();
      all.noAbstract += t.noAbstract();
      all.noYear += t.noYear();
      all.oddYear += t.oddYear();
      all.noAuthors += t.noAuthors();
      t.notes().forEach(all::warning);
      all.moreNotes += t.moreNotes();
    }
    return new FileReport(sourceFile, format, encoding, sha256, bytes, all.records, all.rejected,
        all.warnings());
  }

  /** A SHA-256 digest, as every file report hashes its file. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static final class CountingInputStream extends java.io.FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // read rather than skip, so that skipped bytes are hashed too
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }
  }
}
