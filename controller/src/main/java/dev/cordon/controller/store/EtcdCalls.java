package dev.cordon.controller.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for one etcd call with a deadline and turns its failure into a clear store error. */
final class EtcdCalls {
  private final Duration timeout;

  EtcdCalls(Duration timeout) {
    this.timeout = timeout;
  }

  <T> T await(String what, CompletableFuture<T> call) {
    try {
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new StoreException(
          what + " got no answer from etcd within " + timeout + "; its outcome is unknown", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " was interrupted; its outcome is unknown", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StoreException(what + " failed on etcd: " + cause.getMessage(), cause);
    }
  }

  /** Whether {@code e} (or a cause) carries etcd's message containing {@code text}. */
  static boolean says(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
      if (t instanceof io.etcd.jetcd.lease.NoSuchLeaseException
          && text.contains("lease not found")) {
        return true;
      }
    }
    return false;
  }
}
