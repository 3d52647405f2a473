package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every worked block of the rules reference (screening-rules/README.md) passes {@code validate},
 * and {@code validate --show-translations} shows what each database syntax's block runs: one
 * block per syntax, so the reference cannot drift from the parsers.
 */
class RulesReferenceExamplesTest {
  @TempDir Path tmp;

  @Test
  void everyWorkedBlockValidatesAndShowsItsTranslation() throws Exception {
    String readme = Files.readString(CliTest.root().resolve("screening-rules/README.md"));
    Matcher m = Pattern.compile("(?s)```yaml\\n(  - name: (\\w+)\\n    (\\w+): .*?)```").matcher(readme);
    Map<String, String> blocks = new LinkedHashMap<>();
    while (m.find()) {
      blocks.put(m.group(3), m.group(1));
    }
    assertEquals(java.util.List.of("pubmed", "ovid", "embase", "ebsco", "scopus", "wos", "cochrane"),
        java.util.List.copyOf(blocks.keySet()), "one worked block per syntax");
    for (Map.Entry<String, String> b : blocks.entrySet()) {
      Path rules = tmp.resolve(b.getKey() + ".yaml");
      Files.writeString(rules, "include:\n" + b.getValue());
      CliTest.Result r = CliTest.run("validate", "--show-translations", rules.toString());
      assertEquals(0, r.code(), b.getKey() + ": " + r.err());
      assertTrue(r.out().matches("(?s).*\\(" + b.getKey() + ", line 3\\): \\S.*"), b.getKey() + ": " + r.out());
      assertTrue(r.out().contains("OK: 1 include block"), r.out());
      System.out.print(r.out());
    }
  }
}
