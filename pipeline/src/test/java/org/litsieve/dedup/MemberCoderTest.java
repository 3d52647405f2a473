package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;
import org.litsieve.testing.RealData;

/**
 * {@link MemberCoder} gives back exactly the features it was given, including the ones it leaves
 * out of the stream when they repeat (a DOI stem equal to the DOI, a surname that is one of the
 * name's words).
 */
class MemberCoderTest {
  private static BlockComparer.Member roundTrip(BlockComparer.Member m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MemberCoder.of().encode(m, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    BlockComparer.Member back = MemberCoder.of().decode(in);
    assertEquals(0, in.available(), "bytes left after decoding " + m.features().inputId());
    return back;
  }

  @Test
  void everyRealExportRecordRoundTrips() throws IOException {
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RealData.folder().resolve("exports"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          ExportReader.read(f.getFileName().toString(), in, ParseSink.into(records, rejects));
        }
      }
    }
    assertTrue(records.size() > 1000, "real exports read: " + records.size());
    int surnameOutsideTokens = 0;
    for (BibRecord r : records) {
      BlockComparer.Member m = BlockComparer.Member.of(r);
      assertEquals(m, roundTrip(m));
      surnameOutsideTokens += (int) m.features().authors().stream().filter(n -> !n.tokens().contains(n.surname())).count();
    }
    assertTrue(surnameOutsideTokens > 0, "the exports have surnames that are not one of the name's words");
  }

  @Test
  void leftOutRepeatsComeBackAndOddOnesAreKept() throws IOException {
    BibRecord versioned = BibRecord.builder(new Provenance("a.ris", 1, 1, "7", ""))
        .title("Peer support worker training: a pilot").year(2021).doi("10.5555/abc.pub2")
        .authors(List.of("O'Neil-Smith, Mary Ann", "Group, Lived Experience Study", "X", "")).build();
    BlockComparer.Member m = BlockComparer.Member.of(versioned);
    assertNotEquals(m.features().doi(), m.features().doiStem(), "the DOI has a version suffix");
    assertEquals(m, roundTrip(m));
    BlockComparer.Member bare = BlockComparer.Member.unlabelled(
        BibRecord.builder(new Provenance("b.csv", 2, 3, "", "")).build());
    assertEquals("", bare.label());
    assertEquals(bare, roundTrip(bare));
    RecordFeatures f = m.features();
    RecordFeatures odd = new RecordFeatures(f.inputId(), f.doi(), f.doiStem(), f.pmid(), f.title(),
        f.titleNumbers(), f.part(), f.kind(), true, f.year(),
        List.of(new RecordFeatures.Name(List.of("mary", "ann"), "smithson", 'm'),
            new RecordFeatures.Name(List.of(), "", '\0'),
            new RecordFeatures.Name(List.of("li", "li"), "li", 'l')),
        f.journals(), f.volume(), "3-4", f.firstPage(), f.lastPage(), true, RecordFeatures.Venue.THESIS, true);
    BlockComparer.Member oddMember = new BlockComparer.Member(odd, "S1\tTitle");
    assertEquals(oddMember, roundTrip(oddMember));
  }
}
