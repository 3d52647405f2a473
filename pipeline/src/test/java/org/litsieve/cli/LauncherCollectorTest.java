package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of garbage collector by the run's size (docs/performance.md, "The
 * collector by the run's size"): the whole {@code ./litsieve} script runs in a copy of the project
 * whose jar is already built, with a {@code java} first on the PATH that writes down the command
 * line it was given instead of running litsieve. It answers the launcher's question for the
 * largest heap with a size the test sets, or passes that question to the real Java when the test
 * sets none. Inputs far larger than the disk has room for are sparse files: only their apparent
 * size counts, as for the launcher.
 */
class LauncherCollectorTest {
  private static final long GIB = 1L << 30;
  /** The largest heap of the development machines' JVMs (a quarter of 24 GB), as Java reports it. */
  private static final long SIX_GB_HEAP = 6_320_816_128L;

  @TempDir Path dir;
  private Path root;
  private Path argsFile;
  private Path input;

  @BeforeEach
  void copyOfTheProject() throws Exception {
    root = Files.createDirectories(dir.resolve("project"));
    Files.copy(CliTest.root().resolve("litsieve"), root.resolve("litsieve"));
    Files.copy(CliTest.root().resolve("jvm.options"), root.resolve("jvm.options"));
    root.resolve("litsieve").toFile().setExecutable(true);
    // a jar newer than everything the launcher compares it with, so that it builds nothing
    Path jar = Files.createDirectories(root.resolve("pipeline/target")).resolve("litsieve.jar");
    Files.writeString(jar, "not a jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    argsFile = dir.resolve("java-args");
    Path java = bin.resolve("java");
    Files.writeString(java, """
        #!/usr/bin/env bash
        for a in "$@"; do
          if [ "$a" = -XX:+PrintFlagsFinal ]; then
            if [ -n "${STUB_MAX_HEAP:-}" ]; then
              printf '   size_t MaxHeapSize                              = %s                                {product} {ergonomic}\\n' "$STUB_MAX_HEAP"
              exit 0
            fi
            exec "$REAL_JAVA" "$@"
          fi
        done
        printf '%s\\n' "$@" > "$STUB_ARGS"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    input = Files.writeString(dir.resolve("search.ris"), """
        TY  - JOUR
        TI  - Peer support for adults living with chronic pain: a randomised trial
        AU  - Lindqvist, Maja
        PY  - 2021
        DO  - 10.5555/peer.2021.014
        ER  -\s
        """);
  }

  /** Runs the launcher with {@code env} (on top of a clean environment) and returns Java's arguments. */
  private List<String> javaArgs(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("litsieve").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("launcher.log").toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.endsWith("JAVA_OPTS") || k.equals("JDK_JAVA_OPTIONS")
        || k.equals("JAVA_TOOL_OPTIONS") || k.startsWith("LITSIEVE_"));
    e.put("PATH", dir.resolve("bin") + ":" + e.get("PATH"));
    e.put("REAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    e.put("STUB_ARGS", argsFile.toString());
    e.put("STUB_MAX_HEAP", Long.toString(SIX_GB_HEAP));
    e.put("LITSIEVE_CDS", "0");
    Map<String, String> all = new HashMap<>(env);
    all.forEach((k, v) -> {
      if (v == null) {
        e.remove(k);
      } else {
        e.put(k, v);
      }
    });
    Files.deleteIfExists(argsFile);
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher did not end");
    String log = Files.readString(dir.resolve("launcher.log"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    assertTrue(Files.exists(argsFile), "the launcher did not start Java:\n" + log);
    return Files.readAllLines(argsFile, StandardCharsets.UTF_8);
  }

  private List<String> screen(Map<String, String> env, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("screen", "--quiet", "--rules", "rules.yaml", "--out",
        dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return javaArgs(env, args.toArray(String[]::new));
  }

  /** The options the launcher adds for a small run: the lines of jvm.options marked for it. */
  private List<String> smallRunOptions() throws Exception {
    List<String> marked = Files.readAllLines(root.resolve("jvm.options")).stream()
        .filter(l -> l.startsWith("#small-run ")).map(l -> l.substring("#small-run ".length()).strip()).toList();
    assertFalse(marked.isEmpty(), "jvm.options marks no options for small runs");
    assertTrue(marked.contains("-XX:+UseParallelGC"), marked.toString());
    return marked;
  }

  private static List<String> collectors(List<String> args) {
    return args.stream().filter(a -> a.matches("-XX:[+-]Use\\w*GC\\w*")).toList();
  }

  private Path sparse(Path file, long bytes) throws Exception {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return file;
  }

  /** A folder with the sizes of the generated 1,000,000-record corpus (ten times the 100k files). */
  private Path millionRecordCorpus() throws Exception {
    Path c = dir.resolve("c1m");
    sparse(c.resolve("pubmed.nbib"), 856_002_340L);
    sparse(c.resolve("psycinfo-ovid.ris"), 783_024_090L);
    sparse(c.resolve("more/scopus.csv"), 759_528_610L);
    return c;
  }

  @Test
  void aSmallRunGetsTheParallelCollector() throws Exception {
    List<String> args = screen(Map.of(), input.toString());
    List<String> small = smallRunOptions();
    int at = args.indexOf("-jar");
    assertTrue(args.subList(0, at).containsAll(small), args.toString());
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(args));
    assertTrue(args.contains("@" + root.resolve("jvm.options")), args.toString());
    // dedup too, and a folder is counted with what is in it
    Path folder = Files.createDirectories(dir.resolve("exports/2024"));
    Files.copy(input, folder.resolve("a.ris"));
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(javaArgs(Map.of(), "dedup", "--out",
        dir.resolve("d").toString(), dir.resolve("exports").toString())));
  }

  @Test
  void aMillionRecordRunKeepsTheDefaultCollector() throws Exception {
    List<String> args = screen(Map.of(), millionRecordCorpus().toString());
    assertEquals(List.of(), collectors(args), args.toString());
    assertFalse(args.contains("-XX:NewRatio=5"), args.toString());
    // the same when the large input is one of several, or a file inside a folder
    assertEquals(List.of(), collectors(screen(Map.of(), input.toString(),
        sparse(dir.resolve("deep/a/b/big.csv"), 3 * GIB).getParent().getParent().toString())));
    // names with spaces and letters beyond ASCII are one path each
    assertEquals(List.of(), collectors(screen(Map.of("LANG", "C.UTF-8"), input.toString(),
        sparse(dir.resolve("Suche März 2024/Scopus export.csv"), 3 * GIB).getParent().toString())));
  }

  @Test
  void aCollectorTheUserNamesIsTheOnlyOne() throws Exception {
    for (String var : new String[] {"LITSIEVE_JAVA_OPTS", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"}) {
      List<String> args = screen(Map.of(var, "-Xmx2g -XX:+UseG1GC"), input.toString());
      assertFalse(args.contains("-XX:+UseParallelGC"), var + ": " + args);
      assertFalse(args.contains("-XX:NewRatio=5"), var + ": " + args);
    }
    // an option about collection that chooses no collector leaves the choice to the launcher
    assertEquals(List.of("-XX:+UseParallelGC", "-XX:-UseGCOverheadLimit"),
        collectors(screen(Map.of("LITSIEVE_JAVA_OPTS", "-XX:-UseGCOverheadLimit"), input.toString())));
    // and simulate's serial collector gives way to the user's too
    List<String> sim = javaArgs(Map.of("LITSIEVE_JAVA_OPTS", "-XX:+UseParallelGC"), "simulate", input.toString());
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(sim), sim.toString());
    assertEquals(List.of("-XX:+UseSerialGC"), collectors(javaArgs(Map.of(), "simulate", input.toString())));
  }

  @Test
  void theSwitchTurnsTheChoiceOff() throws Exception {
    assertEquals(List.of(), collectors(screen(Map.of("LITSIEVE_COLLECTOR", "0"), input.toString())));
    assertEquals(List.of(), collectors(javaArgs(Map.of(), "inspect", input.toString())));
  }

  @Test
  void aPreviousRunIsCountedButTheOutputFolderIsNot() throws Exception {
    Path previous = dir.resolve("runs/2026-01");
    sparse(previous.resolve("excluded.csv"), 3 * GIB);
    assertEquals(List.of(), collectors(screen(Map.of(), "--previous", previous.toString(), input.toString())));
    assertEquals(List.of(), collectors(screen(Map.of(), "--previous=" + previous, input.toString())));
    // --keep-history continues from --out/latest
    Path runs = dir.resolve("runs");
    Files.createSymbolicLink(runs.resolve("latest"), previous.getFileName());
    assertEquals(List.of(), collectors(javaArgs(Map.of(), "screen", "--rules", "rules.yaml", "--keep-history",
        "--out", runs.toString(), input.toString())));
    // what an output folder already holds is not read, and a small input there stays small
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(javaArgs(Map.of(), "screen", "--rules", "rules.yaml",
        "--out", runs.toString(), input.toString())));
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(javaArgs(Map.of(), "screen", "--rules", "rules.yaml",
        "--out=" + runs, input.toString())));
  }

  @Test
  void theLargestHeapIsJavasOwnWithTheUsersOptions() throws Exception {
    Map<String, String> realJava = new HashMap<>();
    realJava.put("STUB_MAX_HEAP", null);
    realJava.put("LITSIEVE_JAVA_OPTS", "-Xmx256m");
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(screen(realJava, input.toString())));
    // 100 MB of input is far more than a third of 256 MB once in memory, but small for a default heap
    Path hundred = sparse(dir.resolve("hundred/export.nbib"), 100_000_000L);
    assertEquals(List.of(), collectors(screen(realJava, hundred.toString())));
    realJava.put("LITSIEVE_JAVA_OPTS", "-Xmx6g");
    assertEquals(List.of("-XX:+UseParallelGC"), collectors(screen(realJava, hundred.toString())));
  }
}
