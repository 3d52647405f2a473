package org.litsieve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.litsieve.generate.CorpusGenerator;

/**
 * Times the Beam pipeline, run the way the CLI runs it, against the plain-Java reference
 * ({@link PlainReference}) on generated corpora of growing size, each in a fresh JVM (start-up
 * included), and prints a table: wall time, records/s, the reference's time per stage, the
 * pipeline's CPU time per stage (from Beam metrics, in the manifest), peak memory, the (b)/(a)
 * ratio, and whether both wrote identical CSV files. Both JVMs get the launcher's options
 * ({@code jvm.options}, and its class-data archive {@code litsieve.jsa} beside the jar when that
 * is newer than the jar), so the harness times what {@code ./litsieve} runs with Java's default
 * collector. The launcher chooses the parallel collector for runs small for their heap (the
 * {@code #small-run} lines of {@code jvm.options}, docs/performance.md); the harness does not
 * make that choice: {@code --java-option} adds options to both JVMs, e.g. those lines to time
 * what the launcher runs at 100,000 records.
 *
 * <p>Usage: {@code java -cp bench/target/litsieve-bench.jar org.litsieve.bench.ScaleBenchmark
 * [--sizes 10000,100000,1000000] [--seed 1] [--heap 6g] [--work DIR] [--rules FILE]
 * [--java-option OPTION]...}
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  record Run(double seconds, long peakRssMb, String detail) {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
    long seed = 1;
    String heap = "6g";
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "litsieve-bench");
    String rules = "screening-rules/lle-training.yaml";
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(v.split(",")).map(s -> Long.parseLong(s.strip().replace("_", ""))).toList();
        case "--seed" -> seed = Long.parseLong(v);
        case "--heap" -> heap = v;
        case "--work" -> work = Path.of(v);
        case "--rules" -> rules = v;
        case "--java-option" -> extra.add(v);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    // the runtime jar users run (its JVMs get its class-data archive), and this benchmark's jar
    String jar = codeSource(org.litsieve.pipeline.Version.class);
    String benchJar = codeSource(ScaleBenchmark.class);
    Path archive = classDataArchive(Path.of(jar));
    System.out.printf(Locale.ROOT, "litsieve scale benchmark · seed %d · heap %s · %d cores · class-data archive: %s"
        + " · added JVM options: %s%n%n", seed, heap, Runtime.getRuntime().availableProcessors(),
        archive == null ? "none (run ./litsieve once to make it, as users' runs do)" : archive,
        extra.isEmpty() ? "none" : String.join(" ", extra));
    System.out.printf(Locale.ROOT, "%9s  %-12s %8s %10s  %-58s %8s %6s  %s%n", "records", "variant",
        "wall s", "records/s", "time per stage", "peak MB", "b/a", "same CSVs");
    for (long n : sizes) {
      Path corpus = work.resolve("corpus-" + n + "-" + seed);
      if (!Files.exists(corpus.resolve("truth.csv"))) {
        CorpusGenerator.write(new CorpusGenerator.Settings(n, seed, 0.3, 0.2), corpus);
      }
      Path outA = work.resolve("plain-" + n);
      Path outB = work.resolve("beam-" + n);
      deleteRecursively(outA);
      deleteRecursively(outB);
      // the runtime jar first: the class-data archive applies to a class path that starts with it
      Run a = run(java(heap, archive, extra, "-cp", jar + File.pathSeparator + benchJar, PlainReference.class.getName(),
          rules, outA.toString(), corpus.toString()), true);
      JsonNode stagesA = new ObjectMapper().readTree(a.detail()).get("stage_ms");
      Run b = run(java(heap, archive, extra, "-jar", jar, "screen", "--run-id", PlainReference.RUN_ID, "--rules", rules,
          "--out", outB.toString(), corpus.toString()), false);
      JsonNode manifest = new ObjectMapper().readTree(outB.resolve("manifest.json").toFile());
      JsonNode cpu = manifest.path("timings_ms").path("stage_cpu");
      System.out.printf(Locale.ROOT, "%9d  %-12s %8.1f %10.0f  %-58s %8d %6s%n", n, "plain-java",
          a.seconds(), n / a.seconds(), stages(stagesA, "ms wall"), a.peakRssMb(), "");
      System.out.printf(Locale.ROOT, "%9d  %-12s %8.1f %10.0f  %-58s %8d %6.2f  %s%n", n, "beam-direct",
          b.seconds(), n / b.seconds(), stages(cpu, "ms cpu"), b.peakRssMb(), b.seconds() / a.seconds(),
          sameCsvs(outA, outB) ? "yes" : "NO");
    }
    System.out.println();
    System.out.println("wall s includes JVM start-up; peak MB is the process's peak resident memory.");
    System.out.println("plain-java stages are wall times in one thread; beam-direct stages are CPU time summed over threads.");
  }

  /** The jar (or folder) {@code c} was loaded from. */
  private static String codeSource(Class<?> c) throws java.net.URISyntaxException {
    return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
  }

  /**
   * The class-data archive the launcher makes beside the jar ({@code litsieve.jsa}) if it exists
   * and is newer than the jar; else null. The launcher also checks which Java made it; an archive
   * the running Java cannot use is skipped by Java without a word, so the harness then times a
   * start without one.
   */
  static Path classDataArchive(Path jar) throws IOException {
    Path jsa = jar.resolveSibling("litsieve.jsa");
    return Files.isRegularFile(jsa) && Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) > 0
        ? jsa : null;
  }

  /**
   * A java command with the launcher's JVM options ({@link #jvmOptions}), its class-data
   * {@code archive} (from {@link #classDataArchive}; none if null), the heap, the {@code extra}
   * options ({@code --java-option}), and {@code rest}.
   */
  private static List<String> java(String heap, Path archive, List<String> extra, String... rest) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("java");
    cmd.addAll(jvmOptions());
    if (archive != null) {
      cmd.add("-XX:SharedArchiveFile=" + archive);
      cmd.add("-Xlog:cds*=off");
    }
    cmd.add("-Xmx" + heap);
    cmd.addAll(extra);
    cmd.addAll(List.of(rest));
    return cmd;
  }

  /**
   * The JVM options the launcher passes ({@code jvm.options} at the project root, copied into the
   * jar): one per line, blank lines and lines starting with {@code #} skipped. Fails with an
   * {@link IOException} when the jar carries no copy (a build that skipped the resources).
   */
  static List<String> jvmOptions() throws IOException {
    try (var in = ScaleBenchmark.class.getResourceAsStream("/jvm.options")) {
      if (in == null) {
        throw new IOException("jvm.options is not in the jar; rebuild with mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  private static String stages(JsonNode node, String unit) {
    if (node == null || node.isMissingNode() || node.size() == 0) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    node.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
    return String.join(", ", parts) + " (" + unit + ")";
  }

  private static boolean sameCsvs(Path a, Path b) throws IOException {
    for (String f : new String[] {"included.csv", "review.csv", "excluded.csv", "duplicates.csv",
        "rejected.csv", "prisma.json"}) {
      if (!Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) {
        return false;
      }
    }
    return true;
  }

  /** Runs a command under /usr/bin/time (when present) for its peak memory; returns stdout as detail. */
  private static Run run(List<String> command, boolean wantStdout) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    Path timeFile = Files.createTempFile("litsieve-bench", ".time");
    boolean timed = new File("/usr/bin/time").canExecute();
    if (timed) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", timeFile.toString()));
    }
    cmd.addAll(command);
    Path stdout = Files.createTempFile("litsieve-bench", ".out");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
        .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IOException("failed (" + code + "): " + String.join(" ", command));
    }
    long rssMb = 0;
    if (timed) {
      String t = Files.readString(timeFile, StandardCharsets.UTF_8).strip();
      rssMb = Long.parseLong(t.substring(t.lastIndexOf('\n') + 1).strip()) / 1024;
    }
    String out = wantStdout ? Files.readString(stdout, StandardCharsets.UTF_8).strip() : "";
    Files.deleteIfExists(stdout);
    Files.deleteIfExists(timeFile);
    return new Run(seconds, rssMb, out.isEmpty() ? "{}" : out.substring(out.lastIndexOf('\n') + 1));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
