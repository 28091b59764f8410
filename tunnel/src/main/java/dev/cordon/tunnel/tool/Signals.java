package dev.cordon.tunnel.tool;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a callback, so the process can close its interface and socket and exit 0 (a
 * shutdown hook alone would end with 143). Uses jdk.unsupported's sun.misc.Signal, the only signal
 * API the JDK has.
 */
final class Signals {
  private Signals() {}

  static void onTermination(Runnable action) {
    Signal.handle(new Signal("TERM"), s -> action.run());
    Signal.handle(new Signal("INT"), s -> action.run());
  }
}
