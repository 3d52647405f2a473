package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/** The blocking keys: the {@code v:} key of one paper is the same whichever way a database writes its page. */
class BlockingKeysTest {
  private static String volumeKey(String volume, String pages) {
    BibRecord r = BibRecord.builder(new Provenance("export.ris", 1, 1, "r1", "")).type("JOUR")
        .title("Remote monitoring of heart failure in rural clinics").authors(List.of("Oyelaran, Bisi"))
        .year(2022).journal("Journal of Cardiac Telemedicine").volume(volume).pages(pages).build();
    return BlockingKeys.of(RecordFeatures.of(r)).stream().filter(k -> k.startsWith("v:")).findFirst().orElse("");
  }

  @Test
  void anEPageAndItsPlainNumberGiveOneVolumeKey() {
    String plain = volumeKey("14", "123-130");
    assertEquals("v:14|123", plain);
    assertEquals(plain, volumeKey("14", "e123-e130"));
    assertEquals(plain, volumeKey("14", "E123-E130"));
    assertEquals(plain, volumeKey("14", "e0123"));
    assertEquals(plain, volumeKey("14", "0123-0130"));
  }

  @Test
  void otherPrefixesVolumesAndPagesStayApart() {
    // a supplement's page S123 is another page than 123; the rest of the key is kept
    assertNotEquals(volumeKey("14", "123-130"), volumeKey("14", "S123-S130"));
    assertNotEquals(volumeKey("14", "e123"), volumeKey("15", "e123"));
    assertNotEquals(volumeKey("14", "e123"), volumeKey("14", "e124"));
  }
}
