package dev.cordon.controller.registry;

/**
 * A compare-and-set kept losing to concurrent writers for every allowed attempt. Safe to retry:
 * nothing was applied.
 */
public final class ContentionException extends RuntimeException {
  public ContentionException(String what) {
    super(what + " kept changing under concurrent writers; retry");
  }
}
