package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.pipeline.InputFiles;

/**
 * An output folder inside an input folder is not read as search results: a second run into
 * {@code search/out} identifies the same records as the first.
 */
class OutputInsideInputsTest {
  static JsonNode manifest(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  @Test
  void aSecondRunDoesNotReadTheFirstRunsOutputs(@TempDir Path dir) throws Exception {
    Path search = Files.createDirectories(dir.resolve("search"));
    Files.copy(CliTest.fixtures().resolve("ovid.ris"), search.resolve("ovid.ris"));
    Files.copy(CliTest.fixtures().resolve("pubmed.nbib"), search.resolve("pubmed.nbib"));
    Path out = search.resolve("out");
    String rules = CliTest.fixtures().resolve("rules.yaml").toString();
    CliTest.Result first = CliTest.run("screen", "--rules", rules, "--out", out.toString(), search.toString());
    assertEquals(0, first.code(), first.err());
    int identified = new ObjectMapper().readTree(out.resolve("prisma.json").toFile()).get("identified").get("total").asInt();

    CliTest.Result second = CliTest.run("screen", "--rules", rules, "--out", out.toString(), search.toString());
    assertEquals(0, second.code(), second.err());
    assertEquals(identified,
        new ObjectMapper().readTree(out.resolve("prisma.json").toFile()).get("identified").get("total").asInt(),
        "the second run read only the exports:\n" + second.err());
    assertTrue(second.err().contains("skipped 1 litsieve output folder inside the inputs (not search results): "
        + out.toString().replace('\\', '/') + "/"), second.err());
    List<String> skipped = new ObjectMapper().convertValue(manifest(out).get("skipped"), List.class);
    assertTrue(skipped.contains(out.toString().replace('\\', '/') + "/" + InputFiles.OUTPUT_FOLDER), skipped.toString());
  }

  @Test
  void theOutFolderAndOtherLitsieveOutputsAreKeptOutOfAScan(@TempDir Path dir) throws Exception {
    Path search = Files.createDirectories(dir.resolve("search"));
    Files.writeString(search.resolve("a.ris"), "TY  - JOUR\nTI  - A\nER  - \n");
    // a --keep-history runs folder before its first run has finished: no manifest yet
    Path runs = Files.createDirectories(search.resolve("runs"));
    Files.writeString(runs.resolve("stray.ris"), "TY  - JOUR\nTI  - B\nER  - \n");
    // an earlier output folder of another run
    Path old = Files.createDirectories(search.resolve("2025/old-run"));
    Files.writeString(old.resolve("manifest.json"), "{\"tool\": \"litsieve\", \"version\": \"0.1.0\"}");
    Files.writeString(old.resolve("included.ris"), "TY  - JOUR\nTI  - C\nER  - \n");
    // someone else's manifest.json does not hide a folder
    Path other = Files.createDirectories(search.resolve("package"));
    Files.writeString(other.resolve("manifest.json"), "{\"name\": \"a data package\"}");
    Files.writeString(other.resolve("d.ris"), "TY  - JOUR\nTI  - D\nER  - \n");

    InputFiles.Resolution r = InputFiles.resolve(List.of(search.toString()), List.of(runs));
    List<String> names = r.files().stream().map(f -> Path.of(f.spec()).getFileName().toString()).toList();
    assertEquals(List.of("a.ris", "d.ris"), names);
    assertEquals(2, r.outputFolders().size(), r.outputFolders().toString());
  }
}
