package org.litsieve.rank;

import java.util.Locale;

/**
 * A recall curve as a self-contained SVG: share of relevant records found (y) against share of
 * records screened (x), with the random-order diagonal and the 95% recall line for reference, so a
 * reader sees at a glance where the model stops finding anything. Input: a screening order and its
 * labels; output: the SVG text. Never fails; an order with no relevant record draws a flat line.
 */
public final class RecallSvg {
  private static final int W = 640;
  private static final int H = 400;
  private static final int PAD = 48;

  private RecallSvg() {}

  /** The curve of {@code order}, titled {@code title} (escaped here). */
  public static String of(int[] order, boolean[] relevant, String title) {
    int n = order.length;
    int r = 0;
    for (int i : order) {
      r += relevant[i] ? 1 : 0;
    }
    StringBuilder path = new StringBuilder();
    path.append(String.format(Locale.ROOT, "M%.1f,%.1f", x(0, n), y(0, r)));
    int found = 0;
    for (int i = 0; i < n; i++) {
      if (relevant[order[i]]) {
        path.append(String.format(Locale.ROOT, " L%.1f,%.1f", x(i, n), y(found, r)));
        found++;
        path.append(String.format(Locale.ROOT, " L%.1f,%.1f", x(i + 1, n), y(found, r)));
      }
    }
    path.append(String.format(Locale.ROOT, " L%.1f,%.1f", x(n, n), y(found, r)));
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<title>").append(escape(title)).append("</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
        PAD, PAD / 2, W - 2 * PAD + PAD / 2, H - PAD - PAD / 2));
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"/>%n",
        x(0, 1), y(0, 1), x(1, 1), y(1, 1)));
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d88\" stroke-dasharray=\"2 3\"/>%n",
        x(0, 1), y(95, 100), x(1, 1), y(95, 100)));
    s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">records screened (%d in all)</text>%n",
        W / 2 + PAD / 4, H - 10, n));
    s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">relevant records found (%d in all)</text>%n",
        H / 2, H / 2, r));
    for (int t = 0; t <= 100; t += 25) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>%n", x(t, 100), H - PAD + 16, t));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n", PAD - 4, y(t, 100) + 4, t));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", PAD, PAD / 2 - 6, escape(title)));
    s.append("</svg>\n");
    return s.toString();
  }

  private static double x(double i, double n) {
    return PAD + (n == 0 ? 0 : i / n) * (W - 2 * PAD + PAD / 2.0);
  }

  private static double y(double found, double r) {
    return H - PAD - (r == 0 ? 0 : found / r) * (H - PAD - PAD / 2.0);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
