package dev.cordon.policy.conntrack;

/** Where a tracked flow is in its life; each state has its own idle timeout. */
public enum FlowState {
  /** TCP: a SYN (or a first non-SYN packet) seen, no answer yet. */
  TCP_SYN_SENT,
  /** TCP: the other side answered with SYN-ACK; waiting for the final ACK. */
  TCP_SYN_RECEIVED,
  TCP_ESTABLISHED,
  /** TCP: a FIN seen in either direction. */
  TCP_CLOSING,
  /** TCP: reset; kept briefly so stray segments still match. */
  TCP_CLOSED,
  /** UDP: packets one way only so far. */
  UDP_UNREPLIED,
  /** UDP: the other side has answered. */
  UDP_STREAM,
  ICMP,
  /** Any other IP protocol. */
  OTHER
}
