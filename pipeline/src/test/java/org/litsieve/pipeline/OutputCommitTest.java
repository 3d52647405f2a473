package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's temporary folder is guarded by a held lock: a new run removes the folders whose lock is
 * free (their run was killed), and never one whose run is still going.
 */
class OutputCommitTest {
  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNewRunRemovesAKilledRunsFolderButNotARunningOne(@TempDir Path dir) throws Exception {
    // what a killed run leaves: its folder with a part of the output, and a lock file nobody holds
    Path killed = Files.createDirectory(dir.resolve(".out.tmp-123"));
    Files.writeString(killed.resolve("excluded.csv"), "half a file");
    Files.writeString(dir.resolve(".out.tmp-123" + OutputCommit.LOCK_SUFFIX), "");
    // a folder without a lock file (an older litsieve's, or not litsieve's) is left alone
    Files.createDirectory(dir.resolve(".other.tmp-9"));

    OutputCommit running = OutputCommit.prepare(dir.resolve("out"));
    Files.writeString(running.temporary().resolve("included.csv"), "rows");
    assertFalse(Files.exists(killed), "the killed run's folder is removed");
    assertFalse(Files.exists(dir.resolve(".out.tmp-123" + OutputCommit.LOCK_SUFFIX)), "and its lock file");
    assertTrue(Files.exists(dir.resolve(".other.tmp-9")));

    // a second run while the first is still going (its lock held) leaves the first one's folder alone
    OutputCommit second = OutputCommit.prepare(dir.resolve("out"));
    assertTrue(Files.exists(running.temporary().resolve("included.csv")), "a running run's folder is kept");
    second.abandon();
    // and another process still finds the first run's lock held (had the second run opened and
    // closed a channel on the file, POSIX would have let go of it)
    Path lockFile = dir.resolve(running.temporary().getFileName() + OutputCommit.LOCK_SUFFIX);
    assertEquals("held", probe(lockFile));

    running.commit();
    assertEquals("rows", Files.readString(dir.resolve("out").resolve("included.csv")));
    assertEquals(List.of(".other.tmp-9", "out"), names(dir), "no lock file or temporary folder is left");
  }

  /** Tries the lock from another JVM: "held" or "free". */
  private static String probe(Path lockFile) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
        lockFile.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** Prints whether another process holds the lock on the file given. */
  public static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
          FileLock l = ch.tryLock()) {
        System.out.println(l == null ? "held" : "free");
      }
    }
  }

  @Test
  void anAbandonedRunRemovesItsFolderAndLockFile(@TempDir Path dir) throws Exception {
    OutputCommit failed = OutputCommit.prepare(dir.resolve("out"));
    Files.writeString(failed.temporary().resolve("excluded.csv"), "half a file");
    assertEquals(2, names(dir).size(), "a folder and its lock file while running: " + names(dir));
    failed.abandon();
    assertEquals(List.of(), names(dir));
  }

  @Test
  void aStragglerThatWritesAfterTheFailureDoesNotLeaveTheFolderBehind(@TempDir Path dir) throws Exception {
    // a failed run's runner thread, slowed by a busy machine, finishes its bundle after the
    // failure was reported: writing its file makes the temporary folder again (Beam's local file
    // system creates missing parent folders)
    OutputCommit failed = OutputCommit.prepare(dir.resolve("out"));
    Path late = failed.temporary().resolve("excluded.csv");
    Thread straggler = new Thread(() -> {
      try {
        Thread.sleep(OutputCommit.QUIET_MILLIS / 2 + 100);
        Files.createDirectories(late.getParent());
        Files.writeString(late, "written after the failure");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    straggler.start();
    failed.abandon();
    straggler.join();
    assertEquals(List.of(), names(dir), "nothing is left once abandon has returned");
  }
}
