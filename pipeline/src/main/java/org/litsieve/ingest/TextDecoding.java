package org.litsieve.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Works out how to turn an export's bytes into text: gzip, byte-order marks, UTF-8 or
 * windows-1252, and whether the file is text at all.
 *
 * <p>Rules, in order: gzip magic bytes are unwrapped first; a UTF-8, UTF-16 LE or UTF-16 BE
 * byte-order mark decides the charset (and is skipped); a file whose first {@value #HEAD_BYTES}
 * bytes hold NUL bytes or many control characters is binary; bytes that decode as strict UTF-8 are
 * UTF-8; anything else is read as windows-1252, which every byte sequence decodes in.
 */
public final class TextDecoding {
  /** How many bytes are examined to choose the charset and to sniff the format. */
  public static final int HEAD_BYTES = 64 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  /** The decision for one file. */
  public record Decoded(InputStream body, Charset charset, String label, boolean binary, boolean empty) {}

  /**
   * Examines the start of {@code raw} and returns the stream to read from (positioned after any
   * BOM, gunzipped where needed) with its charset. The caller closes {@code raw}.
   */
  public static Decoded open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, HEAD_BYTES + 16);
    byte[] head = peek(in, HEAD_BYTES);
    String prefix = "";
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), HEAD_BYTES + 16);
      head = peek(in, HEAD_BYTES);
      prefix = "gzip, ";
    }
    if (head.length == 0) {
      return new Decoded(in, StandardCharsets.UTF_8, prefix + "UTF-8", false, true);
    }
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      in.skipNBytes(3);
      return new Decoded(in, StandardCharsets.UTF_8, prefix + "UTF-8 (BOM)", false, head.length == 3);
    }
    if (startsWith(head, 0xFF, 0xFE)) {
      in.skipNBytes(2);
      return new Decoded(in, StandardCharsets.UTF_16LE, prefix + "UTF-16LE (BOM)", false, head.length == 2);
    }
    if (startsWith(head, 0xFE, 0xFF)) {
      in.skipNBytes(2);
      return new Decoded(in, StandardCharsets.UTF_16BE, prefix + "UTF-16BE (BOM)", false, head.length == 2);
    }
    if (looksBinary(head)) {
      return new Decoded(in, StandardCharsets.ISO_8859_1, prefix + "binary", true, false);
    }
    if (isUtf8(head)) {
      return new Decoded(in, StandardCharsets.UTF_8, prefix + "UTF-8", false, false);
    }
    return new Decoded(in, WINDOWS_1252, prefix + "windows-1252", false, false);
  }

  /** Decodes up to {@code bytes} bytes of {@code decoded}'s body without consuming them. */
  public static String head(Decoded decoded, int bytes) throws IOException {
    BufferedInputStream in = (BufferedInputStream) decoded.body();
    byte[] head = peek(in, bytes);
    CharsetDecoder decoder = decoded.charset().newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return decoder.decode(ByteBuffer.wrap(head)).toString();
  }

  private static byte[] peek(BufferedInputStream in, int bytes) throws IOException {
    in.mark(bytes + 1);
    byte[] head = in.readNBytes(bytes);
    in.reset();
    return head;
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** NUL bytes, or more than 5% control characters other than tab, CR, LF and form feed. */
  static boolean looksBinary(byte[] head) {
    int control = 0;
    for (byte b : head) {
      int c = b & 0xff;
      if (c == 0) {
        return true;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        control++;
      }
    }
    return control > head.length / 20;
  }

  /** Strict UTF-8 check that tolerates a multi-byte sequence cut off at the end of the head. */
  static boolean isUtf8(byte[] head) {
    int end = head.length;
    // drop a trailing partial sequence (at most 3 bytes) so truncation is not mistaken for bad bytes
    int back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
      back++;
    }
    if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
      end = end - back - 1;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(Arrays.copyOf(head, end)));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
