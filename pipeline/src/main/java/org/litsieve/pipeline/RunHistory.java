package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A folder of runs for unattended living reviews ({@code screen --out runs/ --keep-history}):
 * each run goes into its own timestamped sub-folder ({@code runs/20261126T140312Z}, written
 * through {@link OutputCommit}, so it appears only when finished), and {@code runs/latest} is a
 * symbolic link to the newest finished run, replaced atomically (a new link is made under a
 * temporary name and renamed over the old one).
 *
 * <p>Failure behaviour: a run that fails or is killed never touches {@code latest} and leaves at
 * most a hidden {@code .NAME.tmp-…} folder, which never looks like a finished run. An I/O error
 * making the folder or the link is thrown.
 */
public final class RunHistory {
  /** The name of the link to the newest finished run. */
  public static final String LATEST = "latest";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  private RunHistory(Path root) {
    this.root = root;
  }

  /** Opens (creating if needed) the runs folder. */
  public static RunHistory at(Path root) throws IOException {
    Files.createDirectories(root);
    return new RunHistory(root);
  }

  /** The folder a run started at {@code now} should be written to (a free name). */
  public Path nextRunFolder(Instant now) {
    String base = STAMP.format(now);
    Path p = root.resolve(base);
    for (int i = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
      p = root.resolve(base + "-" + i);
    }
    return p;
  }

  /** The newest finished run ({@code latest} resolved), or null when there is none. */
  public Path latest() throws IOException {
    Path link = root.resolve(LATEST);
    if (!Files.exists(link) || !Files.exists(link.resolve(OutputCommit.MARKER))) {
      return null;
    }
    return link.toRealPath();
  }

  /** Points {@code latest} at {@code run} (a sub-folder of the runs folder), atomically. */
  public void markLatest(Path run) throws IOException {
    Path link = root.resolve(LATEST);
    Path tmp = root.resolve("." + LATEST + ".tmp-" + System.nanoTime());
    Files.createSymbolicLink(tmp, run.getFileName());
    try {
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
