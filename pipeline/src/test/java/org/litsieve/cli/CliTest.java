package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.pipeline.OutputCommit;

/** The command line: exit codes, messages and the JSON of inspect. */
class CliTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Path root() {
    return Path.of(System.getProperty("litsieve.root", ".."));
  }

  static Path fixtures() {
    return root().resolve("pipeline/src/test/resources/pipeline");
  }

  @Test
  void versionAndHelpWorkOnEveryCommand() {
    Result v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("litsieve "), v.out());
    for (String cmd : new String[] {"screen", "inspect", "validate"}) {
      Result h = run(cmd, "--help");
      assertEquals(0, h.code(), cmd);
      assertTrue(h.out().contains("Usage: litsieve " + cmd), h.out());
      assertEquals(0, run(cmd, "--version").code(), cmd);
    }
  }

  @Test
  void validateAcceptsAGoodFileAndReportsABadOneWithItsPosition(@TempDir Path dir) throws Exception {
    Result ok = run("validate", fixtures().resolve("rules.yaml").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("OK: 3 include blocks, 1 exclude block, 2 tags"), ok.out());

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "include:\n  - name: a\n    query: peer AND (support\n  - name: b\n    qeury: x\n");
    Result r = run("validate", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ":3:21: include.a: unbalanced parenthesis"), r.err());
    assertTrue(r.err().contains(bad + ":5:5: unknown key 'qeury'"), r.err());
    assertFalse(r.err().contains("Exception"), "no stack trace for a user error: " + r.err());
  }

  @Test
  void usageErrorsExitWithTwo(@TempDir Path dir) throws Exception {
    assertEquals(2, run("screen", "--out", dir.resolve("o").toString(), "x.ris").code(), "no --rules");
    Result missing = run("screen", "--rules", fixtures().resolve("rules.yaml").toString(),
        "--out", dir.resolve("o").toString(), dir.resolve("nope.ris").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file or folder"), missing.err());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Result none = run("inspect", empty.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no input files found"), none.err());
    assertEquals(2, run("frobnicate").code());
    // a runner this jar was not built with, or a Beam option no runner knows: named before any work
    Result runner = run("screen", "--runner", "NoSuchRunner", "--rules", fixtures().resolve("rules.yaml").toString(),
        "--out", dir.resolve("o").toString(), fixtures().resolve("ovid.ris").toString());
    assertEquals(2, runner.code(), runner.err());
    assertTrue(runner.err().contains("'NoSuchRunner'") && runner.err().contains("Maven profile"), runner.err());
    assertFalse(runner.err().contains("internal error") || Files.exists(dir.resolve("o")), runner.err());
    Result option = run("screen", "--beam-option=--noSuchOption=1", "--rules",
        fixtures().resolve("rules.yaml").toString(), "--out", dir.resolve("o").toString(),
        fixtures().resolve("ovid.ris").toString());
    assertEquals(2, option.code(), option.err());
    assertTrue(option.err().contains("noSuchOption"), option.err());
    Result dedup = run("dedup", "--runner", "NoSuchRunner", "--out", dir.resolve("o").toString(),
        fixtures().resolve("ovid.ris").toString());
    assertEquals(2, dedup.code(), dedup.err());
    assertTrue(dedup.err().contains("'NoSuchRunner'"), dedup.err());
  }

  @Test
  void screenRefusesToOverwriteAFolderThatIsNotALitsieveRun(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectory(dir.resolve("thesis"));
    Files.writeString(out.resolve("chapter1.docx"), "precious");
    Result r = run("screen", "--rules", fixtures().resolve("rules.yaml").toString(),
        "--out", out.toString(), fixtures().resolve("ovid.ris").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("refusing to replace"), r.err());
    assertEquals("precious", Files.readString(out.resolve("chapter1.docx")));
  }

  @Test
  void inspectJsonListsEveryFileWithItsCounts(@TempDir Path dir) throws Exception {
    Path binary = dir.resolve("image.ris");
    Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});
    Path unknown = dir.resolve("notes.txt");
    Files.writeString(unknown, "Just some notes about the search.\nNothing to see.\n");
    Result r = run("inspect", "--json", fixtures().toString(), binary.toString(), unknown.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode files = new ObjectMapper().readTree(r.out()).get("files");
    assertEquals(5, files.size());
    for (JsonNode f : files) {
      for (String key : new String[] {"path", "format", "encoding", "records", "rejected"}) {
        assertTrue(f.has(key), key + " missing in " + f);
      }
    }
    JsonNode nbib = find(files, "pubmed.nbib");
    assertEquals("medline", nbib.get("format").asText());
    assertEquals(2, nbib.get("records").asInt());
    assertEquals(1, nbib.get("rejected").asInt());
    assertTrue(nbib.get("detection").asText().startsWith("medline 98"), nbib.toString());
    assertEquals("binary file: no format tried", find(files, "image.ris").get("detection").asText());
    assertEquals("UTF-8 (BOM)", find(files, "scopus.csv").get("encoding").asText());
    assertEquals("binary", find(files, "image.ris").get("encoding").asText());
    JsonNode notes = find(files, "notes.txt");
    assertEquals("unknown", notes.get("format").asText());
    assertTrue(notes.get("rejects").get(0).get("reason").asText().startsWith("unknown format (tried: RIS"),
        notes.toString());
  }

  private static JsonNode find(JsonNode files, String suffix) {
    for (JsonNode f : files) {
      if (f.get("path").asText().endsWith(suffix)) {
        return f;
      }
    }
    throw new AssertionError("no " + suffix + " in " + files);
  }

  @Test
  void screenWritesEveryOutputAndASummary(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    Result r = run("screen", "--rules", fixtures().resolve("rules.yaml").toString(),
        "--out", out.toString(), fixtures().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("identified        7 records in 3 files (1 rejected"), r.out());
    assertTrue(r.out().contains("included          1"), r.out());
    for (String f : new String[] {"included.csv", "review.csv", "excluded.csv", "duplicates.csv",
        "rejected.csv", "included.ris", "prisma.json", "manifest.json"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertFalse(Files.exists(out.resolve(".inputs.json")));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(64, manifest.get("rules").get("sha256").asText().length());
    assertEquals(3, manifest.get("inputs").size());
    assertTrue(manifest.get("timings_ms").get("total").asLong() > 0);
    try (var s = Files.list(dir)) {
      // the run's claim on its --out (a hidden lock file) stays by design; nothing else may
      assertEquals(1, s.filter(f -> !f.getFileName().toString().endsWith(OutputCommit.CLAIM_SUFFIX)).count(),
          "no temporary folder is left beside the output");
    }
  }
}
