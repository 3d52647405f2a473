package org.litsieve.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A property set for a block is put back as it was: the earlier value, or none. */
class SystemPropertyTest {
  private static final String NAME = "litsieve.test.systemProperty";

  @Test
  void anUnsetPropertyIsClearedAgainAndASetOneGetsItsValueBack() {
    System.clearProperty(NAME);
    try (SystemProperty p = SystemProperty.set(NAME, "inside")) {
      assertEquals("inside", System.getProperty(NAME));
    }
    assertNull(System.getProperty(NAME));

    System.setProperty(NAME, "outside");
    try {
      try (SystemProperty p = SystemProperty.set(NAME, null)) {
        assertNull(System.getProperty(NAME));
      }
      assertEquals("outside", System.getProperty(NAME));
    } finally {
      System.clearProperty(NAME);
    }
  }
}
