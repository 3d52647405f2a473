package org.litsieve.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.ReportRecords;

/**
 * {@value #FILE}: every record of a run, whole, so that a later run can screen it again after a
 * rules change without the exports it came from; and its index {@value #INDEX}.
 *
 * <p>Format: gzip-compressed JSON lines, UTF-8, one record a line:
 * {@code {"record_id": ID, "screened": SCREENED_RECORD}}, where {@code record_id} is the record's
 * id in the run's CSV files (the earlier id, for a record matched to a previous run) and
 * {@code screened} is the record as the rules screened it: the whole {@link
 * org.litsieve.model.BibRecord} (keywords, subject headings, publication types, provenance…), the
 * automatic decision, stage and reason, and the matched blocks and tags with their evidence.
 * Human decisions are not in it (they are in {@code decisions.csv}). {@code record_id} is the
 * first key, so a reader can pick lines by id without parsing the rest.
 *
 * <p>The file is a series of gzip members of at most {@value #MEMBER_RECORDS} records each (any
 * gzip reader, {@code zcat} included, reads it as one stream). {@value #INDEX} lists each
 * member's byte offset, length and record ids, so that a later run copies the members whose
 * records it carries forward unchanged byte for byte, instead of decompressing and compressing
 * the whole history again. The index is an accelerator only: when it is missing or does not
 * describe the file, readers fall back to reading the whole file.
 *
 * <p>Failure behaviour: {@link #forEach} throws {@link IOException} naming the file and line when
 * a line is not a record written by {@link #line}, or the file is not gzip or is cut short;
 * {@link #check} does the same for a whole file up front.
 */
public final class RecordStore {
  /** The file's name in a run folder. */
  public static final String FILE = org.litsieve.model.OutputFile.RECORDS_JSONL_GZ.fileName();
  /** The index's name in a run folder. */
  public static final String INDEX = org.litsieve.model.OutputFile.RECORDS_INDEX.fileName();
  /** Records per gzip member (system property {@code litsieve.recordStore.memberRecords}, for tests). */
  public static final int MEMBER_RECORDS = 32;

  static int memberRecords() {
    return Math.max(1, Integer.getInteger("litsieve.recordStore.memberRecords", MEMBER_RECORDS));
  }

  static final String INDEX_HEADER = "litsieve records index 1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One stored line, for reading. */
  record Line(@com.fasterxml.jackson.annotation.JsonProperty("record_id") String recordId,
      ScreenedRecord screened) {}

  /** One gzip member of the file: where it is, and the ids of its records in order. */
  public record Member(long offset, long length, List<String> ids) {}

  /** Receives the lines of a store. */
  @FunctionalInterface
  public interface LineVisitor {
    /** {@code line} is the stored JSON text of the record {@code recordId}, without line end. */
    void visit(String recordId, String line) throws IOException;
  }

  private RecordStore() {}

  /** The stored line of {@code s} (its id is {@code s.recordId()}), without line end. */
  public static String line(ScreenedRecord s) {
    return line(s.recordId(), ReportRecords.line(s));
  }

  /**
   * The stored line, without line end, of the record {@code recordId} whose hand-over line
   * ({@link ReportRecords#line}, with or without its line end) is {@code handOverLine}: the same
   * text {@link #line(ScreenedRecord)} writes for it, made without parsing the record.
   */
  public static String line(String recordId, String handOverLine) {
    String record = handOverLine.endsWith("\n")
        ? handOverLine.substring(0, handOverLine.length() - 1) : handOverLine;
    return linePrefix(recordId) + record + "}";
  }

