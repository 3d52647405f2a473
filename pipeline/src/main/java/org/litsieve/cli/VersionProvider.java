package org.litsieve.cli;

import org.litsieve.pipeline.Version;
import picocli.CommandLine;

/**
 * The {@code --version} text of every command: litsieve's version from the build and the Java
 * that runs it. Never fails (an unknown build says so in the version).
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"litsieve " + Version.get(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
