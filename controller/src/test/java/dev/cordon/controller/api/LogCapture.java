package dev.cordon.controller.api;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures java.util.logging output (where System.Logger and gRPC log by default) from the
 * controller and gRPC, at the finest levels, so a test can search it for secrets.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private static final String[] LOGGERS = {"dev.cordon", "io.grpc"};
  private final StringBuffer text = new StringBuffer();
  private final SimpleFormatter formatter = new SimpleFormatter();

  LogCapture() {
    setLevel(Level.ALL);
    for (String name : LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.FINE);
      logger.addHandler(this);
    }
  }

  @Override
  public void publish(LogRecord record) {
    text.append(formatter.format(record));
  }

  String text() {
    return text.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    for (String name : LOGGERS) {
      Logger.getLogger(name).removeHandler(this);
      Logger.getLogger(name).setLevel(null);
    }
  }
}
