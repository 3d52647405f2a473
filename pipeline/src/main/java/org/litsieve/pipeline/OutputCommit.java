package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a run's output into a temporary folder beside the target and moves it into place only
 * when the run has succeeded, so a failed or killed run never leaves a half-written folder where
 * the user looks. A target that already exists is replaced only if it is an earlier litsieve
 * output (it has a {@code manifest.json}) or empty.
 */
public final class OutputCommit {
  /** The file whose presence marks a finished litsieve output folder. */
  public static final String MARKER = "manifest.json";

  private final Path target;
  private final Path temporary;

  private OutputCommit(Path target, Path temporary) {
    this.target = target;
    this.temporary = temporary;
  }

  /** Thrown when the target cannot be used; the message is for the user. */
  public static final class TargetException extends Exception {
    public TargetException(String message) {
      super(message);
    }
  }

  /** Checks the target and creates the temporary folder beside it. */
  public static OutputCommit prepare(Path target) throws TargetException, IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      if (!Files.isDirectory(absolute)) {
        throw new TargetException(target + " exists and is not a folder");
      }
      if (!Files.exists(absolute.resolve(MARKER)) && !isEmpty(absolute)) {
        throw new TargetException("refusing to replace " + target
            + ": it is not empty and is not a litsieve output folder (no " + MARKER + ")");
      }
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
    return new OutputCommit(absolute, tmp);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  /** The temporary folder to write into. */
  public Path temporary() {
    return temporary;
  }

  /** Moves the finished output into place, replacing an earlier run's folder. */
  public void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
      move(target, old);
    }
    move(temporary, target);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** How long {@link #abandon} keeps trying. */
  static final long ABANDON_MILLIS = 10_000;

  /**
   * Deletes the temporary folder after a failure. A failed run's runner threads may still be
   * finishing a bundle, writing files (and creating the folder again) or holding the heap full
   * after an {@link OutOfMemoryError}, so it tries again, for at most {@value #ABANDON_MILLIS} ms,
   * until the folder is gone and stays gone. Best effort: a leftover hidden {@code .tmp} folder
   * never looks like a finished run.
   */
  public void abandon() {
    long deadline = System.nanoTime() + ABANDON_MILLIS * 1_000_000;
    while (true) {
      try {
        deleteRecursively(temporary);
        Thread.sleep(200); // a writer still finishing would have made it again by now
        if (!Files.exists(temporary)) {
          return;
        }
      } catch (IOException | OutOfMemoryError e) {
        // try again once the failed run's threads have let go of the folder or the memory
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (System.nanoTime() > deadline) {
        return;
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
