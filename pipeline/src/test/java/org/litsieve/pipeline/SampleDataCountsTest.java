package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.rules.RulesLoader;

/**
 * Runs the Quick start screening on {@code sample-data/} and checks that every count stated in
 * {@code sample-data/README.md} is what the pipeline produces, that the PRISMA counts add up and
 * match the rows of each output file, and that a second run writes byte-identical files.
 */
class SampleDataCountsTest {
  @TempDir static Path tmp;
  static Path root;
  static Path out;
  static JsonNode prisma;

  @BeforeAll
  static void runOnce() throws Exception {
    root = Path.of(System.getProperty("litsieve.root", ".."));
    out = tmp.resolve("out");
    ScreeningPipeline.run(RulesLoader.load(root.resolve("screening-rules/lle-training.yaml")),
        InputFiles.resolve(List.of(root.resolve("sample-data").toString())), out,
        List.of("--targetParallelism=2"), Map.of());
    prisma = new ObjectMapper().readTree(out.resolve("prisma.json").toFile());
  }

  /** The {@code | name | number |} rows between {@code <!-- NAME:begin -->} and its end marker. */
  static Map<String, Long> table(String name) throws Exception {
    String readme = Files.readString(root.resolve("sample-data/README.md"));
    int begin = readme.indexOf("<!-- " + name + ":begin -->");
    int end = readme.indexOf("<!-- " + name + ":end -->");
    assertTrue(begin >= 0 && end > begin, "sample-data/README.md lacks the " + name + " table");
    Map<String, Long> rows = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| ([^|]+?) \\| (\\d+) \\|$").matcher(readme.substring(begin, end));
    while (m.find()) {
      rows.put(m.group(1), Long.parseLong(m.group(2)));
    }
    assertFalse(rows.isEmpty(), name + " table is empty");
    return rows;
  }

  static long rows(String file) throws Exception {
    try (Reader r = Files.newBufferedReader(out.resolve(file)); CSVReader csv = new CSVReader(r)) {
      return csv.readAll().size() - 1; // minus the header
    }
  }

  @Test
  void headlineCountsAreTheOnesTheReadmeStates() throws Exception {
    Map<String, Long> expected = table("counts");
    Map<String, Long> actual = new LinkedHashMap<>();
    actual.put("identified", prisma.get("identified").get("total").asLong());
    actual.put("rejected", prisma.get("rejected").asLong());
    actual.put("duplicates_removed", prisma.get("duplicates_removed").asLong());
    actual.put("screened", prisma.get("screened").asLong());
    actual.put("excluded", prisma.get("excluded").get("total").asLong());
    actual.put("excluded_eligibility", prisma.get("excluded").get("by_stage").get("eligibility").asLong());
    actual.put("excluded_keywords", prisma.get("excluded").get("by_stage").get("keywords").asLong());
    actual.put("review", prisma.get("review").asLong());
    actual.put("included", prisma.get("included").asLong());
    assertEquals(expected, actual);
  }

  @Test
  void exclusionReasonsAreTheOnesTheReadmeStates() throws Exception {
    Map<String, Long> actual = new HashMap<>();
    prisma.get("excluded").get("by_reason").fields()
        .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
    assertEquals(new HashMap<>(table("reasons")), actual);
  }

  @Test
  void outcomeTagsAreTheOnesTheReadmeStates() throws Exception {
    Map<String, Long> actual = new HashMap<>();
    for (String file : new String[] {"included.csv", "review.csv"}) {
      try (Reader r = Files.newBufferedReader(out.resolve(file)); CSVReader csv = new CSVReader(r)) {
        List<String[]> all = csv.readAll();
        int col = List.of(all.get(0)).indexOf("outcome_tags");
        for (String[] row : all.subList(1, all.size())) {
          for (String tag : row[col].split(";")) {
            if (!tag.isEmpty()) {
              actual.merge(tag, 1L, Long::sum);
            }
          }
        }
      }
    }
    assertEquals(new HashMap<>(table("tags")), actual);
  }

  @Test
  void prismaCountsAddUpAndEqualTheRowsOfEachFile() throws Exception {
    long identified = prisma.get("identified").get("total").asLong();
    long screened = prisma.get("screened").asLong();
    long excluded = prisma.get("excluded").get("total").asLong();
    long review = prisma.get("review").asLong();
    long included = prisma.get("included").asLong();
    assertEquals(identified, prisma.get("duplicates_removed").asLong() + screened);
    assertEquals(screened, excluded + review + included);
    assertEquals(included, rows("included.csv"));
    assertEquals(review, rows("review.csv"));
    assertEquals(excluded, rows("excluded.csv"));
    assertEquals(prisma.get("rejected").asLong(), rows("rejected.csv"));
    long bySource = 0;
    for (JsonNode n : prisma.get("identified").get("by_source")) {
      bySource += n.asLong();
    }
    assertEquals(identified, bySource);
    // duplicates.csv: exactly one kept row per record id, and removed = rows - groups
    try (Reader r = Files.newBufferedReader(out.resolve("duplicates.csv")); CSVReader csv = new CSVReader(r)) {
      List<String[]> all = csv.readAll();
      Map<String, Integer> kept = new HashMap<>();
      for (String[] row : all.subList(1, all.size())) {
        kept.merge(row[0], row[4].equals("true") ? 1 : 0, Integer::sum);
      }
      assertTrue(kept.values().stream().allMatch(k -> k == 1), "one kept row per group");
      assertEquals(prisma.get("duplicates_removed").asLong(), (all.size() - 1) - kept.size());
    }
    String ris = Files.readString(out.resolve("included.ris"));
    assertEquals(included, Pattern.compile("(?m)^ER  - ").matcher(ris).results().count());
  }

  @Test
  void aSecondRunWritesByteIdenticalFiles() throws Exception {
    Path again = tmp.resolve("again");
    ScreeningPipeline.run(RulesLoader.load(root.resolve("screening-rules/lle-training.yaml")),
        InputFiles.resolve(List.of(root.resolve("sample-data").toString())), again,
        List.of("--targetParallelism=1"), Map.of());
    for (String f : new String[] {"included.csv", "review.csv", "excluded.csv", "duplicates.csv",
        "rejected.csv", "included.ris", "prisma.json"}) {
      assertEquals(Files.readString(out.resolve(f)), Files.readString(again.resolve(f)), f);
    }
  }
}
