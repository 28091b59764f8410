package dev.cordon.gateway.daemon;

import com.google.protobuf.ByteString;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.IpPrefix;
import dev.cordon.proto.v1.RegisterRequest;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Tells the controller at every start where devices reach this gateway and what it fronts. Runs on
 * the sync worker before the first watch; retried every 10 s until the controller accepts it
 * (Register is safe to retry). Enforcement does not wait for it.
 */
final class Registration {
  private static final Logger LOG = Logger.getLogger(Registration.class.getName());

  private Registration() {}

  static RegisterRequest request(List<String> endpoints, List<String> protectedPrefixes) {
    RegisterRequest.Builder b = RegisterRequest.newBuilder().setSoftwareVersion(version());
    for (String e : endpoints) {
      int colon = e.lastIndexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("endpoint is not host:port: " + e);
      String host = e.substring(0, colon).replace("[", "").replace("]", "");
      b.addEndpoints(
          Endpoint.newBuilder().setHost(host).setPort(Integer.parseInt(e.substring(colon + 1))));
    }
    for (String p : protectedPrefixes) b.addProtectedPrefixes(prefix(p));
    return b.build();
  }

  static IpPrefix prefix(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("a prefix needs /length: " + text);
    byte[] a = InetAddress.ofLiteral(text.substring(0, slash)).getAddress();
    int len = Integer.parseInt(text.substring(slash + 1));
    if (len < 0 || len > a.length * 8) throw new IllegalArgumentException("bad length: " + text);
    return IpPrefix.newBuilder().setOctets(ByteString.copyFrom(a)).setLength(len).build();
  }

  static void register(Channel channel, RegisterRequest req, ScheduledExecutorService worker) {
    worker.execute(
        () -> {
          try {
            GatewayServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .register(req);
          } catch (StatusRuntimeException e) {
            LOG.info(
                "registration not accepted yet, retrying in 10 s: "
                    + e.getStatus().getCode()
                    + " "
                    + e.getStatus().getDescription());
            if (!worker.isShutdown()) {
              worker.schedule(() -> register(channel, req, worker), 10, TimeUnit.SECONDS);
            }
          }
        });
  }

  private static String version() {
    String v = Registration.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
