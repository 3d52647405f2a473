package org.litsieve.cli;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.litsieve.model.BibRecord;
import org.litsieve.model.CsvCells;
import org.litsieve.model.Hit;
import org.litsieve.model.Provenance;
import org.litsieve.rules.Rules;
import org.litsieve.screen.Screener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code litsieve explain --rules FILE --run DIR RECORD_ID}: shows, block by block, what matched
 * in one screened record and what did not, with the matched words highlighted.
 *
 * <p>Input: a finished run's folder (its {@code included.csv}, {@code review.csv} and
 * {@code excluded.csv}) and the rules. The record's title, abstract, authors, journal and year are
 * taken from the CSV row and every block is run on them again; the run's own decision, reason
 * and recorded evidence are shown beside it, because keywords, subject headings, publication
 * types and language are not in the CSV files. Output: text on stdout; ANSI colours when stdout
 * is a terminal (or {@code --color=always}), {@code [[…]]} markers otherwise. Failure behaviour:
 * exit 2 with one line when the rules are invalid, the folder is not a run, or the record is not
 * in it.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show, block by block, why a record of a run was included, sent to review or "
        + "excluded, with the matched words highlighted.")
final class ExplainCommand implements Callable<Integer> {
  @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rules file (YAML).")
  Path rulesFile;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The output folder of a screen run.")
  Path runDir;

  @Parameters(index = "0", paramLabel = "RECORD_ID", description = "The record_id (ls-…) of the record to explain.")
  String recordId;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Highlight with ANSI colours: auto (when stdout is a terminal), always or never.")
  String color;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private static final String ON = "\u001b[1;33m";
  private static final String OFF = "\u001b[0m";

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Rules rules = Problems.loadRules(rulesFile, err);
    if (rules == null) {
      return ExitCodes.USAGE;
    }
    Map<String, String> row = null;
    for (String file : org.litsieve.model.OutputFile.SCREENED.stream().map(Object::toString).toList()) {
      Path p = runDir.resolve(file);
      if (!Files.exists(p)) {
        err.println("litsieve: " + runDir + " is not a litsieve output folder (no " + file + ")");
        err.flush();
        return ExitCodes.USAGE;
      }
      row = find(p, recordId);
      if (row != null) {
        break;
      }
    }
    if (row == null) {
      err.println("litsieve: record " + recordId + " is not in " + runDir + " (look up its record_id in the CSV files)");
      err.flush();
      return ExitCodes.USAGE;
    }
    boolean ansi = color.equals("always") || (color.equals("auto") && System.console() != null);
    BibRecord record = BibRecord.builder(new Provenance(runDir.toString(), 0, 0, recordId, ""))
        .title(row.getOrDefault("title", ""))
        .abstractText(row.getOrDefault("abstract", ""))
        .authors(split(row.getOrDefault("authors", "")))
        .journal(row.getOrDefault("journal", ""))
        .year(parseYear(row.getOrDefault("year", "")))
        .build();
    List<Screener.BlockResult> results = new Screener(rules).everyBlock(record);
    out.printf("%s  %s (stage %s)%s%n", recordId, row.get("decision"), row.get("stage"),
        row.getOrDefault("reason", "").isEmpty() ? "" : ": " + row.get("reason"));
    out.println();
    List<Hit> all = new ArrayList<>();
    results.forEach(r -> all.addAll(r.hits()));
    printField(out, "title", record.title(), all, ansi);
    printField(out, "abstract", record.abstractText(), all, ansi);
    out.println();
    Map<String, String> recorded = recordedEvidence(row.getOrDefault("block_evidence", "") + " "
        + row.getOrDefault("tag_evidence", ""));
    String section = "";
    for (Screener.BlockResult r : results) {
      if (!r.section().equals(section)) {
        section = r.section();
        out.println(section.equals("tags") ? "outcome tags:" : section + " blocks:");
      }
      String mark = r.matched() ? "[x]" : "[ ]";
      String evidence = r.matched() ? terms(r.hits()) : "no match";
      out.printf("  %s %-28s %s%n", mark, r.name(), evidence);
      String inRun = recorded.get(r.name());
      if (inRun != null && !r.matched()) {
        out.printf("      %-28s matched in the run: %s%n", "", inRun);
      }
    }
    out.println();
    out.println("Title, abstract, authors, journal and year come from the run's CSV; keywords, subject "
        + "headings, publication types and language are not in it, so matches in them are shown "
        + "from the run's evidence.");
    out.flush();
    return 0;
  }

  private static Map<String, String> find(Path csv, String id) throws IOException {
    try (Reader r = Files.newBufferedReader(csv); CSVReader reader = new CSVReader(r)) {
      String[] header = reader.readNext();
      if (header == null) {
        return null;
      }
      String[] row;
      while ((row = reader.readNext()) != null) {
        if (row.length > 0 && row[0].equals(id)) {
          Map<String, String> m = new HashMap<>();
          for (int i = 0; i < header.length && i < row.length; i++) {
            m.put(header[i].replace("\uFEFF", ""), CsvCells.restore(row[i]));
          }
          return m;
        }
      }
    } catch (CsvException e) {
      throw new IOException(csv + ": " + e.getMessage(), e);
    }
    return null;
  }

  private static List<String> split(String authors) {
    return authors.isBlank() ? List.of() : Arrays.stream(authors.split(";\\s*")).filter(s -> !s.isBlank()).toList();
  }

  private static int parseYear(String y) {
    try {
      return Integer.parseInt(y.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** block name → its recorded {@code field:term|…} evidence, from the CSV's evidence columns. */
  static Map<String, String> recordedEvidence(String column) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    while (i < column.length()) {
      int open = column.indexOf('{', i);
      if (open < 0) {
        break;
      }
      int close = column.indexOf('}', open);
      if (close < 0) {
        break;
      }
      out.put(column.substring(i, open).strip(), column.substring(open + 1, close).replace("|", " | "));
      i = close + 1;
    }
    return out;
  }

  private static String terms(List<Hit> hits) {
    List<String> t = new ArrayList<>();
    for (Hit h : hits) {
      if (!t.contains(h.compact())) {
        t.add(h.compact());
      }
    }
    return String.join(" | ", t);
  }

  private static void printField(PrintWriter out, String field, String text, List<Hit> hits, boolean ansi) {
    if (text.isEmpty()) {
      out.printf("%-9s (empty)%n", field + ":");
      return;
    }
    List<int[]> spans = new ArrayList<>();
    for (Hit h : hits) {
      if (h.field().equals(field) && h.end() <= text.length()) {
        spans.add(new int[] {h.start(), h.end()});
      }
    }
    spans.sort(Comparator.comparingInt((int[] a) -> a[0]).thenComparingInt(a -> -a[1]));
    StringBuilder b = new StringBuilder();
    int at = 0;
    for (int[] s : spans) {
      if (s[0] < at) {
        if (s[1] > at) {
          // overlapping matches: extend the open highlight
          b.setLength(b.length() - (ansi ? OFF.length() : 2));
          b.append(text, at, s[1]).append(ansi ? OFF : "]]");
          at = s[1];
        }
        continue;
      }
      b.append(text, at, s[0]).append(ansi ? ON : "[[").append(text, s[0], s[1]).append(ansi ? OFF : "]]");
      at = s[1];
    }
    b.append(text.substring(at));
    out.printf("%-9s %s%n", field + ":", b);
  }
}
