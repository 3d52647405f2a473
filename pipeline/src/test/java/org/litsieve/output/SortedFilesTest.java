package org.litsieve.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link SortedFiles} writes each file's rows in order of sort key, then text, as strings order,
 * whatever the bundles, with runs small enough that every file is merged from many runs in
 * several rounds; and it leaves no run file behind. On the DirectRunner with its checks on.
 */
public class SortedFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final KvCoder<String, KV<String, String>> ROW_CODER = SortedFiles.ROW_CODER;

  /** Keys with accents, a character above U+FFFF and one between U+E000 and U+FFFF, and ties. */
  private static final String[] WORDS = {"peer", "Peer", "pëer", "\uD83D\uDE00 emoji", "\uFFFD replacement",
      "zeta", "", "\u00e9tude", "support"};

  private static List<KV<String, KV<String, String>>> rows(String file, int n, long seed) {
    Random random = new Random(seed);
    List<KV<String, KV<String, String>>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = WORDS[random.nextInt(WORDS.length)] + "\u0000" + random.nextInt(40);
      rows.add(KV.of(file, KV.of(key, key.replace('\u0000', '|') + " row " + random.nextInt(1000) + "\n")));
    }
    return rows;
  }

  private static String expected(List<KV<String, KV<String, String>>> rows) {
    List<KV<String, String>> sorted = new ArrayList<>();
    rows.forEach(r -> sorted.add(r.getValue()));
    sorted.sort(Comparator.<KV<String, String>, String>comparing(KV::getKey).thenComparing(KV::getValue));
    StringBuilder text = new StringBuilder();
    sorted.forEach(kv -> text.append(kv.getValue()));
    return text.toString();
  }

  @Test
  public void everyFileIsSortedAsStringsAcrossManyRunsAndRounds() throws IOException {
    File dir = tmp.newFolder("out");
    List<KV<String, KV<String, String>>> a = rows("a.csv", 1_500, 1);
    List<KV<String, KV<String, String>>> b = rows("b.csv", 700, 2);
    List<KV<String, KV<String, String>>> aShuffled = new ArrayList<>(a);
    Collections.shuffle(aShuffled, new Random(3));
    // three inputs: the rows of a file arrive in several bundles
    PCollection<KV<String, KV<String, String>>> first =
        p.apply("First", Create.of(aShuffled.subList(0, 900)).withCoder(ROW_CODER));
    List<KV<String, KV<String, String>>> rest = new ArrayList<>(aShuffled.subList(900, aShuffled.size()));
    rest.add(KV.of("c.csv", KV.of("", "header only\n")));
    PCollection<KV<String, KV<String, String>>> second = p.apply("Second", Create.of(rest).withCoder(ROW_CODER));
    PCollection<KV<String, KV<String, String>>> third = p.apply("Third", Create.of(b).withCoder(ROW_CODER));
    PCollectionList.of(first).and(second).and(third).apply(Flatten.pCollections())
        .apply(SortedFiles.into(dir.getPath(), 37, 4)); // dozens of runs a file, merged four at a time
    p.run().waitUntilFinish();

    assertEquals(expected(a), Files.readString(dir.toPath().resolve("a.csv")));
    assertEquals(expected(b), Files.readString(dir.toPath().resolve("b.csv")));
    assertEquals("header only\n", Files.readString(dir.toPath().resolve("c.csv")));
    String[] left = dir.list();
    java.util.Arrays.sort(left);
    assertEquals("a.csv,b.csv,c.csv", String.join(",", left));
    assertTrue("a key above U+FFFF sorts before U+FFFD, as strings order (not as code points)",
        expected(a).indexOf("\uD83D\uDE00") < expected(a).indexOf("\uFFFD"));
  }

  @Test
  public void rowMakersOfSeveralStepsFillTheSameFiles() throws IOException {
    File dir = tmp.newFolder("made");
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      numbers.add(i);
    }
    // each number makes a row of odd.txt or even.txt and one of all.txt; the header comes from a second step
    SortedFiles.RowMaker<Integer> maker = (n, sink) -> {
      sink.row(n % 2 == 0 ? "even.txt" : "odd.txt", String.format("%05d", 1000 - n), n + "\n");
      sink.row("all.txt", String.format("%05d", n), n + "\n");
    };
    PCollection<KV<String, String>> made = p.apply("Numbers", Create.of(numbers).withCoder(VarIntCoder.of()))
        .apply("MadeRuns", SortedFiles.runs(dir.getPath(), maker));
    PCollection<KV<String, String>> header = p.apply("Header",
            Create.of(List.of(KV.of("all.txt", KV.of("", "n\n")))).withCoder(ROW_CODER))
        .apply("HeaderRuns", SortedFiles.runs(dir.getPath(), SortedFiles.READY_ROWS));
    PCollectionList.of(made).and(header).apply("AllRuns", Flatten.pCollections())
        .apply(SortedFiles.mergeRuns(dir.getPath()));
    p.run().waitUntilFinish();

    StringBuilder all = new StringBuilder("n\n");
    StringBuilder even = new StringBuilder();
    StringBuilder odd = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      all.append(i).append('\n');
    }
    for (int i = 299; i >= 0; i--) {
      (i % 2 == 0 ? even : odd).append(i).append('\n');
    }
    assertEquals(all.toString(), Files.readString(dir.toPath().resolve("all.txt")));
    assertEquals(even.toString(), Files.readString(dir.toPath().resolve("even.txt")));
    assertEquals(odd.toString(), Files.readString(dir.toPath().resolve("odd.txt")));
    String[] left = dir.list();
    java.util.Arrays.sort(left);
    assertEquals("all.txt,even.txt,odd.txt", String.join(",", left));
  }

  /**
   * A runner may run a bundle again after it has done its work (a worker lost before the bundle
   * was committed): the merge must then find its runs again and write the same file. The runs go
   * in a later step, with those of a failed attempt, and nothing else of the folder goes with them.
   */
  @Test
  public void aMergeRunAgainWritesTheSameFileAndTheRunsGoOnlyAfterwards() throws IOException {
    File dir = tmp.newFolder("retried");
    List<KV<String, KV<String, String>>> a = rows("a.csv", 200, 5);
    List<KV<String, KV<String, String>>> all = new ArrayList<>(a);
    all.addAll(rows("b.csv", 30, 6));
    p.apply(Create.of(all).withCoder(ROW_CODER)).apply(SortedFiles.runs(dir.getPath(), SortedFiles.READY_ROWS, 19));
    p.run().waitUntilFinish();
    List<String> runsOfA = new ArrayList<>();
    for (String name : dir.list()) {
      if (name.startsWith(".run-a.csv-")) {
        runsOfA.add(name);
      }
    }
    assertTrue("several runs, merged in rounds of two: " + runsOfA, runsOfA.size() > 4);
    Collections.sort(runsOfA);

    SortedFiles.MergeRunsFn merge = new SortedFiles.MergeRunsFn(dir.getPath(), 2);
    merge.write(KV.of("a.csv", runsOfA));
    String once = Files.readString(dir.toPath().resolve("a.csv"));
    merge.write(KV.of("a.csv", runsOfA)); // the same bundle, run again
    assertEquals(expected(a), once);
    assertEquals(once, Files.readString(dir.toPath().resolve("a.csv")));
    for (String run : runsOfA) {
      assertTrue(run + " was deleted by the merge", Files.exists(dir.toPath().resolve(run)));
    }

    // a failed attempt's run, and names that only look like runs of a.csv
    Files.copy(dir.toPath().resolve(runsOfA.get(0)), dir.toPath().resolve(".run-a.csv-" + java.util.UUID.randomUUID()));
    Files.writeString(dir.toPath().resolve(".run-a.csv-notes"), "kept");
    Files.writeString(dir.toPath().resolve(".run-a.csv-x-" + java.util.UUID.randomUUID()), "kept");
    SortedFiles.deleteRuns(dir.getPath(), "a.csv");
    SortedFiles.deleteRuns(dir.getPath(), "a.csv"); // again: already gone is not an error
    List<String> left = new ArrayList<>(List.of(dir.list()));
    left.removeIf(n -> n.startsWith(".run-b.csv-"));
    Collections.sort(left);
    assertEquals(3, left.size());
    assertEquals(".run-a.csv-notes", left.get(0));
    assertTrue(left.get(1), left.get(1).startsWith(".run-a.csv-x-"));
    assertEquals("a.csv", left.get(2));
    assertTrue("the runs of b.csv are not a.csv's", List.of(dir.list()).stream().anyMatch(n -> n.startsWith(".run-b.csv-")));
  }

  @Test
  public void utf8BytesCompareAsTheirStringsDo() {
    // ASCII, Latin, Greek, CJK, U+D7FF, U+E000-U+FFFF (private use, fullwidth forms) and above U+FFFF
    int[] pool = {'a', 'b', 'z', 0x00E9, 0x00FF, 0x03A9, 0x4E2D, 0xD7FF, 0xE000, 0xFB01, 0xFF21, 0xFFFD,
        0x10000, 0x1D400, 0x1F600, 0x10FFFF};
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      String x = randomString(random, pool);
      String y = random.nextInt(4) == 0 ? x + randomString(random, pool) : randomString(random, pool);
      int expected = Integer.signum(x.compareTo(y));
      int actual = Integer.signum(SortedFiles.compareAsStrings(x.getBytes(StandardCharsets.UTF_8),
          y.getBytes(StandardCharsets.UTF_8)));
      assertEquals("[" + x + "] vs [" + y + "]", expected, actual);
    }
  }

  private static String randomString(Random random, int[] pool) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      s.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return s.toString();
  }
}
