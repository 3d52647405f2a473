package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query limits (docs/queries.md, "Limits"): a query beyond one is refused by the parser with the
 * rules file's line and column and exit 2, by {@code validate} and {@code screen} alike, with no
 * stack trace and before any record is read.
 */
class QueryLimitsTest {
  @TempDir Path tmp;

  private Path rules(String key, String query) throws Exception {
    Path r = tmp.resolve("rules.yaml");
    Files.writeString(r, "include:\n  - name: q\n    " + key + ": '" + query.replace("'", "''") + "'\n");
    return r;
  }

  /** Validate and screen both exit 2 with {@code rules.yaml:3:col: include.q: ...message...}. */
  private void refused(String key, String query, int column, String message) throws Exception {
    Path r = rules(key, query);
    CliTest.Result v = CliTest.run("validate", r.toString());
    assertEquals(2, v.code(), v.err());
    String expected = r + ":3:" + column + ": include.q: ";
    assertTrue(v.err().contains(expected), "want '" + expected + "' in: " + cut(v.err()));
    assertTrue(v.err().contains(message), "want '" + message + "' in: " + cut(v.err()));
    assertFalse(v.err().contains("Exception") || v.err().contains("Error:") || v.err().contains("\tat "),
        "no stack trace: " + cut(v.err()));
    CliTest.Result s = CliTest.run("screen", "--rules", r.toString(), "--out", tmp.resolve("out").toString(),
        CliTest.fixtures().resolve("pubmed.nbib").toString());
    assertEquals(2, s.code(), s.err());
    assertTrue(s.err().contains(expected) && s.err().contains(message), cut(s.err()));
  }

  private static String cut(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
  }

  @Test
  void aProximityDistanceBeyondTheLimitIsRefusedWhereItIsWritten() throws Exception {
    // the query starts in column 13 ("    query: '"), 14 for pubmed and 12 for ovid
    refused("query", "peer NEAR/99999999999 support", 18, "NEAR/99999999999: the distance is at most 255");
    refused("query", "peer NEAR/100000 support", 18, "NEAR/100000: the distance is at most 255");
    refused("query", "peer W/2147483647 support", 18, "W/2147483647: the distance is at most 255");
    refused("query", "\"peer support\"~99999999999", 27, "~99999999999: the distance is at most 255");
    refused("pubmed", "peer support[tiab:~2147483647]", 26, "[tiab:~2147483647]: the distance is at most 255");
    refused("ovid", "(peer adj100000 support).ti,ab.", 18, "adj100000: the distance is at most 255");
    // the database syntaxes: the query starts in column 14 (embase, scopus), 13 (ebsco), 11 (wos)
    refused("embase", "peer NEAR/100000 support", 19, "NEAR/100000: the distance is at most 255");
    refused("scopus", "TITLE(peer W/99999999999 support)", 25, "W/99999999999: the distance is at most 255");
    refused("ebsco", "TI (peer N2147483647 support)", 22, "N2147483647: the distance is at most 255");
    refused("wos", "TS=(" + "(".repeat(60) + "peer" + ")".repeat(60) + ")", 64, "parentheses nested more than 50 deep");
  }

  @Test
  void deepNestingIsRefusedWithoutAStackOverflow() throws Exception {
    String deep = "(".repeat(2000) + "peer" + ")".repeat(2000);
    // the 51st '(' opens the 51st level: 50 columns after the query's first
    refused("query", deep, 63, "parentheses nested more than 50 deep");
    refused("pubmed", deep, 64, "parentheses nested more than 50 deep");
    refused("ovid", deep, 62, "parentheses nested more than 50 deep");
  }

  @Test
  void longChainsAndHugeQueriesAreRefusedNotCrashed() throws Exception {
    StringBuilder chain = new StringBuilder("a0");
    for (int i = 1; i < 3000; i++) {
      chain.append(" NOT a").append(i);
    }
    refused("query", chain.toString(), 13, "operators nested more than 200 deep");
    StringBuilder pubmed = new StringBuilder("a0");
    for (int i = 1; i < 3000; i++) {
      pubmed.append(i % 2 == 0 ? " AND a" : " OR a").append(i);
    }
    refused("pubmed", pubmed.toString(), 14, "operators nested more than 200 deep");
    StringBuilder words = new StringBuilder("w0");
    for (int i = 1; i < 6000; i++) {
      words.append(" OR w").append(i);
    }
    refused("query", words.toString(), 13, "more than 5,000 words");
    refused("query", "peer " + "x".repeat(100_001), 13 + 100_000, "longer than 100,000 characters");
  }

  @Test
  void nestedProximityThatWouldBuildTooManySpanQueriesIsRefused() throws Exception {
    refused("query", "((a NEAR/200 b) NEAR/200 c) NEAR/200 d", 13, "proximity is too large to run");
  }

  @Test
  void queriesAtTheLimitsStillValidate() throws Exception {
    CliTest.Result v = CliTest.run("validate", rules("query", "peer NEAR/255 support AND "
        + "(".repeat(50) + "x" + ")".repeat(50)).toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(Pattern.compile("OK: 1 include block").matcher(v.out()).find(), v.out());
  }
}
