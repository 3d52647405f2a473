package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the progress lines say at each phase of a long run. */
class RunProgressTest {
  private static final long INPUT = 1_000_000L;

  @Test
  void whileReadingGivesTheShareAndTimeLeft() {
    assertEquals("litsieve: 0:10 elapsed · read 250,000 records (25% of the input, about 0:30 left to read)",
        RunProgress.line(10, 10, null, INPUT, new RunProgress.Counts(250_000, 250_000, 0, 0, 0, 0)));
  }

  @Test
  void whileDeduplicatingSaysHowFarItIsAndKeepsTheReadingRate() {
    // reading ended at 40 s: the rate is 1,000,000 / 40 s, not over the 90 s elapsed
    assertEquals("litsieve: 1:30 elapsed · read 1,000,000 records (25,000 records/s)"
            + " · deduplicating: 1,000,000 records keyed, 12 of 32 block groups compared",
        RunProgress.line(90, 40, null, INPUT, new RunProgress.Counts(INPUT, 1_000_000, 1_000_000, 12, 0, 0)));
  }

  @Test
  void whileScreeningGivesTheTimeLeftAtTheScreeningRate() {
    RunProgress.Counts c = new RunProgress.Counts(INPUT, 1_000_000, 1_000_000, 32, 400_000, 300_000);
    // screening seen first at 100 s with 100,000 screened: 200,000 in 20 s, 300,000 left -> 0:30
    // (over the whole 120 s elapsed it would say 2:00)
    assertEquals("litsieve: 2:00 elapsed · read 1,000,000 records (25,000 records/s)"
            + " · 400,000 duplicates removed · screened 300,000 of 600,000 (about 0:30 left)",
        RunProgress.line(120, 40, new RunProgress.Screening(100, 100_000), INPUT, c));
    // the first line that sees screening has no rate yet
    assertEquals("litsieve: 2:00 elapsed · read 1,000,000 records (25,000 records/s)"
            + " · 400,000 duplicates removed · screened 300,000 of 600,000",
        RunProgress.line(120, 40, new RunProgress.Screening(120, 300_000), INPUT, c));
  }

  @Test
  void onceEverythingIsScreenedSaysTheOutputsAreBeingWritten() {
    assertEquals("litsieve: 2:40 elapsed · read 1,000,000 records (25,000 records/s)"
            + " · 400,000 duplicates removed · screened 600,000 · writing the outputs",
        RunProgress.line(160, 40, new RunProgress.Screening(100, 100_000), INPUT,
            new RunProgress.Counts(INPUT, 1_000_000, 1_000_000, 32, 400_000, 600_000)));
  }
}
