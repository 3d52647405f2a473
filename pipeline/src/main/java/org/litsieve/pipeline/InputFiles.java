package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.litsieve.ingest.ExportReader;

/**
 * Turns the INPUT arguments into the list of files to read.
 *
 * <p>A named file is always read (an unknown format then shows up as a reject naming the formats
 * tried). A named folder is scanned recursively, in sorted order, skipping hidden entries: a file
 * in it is read if its content is in a known format, or if it has an export's extension
 * ({@code .ris}, {@code .nbib}, {@code .csv}, …) so that a broken export is reported rather than
 * missed; anything else (a README, a PDF) is listed as skipped. A path with a scheme such as
 * {@code gs://} is passed to Beam's filesystems as it is.
 */
public final class InputFiles {
  /** Extensions of files that are exports even when their content is broken. */
  static final Set<String> EXPORT_EXTENSIONS = Set.of("ris", "nbib", "medline", "csv", "tsv",
      "tab", "bib", "bibtex", "enw", "enl", "ciw", "isi", "xml", "json", "gz");

  /** One file to read: what the outputs call it, and what to open. */
  public record InputFile(String displayName, String spec) {}

  /** The files to read, the files passed over in folders, and the arguments that were not found. */
  public record Resolution(List<InputFile> files, List<String> skipped, List<String> missing) {}

  private InputFiles() {}

  public static Resolution resolve(List<String> arguments) {
    Map<String, InputFile> files = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String arg : arguments) {
      if (arg.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
        files.putIfAbsent(arg, new InputFile(arg, arg));
        continue;
      }
      Path path = Paths.get(arg);
      if (Files.isDirectory(path)) {
        scan(path, files, skipped);
      } else if (Files.exists(path)) {
        add(path, files);
      } else {
        missing.add(arg);
      }
    }
    return new Resolution(List.copyOf(files.values()), skipped, missing);
  }

  private static void scan(Path dir, Map<String, InputFile> files, List<String> skipped) {
    List<Path> found;
    try (Stream<Path> walk = Files.walk(dir)) {
      found = walk.filter(p -> !p.equals(dir))
          .filter(p -> !hidden(dir.relativize(p)))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      skipped.add(dir + " (cannot list the folder: " + e.getMessage() + ")");
      return;
    }
    for (Path p : found) {
      if (hasExportExtension(p) || knownContent(p)) {
        add(p, files);
      } else {
        skipped.add(display(p));
      }
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