  /** What a stored line holds before the hand-over line: {@code {"record_id":ID,"screened":}. */
  private static String linePrefix(String recordId) {
    try {
      return "{\"record_id\":" + JSON.writeValueAsString(recordId) + ",\"screened\":";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record id " + recordId + " as JSON", e);
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
    if (Files.size(file) == 0) {
      return; // a run without records: no members
    }
    org.litsieve.model.OutputSink.reading(file);
    try (InputStream in = Files.newInputStream(file)) {
      visit(file.toString(), 0, in, visitor);
    }
  }

  /** Visits the lines of one member of {@code file} (from {@link #index}). */
  public static void forEach(Path file, Member member, LineVisitor visitor) throws IOException {
    byte[] bytes = new byte[Math.toIntExact(member.length())];
    org.litsieve.model.OutputSink.reading(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      long pos = member.offset();
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new IOException(file + ": ends inside a member at byte " + pos);
        }
        pos += n;
      }
    }
    visit(file.toString(), member.offset(), new ByteArrayInputStream(bytes), visitor);
  }

  /**
   * Visits the lines of the store {@code spec} on any file system Beam knows ({@code FileSystems}):
   * the whole file when {@code member} is null, else that member only (the channel is moved to its
   * offset when the file system allows seeking, else read up to it).
   */
  public static void forEach(String spec, Member member, LineVisitor visitor) throws IOException {
    org.apache.beam.sdk.io.fs.ResourceId id = org.apache.beam.sdk.io.FileSystems.matchSingleFileSpec(spec).resourceId();
    try (java.nio.channels.ReadableByteChannel ch = org.apache.beam.sdk.io.FileSystems.open(id)) {
      if (member == null) {
        visit(spec, 0, new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch), 1 << 16),
            visitor);
        return;
      }
      InputStream in = java.nio.channels.Channels.newInputStream(ch);
      if (ch instanceof java.nio.channels.SeekableByteChannel seekable) {
        seekable.position(member.offset());
      } else {
        in.skipNBytes(member.offset());
      }
      byte[] bytes = in.readNBytes(Math.toIntExact(member.length()));
      if (bytes.length < member.length()) {
        throw new IOException(spec + ": ends inside a member at byte " + (member.offset() + bytes.length));
      }
      visit(spec, member.offset(), new ByteArrayInputStream(bytes), visitor);
    }
  }

  private static void visit(String file, long at, InputStream compressed, LineVisitor visitor) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(compressed, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
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
          throw new IOException(file + (at > 0 ? " (member at byte " + at + ")" : "") + ":" + n
              + ": not a stored record: " + e.getMessage(), e);
        }
        visitor.visit(id, line);
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + ": not a gzip file: " + e.getMessage(), e);
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": cut short (the gzip data ends early: " + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads all of {@code file} (decompressing every member and reading every line's record id)
   * without keeping anything, so that a damaged store of a previous run is found before a run
   * starts rather than after its pipeline.
   *
   * @throws IOException naming the file (and line) when it is not gzip, is cut short, or holds a
   *     line that is not a stored record
   */
  public static void check(Path file) throws IOException {
    forEach(file, (id, line) -> { });
  }

  /**
   * The members of {@code file} as its index ({@value #INDEX} beside it) lists them, or null when
   * there is no index or it does not describe the file (the members must cover it exactly).
   */
  public static List<Member> index(Path file) throws IOException {
    Path index = file.resolveSibling(INDEX);
    if (!Files.isRegularFile(index) || !Files.isRegularFile(file)) {
      return null;
    }
    org.litsieve.model.OutputSink.reading(index);
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(INDEX_HEADER)) {
      return null;
    }
    List<Member> members = new ArrayList<>();
    long next = 0;
    try {
      for (String l : lines.subList(1, lines.size())) {
        String[] parts = l.split(" ");
        if (parts.length < 3) {
          return null;
        }
        long offset = Long.parseLong(parts[0]);
        long length = Long.parseLong(parts[1]);
        if (offset != next || length <= 0) {
          return null;
        }
        members.add(new Member(offset, length, List.of(parts).subList(2, parts.length)));
        next = offset + length;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return next == Files.size(file) ? members : null;
  }

  /**
   * One member's bytes: {@code raw} (its lines, each ending in a line feed) as one gzip member,
   * deflated at the fastest level; the same bytes for the same lines, whoever writes the member.
   */
  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.length / 3 + 64);
    try (OutputStream z = new GZIPOutputStream(gz, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      z.write(raw);
    }
    return gz.toByteArray();
  }

  /**
   * Whether a record whose final decision is {@code decision} (a label) and stage {@code stage} is
   * part of the review's result: included, in review, or decided by reviewers. Such records are
   * shown again in every run, and stored in members of their own.
   */
  static boolean isResult(String decision, String stage) {
    return org.litsieve.model.Decision.valueOf(decision.toUpperCase(java.util.Locale.ROOT))
        != org.litsieve.model.Decision.EXCLUDE || ScreenedRecord.STAGE_HUMAN.equals(stage);
  }

  /** Whether {@code id} can be listed in the index (which separates ids by spaces). */
  static boolean indexable(String id) {
    return !id.isEmpty() && id.chars().noneMatch(Character::isWhitespace);
  }

  /** Appends the index's line for a member at {@code offset} of {@code length} bytes holding {@code ids}. */
  static void indexEntry(StringBuilder index, long offset, long length, List<String> ids) {
    index.append(offset).append(' ').append(length);
    for (String id : ids) {
      index.append(' ').append(id);
    }
    index.append('\n');
  }

  /** Opens {@code file} for writing (replacing it and its index). */
  public static StoreWriter writer(Path file) throws IOException {
    return new StoreWriter(file);
  }

  /**
   * Writes a store. Records are gathered into members of {@value #MEMBER_RECORDS}; records added
   * with {@code result = true} (included, in review, or decided by reviewers: the ones a later run
   * reads back to show) get members of their own, so the other members can be copied whole.
   * Members are compressed on a second thread while records are added, and written in the order
   * they were ended; the file is complete when {@link #close} returns.
   */
  public static final class StoreWriter implements Closeable {
    private final Path file;
    private final FileChannel out;
    /** Compresses members on a second thread while the caller goes on adding records. */
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "litsieve-store-gzip");
      t.setDaemon(true);
      return t;
    });
    /** Members being compressed, written in the order they were ended. */
    private final ArrayDeque<Future<Compressed>> compressing = new ArrayDeque<>();
    /** At most this many members wait in memory for the file. */
    private static final int MAX_COMPRESSING = 3;

    private record Compressed(byte[] gz, List<String> ids) {}
    private final StringBuilder index = new StringBuilder(INDEX_HEADER).append('\n');
    private final Pending result = new Pending();
    private final Pending other = new Pending();
    private final int memberRecords = memberRecords();
    private boolean indexable = true;
    private long count;

    private static final class Pending {
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
      final List<String> ids = new ArrayList<>();
    }

    private StoreWriter(Path file) throws IOException {
      this.file = file;
      Files.deleteIfExists(file.resolveSibling(INDEX));
      org.litsieve.model.OutputSink.opening(file.toAbsolutePath().normalize().toString());
      this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Adds {@code s} under its own record id. */
    public void add(ScreenedRecord s, boolean isResult) throws IOException {
      addLine(s.recordId(), line(s), isResult);
    }

    /** Adds a line read from another store by {@link #forEach}. */
    public void addLine(String id, String line, boolean isResult) throws IOException {
      Pending p = isResult ? result : other;
      p.bytes.write(line.getBytes(StandardCharsets.UTF_8));
      added(p, id);
    }

    /**
     * Adds the record {@code id} from its hand-over line ({@code ReportRecords.line}) given as
     * UTF-8 bytes {@code [from, from + length)} without its line end: the same stored line as
     * {@code addLine(id, line(id, handOverLine), isResult)}, copied without decoding.
     */
    public void addHandOverLine(String id, byte[] handOverLine, int from, int length, boolean isResult)
        throws IOException {
      Pending p = isResult ? result : other;
      p.bytes.write(linePrefix(id).getBytes(StandardCharsets.UTF_8));
      p.bytes.write(handOverLine, from, length);
      p.bytes.write('}');
      added(p, id);
    }

    private void added(Pending p, String id) throws IOException {
      p.bytes.write('\n');
      p.ids.add(id);
      if (!indexable(id)) {
        indexable = false;
      }
      count++;
      if (p.ids.size() >= memberRecords) {
        flush(p);
      }
    }

    /**
     * Ends the open members, so that records added after this do not share a member with those
     * added before (the carried-forward records of a later run then fill members of their own).
     */
    public void endMembers() throws IOException {
      flush(result);
      flush(other);
    }

    /** Copies one member of another store, byte for byte. */
    public void copy(Path from, Member m) throws IOException {
      drain(0);
      long offset = out.position();
      org.litsieve.model.OutputSink.reading(from);
      try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
        long done = 0;
        while (done < m.length()) {
          long n = in.transferTo(m.offset() + done, m.length() - done, out);
          if (n <= 0) {
            throw new IOException(from + ": ends inside a member at byte " + (m.offset() + done));
          }
          done += n;
        }
      }
      entry(offset, m.length(), m.ids());
      count += m.ids().size();
    }

    /** Ends the member {@code p} has gathered: compressed on the second thread, written in turn. */
    private void flush(Pending p) throws IOException {
      if (p.ids.isEmpty()) {
        return;
      }
      byte[] raw = p.bytes.toByteArray();
      List<String> ids = List.copyOf(p.ids);
      p.bytes.reset();
      p.ids.clear();
      compressing.add(compressor.submit(() -> new Compressed(gzip(raw), ids)));
      drain(MAX_COMPRESSING);
    }

    /** Writes compressed members, oldest first, until at most {@code left} are still pending. */
    private void drain(int left) throws IOException {
      while (compressing.size() > left) {
        Compressed c;
        try {
          c = compressing.remove().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while writing " + file);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException("cannot compress " + file, e.getCause());
        }
        long offset = out.position();
        ByteBuffer buf = ByteBuffer.wrap(c.gz());
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        entry(offset, c.gz().length, c.ids());
      }
    }

    private void entry(long offset, long length, List<String> ids) {
      indexEntry(index, offset, length, ids);
    }

    /** How many records were added. */
    public long count() {
      return count;
    }

    @Override
    public void close() throws IOException {
      try {
        flush(result);
        flush(other);
        drain(0);
      } finally {
        compressor.shutdownNow();
        out.close();
      }
      if (indexable) {
        org.litsieve.model.OutputSink.writeString(file.resolveSibling(INDEX), index.toString());
      }
    }
  }
}
