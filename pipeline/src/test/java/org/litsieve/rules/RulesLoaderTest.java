package org.litsieve.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesLoaderTest {
  private static final String VALID = String.join("\n",
      "name: test",
      "eligibility:",
      "  years: {from: 2000, to: 2020}",
      "  languages: [eng]",
      "  require: [abstract]",
      "include:",
      "  - name: peers",
      "    query: '\"peer support\" OR peer*'",
      "  - name: training",
      "    query: train*",
      "    fields: [ti]",
      "exclude:",
      "  - name: animals",
      "    query: mice OR rats",
      "review:",
      "  max_missing_include_blocks: 1",
      "tags:",
      "  - name: wellbeing",
      "    query: well-being OR wellbeing",
      "");

  private static RulesException.Problem onlyProblem(String yaml) {
    RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load("r.yaml", yaml));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void loadsAValidFile() throws Exception {
    Rules r = RulesLoader.load("r.yaml", VALID);
    assertEquals("test", r.name());
    assertEquals(2, r.include().size());
    assertEquals(List.of("title"), r.include().get(1).fields());
    assertEquals(List.of("title", "abstract", "keywords"), r.include().get(0).fields());
    assertEquals(2000, r.eligibility().yearFrom());
    assertEquals(List.of("english"), r.eligibility().languages());
    assertEquals(1, r.maxMissingIncludeBlocks());
    assertEquals(64, r.sha256().length());
  }

  @Test
  void unknownKeyIsReportedAtItsPositionWithASuggestion() {
    RulesException.Problem p = onlyProblem(VALID.replace("eligibility:", "eligibilty:"));
    assertEquals(2, p.line());
    assertEquals(1, p.column());
    assertTrue(p.message().contains("did you mean 'eligibility'"), p.message());
  }

  @Test
  void brokenQueryIsReportedInsideTheQuery() {
    RulesException.Problem p = onlyProblem(VALID.replace("query: mice OR rats", "query: mice OR (rats"));
    assertEquals(14, p.line());
    assertEquals(20, p.column(), p.toString()); // the unclosed '('
    assertTrue(p.message().startsWith("exclude.animals: unbalanced parenthesis"), p.message());
  }

  @Test
  void unknownFieldInAQueryIsNamed() {
    RulesException.Problem p = onlyProblem(VALID.replace("query: train*", "query: xx:train*"));
    assertEquals(10, p.line());
    assertEquals(12, p.column(), p.toString());
    assertTrue(p.message().contains("unknown field 'xx'"), p.message());
  }

  @Test
  void unbalancedQuoteAndEmptyQueryAndDuplicateNameAreAllReported() {
    String yaml = VALID.replace("query: train*", "query: '\"train'")
        .replace("query: mice OR rats", "query: ''")
        .replace("name: wellbeing\n    query: well-being OR wellbeing",
            "name: peers\n    query: x\n  - name: peers\n    query: y");
    RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load("r.yaml", yaml));
    String all = e.getMessage();
    assertTrue(all.contains("unbalanced quotes"), all);
    assertTrue(all.contains("exclude.animals: the query is empty"), all);
    assertTrue(all.contains("the name 'peers' is used twice"), all);
  }

  @Test
  void reviewBandMustLeaveAtLeastOneBlock() {
    RulesException.Problem p = onlyProblem(VALID.replace("max_missing_include_blocks: 1", "max_missing_include_blocks: 2"));
    assertTrue(p.message().contains("only 2 include blocks"), p.message());
  }

  @Test
  void yamlSyntaxErrorHasAPosition() {
    RulesException.Problem p = onlyProblem("name: [unclosed\ninclude: x\n");
    assertTrue(p.line() >= 1 && p.message().startsWith("YAML syntax error"), p.toString());
  }

  @Test
  void missingFileIsAPlainProblem() {
    RulesException e = assertThrows(RulesException.class, () -> RulesLoader.load(Path.of("no/such.yaml")));
    assertEquals("no/such.yaml:1:1: cannot read the rules file: no such file", e.problems().get(0).toString());
  }

  @Test
  void theExampleRulesFileIsValid() throws Exception {
    Path file = Path.of(System.getProperty("litsieve.root", ".."), "screening-rules", "lle-training.yaml");
    Rules r = RulesLoader.load(file);
    assertEquals(3, r.include().size());
    assertTrue(r.tags().size() >= 10, "the worked example has ten outcome tags");
  }
}
