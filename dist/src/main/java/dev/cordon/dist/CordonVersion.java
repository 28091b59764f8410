package dev.cordon.dist;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written into the jar's manifest, and the runtime it runs on. */
final class CordonVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Cordon.class.getPackage().getImplementationVersion();
    return new String[] {
      "cordon " + (version == null ? "(development build)" : version), "java " + Runtime.version()
    };
  }
}
