package org.litsieve.cli;

import java.io.PrintWriter;
import java.util.List;
import org.litsieve.pipeline.InputFiles;

/** Resolves INPUT arguments for a command and explains problems to the user. */
final class Inputs {
  private Inputs() {}

  /** The resolution, or null after printing why there is nothing to read (exit code 2). */
  static InputFiles.Resolution resolve(List<String> arguments, PrintWriter err, boolean quiet) {
    InputFiles.Resolution r = InputFiles.resolve(arguments);
    for (String m : r.missing()) {
      err.println("litsieve: no such file or folder: " + m);
    }
    if (!r.missing().isEmpty()) {
      err.flush();
      return null;
    }
    if (!quiet && !r.skipped().isEmpty()) {
      err.println("litsieve: skipped " + r.skipped().size() + " file" + (r.skipped().size() == 1 ? "" : "s")
          + " not in a known export format: " + String.join(", ", r.skipped()));
    }
    if (r.files().isEmpty()) {
      err.println("litsieve: no input files found in " + String.join(", ", arguments));
      err.flush();
      return null;
    }
    err.flush();
    return r;
  }
}
