package dev.cordon.lab.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;

/**
 * A protected service host's TCP service: {@code EchoService PORT MAX_SECONDS} echoes every byte of
 * every connection back, at most {@link #MAX_CONNECTIONS} at a time, and exits by itself after
 * MAX_SECONDS so a lost lab never leaves it running.
 */
public final class EchoService {
  static final int MAX_CONNECTIONS = 32;
  static final int IDLE_MILLIS = 60_000;

  private EchoService() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    var slots = new Semaphore(MAX_CONNECTIONS);
    try (var server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.setSoTimeout(500);
      server.bind(new InetSocketAddress(port));
      System.out.println("echo listening port=" + port);
      System.out.flush();
      while (System.nanoTime() - deadline < 0) {
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException idle) {
          continue;
        }
        if (!slots.tryAcquire()) {
          s.close();
          continue;
        }
        Thread.ofVirtual()
            .start(
                () -> {
                  try (s) {
                    echo(s);
                  } catch (IOException e) {
                    // The peer went away or was cut: the next connection is served anyway.
                  } finally {
                    slots.release();
                  }
                });
      }
    }
    System.out.println("echo lifetime over");
    System.exit(0);
  }

  private static void echo(Socket s) throws IOException {
    s.setSoTimeout(IDLE_MILLIS);
    s.setTcpNoDelay(true);
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    byte[] buf = new byte[16 * 1024];
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
      out.flush();
    }
  }
}
