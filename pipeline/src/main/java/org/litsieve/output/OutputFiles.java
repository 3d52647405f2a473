package org.litsieve.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Writes output files through Beam's {@link FileSystems}, so any filesystem Beam knows works. */
public final class OutputFiles {
  /** Records excluded by keyword screening that the relevance model scores as likely relevant. */
  public static final String SECOND_LOOK_CSV = org.litsieve.model.OutputFile.SECOND_LOOK_CSV.fileName();

  private OutputFiles() {}

  /** The resource for {@code name} inside the directory {@code dir}. */
  public static ResourceId resolve(String dir, String name) {
    return FileSystems.matchNewResource(dir, true)
        .resolve(name, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  /**
   * Opens {@code name} in {@code dir} for writing (replacing it).
   *
   * @throws IOException also when {@code dir} is a local folder that does not exist: a run's
   *     folder exists for as long as the run is alive, and Beam's local filesystem would make a
   *     missing one again, so a runner thread still finishing a bundle of a failed run would bring
   *     back the temporary folder the run had just deleted
   */
  public static OutputStream create(String dir, String name) throws IOException {
    ResourceId file = resolve(dir, name);
    if ("file".equals(file.getScheme()) && !Files.isDirectory(Path.of(dir))) {
      throw new IOException("the output folder " + dir + " is gone; the run was stopped");
    }
    org.litsieve.model.OutputSink.opening(file.toString());
    return Channels.newOutputStream(FileSystems.create(file, "text/plain"));
  }

  /** Writes {@code text} as UTF-8 to {@code name} in {@code dir}. */
  public static void write(String dir, String name, String text) throws IOException {
    try (OutputStream out = create(dir, name)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Deletes every file in {@code dir} whose name is {@code prefix} followed by a rest that
   * {@code rest} accepts; none is not an error, and neither is a file another attempt deleted
   * first. Steps that leave temporary files call it from a step of its own after the files are
   * read, so that a retried reader still finds them; failed attempts' files go with the rest.
   *
   * @param prefix the names' start, without glob characters (asterisk, question mark, brackets,
   *     braces, backslash)
   * @param rest accepts the rest of a name that is to go
   */
  public static void deleteStartingWith(String dir, String prefix, Predicate<String> rest) throws IOException {
    if (prefix.isEmpty() || prefix.chars().anyMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) {
      throw new IllegalArgumentException("not a plain file name prefix: " + prefix);
    }
    MatchResult match = FileSystems.match(resolve(dir, prefix + "*").toString(), EmptyMatchTreatment.ALLOW);
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return;
    }
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : match.metadata()) {
      String name = m.resourceId().getFilename();
      if (name != null && name.startsWith(prefix) && rest.test(name.substring(prefix.length()))) {
        files.add(m.resourceId());
      }
    }
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
