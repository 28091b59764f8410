package dev.cordon.gateway.table;

/** A table or delta the gateway cannot enforce as written; the state is left unchanged. */
public final class TableException extends Exception {
  public TableException(String message) {
    super(message);
  }

  public TableException(String message, Throwable cause) {
    super(message, cause);
  }
}
