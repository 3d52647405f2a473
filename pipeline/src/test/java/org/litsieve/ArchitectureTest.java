package org.litsieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of {@code docs/architecture.md}, checked on the sources of both modules: no two
 * files reference each other, and package arrows point one way ({@code cli → pipeline → stages →
 * model}; a stage never uses another stage, {@code screen → rules} the one allowed edge).
 *
 * <p>It reads the sources, not the compiled classes: javac inlines constants ({@code Main.USAGE})
 * and the class files of a nested type are separate from their file's, so compiled classes hide
 * references a reader sees. A file references another when it imports it (or a type nested in
 * it), names it fully qualified, or, in the same package, uses its simple name outside comments,
 * strings and character literals. A nested type counts as its file.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of(System.getProperty("litsieve.root", ".."));
  private static final List<Path> SOURCE_ROOTS =
      List.of(ROOT.resolve("pipeline/src/main/java"), ROOT.resolve("bench/src/main/java"));

  /**
   * Pairs of files that still reference each other, "A ↔ B" with A before B, each to be broken by
   * moving the shared nested type or constant into its own file (issue 23). None is left: the
   * living review's three pairs went with {@code pipeline.ReviewHistory}, {@code history.Status}
   * and {@code model.OutputFile}. This set may only stay empty: a pair that appears fails.
   */
  private static final Set<String> KNOWN_PAIRS = Set.of();

  /** Stage packages: each may use model and shuffle, and no other stage (but screen → rules). */
  private static final Set<String> STAGES = Set.of("ingest", "dedup", "rules", "screen", "output", "history");

  @Test
  void noTwoFilesReferenceEachOther() throws IOException {
    Map<String, Set<String>> refs = references(sources(null));
    Set<String> pairs = new TreeSet<>();
    refs.forEach((a, bs) -> bs.forEach(b -> {
      if (a.compareTo(b) < 0 && refs.getOrDefault(b, Set.of()).contains(a)) {
        pairs.add(a + " ↔ " + b);
      }
    }));
    Set<String> unexpected = new TreeSet<>(pairs);
    unexpected.removeAll(KNOWN_PAIRS);
    Set<String> gone = new TreeSet<>(KNOWN_PAIRS);
    gone.removeAll(pairs);
    assertEquals(Set.of(), unexpected, "files that reference each other: move the shared nested type or"
        + " constant into its own file");
    assertEquals(Set.of(), gone, "no longer a pair: take it off ArchitectureTest.KNOWN_PAIRS");
  }

  @Test
  void packageArrowsPointOneWay() throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    Set<String> benchModule = new TreeSet<>();
    references(sources(benchModule)).forEach((a, bs) -> bs.forEach(b -> {
      String pa = side(a, benchModule);
      String pb = side(b, benchModule);
      if (!pa.equals(pb)) {
        edges.computeIfAbsent(pa, k -> new TreeSet<>()).add(pb + " (" + a + " → " + b + ")");
      }
    }));
    List<String> wrong = new ArrayList<>();
    edges.forEach((from, tos) -> tos.forEach(t -> {
      String to = t.substring(0, t.indexOf(' '));
      if (!allowed(from, to)) {
        wrong.add(from + " → " + t);
      }
    }));
    assertEquals(List.of(), wrong, "package edges that docs/architecture.md does not allow (a new"
        + " package: name it there and in ArchitectureTest.allowed)");
  }

  @Test
  void docsNameEveryPackage() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
    Set<String> missing = new TreeSet<>();
    sources(null).keySet().forEach(f -> {
      if (!doc.contains("org.litsieve." + pkg(f) + " ")) {
        missing.add("org.litsieve." + pkg(f));
      }
    });
    assertEquals(Set.of(), missing, "packages that docs/architecture.md's Layout does not name");
  }

  /**
   * The package a file counts as for the arrows: a benchmark file in the bench module counts as
   * {@code bench} whatever its package (it may use anything but the commands), except the generator
   * and its command, which keep theirs.
   */
  private static String side(String file, Set<String> benchModule) {
    String p = pkg(file);
    return benchModule.contains(file) && !p.equals("generate") && !p.equals("cli") ? "bench" : p;
  }

  /** The arrows of docs/architecture.md, "Layout and dependencies". */
  static boolean allowed(String from, String to) {
    return switch (from) {
      case "cli" -> !to.equals("bench"); // commands call the pipeline, the stages' helpers, the generator
      case "bench" -> !to.equals("cli"); // bench → pipeline → stages
      case "pipeline" -> !Set.of("cli", "bench", "generate").contains(to);
      case "model", "shuffle" -> false;
      case "generate" -> to.equals("model");
      case "rank" -> to.equals("model");
      default -> STAGES.contains(from)
          ? Set.of("model", "shuffle").contains(to) || from.equals("screen") && to.equals("rules")
          : false;
    };
  }

  @Test
  void theCheckSeesReferencesThatClassFilesHide() {
    // an inlined constant, a class literal in an annotation, a nested type, and the same name in a
    // comment and a string, which do not count
    String code = """
        package org.litsieve.cli;
        import picocli.CommandLine.Command;
        /** Main.FAILURE is not a reference here. */
        @Command(versionProvider = Main.VersionProvider.class)
        final class Other { int code = Main.USAGE; String s = "Helper"; char c = '"'; // Helper
        }
        """;
    Map<String, String> files = Map.of("cli/Other", code, "cli/Main", "package org.litsieve.cli;\n",
        "cli/Helper", "package org.litsieve.cli;\n", "model/Thing", "package org.litsieve.model;\n");
    assertEquals(Map.of("cli/Other", Set.of("cli/Main")), withoutEmpty(references(files)));
    String imports = """
        package org.litsieve.dedup;
        import org.litsieve.model.Thing.Nested;
        import static org.litsieve.cli.Main.USAGE;
        class Uses { Object o = org.litsieve.cli.Helper.class; }
        """;
    Map<String, String> more = new TreeMap<>(files);
    more.put("dedup/Uses", imports);
    assertEquals(Set.of("model/Thing", "cli/Main", "cli/Helper"), references(more).get("dedup/Uses"));
    assertTrue(allowed("screen", "rules") && !allowed("rules", "screen") && !allowed("dedup", "ingest"));
  }

  private static Map<String, Set<String>> withoutEmpty(Map<String, Set<String>> m) {
    Map<String, Set<String>> out = new TreeMap<>(m);
    out.values().removeIf(Set::isEmpty);
    return out;
  }

  /**
   * Every main source file of both modules, by "package/Name" (below org.litsieve), to its text;
   * adds the names of the bench module's files to {@code benchModule} unless it is null.
   */
  private static Map<String, String> sources(Set<String> benchModule) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (Path root : SOURCE_ROOTS) {
      Path base = root.resolve("org/litsieve");
      assertTrue(Files.isDirectory(base), "no sources at " + base + " (set -Dlitsieve.root)");
      try (Stream<Path> walk = Files.walk(base)) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
          String name = base.relativize(p).toString().replace('\\', '/').replaceAll("\\.java$", "");
          if (!name.endsWith("package-info")) {
            files.put(name, Files.readString(p, StandardCharsets.UTF_8));
            if (benchModule != null && root.equals(SOURCE_ROOTS.get(1))) {
              benchModule.add(name);
            }
          }
        }
      }
    }
    return files;
  }

  private static final Pattern IMPORT = Pattern.compile(
      "(?m)^\\s*import\\s+(static\\s+)?org\\.litsieve\\.([\\w.]+?)(\\.\\*)?\\s*;");
  private static final Pattern QUALIFIED = Pattern.compile("\\borg\\s*\\.\\s*litsieve\\s*\\.\\s*([a-z]\\w*)\\s*\\.\\s*([A-Z]\\w*)");
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Z]\\w*\\b");

  /** For each file ("package/Name"), the other files it references. */
  static Map<String, Set<String>> references(Map<String, String> files) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      String self = f.getKey();
      String pkg = pkg(self);
      String code = stripCommentsAndLiterals(f.getValue());
      Set<String> refs = new TreeSet<>();
      Set<String> wildcardPackages = new TreeSet<>();
      wildcardPackages.add(pkg);
      Matcher m = IMPORT.matcher(code);
      while (m.find()) {
        String[] parts = m.group(2).split("\\.");
        if (m.group(3) != null && parts.length == 1) {
          wildcardPackages.add(parts[0]); // import org.litsieve.x.*
        } else if (parts.length >= 2) {
          refs.add(parts[0] + "/" + parts[1]); // the top-level type, even for a nested or static import
        }
      }
      Matcher q = QUALIFIED.matcher(code);
      while (q.find()) {
        refs.add(q.group(1) + "/" + q.group(2));
      }
      String body = code.replaceAll("(?m)^\\s*(package|import)\\s[^;]*;", "");
      Matcher id = IDENTIFIER.matcher(body);
      while (id.find()) {
        for (String p : wildcardPackages) {
          String candidate = p + "/" + id.group();
          if (files.containsKey(candidate)) {
            refs.add(candidate);
          }
        }
      }
      refs.remove(self);
      refs.retainAll(files.keySet());
      out.put(self, refs);
    }
    return out;
  }

  private static String pkg(String file) {
    return file.substring(0, file.lastIndexOf('/'));
  }

  /**
   * The code with comments, string literals (text blocks included) and character literals blanked
   * out, so that a name mentioned in them is no reference.
   */
  static String stripCommentsAndLiterals(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        b.append(' ');
      } else if (s.startsWith("\"\"\"", i)) {
        int end = i + 3;
        while (end < n && !(s.startsWith("\"\"\"", end) && s.charAt(end - 1) != '\\')) {
          end++;
        }
        i = Math.min(n, end + 3);
        b.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(n, j + 1);
        b.append(c).append(c);
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }
}
