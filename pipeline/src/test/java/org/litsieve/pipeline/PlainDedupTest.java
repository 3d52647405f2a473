package org.litsieve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-Java dedup path for small inputs writes byte for byte the files of the Beam pipeline:
 * sample-data (five databases' exports of one search, with duplicates across them) plus a CSV with
 * a duplicate pair, a review pair, a broken row, and a match refused while clustering (a column's
 * two issues and a copy without issue: the refused link is a review pair with both titles).
 */
class PlainDedupTest {
  @TempDir Path tmp;

  @Test
  void smallInputsGiveTheBeamPipelinesFiles() throws Exception {
    Path extra = tmp.resolve("extra.csv");
    Files.writeString(extra, """
        ID,title,year,author,journal,volume,number,pages,doi
        x1,"Peer work in community mental health teams",2019,"Smith, Jane",Journal of Peer Work,4,2,10-19,
        x2,"Peer Work in Community Mental Health Teams.",2019,"Smith J",J Peer Work,4,2,10-9,
        x3,"Understanding information privacy assimilation",2018,"Attili, V",Inf Syst J,1,1,1-9,10.5555/x
        x4,"A longitudinal analysis of major misperceptions",2019,"Annabi, H",Inf Syst J,2,1,5-9,10.5555/x
        x5,"",,,,,,,
        x6,"Notes on the review process for practitioner-oriented submissions",2017,"Whitfield, Hannah R.",Journal of Practice-Oriented Information Systems,16,2,,
        x7,"Notes on the review process for practitioner-oriented submissions",2017,"Whitfield, Hannah R.",JOURNAL OF PRACTICE-ORIENTED INFORMATION SYSTEMS,16,3,,
        x8,"Notes on the review process for practitioner-oriented submissions",2017,"Whitfield, H. R.",J Pract Oriented Inf Syst,16,,,
        """);
    Path root = Path.of(System.getProperty("litsieve.root", "..")).toAbsolutePath().normalize();
    Path samples = root.resolve("sample-data");
    assertTrue(Files.isDirectory(samples), "sample-data not found at " + samples);
    List<String> args = List.of(samples.toString(), extra.toString());
    InputFiles.Resolution inputs = InputFiles.resolve(args);
    assertTrue(PlainDedup.fits(inputs.files()));

    Path plain = tmp.resolve("plain");
    Path beam = tmp.resolve("beam");
    ScreeningPipeline.Summary p = DedupPipeline.run(inputs, plain, List.of(), Map.of(), null);
    ScreeningPipeline.Summary b = DedupPipeline.run(inputs, beam, List.of("--runner=DirectRunner"), Map.of(), null);
    assertEquals(b.prisma(), p.prisma());
    assertTrue(((Number) p.prisma().get("duplicates_removed")).longValue() > 0, p.prisma().toString());
    Map<String, String> plainFiles = files(plain);
    Map<String, String> beamFiles = files(beam);
    assertEquals(beamFiles.keySet(), plainFiles.keySet());
    for (String name : beamFiles.keySet()) {
      if (!name.equals("manifest.json")) {
        assertEquals(beamFiles.get(name), plainFiles.get(name), name);
      }
    }
    assertTrue(plainFiles.get("manifest.json").contains("plain Java"), "the manifest says which path ran");
    assertTrue(plainFiles.get("duplicates-review.csv").contains("two issues of volume 16"),
        plainFiles.get("duplicates-review.csv"));
  }

  private static Map<String, String> files(Path dir) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (var s = Files.list(dir)) {
      for (Path f : s.sorted().toList()) {
        out.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return out;
  }
}
