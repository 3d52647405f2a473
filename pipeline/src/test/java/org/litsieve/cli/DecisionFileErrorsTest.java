package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decisions file litsieve cannot read stops the run before it starts: exit 2 and {@code file:line}. */
class DecisionFileErrorsTest {
  static CliTest.Result screen(Path dir, String decisions) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(CliTest.fixtures().resolve("ovid.ris"), in.resolve("ovid.ris"));
    Path file = dir.resolve("decisions.csv");
    Files.writeString(file, decisions);
    return CliTest.run("screen", "--rules", CliTest.fixtures().resolve("rules.yaml").toString(),
        "--out", dir.resolve("out").toString(), "--decisions", file.toString(), in.toString());
  }

  @Test
  void anUnreadableDateNamesFileAndLine(@TempDir Path dir) throws Exception {
    CliTest.Result r = screen(dir, "record_id,decision,reason,reviewer,date,note\n"
        + "ls-0000000000000001,include,,ann,2024-01-15,\n"
        + "ls-0000000000000002,exclude,,ann,last tuesday,\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("decisions.csv:3: unreadable date \"last tuesday\""), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing was run");
  }

  @Test
  void anUndecidedDayMonthOrderIsANote(@TempDir Path dir) throws Exception {
    CliTest.Result r = screen(dir, "record_id,decision,reason,reviewer,date,note\n"
        + "ls-0000000000000001,include,,ann,03/04/2024,\n"
        + "ls-0000000000000002,exclude,,ann,02/01/2024,\n");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("note: --decisions " + dir.resolve("decisions.csv")
        + ": dates such as 03/04/2024 could be month/day or day/month"), r.err());
  }

  @Test
  void anUnterminatedQuoteNamesTheLineWhereTheValueStarts(@TempDir Path dir) throws Exception {
    CliTest.Result r = screen(dir, "record_id,decision,reason,reviewer,date,note\n"
        + "ls-0000000000000001,include,,ann,2024-01-15,\n"
        + "ls-0000000000000002,exclude,\"wrong population,ann,2024-01-16,\n"
        + "ls-0000000000000003,exclude,,ann,2024-01-16,\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("decisions.csv:3: "), r.err());
    assertTrue(r.err().contains("quote"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
