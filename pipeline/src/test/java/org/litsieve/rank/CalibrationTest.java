package org.litsieve.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Platt scaling: the fit is the maximum-likelihood one, with Platt's smoothed targets. */
class CalibrationTest {
  @Test
  void twoRecordsGetExactlyPlattsSmoothedTargets() {
    // one relevant at +1, one irrelevant at -1: two parameters fit two points exactly, so the
    // probabilities are the targets themselves, (1 + 1) / (1 + 2) and 1 / (1 + 2): A = -ln 2, B = 0.
    // Unsmoothed targets (1 and 0) would have no finite fit at all.
    Calibration c = Calibration.fit(new double[] {1, -1}, new boolean[] {true, false});
    assertEquals(2.0 / 3, c.probability(1), 1e-6);
    assertEquals(1.0 / 3, c.probability(-1), 1e-6);
    assertEquals(-Math.log(2), c.a(), 1e-5);
    assertEquals(0, c.b(), 1e-5);
  }

  @Test
  void theFitIsWhereTheLikelihoodsGradientVanishes() {
    Random r = new Random(3);
    int n = 200;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.15;
      s[i] = (y[i] ? 0.8 : -0.6) + r.nextGaussian();
      pos += y[i] ? 1 : 0;
    }
    Calibration c = Calibration.fit(s, y);
    double hi = (pos + 1.0) / (pos + 2);
    double lo = 1.0 / (n - pos + 2);
    double g1 = 0;
    double g2 = 0;
    for (int i = 0; i < n; i++) {
      double d = (y[i] ? hi : lo) - c.probability(s[i]);
      g1 += s[i] * d;
      g2 += d;
    }
    assertEquals(0, g1, 1e-4, "d/dA");
    assertEquals(0, g2, 1e-4, "d/dB");
    assertTrue(c.a() < 0, "higher values lean relevant, so the slope is negative: " + c);
    assertTrue(c.probability(2) > c.probability(0) && c.probability(0) > c.probability(-2));
  }

  @Test
  void aLargeSampleGivesBackTheLogisticItWasDrawnFrom() {
    Random r = new Random(7);
    int n = 20000;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = 2 * r.nextGaussian();
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-1.5 * s[i] + 1)); // A = -1.5, B = 1
    }
    Calibration c = Calibration.fit(s, y);
    assertEquals(-1.5, c.a(), 0.1, c.toString());
    assertEquals(1, c.b(), 0.1, c.toString());
  }

  @Test
  void probabilitiesStayFiniteFarFromTheBoundary() {
    Calibration c = Calibration.fit(new double[] {3, 2, -1, -2, -3}, new boolean[] {true, true, false, false, false});
    assertTrue(c.probability(1e6) <= 1 && c.probability(1e6) > 0.99, "" + c.probability(1e6));
    assertTrue(c.probability(-1e6) >= 0 && c.probability(-1e6) < 0.01, "" + c.probability(-1e6));
  }

  @Test
  void oneClassOnlyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new double[] {1, 2}, new boolean[] {true, true}));
  }
}
