package dev.cordon.controller.tables;

/** A live subscription; closing it stops delivery (an update already being delivered finishes). */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
