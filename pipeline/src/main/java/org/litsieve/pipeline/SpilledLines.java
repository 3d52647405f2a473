package org.litsieve.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.litsieve.output.OutputFiles;

/**
 * The record store's lines set aside in hidden files of the output folder while {@link WriteStore}
 * plans where they go, so that the runner carries a small reference per line instead of the line.
 *
 * <p>Why: a stored line is the whole record (about 2-3 KB), and it waits from the moment the
 * record is screened until the store's layout is planned, which needs every record of the run. On
 * the DirectRunner everything that waits is held in memory, encoded once per grouping it passes:
 * with the lines held there, a first run of 1,000,000 records ran out of the default heap, and
 * set aside it finishes in it (docs/performance.md, tenth session). Written once to a file as they
 * are made, they cost one write and one read each.
 *
 * <p>Files: {@code PREFIX + "lines-" + a random token}, one per bundle that writes lines, through
 * Beam's {@code FileSystems} (any file system the output folder can be on; reading needs one whose
 * channels can seek, as the local one and the cloud stores' can). A retried bundle writes a new
 * file, and the references it gave replace the failed attempt's. {@link #deleteAll} removes them
 * all, the failed attempts' too.
 */
final class SpilledLines {
  private SpilledLines() {}

  /** Where a line was set aside: the file's name in the output folder, its first byte, its length. */
  record Ref(String file, long offset, int length) {}

  /** Sets lines aside for one bundle; the file is made at the first line. Not thread-safe. */
  static final class Writer implements AutoCloseable {
    private final String directory;
    private final String prefix;
    private String name;
    private OutputStream out;
    private long at;

    Writer(String directory, String prefix) {
      this.directory = directory;
      this.prefix = prefix;
    }

    /** Writes {@code line} (UTF-8) and says where it is. */
    Ref write(String line) throws IOException {
      if (out == null) {
        name = prefix + "lines-" + UUID.randomUUID();
        out = new BufferedOutputStream(OutputFiles.create(directory, name), 1 << 16);
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      out.write(bytes);
      Ref ref = new Ref(name, at, bytes.length);
      at += bytes.length;
      return ref;
    }

    /** Closes the file: before the bundle's references can reach a reader. */
    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
        out = null;
      }
    }
  }

  /** Reads set-aside lines back, keeping each file it opened open until closed. Not thread-safe. */
  static final class Reader implements AutoCloseable {
    private final String directory;
    private final Map<String, SeekableByteChannel> open = new HashMap<>();

    Reader(String directory) {
      this.directory = directory;
    }

    /**
     * Copies the line at {@code ref} to {@code to}.
     *
     * @throws IOException when the file is gone, cannot seek, or ends before the line does
     */
    void copy(Ref ref, OutputStream to) throws IOException {
      SeekableByteChannel channel = open.get(ref.file());
      if (channel == null) {
        ResourceId file = OutputFiles.resolve(directory, ref.file());
        ReadableByteChannel c = FileSystems.open(file);
        if (!(c instanceof SeekableByteChannel seekable)) {
          c.close();
          throw new IOException(file + ": the record store's set-aside lines need a file system that can seek");
        }
        channel = seekable;
        open.put(ref.file(), channel);
      }
      ByteBuffer buf = ByteBuffer.allocate(ref.length());
      channel.position(ref.offset());
      while (buf.hasRemaining()) {
        if (channel.read(buf) < 0) {
          throw new IOException(OutputFiles.resolve(directory, ref.file()) + ": ends inside a set-aside line at byte "
              + ref.offset());
        }
      }
      to.write(buf.array());
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (SeekableByteChannel c : open.values()) {
        try {
          c.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      open.clear();
      if (first != null) {
        throw first;
      }
    }
  }

  /** Deletes every set-aside file of {@code prefix} in {@code directory}; none is not an error. */
  static void deleteAll(String directory, String prefix) throws IOException {
    OutputFiles.deleteStartingWith(directory, prefix + "lines-", rest -> true);
  }
}
