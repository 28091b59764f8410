package dev.cordon.lab.bench.controlplane;

import com.google.protobuf.ByteString;
import dev.cordon.client.connect.NettyConnector;
import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.EnrollmentToken;
import dev.cordon.proto.v1.EnrollRequest;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.EnrollmentServiceGrpc;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enrolls candidates concurrently over real TLS, as devices do: each worker is one client with its
 * own connection, pinned to the CA fingerprint the token carries. The first {@code warmup}
 * candidates enroll untimed (connections up, code compiled); the rest are timed. Bounded by count
 * and by a deadline: whatever is not done by then is reported, not waited for.
 */
final class Enroller {
  /**
   * One timed run: how many enrolled in how long, each request's latency, failures, and the JIT
   * compilers' time during it as a share of its wall time (a share of one core).
   */
  record Run(
      int enrolled,
      int failed,
      double seconds,
      Percentiles latency,
      String firstError,
      double compileShare) {
    double perSecond() {
      return enrolled / seconds;
    }
  }

  private Enroller() {}

  static ManagedChannel channel(String token) throws Exception {
    EnrollmentToken t = EnrollmentToken.decode(token);
    return new NettyConnector()
        .enrollment(
            t.controllerAddress(),
            ControllerTrustManager.pinned(t.caFingerprint(), t.trustDomain(), Clock.systemUTC()));
  }

  static EnrollResponse enroll(ManagedChannel channel, Candidate c) {
    return EnrollmentServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .enroll(
            EnrollRequest.newBuilder()
                .setToken(c.token())
                .setCsrDer(ByteString.copyFrom(c.csr()))
                .setWireguardPublicKey(ByteString.copyFrom(c.wireguardPublicKey()))
                .build());
  }

  static Run run(List<Candidate> all, int warmup, int workers, long deadlineSeconds)
      throws Exception {
    if (all.size() <= warmup) throw new IllegalArgumentException("nothing left to time");
    List<ManagedChannel> channels = new ArrayList<>();
    for (int w = 0; w < workers; w++) channels.add(channel(all.getFirst().token()));
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      phase(pool, channels, all.subList(0, warmup), deadlineSeconds);
      long compiling = JitWarmUp.compileMillis();
      long start = System.nanoTime();
      Phase timed = phase(pool, channels, all.subList(warmup, all.size()), deadlineSeconds);
      double seconds = (timed.end - start) / 1e9;
      return new Run(
          timed.ok.get(),
          timed.failed.get(),
          seconds,
          Percentiles.of(timed.latencies()),
          timed.firstError,
          (JitWarmUp.compileMillis() - compiling) / 1e3 / seconds);
    } finally {
      pool.shutdownNow();
      for (ManagedChannel ch : channels) ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static final class Phase {
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final long[] nanos;
    volatile String firstError;
    long end;

    Phase(int n) {
      nanos = new long[n];
    }

    long[] latencies() {
      // Zero: never attempted (the deadline came first).
      long[] out = java.util.Arrays.stream(nanos).filter(n -> n > 0).toArray();
      return out.length == 0 ? new long[] {0} : out;
    }
  }

  private static Phase phase(
      ExecutorService pool, List<ManagedChannel> channels, List<Candidate> batch, long deadline)
      throws Exception {
    Phase p = new Phase(batch.size());
    long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadline);
    List<Future<?>> running = new ArrayList<>();
    for (ManagedChannel ch : channels) {
      running.add(
          pool.submit(
              () -> {
                for (int i = p.next.getAndIncrement();
                    i < batch.size() && System.nanoTime() < stopAt;
                    i = p.next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  try {
                    enroll(ch, batch.get(i));
                    p.ok.incrementAndGet();
                  } catch (RuntimeException e) {
                    p.failed.incrementAndGet();
                    if (p.firstError == null) p.firstError = e.toString();
                  }
                  p.nanos[i] = System.nanoTime() - t0;
                }
              }));
    }
    for (Future<?> f : running) f.get(deadline + 60, TimeUnit.SECONDS);
    p.end = System.nanoTime();
    return p;
  }
}
