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
 * making the folder or the link is thrown. A broken {@code latest} (dangling, not a finished run,
 * or removed while runs are there) is a {@link BrokenHistoryException}, never a fresh start.
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

  /** The runs folder's {@code latest} link is broken: continuing would silently restart the review. */
  public static final class BrokenHistoryException extends Exception {
    private static final long serialVersionUID = 1L;

    BrokenHistoryException(String message) {
      super(message);
    }
  }

  /**
   * The newest finished run ({@code latest} resolved), or null when the folder holds no run yet.
   *
   * @throws BrokenHistoryException when {@code latest} dangles, points at a folder without
   *     {@value OutputCommit#MARKER}, or is missing while finished runs are there: starting over
   *     would mark every record new and drop the human decisions carried so far
   */
  public Path latest() throws IOException, BrokenHistoryException {
    Path link = root.resolve(LATEST);
    String fix = ": a run now would start the review over (every record new, earlier human decisions"
        + " not carried). Point it at the last good run (ln -sfn RUN " + link + ") or give --previous RUN.";
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      try (var entries = Files.list(root)) {
        var earlier = entries.filter(p -> !p.getFileName().toString().startsWith(".")
            && Files.isRegularFile(p.resolve(OutputCommit.MARKER))).sorted().toList();
        if (!earlier.isEmpty()) {
          throw new BrokenHistoryException(link + " is missing but " + root + " holds " + earlier.size()
              + " finished run(s), the newest " + earlier.get(earlier.size() - 1).getFileName() + fix);
        }
      }
      return null;
    }
    String target = Files.isSymbolicLink(link) ? " (-> " + Files.readSymbolicLink(link) + ")" : "";
    if (!Files.isDirectory(link)) {
      throw new BrokenHistoryException(link + target + " does not lead to a folder" + fix);
    }
    if (!Files.isRegularFile(link.resolve(OutputCommit.MARKER))) {
      throw new BrokenHistoryException(link + target + " is not a finished litsieve run (no "
          + OutputCommit.MARKER + ")" + fix);
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
