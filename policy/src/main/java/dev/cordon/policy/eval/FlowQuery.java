package dev.cordon.policy.eval;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.registry.DeviceRecord;
import java.time.Instant;

/**
 * A what-if question: may {@code source} reach {@code destination} with IP protocol {@code ipProto}
 * on {@code port} at {@code epochMillis}, seen at {@code gateway} (null = anywhere)? A null source
 * stands for a sender no registry knows.
 */
public record FlowQuery(
    DeviceRecord source,
    Destination destination,
    int ipProto,
    int port,
    long epochMillis,
    String gateway) {

  /** What the flow is addressed to. */
  public sealed interface Destination {}

  /** A service by name. */
  public record ToService(String name) implements Destination {}

  /** A device by id. */
  public record ToDevice(String id) implements Destination {}

  /** A raw address: every service prefix and device overlay address that contains it. */
  public record ToAddress(IpAddress address) implements Destination {}

  public static Builder from(DeviceRecord source) {
    return new Builder(source);
  }

  /** Reads as the question: {@code from(cam).toService("video").tcp(443).at(t).build()}. */
  public static final class Builder {
    private final DeviceRecord source;
    private Destination destination;
    private int ipProto = Protocol.IP_TCP;
    private int port;
    private long epochMillis;
    private String gateway;

    private Builder(DeviceRecord source) {
      this.source = source;
    }

    public Builder toService(String name) {
      destination = new ToService(name);
      return this;
    }

    public Builder toDevice(String id) {
      destination = new ToDevice(id);
      return this;
    }

    public Builder toAddress(IpAddress a) {
      destination = new ToAddress(a);
      return this;
    }

    public Builder tcp(int p) {
      ipProto = Protocol.IP_TCP;
      port = p;
      return this;
    }

    public Builder udp(int p) {
      ipProto = Protocol.IP_UDP;
      port = p;
      return this;
    }

    public Builder icmp() {
      ipProto = Protocol.IP_ICMP;
      port = 0;
      return this;
    }

    public Builder proto(int ipProto, int port) {
      this.ipProto = ipProto;
      this.port = port;
      return this;
    }

    public Builder at(Instant t) {
      epochMillis = t.toEpochMilli();
      return this;
    }

    public Builder atMillis(long t) {
      epochMillis = t;
      return this;
    }

    public Builder via(String gatewayName) {
      gateway = gatewayName;
      return this;
    }

    public FlowQuery build() {
      if (destination == null) throw new IllegalStateException("a query needs a destination");
      return new FlowQuery(source, destination, ipProto, port, epochMillis, gateway);
    }
  }
}
