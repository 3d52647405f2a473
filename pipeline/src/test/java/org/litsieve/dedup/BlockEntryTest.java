package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/**
 * The Beam transform's block entries count each compared pair's agreement pattern once, in the
 * first block the two share, exactly as the plain path does from the keys themselves; and an entry
 * survives its coder.
 */
class BlockEntryTest {
  private static List<BibRecord> sampleRecords() throws IOException {
    Path root = Path.of(System.getProperty("litsieve.root", ".."));
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve("sample-data"))) {
      for (Path f : files.filter(p -> !p.toString().endsWith(".md")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          ExportReader.read(f.getFileName().toString(), in, ParseSink.into(records, rejects));
        }
      }
    }
    assertTrue(records.size() > 100, "sample records read: " + records.size());
    return records;
  }

  private static BlockEntry roundTrip(BlockEntry e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BlockEntry.Coder.of().encode(e, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    BlockEntry back = BlockEntry.Coder.of().decode(in);
    assertEquals(0, in.available());
    return back;
  }

  @Test
  void patternsAreCountedOnceAsFromTheKeysThemselves() throws IOException {
    List<BibRecord> records = sampleRecords();
    // the plain path's way: the first key both sorted key lists hold
    List<BlockComparer.Member> members = new ArrayList<>();
    List<List<String>> keysOf = new ArrayList<>();
    Map<String, List<Integer>> plainBlocks = new TreeMap<>();
    Map<String, List<BlockEntry>> entryBlocks = new TreeMap<>();
    for (BibRecord r : records) {
      BlockComparer.Member m = BlockComparer.Member.unlabelled(r);
      List<String> keys = BlockingKeys.of(m.features());
      for (String k : keys) {
        plainBlocks.computeIfAbsent(k, x -> new ArrayList<>()).add(members.size());
      }
      members.add(m);
      keysOf.add(keys);
      for (BlockEntry e : BlockEntry.of(m, keys)) {
        entryBlocks.computeIfAbsent(e.key(), x -> new ArrayList<>()).add(roundTrip(e));
      }
    }
    Map<Integer, Long> expected = new HashMap<>();
    long pairsInBlocks = 0;
    for (Map.Entry<String, List<Integer>> b : plainBlocks.entrySet()) {
      List<Integer> block = b.getValue();
      if (block.size() > BlockingKeys.MAX_BLOCK) {
        continue;
      }
      for (int i = 0; i < block.size(); i++) {
        for (int j = i + 1; j < block.size(); j++) {
          pairsInBlocks++;
          if (b.getKey().equals(BlockComparer.firstShared(keysOf.get(block.get(i)), keysOf.get(block.get(j))))) {
            expected.merge(MatchModel.pattern(members.get(block.get(i)).features(),
                members.get(block.get(j)).features()), 1L, Long::sum);
          }
        }
      }
    }
    PatternCounts counted = new PatternCounts();
    for (List<BlockEntry> block : entryBlocks.values()) {
      List<BlockComparer.Member> ms = new ArrayList<>();
      List<long[]> earlier = new ArrayList<>();
      for (BlockEntry e : block) {
        ms.add(e.member());
        earlier.add(e.earlier());
      }
      if (block.size() >= 2 && block.size() <= BlockingKeys.MAX_BLOCK) {
        BlockComparer.compare(ms, earlier, counted);
      }
    }
    long pairs = expected.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(pairsInBlocks > pairs && pairs > 50,
        "sample-data has pairs in several blocks: " + pairsInBlocks + " in blocks, " + pairs + " distinct");
    assertEquals(expected, counted.toMap());
  }

  @Test
  void anEntryKeepsItsKeyEarlierHashesAndMember() throws IOException {
    BibRecord r = sampleRecords().get(0);
    BlockComparer.Member m = BlockComparer.Member.unlabelled(r);
    List<String> keys = BlockingKeys.of(m.features());
    BlockEntry[] entries = BlockEntry.of(m, keys);
    assertEquals(keys.size(), entries.length);
    for (int i = 0; i < entries.length; i++) {
      BlockEntry back = roundTrip(entries[i]);
      assertEquals(keys.get(i), back.key());
      assertEquals(i, back.earlier().length);
      assertArrayEquals(entries[i].earlier(), back.earlier());
      assertEquals(m, back.member());
    }
    assertTrue(BlockComparer.firstShared(entries[0].earlier(), entries[entries.length - 1].earlier()));
    assertTrue(!BlockComparer.firstShared(entries[1].earlier(), entries[entries.length - 1].earlier()));
  }

  @Test
  void memberBytesWithSomethingAfterThemAreNoMember() throws IOException {
    BlockComparer.Member m = BlockComparer.Member.unlabelled(sampleRecords().get(0));
    byte[] bytes = org.apache.beam.sdk.util.CoderUtils.encodeToByteArray(MemberCoder.of(), m);
    assertEquals(m, new BlockEntry("k", new long[0], bytes).member());
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> new BlockEntry("k", new long[0], longer).member());
    byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> new BlockEntry("k", new long[0], shorter).member());
  }

  /**
   * In a large block the first authors and journals are compared once per distinct pair of
   * values: the counts are those of asking every pair, with the sample records grouped into
   * blocks of 8 to 60 members in two orders (so that value pairs meet both ways round).
   */
  @Test
  void aLargeBlockCountsThePatternsOfEveryPair() throws IOException {
    List<BlockComparer.Member> all = new ArrayList<>();
    for (BibRecord r : sampleRecords()) {
      all.add(BlockComparer.Member.unlabelled(r));
    }
    List<BlockComparer.Member> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    int withRepeats = 0;
    for (List<BlockComparer.Member> order : List.of(all, reversed)) {
      for (int size : new int[] {8, 23, 60}) {
        for (int from = 0; from + size <= order.size(); from += size) {
          List<BlockComparer.Member> block = order.subList(from, from + size);
          Map<Integer, Long> expected = new HashMap<>();
          for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
              expected.merge(MatchModel.pattern(block.get(i).features(), block.get(j).features()), 1L, Long::sum);
            }
          }
          List<long[]> earlier = new ArrayList<>();
          block.forEach(m -> earlier.add(new long[0]));
          PatternCounts counted = new PatternCounts();
          BlockComparer.compare(block, earlier, counted);
          assertEquals(expected, counted.toMap(), "block of " + size + " from " + from);
          long journals = block.stream().map(m -> m.features().journals()).distinct().count();
          withRepeats += journals < size ? 1 : 0;
        }
      }
    }
    assertTrue(withRepeats > 5, "blocks where a journal repeats: " + withRepeats);
  }
}
