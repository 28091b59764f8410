package dev.cordon.tunnel.session;

/** The five per-peer timers of WireGuard (whitepaper section 6, wireguard-go timers.go). */
public enum Timer {
  /** No response to our initiation within REKEY_TIMEOUT + jitter: send it again, or give up. */
  RETRANSMIT_HANDSHAKE,
  /** We received data and sent nothing back for KEEPALIVE_TIMEOUT: send a keepalive. */
  SEND_KEEPALIVE,
  /** We sent data and heard nothing for KEEPALIVE_TIMEOUT + REKEY_TIMEOUT: start a handshake. */
  NEW_HANDSHAKE,
  /** No new session for 3 x REJECT_AFTER_TIME: zero every key and the handshake. */
  ZERO_KEY_MATERIAL,
  /** The configured persistent-keepalive interval passed without traffic: send a keepalive. */
  PERSISTENT_KEEPALIVE
}
