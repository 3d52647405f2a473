package org.litsieve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM options: the harness reads the same ones, and this JVM accepts them; so are
 * the class-data archive's options, and the harness uses an archive under the launcher's rule.
 */
class JvmOptionsTest {
  private static final Path ROOT = Path.of(System.getProperty("litsieve.root", ".."));

  @Test
  void harnessReadsTheLaunchersOptions() throws Exception {
    List<String> options = ScaleBenchmark.jvmOptions();
    assertFalse(options.isEmpty(), "jvm.options has no options");
    assertTrue(options.stream().allMatch(o -> o.startsWith("-")), "not all JVM options: " + options);
    byte[] copy;
    try (var in = ScaleBenchmark.class.getResourceAsStream("/jvm.options")) {
      copy = in.readAllBytes();
    }
    assertEquals(Files.readString(ROOT.resolve("jvm.options"), StandardCharsets.UTF_8),
        new String(copy, StandardCharsets.UTF_8), "the jar's copy of jvm.options differs from the project's");
    String launcher = Files.readString(ROOT.resolve("litsieve"), StandardCharsets.UTF_8);
    assertTrue(launcher.contains("\"@$root/jvm.options\""), "the launcher does not pass jvm.options");
  }

  @Test
  void everyOptionIsAcceptedByThisJvm() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + ROOT.resolve("jvm.options").toAbsolutePath());
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "java @jvm.options -version failed:\n" + out);
    assertFalse(out.contains("Ignoring option") || out.contains("warning"), "the JVM warned:\n" + out);
    // with the options the launcher adds for a small run too (the G1 options above stay on the line)
    List<String> small = Files.readAllLines(ROOT.resolve("jvm.options"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("#small-run ")).map(l -> l.substring("#small-run ".length()).strip()).toList();
    assertTrue(small.contains("-XX:+UseParallelGC"), "jvm.options marks no collector for small runs: " + small);
    List<String> args = new ArrayList<>();
    args.add("@" + ROOT.resolve("jvm.options").toAbsolutePath());
    args.addAll(small);
    args.add("-version");
    runJava(args.toArray(String[]::new));
  }

  /** Runs this JVM with {@code args}; fails if it fails or warns. */
  private static void runJava(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), cmd + " failed:\n" + out);
    assertFalse(out.contains("warning") || out.contains("Error"), cmd + " warned:\n" + out);
  }

  @Test
  void theLaunchersClassDataOptionsMakeAndUseAnArchive(@TempDir Path dir) throws Exception {
    String launcher = Files.readString(ROOT.resolve("litsieve"), StandardCharsets.UTF_8);
    assertTrue(launcher.contains("\"-XX:DumpLoadedClassList=$scratch/screen.classes\"")
        && launcher.contains("grep -v '^@'")
        && launcher.contains("-Xshare:dump \"-XX:SharedClassListFile=$scratch/classes\"")
        && launcher.contains("\"-XX:SharedArchiveFile=$made\""), "the launcher does not make the archive");
    assertTrue(launcher.contains("\"-XX:SharedArchiveFile=$jsa\" \"-Xlog:cds*=off\""), "the launcher does not use the archive");
    // list the classes, leave out the lambda lines, dump a static archive, as the launcher does
    Path list = dir.resolve("classes.lst");
    runJava("-XX:DumpLoadedClassList=" + list, "-version");
    Path classes = dir.resolve("classes");
    Files.write(classes, Files.readAllLines(list).stream().filter(l -> !l.startsWith("@")).sorted().distinct().toList());
    Path jsa = dir.resolve("test.jsa");
    List<String> dump = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:dump",
        "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + jsa);
    Process p = new ProcessBuilder(dump).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("dump.log").toFile()).start();
    assertEquals(0, p.waitFor(), dump + " failed:\n" + Files.readString(dir.resolve("dump.log")));
    assertTrue(Files.size(jsa) > 0, "no archive was written");
    runJava("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off", "-Xshare:on", "-version"); // on: fail if unusable
    // an archive this JVM cannot use is skipped without a word (auto, the launcher's mode)
    Path broken = Files.writeString(dir.resolve("broken.jsa"), "not an archive");
    runJava("-XX:SharedArchiveFile=" + broken, "-Xlog:cds*=off", "-version");
  }

  @Test
  void harnessUsesAnArchiveOnlyWhenItIsNewerThanTheJar(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("litsieve.jar"), "jar");
    assertNull(ScaleBenchmark.classDataArchive(jar), "no archive");
    Path jsa = Files.writeString(dir.resolve("litsieve.jsa"), "jsa");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(jsa, FileTime.fromMillis(2_000_000));
    assertEquals(jsa, ScaleBenchmark.classDataArchive(jar));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000));
    assertNull(ScaleBenchmark.classDataArchive(jar), "an archive older than the jar was used");
  }
}
