package dev.cordon.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real etcd (Debian's 3.4 binary) on loopback, with one member or a cluster: the store the
 * controller runs against in lab tests (jetcd-test needs Docker, which these machines lack).
 */
public final class EtcdCluster implements AutoCloseable {
  static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(45);

  private final List<Member> members;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /**
   * TLS on the client port: etcd's server certificate and key (PEM), and the CA whose client
   * certificates etcd then demands ({@code --client-cert-auth}); null for server TLS only. Peers
   * still talk plain http on loopback.
   */
  public record Tls(Path serverCert, Path serverKey, Path clientCa) {}

  /** One etcd process: its name, ports and process. */
  record Member(String name, int clientPort, int peerPort, LabProcess process, boolean tls) {
    Member(String name, int clientPort, int peerPort, LabProcess process) {
      this(name, clientPort, peerPort, process, false);
    }

    String clientUrl() {
      return (tls ? "https" : "http") + "://127.0.0.1:" + clientPort;
    }

    String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private EtcdCluster(List<Member> members, Path dataDir, boolean ownsDataDir) {
    this.members = members;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
  }

  /** Starts {@code members} members with data under {@code dataDir}; no lab needed. */
  public static EtcdCluster start(Path dataDir, int members) {
    return start(dataDir, members, null, null);
  }

  /** Starts {@code members} members serving clients over TLS only; no lab needed. */
  public static EtcdCluster start(Path dataDir, int members, Tls tls) {
    return start(dataDir, members, null, java.util.Objects.requireNonNull(tls, "tls"));
  }

  /**
   * Starts {@code members} members whose processes belong to {@code lab}: their output joins its
   * failure report and its close stops them.
   */
  public static EtcdCluster start(Lab lab, int members) {
    return start(lab.runDirectory().resolve("etcd"), members, lab, null);
  }

  private static EtcdCluster start(Path dataDir, int count, Lab lab, Tls tls) {
    if (count < 1) {
      throw new IllegalArgumentException("an etcd cluster needs at least one member: " + count);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var ports = freeLoopbackPorts(2 * count);
    var names = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      names.add("m" + i);
    }
    String initialCluster =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> names.get(i) + "=http://127.0.0.1:" + ports.get(2 * i + 1))
            .collect(Collectors.joining(","));
    // Unique per cluster so members of an earlier cluster on recycled ports are refused.
    String token = "cordon-lab-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    var members = new ArrayList<Member>();
    var cluster = new EtcdCluster(members, dataDir, lab == null);
    try {
      for (int i = 0; i < count; i++) {
        int client = ports.get(2 * i);
        int peer = ports.get(2 * i + 1);
        String name = names.get(i);
        String clientUrl = (tls != null ? "https" : "http") + "://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        var argv =
            new ArrayList<>(
                List.of(
                    "etcd",
                    "--name=" + name,
                    "--data-dir=" + dataDir.resolve(name),
                    "--listen-client-urls=" + clientUrl,
                    "--advertise-client-urls=" + clientUrl,
                    "--listen-peer-urls=" + peerUrl,
                    "--initial-advertise-peer-urls=" + peerUrl,
                    "--initial-cluster=" + initialCluster,
                    "--initial-cluster-state=new",
                    "--initial-cluster-token=" + token,
                    "--logger=zap",
                    "--log-outputs=stderr"));
        if (tls != null) {
          argv.add("--cert-file=" + tls.serverCert());
          argv.add("--key-file=" + tls.serverKey());
          if (tls.clientCa() != null) {
            argv.add("--client-cert-auth");
            argv.add("--trusted-ca-file=" + tls.clientCa());
          }
        }
        var process =
            lab != null
                ? lab.startOnHost("etcd-" + name, Map.of(), argv.toArray(String[]::new))
                : LabProcess.launch(
                    "etcd-" + name, argv, Map.of(), dataDir.resolve(name + ".log"), null);
        members.add(new Member(name, client, peer, process, tls != null));
      }
      cluster.awaitHealthy();
      return cluster;
    } catch (RuntimeException e) {
      String output =
          members.stream()
              .map(m -> "--- " + m.process().name() + " ---\n" + m.process().output())
              .collect(Collectors.joining("\n"));
      cluster.close();
      throw new LabException(e.getMessage() + "\n" + output, e);
    }
  }

  /** Client URLs of every member, killed ones included: "http://127.0.0.1:PORT". */
  public List<String> clientEndpoints() {
    return members.stream().map(Member::clientUrl).toList();
  }

  /** Client URLs of the members still running. */
  public List<String> liveClientEndpoints() {
    return members.stream().filter(m -> m.process().isAlive()).map(Member::clientUrl).toList();
  }

  public int size() {
    return members.size();
  }

  /** SIGKILL member {@code member} (0-based), as a crash would, and wait until it is gone. */
  public void kill(int member) {
    members.get(member).process().kill();
  }

  /**
   * Runs etcdctl (API v3) against the live members, for example etcdctl("get", "k"); returns what
   * happened without throwing.
   */
  public Result etcdctl(String... args) {
    var argv = new ArrayList<String>();
    argv.add("etcdctl");
    argv.add("--endpoints=" + String.join(",", liveClientEndpoints()));
    argv.add("--command-timeout=5s");
    argv.addAll(List.of(args));
    return Commands.run(argv, Map.of("ETCDCTL_API", "3"), null, Commands.DEFAULT_DEADLINE);
  }

  /** Stops every member; deletes their data when no lab owns it (a lab deletes its own). */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Member m : members) {
      try {
        m.process().stop();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (ownsDataDir) {
      for (Member m : members) {
        Files2.deleteTree(dataDir.resolve(m.name()));
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void awaitHealthy() {
    Await.until(
        "etcd with " + members.size() + " member(s) to report healthy",
        HEALTHY_DEADLINE,
        () -> {
          for (Member m : members) {
            if (!m.process().isAlive()) {
              throw new LabException(m.process().name() + " exited with " + m.process().exitCode());
            }
          }
          return members.stream().allMatch(this::healthy);
        });
  }

  /**
   * etcd's /health answers {"health":"true"} once the member sees a leader. Over TLS (whose client
   * certificate this harness may not hold) the member's own "ready to serve" log line stands in for
   * it.
   */
  private boolean healthy(Member m) {
    if (m.tls()) {
      String output = m.process().output();
      return output.contains("serving client traffic securely")
          && output.contains("published local member to cluster");
    }
    var request =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Ports the kernel reports free now. All are held open together so none repeats, then released
   * for etcd; another process could take one meanwhile, which then shows as an etcd start failure
   * with "address already in use" in its output.
   */
  static List<Integer> freeLoopbackPorts(int count) {
    var sockets = new ArrayList<ServerSocket>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // Closing a listening socket that never accepted cannot fail in a way that matters.
        }
      }
    }
  }
}
