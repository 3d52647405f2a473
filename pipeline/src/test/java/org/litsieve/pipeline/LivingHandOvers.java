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
 * For tests that compare the graph's living-review steps with the driver's: writes into {@code dir}
 * what the pipeline hands the driver's {@code LivingUpdate.apply} for {@code current}, the screened
 * rows as decided in the screened files' order, and a counts file.
 */
final class LivingHandOvers {
  private LivingHandOvers() {}

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
