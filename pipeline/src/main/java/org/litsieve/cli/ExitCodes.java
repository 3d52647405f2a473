package org.litsieve.cli;

/**
 * The exit codes of every command, in a file of their own so that the commands need not name
 * {@link Main}, which names them.
 */
public final class ExitCodes {
  private ExitCodes() {}

  /** Exit code for a usage error, an invalid rules file or no input files. */
  public static final int USAGE = 2;
  /** Exit code for an internal failure. */
  public static final int FAILURE = 1;
}
