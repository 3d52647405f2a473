package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpilledLinesTest {
  private static final String PREFIX = ".records-part-test-";

  @TempDir
  Path dir;

  @Test
  void linesOfTwoBundlesReadBackInAnyOrderAndAreDeleted() throws IOException {
    List<String> lines = new ArrayList<>();
    List<SpilledLines.Ref> refs = new ArrayList<>();
    Random random = new Random(7);
    for (int bundle = 0; bundle < 2; bundle++) {
      try (SpilledLines.Writer w = new SpilledLines.Writer(dir.toString(), PREFIX)) {
        for (int i = 0; i < 50; i++) {
          String line = "{\"record_id\":\"r" + bundle + "-" + i + "\",\"title\":\"Pe\u00e9r w\u00f6rk " + "x".repeat(
              random.nextInt(300)) + "\"}";
          lines.add(line);
          refs.add(w.write(line));
        }
      }
    }
    assertEquals(2, listed().size(), "one file a bundle");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    try (SpilledLines.Reader r = new SpilledLines.Reader(dir.toString())) {
      for (int i : order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.copy(refs.get(i), out);
        assertEquals(lines.get(i), out.toString(StandardCharsets.UTF_8));
      }
    }
    Files.writeString(dir.resolve("records.jsonl.gz"), "kept");
    SpilledLines.deleteAll(dir.toString(), PREFIX);
    assertEquals(List.of("records.jsonl.gz"), listed(), "only the set-aside files are deleted");
    SpilledLines.deleteAll(dir.toString(), PREFIX); // none left: not an error
  }

  @Test
  void aWriterWithNoLinesMakesNoFile() throws IOException {
    new SpilledLines.Writer(dir.toString(), PREFIX).close();
    assertEquals(List.of(), listed());
  }

  @Test
  void aFileCutShortFailsNamingIt() throws IOException {
    SpilledLines.Ref ref;
    try (SpilledLines.Writer w = new SpilledLines.Writer(dir.toString(), PREFIX)) {
      ref = w.write("a line of some length");
    }
    Path file = dir.resolve(ref.file());
    Files.write(file, new byte[5]);
    try (SpilledLines.Reader r = new SpilledLines.Reader(dir.toString())) {
      IOException e = assertThrows(IOException.class, () -> r.copy(ref, new ByteArrayOutputStream()));
      assertTrue(e.getMessage().contains(ref.file()) && e.getMessage().contains("ends inside"), e.getMessage());
    }
  }

  private List<String> listed() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
