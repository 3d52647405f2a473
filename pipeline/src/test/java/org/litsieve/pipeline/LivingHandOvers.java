package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.history.CsvTable;
import org.litsieve.model.Decision;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.OutputFile;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;

/**
 * For tests that compare the graph's living-review steps with the driver's: a generated row of a
 * previous run, and the hand-overs the driver's {@code LivingUpdate.apply} reads.
 */
final class LivingHandOvers {
  private LivingHandOvers() {}

  /** The earlier papers' authors, few so that keys collide. */
  static final List<String> AUTHORS = List.of("Smith, J", "Ngata, T", "van der Berg, A");

  /**
   * A previous run's screened row drawn from {@code rnd}: ids below {@code ids}, titles, DOIs and
   * PMIDs from small pools so that keys are shared, one row in five without {@code first_seen}
   * when {@code someNotSeen} (a run made before that column).
   */
  static Map<String, String> previousRow(java.util.Random rnd, int ids, boolean someNotSeen) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", "ls-" + rnd.nextInt(ids));
    m.put("title", rnd.nextInt(9) == 0 ? "Editorial" : "Peer support trial " + rnd.nextInt(100));
    m.put("authors", AUTHORS.get(rnd.nextInt(3)));
    m.put("year", Integer.toString(2018 + rnd.nextInt(3)));
    m.put("doi", rnd.nextInt(3) == 0 ? "" : "https://doi.org/10.5555/T" + rnd.nextInt(120));
    m.put("pmid", rnd.nextBoolean() ? "" : Integer.toString(91000000 + rnd.nextInt(120)));
    m.put("decision", List.of("include", "review", "exclude").get(rnd.nextInt(3)));
    m.put("stage", "keywords");
    m.put("reason", "earlier reason " + rnd.nextInt(3));
    m.put("first_seen", someNotSeen && rnd.nextInt(5) == 0 ? "" : "run-" + (char) ('a' + rnd.nextInt(3)));
    return m;
  }

  /**
   * Writes into {@code dir} what the pipeline hands the driver for {@code current}: the screened
   * rows as decided in the screened files' order, and a counts file.
   */
  static void write(Path dir, List<FinalRecord> current) throws IOException {
    List<ScreenedRecord> inFileOrder = new ArrayList<>(current.stream().map(FinalRecord::decided).toList());
    inFileOrder.sort(Comparator.comparing(CsvRows::screenedSortKey));
    for (OutputFile f : OutputFile.SCREENED) {
      Decision d = Decision.values()[OutputFile.SCREENED.indexOf(f)];
      List<Map<String, String>> rows = new ArrayList<>();
      for (ScreenedRecord s : inFileOrder) {
        if (s.decision() == d) {
          List<String> v = CsvRows.screened(s);
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < CsvRows.SCREENED.size(); i++) {
            row.put(CsvRows.SCREENED.get(i), v.get(i));
          }
          rows.add(row);
        }
      }
      CsvTable.write(dir.resolve(f.pipelineRows().fileName()), CsvRows.SCREENED, rows);
    }
    Files.writeString(dir.resolve(OutputFile.PIPELINE_PRISMA_JSON.fileName()),
        "{\"identified\": {\"total\": 300, \"by_source\": {}}}");
  }
}
