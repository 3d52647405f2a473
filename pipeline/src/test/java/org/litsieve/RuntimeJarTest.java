package org.litsieve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.litsieve.cli.Main;

/**
 * Benchmarks and the corpus generator stay out of what users run: the classes this module
 * compiles (everything of litsieve's own that the runtime jar holds) contain none of them. They
 * live in the {@code bench} module; a new benchmark goes there ({@code docs/architecture.md}).
 */
public class RuntimeJarTest {
  /** Class files that belong in the bench module, by path inside a jar or classes folder. */
  static final Pattern BENCH_ONLY = Pattern.compile(
      "org/litsieve/(bench|generate)/.*|org/litsieve/.*(Benchmark|SyntheticCorpus|GenerateCommand)[^/]*\\.class");

  @Test
  void theRuntimeClassesHoldNoBenchmarkAndNoGenerator() throws Exception {
    Path runtime = codeSource(Main.class);
    assertEquals(List.of(), benchOnlyEntries(runtime), "benchmark or generator classes in " + runtime);
  }

  /** Where {@code c} was loaded from: a jar or a classes folder. */
  public static Path codeSource(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The entries of {@code jarOrFolder} that belong in the bench module ({@link #BENCH_ONLY}). */
  public static List<String> benchOnlyEntries(Path jarOrFolder) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(jarOrFolder)) {
      try (Stream<Path> walk = Files.walk(jarOrFolder)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> names.add(jarOrFolder.relativize(p).toString().replace('\\', '/')));
      }
    } else {
      try (ZipFile zip = new ZipFile(jarOrFolder.toFile())) {
        zip.stream().forEach(e -> names.add(e.getName()));
      }
    }
    return names.stream().filter(n -> BENCH_ONLY.matcher(n).matches()).sorted().toList();
  }
}
