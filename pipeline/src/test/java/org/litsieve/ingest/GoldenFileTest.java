package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests: every fixture under {@code src/test/resources/ingest/<format>/} is read
 * through {@link ExportReader}, must be detected as {@code <format>}, and its dump (see
 * {@link RecordDump}) must equal the fixture's {@code .expected} file. Run with
 * {@code -Dlitsieve.updateGolden=true} to rewrite the expected files after a deliberate change,
 * then review the diff.
 */
class GoldenFileTest {

  @TestFactory
  Stream<DynamicTest> fixturesMatchTheirExpectedDumps() throws IOException, URISyntaxException {
    URL url = GoldenFileTest.class.getClassLoader().getResource("ingest");
    assertTrue(url != null, "test resources folder ingest/ is missing");
    Path root = Paths.get(url.toURI());
    List<Path> fixtures;
    try (Stream<Path> walk = Files.walk(root)) {
      fixtures = walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".expected"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    }
    assertTrue(fixtures.size() >= 8, "expected golden fixtures, found " + fixtures);
    return fixtures.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
      String format = f.getParent().getFileName().toString();
      RecordDump.Result result = RecordDump.read(f.getFileName().toString(), Files.readAllBytes(f));
      String actual = RecordDump.dump(result);
      Path expectedFile = f.resolveSibling(f.getFileName() + ".expected");
      if (Boolean.getBoolean("litsieve.updateGolden")) {
        Path source = Paths.get(System.getProperty("litsieve.root", "."),
            "pipeline", "src", "test", "resources", "ingest").resolve(root.relativize(expectedFile));
        Files.writeString(source, actual, StandardCharsets.UTF_8);
        return;
      }
      assertEquals(format, result.report().format(), "detected format of " + f.getFileName());
      assertTrue(Files.exists(expectedFile), "no expected dump " + expectedFile.getFileName()
          + "; run with -Dlitsieve.updateGolden=true and review it");
      assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
          "dump of " + f.getFileName());
    }));
  }
}
