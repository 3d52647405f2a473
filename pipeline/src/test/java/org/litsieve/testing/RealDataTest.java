package org.litsieve.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing resource skips a test with one line, or fails it under {@code -Dlitsieve.requireAll=true}. */
class RealDataTest {
  // set to the value it has: whatever a test sets, the property is put back after it
  private final SystemProperty required = SystemProperty.set(RealData.REQUIRE_ALL, System.getProperty(RealData.REQUIRE_ALL));

  @AfterEach
  void restore() {
    required.close();
  }

  @Test
  void aMissingResourceSkipsByDefaultAndSaysWhichTestAndWhy() {
    System.setProperty(RealData.REQUIRE_ALL, "false");
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    TestAbortedException e;
    try {
      System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
      e = assertThrows(TestAbortedException.class, () -> RealData.require(false, "no widget", "install the widget"));
      assertThrows(TestAbortedException.class, () -> RealData.require(false, "no widget", "install the widget"));
    } finally {
      System.setErr(err);
    }
    assertTrue(e.getMessage().startsWith("SKIPPED (no widget): RealDataTest."), e.getMessage());
    assertTrue(e.getMessage().endsWith(": install the widget"), e.getMessage());
    assertEquals(e.getMessage() + System.lineSeparator(), said.toString(StandardCharsets.UTF_8),
        "one visible line per test and missing thing");
  }

  @Test
  void requireAllTurnsTheSkipIntoAFailure() {
    System.setProperty(RealData.REQUIRE_ALL, "true");
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> RealData.require(false, "no widget", "install the widget"));
    assertTrue(e.getMessage().contains("litsieve.requireAll=true"), e.getMessage());
  }

  @Test
  void aPresentResourceNeitherSkipsNorFails() {
    System.setProperty(RealData.REQUIRE_ALL, "true");
    assertDoesNotThrow(() -> RealData.require(true, "no widget", "install the widget"));
  }
}
