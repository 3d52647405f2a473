package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.VarInt;

/**
 * Small, deterministic wire primitives shared by the model's coders: var-int lengths followed by
 * UTF-8 bytes. Strings are never null on the wire (the model stores missing text as "").
 */
final class Codec {
  private Codec() {}

  static void writeString(String s, OutputStream out) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    VarInt.encode(bytes.length, out);
    out.write(bytes);
  }

  /** Strings up to this many bytes are read through the thread's scratch buffer. */
  private static final int SCRATCH_MAX = 1 << 16;
  // (records are decoded several times in a run, about twenty strings each: reading each into a
  // new array, only to copy it into the String, was a third of the decoding's samples)
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

  static String readString(InputStream in) throws IOException {
    int length = VarInt.decodeInt(in);
    if (length >= 0 && length <= SCRATCH_MAX) {
      byte[] scratch = SCRATCH.get();
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, Math.min(SCRATCH_MAX, 2 * scratch.length))];
        SCRATCH.set(scratch);
      }
      int read = in.readNBytes(scratch, 0, length);
      if (read != length) {
        throw new IOException("truncated string: expected " + length + " bytes, got " + read);
      }
      return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("truncated string: expected " + length + " bytes, got " + bytes.length);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeInt(int value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  static int readInt(InputStream in) throws IOException {
    return VarInt.decodeInt(in);
  }

  static void writeLong(long value, OutputStream out) throws IOException {
    VarInt.encode(value, out);
  }

  static long readLong(InputStream in) throws IOException {
    return VarInt.decodeLong(in);
  }

  static void writeBoolean(boolean value, OutputStream out) throws IOException {
    out.write(value ? 1 : 0);
  }

  static boolean readBoolean(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("truncated boolean");
    }
    return b == 1;
  }

  static void writeStrings(List<String> values, OutputStream out) throws IOException {
    VarInt.encode(values.size(), out);
    for (String v : values) {
      writeString(v, out);
    }
  }

  static List<String> readStrings(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(readString(in));
    }
    return values;
  }

  /** A row's cells in their order: the count, then each column and value (null values as ""). */
  static void writeCells(Map<String, String> cells, OutputStream out) throws IOException {
    VarInt.encode(cells.size(), out);
    for (Map.Entry<String, String> e : cells.entrySet()) {
      writeString(e.getKey(), out);
      writeString(nonNull(e.getValue()), out);
    }
  }

  static Map<String, String> readCells(InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      cells.put(readString(in), readString(in));
    }
    return cells;
  }

  interface Writer<T> {
    void write(T value, OutputStream out) throws IOException;
  }

  interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  static <T> void writeList(List<T> values, Writer<T> writer, OutputStream out) throws IOException {
    VarInt.encode(values.size(), out);
    for (T v : values) {
      writer.write(v, out);
    }
  }

  static <T> List<T> readList(Reader<T> reader, InputStream in) throws IOException {
    int n = VarInt.decodeInt(in);
    List<T> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(reader.read(in));
    }
    return values;
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  static List<String> copy(List<String> values) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(nonNull(v));
    }
    return List.copyOf(out);
  }
}
