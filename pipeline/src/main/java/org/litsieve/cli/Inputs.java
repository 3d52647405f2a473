package org.litsieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.OutputCommit;

/**
 * Resolves INPUT arguments for a command, claims its {@code --out}, and explains problems to the
 * user.
 */
final class Inputs {
  private Inputs() {}

  /** The resolution, or null after printing why there is nothing to read (exit code 2). */
  static InputFiles.Resolution resolve(List<String> arguments, PrintWriter err, boolean quiet) {
    return resolve(arguments, null, err, quiet);
  }

  /**
   * As {@link #resolve(List, PrintWriter, boolean)}, keeping the folder {@code out} (this run's
   * {@code --out}, may be null) and every litsieve output folder out of the scanned inputs.
   */
  static InputFiles.Resolution resolve(List<String> arguments, Path out, PrintWriter err, boolean quiet) {
    InputFiles.Resolution r = InputFiles.resolve(arguments, out == null ? List.of() : List.of(out));
    for (String m : r.missing()) {
      err.println("litsieve: no such file or folder: " + m);
    }
    for (String n : r.notFiles()) {
      err.println("litsieve: not a regular file (a device, a pipe or a socket), so not read: " + n);
    }
    if (!r.missing().isEmpty() || !r.notFiles().isEmpty()) {
      err.flush();
      return null;
    }
    List<String> unknown = r.skipped().stream().filter(s -> !s.endsWith(InputFiles.OUTPUT_FOLDER)).toList();
    if (!r.outputFolders().isEmpty()) {
      // said even with --quiet: these would otherwise have been read as search results
      err.println("litsieve: skipped " + r.outputFolders().size() + " litsieve output folder"
          + (r.outputFolders().size() == 1 ? "" : "s") + " inside the inputs (not search results): "
          + String.join(", ", r.outputFolders()));
    }
    if (!quiet && !unknown.isEmpty()) {
      err.println("litsieve: skipped " + unknown.size() + " file" + (unknown.size() == 1 ? "" : "s")
          + " not in a known export format: " + String.join(", ", unknown));
    }
    if (r.files().isEmpty()) {
      err.println("litsieve: no input files found in " + String.join(", ", arguments));
      err.flush();
      return null;
    }
    err.flush();
    return r;
  }

  /**
   * This run's hold on {@code out} ({@link OutputCommit#claim}), or null after printing why another
   * run holds it (exit code 2).
   */
  static OutputCommit.Claim claim(Path out, PrintWriter err) throws IOException {
    try {
      return OutputCommit.claim(out);
    } catch (OutputCommit.TargetException e) {
      err.println("litsieve: " + e.getMessage());
      err.flush();
      return null;
    }
  }
}
