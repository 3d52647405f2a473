package org.litsieve.history;

/**
 * A record's status in a step of a living review, the {@code status} column of the screened files.
 * Its own file so that {@code LivingUpdate}, which sets it, and {@code PrismaUpdate}, which counts
 * the new records, share it without importing each other.
 */
final class Status {
  /** Not in the previous run. */
  static final String NEW = "new";
  /** The same decision as in the previous run. */
  static final String UNCHANGED = "unchanged";
  /** A different decision than in the previous run. */
  static final String CHANGED = "changed";

  private Status() {}
}
