package org.litsieve.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.litsieve.testing.RealData;

/**
 * Every Ovid strategy of the CLEF 2017 technology-assisted-review topics and every PubMed, Web of
 * Science and EBSCOhost strategy in CoLRev's search-query collection (both under {@code ../shared/realdata/queries})
 * either translates into the query model or fails with a message that names the construct and
 * its position. Translations must compile to Lucene and read back (from litsieve's syntax) to the
 * same model. The rates are printed; the translations are compared with the golden file
 * {@code src/test/resources/rules/strategy-translations.txt} (rewrite it with
 * {@code -Dlitsieve.updateGolden=true} after a deliberate change, and review the diff).
 */
class StrategyTranslationTest {
  private static final Pattern PUBMED_TAG = Pattern.compile(
      "(?i)\\[(tiab|tw|mesh|mh|ti|ab|sh|pt|majr|mesh terms|mh:noexp|mesh:noexp|ot|la|dp)\\]");

  static Path realData() {
    return RealData.folder();
  }

  record Strategy(String id, QueryCompiler.Syntax syntax, String text) {}

  static List<Strategy> clef(Path root) throws IOException {
    List<Strategy> out = new ArrayList<>();
    for (String dir : List.of("topics", "topics_train")) {
      try (Stream<Path> files = Files.list(root.resolve("queries/clef-tar-2017").resolve(dir))) {
        for (Path f : files.sorted().toList()) {
          String all = Files.readString(f, StandardCharsets.UTF_8);
          int q = all.indexOf("Query:");
          int p = all.indexOf("Pids:");
          assertTrue(q >= 0 && p > q, "no Query:/Pids: in " + f);
          String query = all.substring(q + "Query:".length(), p).strip();
          QueryCompiler.Syntax syntax = PUBMED_TAG.matcher(query).find()
              ? QueryCompiler.Syntax.PUBMED : QueryCompiler.Syntax.OVID;
          out.add(new Strategy("clef-tar-2017/" + dir + "/" + f.getFileName(), syntax, query));
        }
      }
    }
    return out;
  }

  static List<Strategy> searchQuery(Path root) throws IOException {
    List<Strategy> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(root.resolve("queries/search-query"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
        JsonNode n = json.readTree(f.toFile());
        String platform = n.path("platform").asText().toLowerCase();
        String where = (platform + " " + n.path("database").toString()).toLowerCase();
        // the platform decides (an EBSCO string lists WoS databases); else the database named
        QueryCompiler.Syntax syntax = platform.contains("ebsco") ? QueryCompiler.Syntax.EBSCO
            : platform.contains("wos") || platform.contains("web of science") ? QueryCompiler.Syntax.WOS
            : where.contains("pubmed") ? QueryCompiler.Syntax.PUBMED
            : where.contains("web of science") ? QueryCompiler.Syntax.WOS : null;
        if (syntax == null) {
          continue; // IEEE Xplore: not a syntax litsieve reads
        }
        String q = n.has("search_string") ? n.get("search_string").asText() : n.path("translatedQuery").asText();
        out.add(new Strategy("search-query/" + root.resolve("queries/search-query").relativize(f), syntax, q));
      }
    }
    return out;
  }

  @Test
  void everyRealStrategyTranslatesOrFailsPrecisely() throws Exception {
    Path root = realData();
    List<Strategy> clef = clef(root);
    List<Strategy> pubmed = searchQuery(root);
    assertTrue(clef.size() >= 40, "CLEF topics found: " + clef.size());
    assertFalse(pubmed.isEmpty(), "no strategy found in search-query");
    StringBuilder golden = new StringBuilder();
    int[] ovid = new int[2];
    int[] clefPubmed = new int[2];
    int[] sq = new int[2];
    int[] sqWos = new int[2];
    int[] sqEbsco = new int[2];
    LuceneQueryBuilder builder = new LuceneQueryBuilder(false, null);
    List<Strategy> all = new ArrayList<>(clef);
    all.addAll(pubmed);
    for (Strategy s : all) {
      int[] counter = s.syntax() == QueryCompiler.Syntax.WOS ? sqWos
          : s.syntax() == QueryCompiler.Syntax.EBSCO ? sqEbsco
          : s.id().startsWith("search-query") ? sq
          : s.syntax() == QueryCompiler.Syntax.OVID ? ovid : clefPubmed;
      counter[1]++;
      golden.append("## ").append(s.id()).append(" (").append(s.syntax().key()).append(")\n");
      try {
        ParsedQuery p = QueryCompiler.parse(s.syntax(), s.text());
        String printed = QueryPrinter.print(p.model());
        // the translation compiles, and reads back to the same model
        builder.build(p.model(), Fields.DEFAULT);
        assertEquals(p.model(), NativeQueryParser.parse(printed).query(), s.id() + ": round trip of " + printed);
        counter[0]++;
        golden.append("translated: ").append(printed).append('\n');
        for (QueryWarning w : p.warnings()) {
          golden.append("warning ").append(w.line()).append(':').append(w.column()).append(' ')
              .append(w.message()).append('\n');
        }
      } catch (QueryException e) {
        assertTrue(e.line() >= 1 && e.column() >= 1, s.id());
        assertTrue(e.getMessage().matches(".*['\\[.(/].*"), s.id() + ": the message names no construct: " + e.getMessage());
        golden.append("failed ").append(e.line()).append(':').append(e.column()).append(' ')
            .append(e.getMessage()).append('\n');
      }
      golden.append('\n');
    }
    String rates = String.format("Ovid MEDLINE (CLEF TAR 2017): %d of %d translated%n"
        + "PubMed (CLEF TAR 2017): %d of %d translated%n"
        + "PubMed (search-query): %d of %d translated%n"
        + "Web of Science (search-query): %d of %d translated%n"
        + "EBSCOhost (search-query): %d of %d translated%n",
        ovid[0], ovid[1], clefPubmed[0], clefPubmed[1], sq[0], sq[1], sqWos[0], sqWos[1], sqEbsco[0], sqEbsco[1]);
    System.out.print(rates);
    String actual = rates + "\n" + golden;
    Path expectedFile = Paths.get(System.getProperty("litsieve.root", ".."),
        "pipeline/src/test/resources/rules/strategy-translations.txt");
    if (Boolean.getBoolean("litsieve.updateGolden") || !Files.exists(expectedFile)) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      if (!Boolean.getBoolean("litsieve.updateGolden")) {
        fail("golden file was missing and has been written: " + expectedFile + "; review it and run again");
      }
    }
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
        "translations changed; run with -Dlitsieve.updateGolden=true and review the diff");
  }
}
