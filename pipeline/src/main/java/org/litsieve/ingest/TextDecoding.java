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
 * Works out how to turn an export's bytes into text: gzip, byte-order marks, UTF-8, UTF-16,
 * windows-1252, GBK and the other charsets a detector recognises, and whether the file is text
 * at all.
 *
 * <p>Input: the raw stream. Output: a {@link Decoded} holding the stream to read (gunzipped,
 * positioned after any BOM), the charset and a label for the import report. Rules, in order, over
 * the first {@value #HEAD_BYTES} bytes: gzip magic bytes are unwrapped first; a UTF-8, UTF-16 LE or
 * UTF-16 BE byte-order mark decides the charset (and is skipped); UTF-16 without a BOM is
 * recognised by its pattern of NUL bytes in every other position; the first bytes of a PDF, an
 * image or an Office file, or many NUL bytes or control characters, mean binary (a stray NUL is
 * not enough); bytes that decode as strict UTF-8 are UTF-8; an encoding the
 * file declares (an XML prolog's {@code encoding="…"} or JabRef's {@code % Encoding: …}) is used
 * when the bytes decode cleanly in it; high bytes that all pair up as GB2312/GBK double-byte
 * characters are GBK (read as GB18030, its superset); otherwise the juniversalchardet detector's
 * answer is used when it names a charset exports are written in, else windows-1252, which every
 * byte sequence decodes in.
 *
 * <p>Failure behaviour: never throws for content; only I/O errors of the stream propagate.
 */
public final class TextDecoding {
  /** How many bytes are examined to choose the charset and to sniff the format. */
  public static final int HEAD_BYTES = 64 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset GB18030 = Charset.forName("GB18030");

  /** Detector answers accepted as they are; any other answer (e.g. IBM855) falls back. */
  private static final java.util.Set<String> DETECTED_ACCEPTED = java.util.Set.of(
      "WINDOWS-1252", "ISO-8859-1", "GB18030", "BIG5", "EUC-JP", "SHIFT_JIS", "EUC-KR",
      "WINDOWS-1251", "KOI8-R", "ISO-8859-7", "WINDOWS-1253", "ISO-8859-8", "WINDOWS-1255",
      "ISO-8859-2", "WINDOWS-1250");

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
    Charset utf16 = utf16WithoutBom(head);
    if (utf16 != null) {
      return new Decoded(in, utf16, prefix + utf16.name() + " (no BOM)", false, false);
    }
    if (looksBinary(head)) {
      return new Decoded(in, StandardCharsets.ISO_8859_1, prefix + "binary", true, false);
    }
    if (isUtf8(head)) {
      return new Decoded(in, StandardCharsets.UTF_8, prefix + "UTF-8", false, false);
    }
    Charset declared = declared(head);
    if (declared != null && decodesStrictly(head, declared)) {
      return new Decoded(in, declared, prefix + declared.name() + " (declared)", false, false);
    }
    if (isGbk(head)) {
      return new Decoded(in, GB18030, prefix + "GBK", false, false);
    }
    Charset detected = detect(head);
    if (detected != null) {
      return new Decoded(in, detected, prefix + detected.name(), false, false);
    }
    return new Decoded(in, WINDOWS_1252, prefix + "windows-1252", false, false);
  }

  /**
   * UTF-16 without a BOM: in the first 1,024 bytes, at least 30% of the bytes at one parity are
   * NUL and almost none at the other (ASCII-heavy text, which exports are).
   */
  static Charset utf16WithoutBom(byte[] head) {
    int n = Math.min(head.length, 1024) & ~1;
    if (n < 8) {
      return null;
    }
    int evenNul = 0;
    int oddNul = 0;
    for (int i = 0; i < n; i += 2) {
      evenNul += head[i] == 0 ? 1 : 0;
      oddNul += head[i + 1] == 0 ? 1 : 0;
    }
    int pairs = n / 2;
    if (evenNul * 10 >= pairs * 3 && oddNul * 50 <= pairs) {
      return StandardCharsets.UTF_16BE;
    }
    if (oddNul * 10 >= pairs * 3 && evenNul * 50 <= pairs) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static final java.util.regex.Pattern DECLARED = java.util.regex.Pattern.compile(
      "\\A(?:<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']|% Encoding: ([A-Za-z0-9._:-]+))");

  /** The charset the file names at its very start, if Java knows it. */
  static Charset declared(byte[] head) {
    String start = new String(head, 0, Math.min(head.length, 200), StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = DECLARED.matcher(start);
    if (!m.find()) {
      return null;
    }
    String name = m.group(1) != null ? m.group(1) : m.group(2);
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean decodesStrictly(byte[] head, Charset charset) {
    if (charset.equals(StandardCharsets.UTF_8)) {
      return isUtf8(head);
    }
    try {
      charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Every byte above 0x7F is part of a GB2312-area double-byte character (lead 0xA1-0xF7, trail
   * 0xA1-0xFE), and there are at least two such characters. Western text in windows-1252 has
   * accented letters between ASCII letters, so it fails this test; a statistical detector needs
   * far more Chinese text than a short export holds (both juniversalchardet and ICU4J misread
   * bibtexparser's GBK sample).
   */
  static boolean isGbk(byte[] head) {
    int pairs = 0;
    int end = head.length;
    for (int i = 0; i < end; i++) {
      int c = head[i] & 0xff;
      if (c < 0x80) {
        continue;
      }
      if (i + 1 >= end) {
        break; // a pair cut off by the head's end
      }
      int t = head[i + 1] & 0xff;
      if (c < 0xA1 || c > 0xF7 || t < 0xA1 || t > 0xFE) {
        return false;
      }
      pairs++;
      i++;
    }
    return pairs >= 2;
  }

  /** juniversalchardet's answer when it is a charset exports are written in, else null. */
  static Charset detect(byte[] head) {
    org.mozilla.universalchardet.UniversalDetector detector =
        new org.mozilla.universalchardet.UniversalDetector();
    detector.handleData(head, 0, head.length);
    detector.dataEnd();
    String name = detector.getDetectedCharset();
    if (name == null || !DETECTED_ACCEPTED.contains(name.toUpperCase(java.util.Locale.ROOT))) {
      return null;
    }
    if (name.equalsIgnoreCase("ISO-8859-1")) {
      return WINDOWS_1252; // its superset, as browsers read it
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A reader of {@code decoded}'s body in its charset. A file read as UTF-8 or as windows-1252
   * (not declared so) is decoded line by line, so that lines in the other charset are read as
   * what they are, with a warning to {@code warnings} (see {@link LineCharsetReader}).
   */
  static java.io.Reader reader(Decoded decoded, ParseSink warnings) {
    if (!decoded.label().endsWith("(declared)") && LineCharsetReader.handles(decoded.charset())) {
      return new LineCharsetReader(decoded.body(), decoded.charset(), warnings);
    }
    return new java.io.InputStreamReader(decoded.body(), decoded.charset());
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

  /**
   * A file format that is certainly not a text export, by its first bytes: PDF, PNG, JPEG, GIF,
   * ZIP (Word, Excel and other Office files among them) and the old Office format.
   */
  private static final int[][] BINARY_MAGIC = {
      {'%', 'P', 'D', 'F', '-'}, {0x89, 'P', 'N', 'G'}, {0xFF, 0xD8, 0xFF}, {'G', 'I', 'F', '8'},
      {'P', 'K', 3, 4}, {0xD0, 0xCF, 0x11, 0xE0}};

  /**
   * The start of a known binary format, or more than 1% NUL bytes (and more than four), or more
   * than 5% control characters other than tab, CR, LF and form feed. A text export holding a
   * stray NUL or a few control bytes in one record is text: those characters are removed as the
   * file is read, with a warning naming their lines (see {@link CappedLineReader}), so that one
   * bad byte never costs the whole file.
   */
  static boolean looksBinary(byte[] head) {
    for (int[] magic : BINARY_MAGIC) {
      if (startsWith(head, magic)) {
        return true;
      }
    }
    int nul = 0;
    int control = 0;
    for (byte b : head) {
      int c = b & 0xff;
      if (c == 0) {
        nul++;
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        control++;
      }
    }
    return (nul > 4 && nul > head.length / 100) || nul + control > head.length / 20;
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
