/**
 * The command line (picocli): {@code screen}, {@code inspect} and {@code validate}. Thin: each
 * command parses its options, calls {@code org.litsieve.pipeline} (or the rules loader) and turns
 * the result into output and an exit code: 0 for success (even with rejected records), 2 for a
 * usage error, an invalid rules file or no input files, 1 for an internal failure (one plain line;
 * the stack trace only with {@code --verbose}).
 */
package org.litsieve.cli;
