package org.litsieve.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.litsieve.ingest.ExportReader;

/**
 * Turns the INPUT arguments into the list of files to read.
 *
 * <p>A named file is always read (an unknown format then shows up as a reject naming the formats
 * tried); a named path that is not a regular file (a device, a pipe) is refused, since reading
 * {@code /dev/zero} or a pipe nobody closes never ends, and folders skip such entries. A named folder is scanned recursively, in sorted order, skipping hidden entries: a file
 * in it is read if its content is in a known format, or if it has an export's extension
 * ({@code .ris}, {@code .nbib}, {@code .csv}, …) so that a broken export is reported rather than
 * missed; anything else (a README, a PDF) is listed as skipped, and so is a litsieve output folder
 * inside it (see {@link #resolve(List, List)}). A path with a scheme such as
 * {@code gs://} is passed to Beam's filesystems as it is.
 */
public final class InputFiles {
  /**
   * Extensions of files that are exports even when their content is broken. {@code .json} is not
   * one: a folder of exports often holds other JSON (a data package's {@code manifest.json}, tool
   * settings), so a JSON file in a folder is read only when its content is CSL-JSON or OpenAlex.
   */
  static final Set<String> EXPORT_EXTENSIONS = Set.of("ris", "nbib", "medline", "csv", "tsv",
      "tab", "bib", "bibtex", "enw", "enl", "ciw", "isi", "xml", "gz");

  /** One file to read: what the outputs call it, and what to open. */
  public record InputFile(String displayName, String spec) {}

  /**
   * The files to read, the files passed over in folders (output folders among them, each as
   * {@code DIR/ (a litsieve output folder)}), the output folders alone, the arguments that were
   * not found, and the named paths that exist but are not regular files (a device such as
   * {@code /dev/zero}, a pipe, a socket), which are refused because reading them may never end.
   */
  public record Resolution(List<InputFile> files, List<String> skipped, List<String> missing,
      List<String> outputFolders, List<String> notFiles) {
    public Resolution(List<InputFile> files, List<String> skipped, List<String> missing) {
      this(files, skipped, missing, List.of(), List.of());
    }
  }

  /** How a skipped output folder is listed in {@link Resolution#skipped}. */
  public static final String OUTPUT_FOLDER = " (a litsieve output folder)";

  private InputFiles() {}

  /** {@link #resolve(List, List)} with no output folder to keep out. */
  public static Resolution resolve(List<String> arguments) {
    return resolve(arguments, List.of());
  }

  /**
   * Resolves the arguments. Scanning a folder never descends into {@code outputs} (this run's
   * {@code --out}) nor into any folder holding a litsieve {@code manifest.json}: a run whose
   * output folder lies inside its input folder must not read its own outputs as search results
   * on the next run. Those folders are listed as skipped.
   */
  public static Resolution resolve(List<String> arguments, List<Path> outputs) {
    Map<String, InputFile> files = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> outputFolders = new ArrayList<>();
    Set<Path> keepOut = new HashSet<>();
    for (Path o : outputs) {
      keepOut.add(o.toAbsolutePath().normalize());
    }
    List<String> notFiles = new ArrayList<>();
    for (String arg : arguments) {
      if (arg.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
        files.putIfAbsent(arg, new InputFile(arg, arg));
        continue;
      }
      Path path = Paths.get(arg);
      if (Files.isDirectory(path)) {
        scan(path, files, skipped, outputFolders, keepOut);
      } else if (Files.isRegularFile(path)) {
        add(path, files);
      } else if (Files.exists(path)) {
        notFiles.add(arg);
      } else {
        missing.add(arg);
      }
    }
    return new Resolution(List.copyOf(files.values()), skipped, missing, List.copyOf(outputFolders),
        notFiles);
  }

  private static void scan(Path dir, Map<String, InputFile> files, List<String> skipped,
      List<String> outputFolders, Set<Path> keepOut) {
    List<Path> found = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(dir) && hidden(dir.relativize(d))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (keepOut.contains(d.toAbsolutePath().normalize()) || isOutputFolder(d)) {
            outputs.add(d);
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (!hidden(dir.relativize(f)) && Files.isRegularFile(f)) {
            found.add(f);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      skipped.add(dir + " (cannot list the folder: " + e.getMessage() + ")");
      return;
    }
    found.sort(null);
    outputs.sort(null);
    for (Path o : outputs) {
      outputFolders.add(display(o) + "/");
      skipped.add(display(o) + "/" + OUTPUT_FOLDER);
    }
    for (Path p : found) {
      if (hasExportExtension(p) || knownContent(p)) {
        add(p, files);
      } else {
        skipped.add(display(p));
      }
    }
  }

  /** A folder holding a {@code manifest.json} that litsieve wrote ({@code "tool": "litsieve"}). */
  static boolean isOutputFolder(Path d) {
    Path manifest = d.resolve(OutputCommit.MARKER);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      return "litsieve".equals(new ObjectMapper().readTree(manifest.toFile()).path("tool").asText());
    } catch (IOException | RuntimeException e) {
      return false; // not JSON: someone else's manifest, scanned as usual
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasExportExtension(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot >= 0 && EXPORT_EXTENSIONS.contains(name.substring(dot + 1));
  }

  private static boolean knownContent(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return ExportReader.detect(in).parser().isPresent();
    } catch (IOException e) {
      return true; // unreadable: read it, so that the failure is reported as a reject
    }
  }

  private static void add(Path p, Map<String, InputFile> files) {
    String absolute = p.toAbsolutePath().normalize().toString();
    files.putIfAbsent(absolute, new InputFile(display(p), absolute));
  }

  /** The path as the user would write it: relative where it was given relative, with '/'. */
  static String display(Path p) {
    return p.normalize().toString().replace('\\', '/');
  }
}
