package org.litsieve.cli;

import java.util.ArrayList;
import java.util.List;
import org.litsieve.pipeline.ScreeningPipeline;

/** The Beam arguments of a command's {@code --runner} and {@code --beam-option}s, checked before any work. */
final class BeamArgs {
  private BeamArgs() {}

  /** {@code --runner=NAME} when a runner is named, then the options as given. */
  static List<String> of(String runner, List<String> beamOptions) {
    List<String> args = new ArrayList<>();
    if (runner != null) {
      args.add("--runner=" + runner);
    }
    args.addAll(beamOptions);
    return args;
  }

  /**
   * The line to print when Beam refuses {@code args} (a runner this jar was not built with, an
   * option no runner knows), null when it takes them: the user's to fix, so an exit with 2, not an
   * internal error halfway through the run.
   */
  static String problem(List<String> args, String runner) {
    try {
      ScreeningPipeline.options(args);
      return null;
    } catch (IllegalArgumentException e) {
      return "litsieve: --runner/--beam-option: " + e.getMessage() + (runner == null ? ""
          : " (another runner needs the jar built with its Maven profile: README, \"Choosing another Beam runner\")");
    }
  }
}
