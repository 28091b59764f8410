package dev.cordon.policy.conntrack;

import java.time.Duration;

/**
 * Idle timeouts per state, in milliseconds, modelled on stateful firewalls: an established TCP flow
 * lives for days, a half-open one for seconds.
 */
public record Timeouts(
    long tcpHalfOpen,
    long tcpEstablished,
    long tcpClosing,
    long tcpClosed,
    long udpUnreplied,
    long udpStream,
    long icmp,
    long other) {

  public static final Timeouts DEFAULT =
      new Timeouts(
          Duration.ofSeconds(30).toMillis(),
          Duration.ofDays(5).toMillis(),
          Duration.ofMinutes(2).toMillis(),
          Duration.ofSeconds(10).toMillis(),
          Duration.ofSeconds(30).toMillis(),
          Duration.ofSeconds(180).toMillis(),
          Duration.ofSeconds(30).toMillis(),
          Duration.ofSeconds(60).toMillis());

  public long of(FlowState s) {
    return switch (s) {
      case TCP_SYN_SENT, TCP_SYN_RECEIVED -> tcpHalfOpen;
      case TCP_ESTABLISHED -> tcpEstablished;
      case TCP_CLOSING -> tcpClosing;
      case TCP_CLOSED -> tcpClosed;
      case UDP_UNREPLIED -> udpUnreplied;
      case UDP_STREAM -> udpStream;
      case ICMP -> icmp;
      case OTHER -> other;
    };
  }
}
