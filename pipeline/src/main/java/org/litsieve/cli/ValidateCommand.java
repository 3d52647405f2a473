package org.litsieve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.rules.QueryCompiler;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesException;
import org.litsieve.screen.Screener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code litsieve validate RULES [--sample INPUT...]}: checks a rules file without running the
 * pipeline. Errors are printed as {@code file:line:col: message} and give exit code 2; warnings
 * ({@code file:line:col: warning: …}) are printed and the exit code stays 0. With
 * {@code --sample}, every block is run on the sample's records (eligibility ignored) and a block
 * that matches none of them is a warning. Blocks in a database's syntax (PubMed, Ovid, Embase,
 * EBSCOhost, Scopus, Web of Science, Cochrane) are shown in translation with
 * {@code --show-translations}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Check a rules file without running anything. Every problem is reported as "
        + "file:line:col: message; warnings do not change the exit code.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RULES", description = "The rules file (YAML).")
  Path rulesFile;

  @Option(names = "--sample", arity = "1..*", paramLabel = "INPUT",
      description = "Exports (files or folders) to try every block on; a block that matches none of "
          + "their records is reported as a warning.")
  List<String> sample = new ArrayList<>();

  @Option(names = "--show-translations",
      description = "Print the translation into litsieve's query language of each block written in "
          + "a database's syntax (pubmed, ovid, embase, ebsco, scopus, wos, cochrane).")
  boolean showTranslations;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Rules rules = Problems.loadRules(rulesFile, err);
    if (rules == null) {
      return ExitCodes.USAGE;
    }
    int warnings = rules.warnings().size();
    for (RulesException.Problem w : rules.warnings()) {
      err.println(w);
    }
    if (showTranslations) {
      for (List<Rules.Block> section : List.of(rules.include(), rules.exclude(), rules.tags())) {
        for (Rules.Block b : section) {
          if (b.syntax() != QueryCompiler.Syntax.LITSIEVE) {
            out.printf("%s (%s, line %d): %s%n", b.name(), b.syntax().key(), b.line(), b.translation());
          }
        }
      }
    }
    if (!sample.isEmpty()) {
      InputFiles.Resolution r = Inputs.resolve(sample, err, false);
      if (r == null) {
        return ExitCodes.USAGE;
      }
      List<BibRecord> records = read(r.files(), err);
      List<List<Screener.BlockResult>> results = new Screener(rules).everyBlock(records);
      List<Screener.BlockResult> first = results.isEmpty() ? List.of() : results.get(0);
      List<Rules.Block> blocks = new ArrayList<>(rules.include());
      blocks.addAll(rules.exclude());
      blocks.addAll(rules.tags());
      for (int b = 0; b < blocks.size(); b++) {
        int hits = 0;
        for (List<Screener.BlockResult> rec : results) {
          hits += rec.get(b).matched() ? 1 : 0;
        }
        Rules.Block block = blocks.get(b);
        String section = first.isEmpty() ? "" : first.get(b).section() + ".";
        if (hits == 0) {
          warnings++;
          err.printf("%s:%d:%d: warning: %s%s matches none of the %d sample record%s%n", rulesFile,
              block.line(), block.column(), section, block.name(), records.size(), plural(records.size()));
        } else {
          out.printf("%s%s: %d of %d sample records%n", section, block.name(), hits, records.size());
        }
      }
    }
    err.flush();
    out.printf("%s: OK: %d include block%s, %d exclude block%s, %d tag%s%s%s%n",
        rulesFile, rules.include().size(), plural(rules.include().size()),
        rules.exclude().size(), plural(rules.exclude().size()),
        rules.tags().size(), plural(rules.tags().size()),
        rules.maxMissingIncludeBlocks() > 0
            ? ", review band: up to " + rules.maxMissingIncludeBlocks() + " missing include block"
                + plural(rules.maxMissingIncludeBlocks())
            : "",
        warnings > 0 ? "; " + warnings + " warning" + plural(warnings) : "");
    return 0;
  }

  private static List<BibRecord> read(List<InputFiles.InputFile> files, PrintWriter err) {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    List<BibRecord> records = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      ParseSink sink = new ParseSink() {
        @Override
        public void record(BibRecord record) {
          records.add(record);
        }

        @Override
        public void reject(Rejected r) {}
      };
      try (InputStream in = Channels.newInputStream(
          FileSystems.open(FileSystems.matchSingleFileSpec(f.spec()).resourceId()))) {
        ExportReader.read(f.displayName(), in, sink);
      } catch (IOException e) {
        err.println("litsieve: cannot read " + f.displayName() + ": " + e.getMessage());
      }
    }
    return records;
  }

  static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
