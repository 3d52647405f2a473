package org.litsieve.testing;

/**
 * A Java system property set for the length of a try-with-resources block (or from a test's set-up
 * to its tear-down), then put back as it was: cleared when it was not set. Tests that change one (a
 * record store's member size, the living review's path, whether missing real data fails) leave the
 * JVM as they found it for the tests that run after them in the same JVM.
 */
public final class SystemProperty implements AutoCloseable {
  private final String name;
  private final String before;

  private SystemProperty(String name, String before) {
    this.name = name;
    this.before = before;
  }

  /** Sets {@code name} to {@code value} (null clears it) until {@link #close}. */
  public static SystemProperty set(String name, String value) {
    String before = System.getProperty(name);
    put(name, value);
    return new SystemProperty(name, before);
  }

  /** Puts the property back as it was before {@link #set}. */
  @Override
  public void close() {
    put(name, before);
  }

  private static void put(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
