package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes a run's output into a temporary folder beside the target and moves it into place only
 * when the run has succeeded, so a failed or killed run never leaves a half-written folder where
 * the user looks. A target that already exists is replaced only if it is an earlier litsieve
 * output (it has a {@code manifest.json}) or empty.
 *
 * <p>A run holds an operating-system lock on a file beside its temporary folder
 * ({@code .NAME.tmp-RANDOM} and {@code .NAME.tmp-RANDOM.litsieve-lock}) for as long as it runs;
 * the system lets go of the lock when the process ends, killed or not. So a run that was killed
 * before it could clean up leaves a folder whose lock anyone can take, and the next run in the
 * same parent folder deletes it: a killed 1M-record run left 4 GB behind otherwise. A folder
 * whose lock is held belongs to a run still going and is left alone, as is anything without a
 * lock file.
 *
 * <p>Two runs into one folder: {@link #claim} lets one run at a time write to an output folder;
 * another one is refused with a {@link TargetException} before it starts.
 */
public final class OutputCommit {
  /** The file whose presence marks a finished litsieve output folder. */
  public static final String MARKER = org.litsieve.model.OutputFile.MANIFEST_JSON.fileName();
  /** The ending of the lock file beside a temporary folder. */
  static final String LOCK_SUFFIX = ".litsieve-lock";
  /**
   * The lock files this JVM holds. {@link #removeAbandoned} never opens them: with POSIX record
   * locks (Linux, macOS) closing any channel on a file lets go of every lock the process holds
   * on it, so merely looking would free a running run's folder for other processes
   * ({@code OutputCommitTest} probes this from another process).
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path target;
  private final Path temporary;
  private final Path lockFile;
  /** Held while the run goes; null on a file system without locks. */
  private final FileChannel lock;

  private OutputCommit(Path target, Path temporary, Path lockFile, FileChannel lock) {
    this.target = target;
    this.temporary = temporary;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** Thrown when the target cannot be used; the message is for the user. */
  public static final class TargetException extends Exception {
    public TargetException(String message) {
      super(message);
    }
  }

  /** The ending of the file beside an output folder that a run writing to it holds locked. */
  public static final String CLAIM_SUFFIX = ".litsieve-run";
  /** The claim files this JVM holds (opening one again would free its lock: see {@link #HELD}). */
  private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

  /** A run's hold on its {@code --out} folder; {@link #close} lets go. */
  public static final class Claim implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private Claim(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    @Override
    public void close() throws IOException {
      try {
        if (channel != null) {
          channel.close(); // lets go of the lock; the file stays, so no other run locks a deleted one
        }
      } finally {
        CLAIMED.remove(file);
      }
    }
  }

  /**
   * Claims {@code out} for one run, for as long as the returned claim is open: an operating-system
   * lock on {@code .NAME.litsieve-run} beside it. Two runs into one {@code --out} used to both
   * finish with exit 0, the later one silently replacing the earlier one's output; now the second
   * is refused before it starts. The system lets go of the lock when a process ends, killed or not.
   *
   * @throws TargetException if another run (in any process) holds {@code out}
   */
  public static Claim claim(Path out) throws TargetException, IOException {
    Path absolute = out.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path file = parent.resolve("." + absolute.getFileName() + CLAIM_SUFFIX);
    TargetException busy = new TargetException("another litsieve run is writing to " + out
        + "; this run stopped before it started (wait for that run to finish, or give another --out)");
    if (!CLAIMED.add(file)) {
      throw busy;
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException e) {
        // a file system without locks (some network ones): runs there are not kept apart
        channel.close();
        return new Claim(file, null);
      }
      if (lock == null) {
        channel.close();
        CLAIMED.remove(file);
        throw busy;
      }
      return new Claim(file, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      CLAIMED.remove(file);
      throw e;
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
    removeAbandoned(parent);
    // the lock first, then the folder it guards: a folder is never there without its held lock
    Path lockFile = Files.createTempFile(parent, "." + absolute.getFileName() + ".tmp-", LOCK_SUFFIX);
    Path tmp = folderOf(lockFile);
    FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.WRITE);
    try {
      lock.lock();
      HELD.add(lockFile);
    } catch (IOException e) {
      // a file system without locks (some network ones): no lock file, so no later run can take
      // this folder for a killed run's; a killed run's folder then stays, as without locks
      lock.close();
      Files.deleteIfExists(lockFile);
      lock = null;
    }
    try {
      Files.createDirectory(tmp);
      return new OutputCommit(absolute, tmp, lockFile, lock);
    } catch (IOException | RuntimeException e) {
      if (lock != null) {
        HELD.remove(lockFile);
        lock.close();
      }
      Files.deleteIfExists(lockFile);
      throw e;
    }
  }

  /** The temporary folder a lock file guards: its name without {@link #LOCK_SUFFIX}, beside it. */
  private static Path folderOf(Path lockFile) {
    String name = lockFile.getFileName().toString();
    return lockFile.resolveSibling(name.substring(0, name.length() - LOCK_SUFFIX.length()));
  }

  /**
   * Deletes the temporary folders in {@code parent} that killed runs left behind: those whose lock
   * file nobody holds. Best effort: a folder it cannot delete stays.
   */
  static void removeAbandoned(Path parent) {
    List<Path> lockFiles = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*.tmp-*" + LOCK_SUFFIX)) {
      s.forEach(lockFiles::add);
    } catch (IOException e) {
      return; // cannot list the parent: nothing to clean
    }
    for (Path lockFile : lockFiles) {
      if (HELD.contains(lockFile)) {
        continue; // a run in this JVM: still going
      }
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
          FileLock held = ch.tryLock()) {
        if (held == null) {
          continue; // its run is still going
        }
        deleteRecursively(folderOf(lockFile));
        Files.deleteIfExists(lockFile);
      } catch (OverlappingFileLockException e) {
        // a run in this JVM holds it: still going
      } catch (IOException e) {
        // gone already (another run cleaned it), or not ours to delete: leave it
      }
    }
  }

  /**
   * Lets go of the lock, and removes its file once the temporary folder is gone or moved; a folder
   * still there keeps its (now free) lock file, so that the next run removes both.
   */
  private void release() {
    if (lock == null) {
      return;
    }
    try {
      HELD.remove(lockFile);
      lock.close();
      if (!Files.exists(temporary)) {
        Files.deleteIfExists(lockFile);
      }
    } catch (IOException e) {
      // a stale lock file is harmless: the next run removes it
    }
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
    release();
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** How long {@link #abandon} keeps trying. */
  static final long ABANDON_MILLIS = 60_000;

  /**
   * How long the folder must stay gone before {@link #abandon} believes it. A runner thread that
   * was in the middle of a bundle when the run failed can write (and so make the folder again)
   * well after the failure on a busy machine: 200 ms left a folder behind under load.
   */
  static final long QUIET_MILLIS = 1_000;

  /**
   * Deletes the temporary folder after a failure. A failed run's runner threads may still be
   * finishing a bundle, writing files (and creating the folder again) or holding the heap full
   * after an {@link OutOfMemoryError}, so it tries again until the folder has stayed gone for
   * {@value #QUIET_MILLIS} ms, for at most {@value #ABANDON_MILLIS} ms, and sweeps once more when
   * the JVM exits. Best effort: a leftover hidden {@code .tmp} folder never looks like a finished
   * run, and the next run into the same parent removes it once its lock is free.
   */
  public void abandon() {
    long deadline = System.nanoTime() + ABANDON_MILLIS * 1_000_000;
    try {
      while (true) {
        try {
          deleteRecursively(temporary);
          Thread.sleep(QUIET_MILLIS); // a writer still finishing would have made it again by now
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
    } finally {
      // both may meet a heap the failed run still fills: each tries again, and neither may keep
      // the other from running
      for (int attempt = 0; attempt < 3 && !tryQuietly(this::release); attempt++) {
        Thread.onSpinWait();
      }
      for (int attempt = 0; attempt < 3 && !tryQuietly(this::sweepAtExit); attempt++) {
        Thread.onSpinWait();
      }
    }
  }

  /** Runs {@code step}; false if the memory ran out while it did. */
  private static boolean tryQuietly(Runnable step) {
    try {
      step.run();
      return true;
    } catch (OutOfMemoryError e) {
      return false;
    }
  }

  /**
   * The last chance, for a straggler that writes after {@link #abandon} has returned: the folder,
   * and then its lock file, are deleted once more when the JVM exits.
   */
  private void sweepAtExit() {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          deleteRecursively(temporary);
          if (lockFile != null) {
            Files.deleteIfExists(lockFile);
          }
        } catch (IOException | RuntimeException e) {
          // best effort, as above; the next run removes what is left
        }
      }, "litsieve-sweep"));
    } catch (IllegalStateException e) {
      // the JVM is already exiting: nothing more can be registered
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
