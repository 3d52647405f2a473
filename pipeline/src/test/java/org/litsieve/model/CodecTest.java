package org.litsieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire strings read back as written, whatever their length (the short ones go through a
 * reused scratch buffer, the longest do not), one after another from one stream, and a truncated
 * string is an error that says so.
 */
class CodecTest {
  private static String text(int chars, String unit) {
    return unit.repeat(chars / unit.length() + 1).substring(0, chars);
  }

  @Test
  void stringsOfEveryLengthReadBackAsWritten() throws IOException {
    List<String> written = new ArrayList<>();
    for (int n : new int[] {0, 1, 7, 1023, 1024, 1025, 3000, 40_000, 65_536, 65_537, 200_000}) {
      written.add(text(n, "Müller–Ødegård 研究 "));
      written.add(text(n, "plain ascii words "));
    }
    written.add("short after long");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s : written) {
      Codec.writeString(s, out);
    }
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    List<String> read = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      read.add(Codec.readString(in));
    }
    assertEquals(written, read);
    assertEquals(-1, in.read(), "nothing left over");
  }

  @Test
  void aTruncatedStringIsAnError() throws IOException {
    for (String s : new String[] {"a title of some length", text(100_000, "abc")}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Codec.writeString(s, out);
      byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 3);
      IOException e = assertThrows(IOException.class, () -> Codec.readString(new ByteArrayInputStream(cut)));
      assertTrue(e.getMessage().startsWith("truncated string"), e.getMessage());
    }
  }
}
