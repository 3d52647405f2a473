package org.litsieve.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.rules.RulesLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code litsieve validate RULES}: checks a rules file without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Check a rules file without running anything. Every problem is reported as "
        + "file:line:col: message.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RULES", description = "The rules file (YAML).")
  Path rulesFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Rules rules;
    try {
      rules = RulesLoader.load(rulesFile);
    } catch (RulesException e) {
      Problems.print(spec.commandLine().getErr(), e);
      return Main.USAGE;
    }
    spec.commandLine().getOut().printf("%s: OK: %d include block%s, %d exclude block%s, %d tag%s%s%n",
        rulesFile, rules.include().size(), plural(rules.include().size()),
        rules.exclude().size(), plural(rules.exclude().size()),
        rules.tags().size(), plural(rules.tags().size()),
        rules.maxMissingIncludeBlocks() > 0
            ? ", review band: up to " + rules.maxMissingIncludeBlocks() + " missing include block"
                + plural(rules.maxMissingIncludeBlocks())
            : "");
    return 0;
  }

  static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
