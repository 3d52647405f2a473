package org.litsieve.rank;

/**
 * How well a screening order finds the relevant records, in the forms screening studies report.
 *
 * <p>Every record of the order counts as screened, priors included. With {@code N} records, {@code R}
 * relevant, and {@code k(r)} the number screened when {@code ceil(r * R)} relevant ones are found:
 * {@code WSS@r = (N - k(r)) / N - (1 - r)} (Cohen et al. 2006: work saved over random order at recall
 * r), {@code RRF@10} = recall after screening {@code ceil(N / 10)} records. Input: the order and the
 * labels; fails with {@link IllegalArgumentException} when there is no relevant record.
 *
 * @param records N
 * @param relevant R
 * @param wss95 WSS at 95% recall, as a share (0.409 for 40.9%)
 * @param wss100 WSS at 100% recall
 * @param rrf10 recall after screening 10% of the records
 * @param screenedTo95 records screened when 95% of the relevant ones were found
 */
public record RecallMetrics(int records, int relevant, double wss95, double wss100, double rrf10, int screenedTo95) {
  /** The measures of {@code order} against {@code relevant}. */
  public static RecallMetrics of(int[] order, boolean[] relevant) {
    int n = order.length;
    int r = 0;
    for (int i : order) {
      r += relevant[i] ? 1 : 0;
    }
    if (r == 0) {
      throw new IllegalArgumentException("no relevant record: recall is undefined");
    }
    int need95 = (int) Math.ceil(0.95 * r - 1e-9);
    int tenth = (int) Math.ceil(n / 10.0);
    int found = 0;
    int k95 = n;
    int k100 = n;
    int at10 = 0;
    for (int i = 0; i < n; i++) {
      found += relevant[order[i]] ? 1 : 0;
      if (found == need95 && k95 == n && relevant[order[i]]) {
        k95 = i + 1;
      }
      if (found == r && relevant[order[i]]) {
        k100 = i + 1;
      }
      if (i + 1 == tenth) {
        at10 = found;
      }
    }
    return new RecallMetrics(n, r, (double) (n - k95) / n - 0.05, (double) (n - k100) / n,
        (double) at10 / r, k95);
  }
}
