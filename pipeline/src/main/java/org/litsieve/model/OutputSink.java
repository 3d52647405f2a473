package org.litsieve.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one way a run opens a file of its output folder for writing, so that every opening can be
 * seen: a watcher ({@link #watch}) is told the path of each file opened. Tests use it to prove that
 * a run writes each file once. Beam-filesystem writes ({@code output.OutputFiles}) report through
 * {@link #opening} before they open; local writes use {@link #create} and {@link #writeString}.
 *
 * <p>Failure behaviour: I/O errors are thrown as they come from {@link Files}.
 */
public final class OutputSink {
  private static volatile Consumer<String> watcher;
  private static volatile Consumer<String> readWatcher;

  private OutputSink() {}

  /**
   * Tells {@code w} the absolute path of every output file opened for writing until the returned
   * handle is closed. One watcher at a time (tests run one after another).
   */
  public static AutoCloseable watch(Consumer<String> w) {
    watcher = w;
    return () -> watcher = null;
  }

  /**
   * Tells {@code w} the absolute path of every file that the run's own steps read back from an
   * output folder (theirs or a previous run's) until the returned handle is closed: the readers
   * of litsieve's own files report through {@link #reading}.
   */
  public static AutoCloseable watchReads(Consumer<String> w) {
    readWatcher = w;
    return () -> readWatcher = null;
  }

  /** Reports that {@code file}, a file litsieve wrote, is about to be read. */
  public static void reading(java.nio.file.Path file) {
    Consumer<String> w = readWatcher;
    if (w != null) {
      w.accept(file.toAbsolutePath().normalize().toString());
    }
  }

  /** Reports that {@code path} (a path or a filesystem resource's name) is about to be opened for writing. */
  public static void opening(String path) {
    Consumer<String> w = watcher;
    if (w != null) {
      w.accept(path);
    }
  }

  /** Opens {@code file} for writing, replacing it. */
  public static OutputStream create(Path file) throws IOException {
    opening(file.toAbsolutePath().normalize().toString());
    return Files.newOutputStream(file);
  }

  /**
   * Opens {@code tmp} for writing what will replace {@code file} (the caller moves it there):
   * reported as a write of {@code file}.
   */
  public static OutputStream createReplacing(Path file, Path tmp) throws IOException {
    opening(file.toAbsolutePath().normalize().toString());
    return Files.newOutputStream(tmp);
  }

  /** Opens {@code file} for writing, UTF-8 text, replacing it. */
  public static java.io.Writer newWriter(Path file) throws IOException {
    return new java.io.BufferedWriter(new java.io.OutputStreamWriter(create(file),
        StandardCharsets.UTF_8.newEncoder()), 1 << 13);
  }

  /** Copies {@code from} to {@code to}, replacing it. */
  public static void copy(Path from, Path to) throws IOException {
    opening(to.toAbsolutePath().normalize().toString());
    Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Moves {@code from} (a hand-over the run wrote and will not read) to {@code to}, replacing it:
   * reported as a write of {@code to}, the only one.
   */
  public static void move(Path from, Path to) throws IOException {
    opening(to.toAbsolutePath().normalize().toString());
    Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes {@code text} as UTF-8 to {@code file}, replacing it. */
  public static void writeString(Path file, String text) throws IOException {
    try (OutputStream out = create(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
