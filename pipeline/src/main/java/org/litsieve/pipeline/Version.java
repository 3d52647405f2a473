package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** litsieve's version, from the build. */
public final class Version {
  private Version() {}

  public static String get() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/litsieve-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    String v = p.getProperty("version", "unknown");
    return v.contains("${") ? "dev" : v;
  }
}
