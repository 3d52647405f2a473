package org.litsieve.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.litsieve.pipeline.ScreeningPipeline;

/** The Beam arguments of a command's {@code --runner} and {@code --beam-option}s, checked before any work. */
final class BeamArgs {
  private BeamArgs() {}

  /**
   * {@code --runner=NAME} when a runner is named, then the options as given; null when Beam refuses
   * them (a runner this jar was not built with, an option no runner knows), after a line saying so
   * on {@code err}: the user's to fix, so the command exits with 2 before any work, not with an
   * internal error halfway through the run.
   */
  static List<String> checked(String runner, List<String> beamOptions, PrintWriter err) {
    List<String> args = new ArrayList<>();
    if (runner != null) {
      args.add("--runner=" + runner);
    }
    args.addAll(beamOptions);
    try {
      ScreeningPipeline.options(args);
      return args;
    } catch (IllegalArgumentException e) {
      err.println("litsieve: --runner/--beam-option: " + e.getMessage() + (runner == null ? ""
          : " (another runner needs the jar built with its Maven profile: README, \"Choosing another Beam runner\")"));
      err.flush();
      return null;
    }
  }
}
