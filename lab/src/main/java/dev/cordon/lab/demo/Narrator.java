package dev.cordon.lab.demo;

import java.io.PrintStream;

/** Prints the demo's progress with the seconds since it started, and its tables as they are. */
final class Narrator {
  private final PrintStream out;
  private final long started = System.nanoTime();

  Narrator(PrintStream out) {
    this.out = out;
  }

  /** "[ 12.3s] what happened". */
  void step(String what) {
    out.printf("[%5.1fs] %s%n", seconds(), what);
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }
}
