package org.litsieve.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The list of output files ({@link OutputFile}) and the documents agree: the README's Outputs
 * table names exactly the files documented there, the living-review document's table of added
 * files exactly those documented there, and the dedup command's row names its files.
 */
class OutputFilesListTest {
  static final Pattern FILE_CELL = Pattern.compile("`([a-z][a-z.-]*\\.[a-z.]+)`");

  /** The file names in the first column of the markdown table that follows {@code heading}. */
  static Set<String> tableFiles(Path doc, String heading) throws Exception {
    String text = Files.readString(doc);
    int at = text.indexOf(heading);
    assertTrue(at >= 0, doc + " has " + heading);
    Set<String> names = new TreeSet<>();
    boolean inTable = false;
    for (String line : text.substring(at).split("\n")) {
      if (line.startsWith("|")) {
        inTable = true;
        String first = line.split("\\|")[1];
        Matcher m = FILE_CELL.matcher(first);
        while (m.find()) {
          names.add(m.group(1));
        }
      } else if (inTable) {
        break;
      }
    }
    return names;
  }

  static Set<String> listed(OutputFile.Doc doc, OutputFile.Kind... kinds) {
    Set<String> names = new TreeSet<>();
    for (OutputFile f : OutputFile.values()) {
      if (f.doc() == doc && Set.of(kinds).contains(f.kind())) {
        names.add(f.fileName());
      }
    }
    return names;
  }

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("README.md")) ? p : p.getParent();
  }

  @Test
  void readmeOutputsTableListsTheScreenFiles() throws Exception {
    assertEquals(listed(OutputFile.Doc.README, OutputFile.Kind.SCREEN, OutputFile.Kind.BOTH),
        tableFiles(root().resolve("README.md"), "## Outputs"));
  }

  @Test
  void livingReviewTableListsTheFilesAddedByEveryRun() throws Exception {
    Set<String> documented = tableFiles(root().resolve("docs/living-reviews.md"), "Files added by every run");
    Set<String> expected = listed(OutputFile.Doc.LIVING, OutputFile.Kind.SCREEN);
    expected.add(OutputFile.RECORDS_JSONL_GZ.fileName()); // described in both places
    expected.add(OutputFile.RECORDS_INDEX.fileName());
    assertEquals(expected, documented);
  }

  @Test
  void dedupCommandRowNamesItsFiles() throws Exception {
    String readme = Files.readString(root().resolve("README.md"));
    String row = readme.lines().filter(l -> l.startsWith("| `dedup ")).findFirst().orElseThrow();
    Set<String> named = new TreeSet<>();
    Matcher m = FILE_CELL.matcher(row);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertEquals(listed(OutputFile.Doc.README, OutputFile.Kind.DEDUP, OutputFile.Kind.BOTH), named);
  }

  @Test
  void handOversAreHiddenAndNamesAreUnique() {
    Set<String> names = new TreeSet<>();
    for (OutputFile f : OutputFile.values()) {
      assertTrue(names.add(f.fileName()), f.name());
      assertEquals(f.kind() == OutputFile.Kind.HAND_OVER, f.fileName().startsWith("."), f.name());
    }
  }
}
