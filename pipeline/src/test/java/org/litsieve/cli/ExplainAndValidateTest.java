package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} on a run folder, and {@code validate} warnings with and without samples. */
class ExplainAndValidateTest {
  @TempDir Path tmp;

  static final String HEADER = "record_id,title,authors,year,journal,volume,issue,pages,doi,pmid,sources,"
      + "source_ids,decision,stage,reason,matched_blocks,outcome_tags,block_evidence,tag_evidence,abstract\n";

  private Path rules() throws Exception {
    Path r = tmp.resolve("rules.yaml");
    Files.writeString(r, "include:\n  - name: peers\n    query: '\"peer support*\" OR consumer*'\n"
        + "  - name: training\n    pubmed: 'train*[tiab] OR course[ti]'\n"
        + "tags:\n  - name: never\n    query: zzzqqq\n");
    return r;
  }

  @Test
  void explainHighlightsTheMatchedWordsBlockByBlock() throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve("included.csv"), HEADER
        + "ls-00000000000000aa,Peer supporters in training,\"Okafor, Ada\",2019,J Peer Work,,,,,,a.ris,1,"
        + "include,final,,peers;training,,peers{title:peer supporters} training{title:training},,"
        + "Consumer workers took a course.\n");
    Files.writeString(run.resolve("review.csv"), HEADER);
    Files.writeString(run.resolve("excluded.csv"), HEADER);
    CliTest.Result r = CliTest.run("explain", "--rules", rules().toString(), "--run", run.toString(),
        "--color=never", "ls-00000000000000aa");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("title:    [[Peer supporters]] in [[training]]"), r.out());
    assertTrue(r.out().contains("abstract: [[Consumer]] workers took a course."), r.out());
    assertTrue(r.out().matches("(?s).*\\[x\\] peers +title:peer supporters \\| abstract:consumer.*"), r.out());
    assertTrue(r.out().matches("(?s).*\\[ \\] never +no match.*"), r.out());
    CliTest.Result ansi = CliTest.run("explain", "--rules", rules().toString(), "--run", run.toString(),
        "--color=always", "ls-00000000000000aa");
    assertTrue(ansi.out().contains("\u001b[1;33mtraining\u001b[0m"), ansi.out());
    CliTest.Result missing = CliTest.run("explain", "--rules", rules().toString(), "--run", run.toString(), "ls-x");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("record ls-x is not in"), missing.err());
  }

  @Test
  void warningsPrintButExitZeroAndSamplesFindDeadBlocks() throws Exception {
    CliTest.Result plain = CliTest.run("validate", rules().toString());
    assertEquals(0, plain.code(), plain.err());
    Path warn = tmp.resolve("warn.yaml");
    Files.writeString(warn, "tags:\n  - name: t\n    query: '*training OR peer~2'\n");
    CliTest.Result w = CliTest.run("validate", warn.toString());
    assertEquals(0, w.code(), w.err());
    assertTrue(w.err().contains(warn + ":3:13: warning: tags.t: leading wildcard"), w.err());
    assertTrue(w.err().contains(":3:30: warning: tags.t: proximity '~2' on the single word 'peer'"), w.err());
    CliTest.Result s = CliTest.run("validate", rules().toString(), "--sample",
        CliTest.fixtures().resolve("pubmed.nbib").toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(s.err().matches("(?s).*rules.yaml:8:12: warning: tags.never matches none of the \\d+ sample records.*"), s.err());
    assertTrue(s.out().contains("1 warning"), s.out());
  }
}
