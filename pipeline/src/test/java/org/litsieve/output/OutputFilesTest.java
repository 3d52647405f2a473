package org.litsieve.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files are written into its temporary folder, which exists for as long as the run is
 * alive. A runner thread still finishing a bundle of a run that has failed must not make that
 * folder again after the run deleted it (Beam's local filesystem creates missing parent folders).
 */
class OutputFilesTest {
  @Test
  void writesIntoAnExistingFolder(@TempDir Path dir) throws IOException {
    OutputFiles.write(dir.toString(), "a.txt", "één\n");
    assertEquals("één\n", Files.readString(dir.resolve("a.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void aFolderThatIsGoneIsNotMadeAgain(@TempDir Path dir) {
    Path gone = dir.resolve(".out.tmp-1");
    IOException e = assertThrows(IOException.class, () -> OutputFiles.write(gone.toString(), "a.txt", "x"));
    assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
    assertFalse(Files.exists(gone), "the folder was made again");
  }
}
