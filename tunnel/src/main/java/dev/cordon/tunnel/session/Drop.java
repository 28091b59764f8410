package dev.cordon.tunnel.session;

/** Why the session layer dropped a datagram or packet; each reason is counted by the owner. */
public enum Drop {
  /** Not a WireGuard message: unknown type, reserved bits set, or wrong length. */
  MALFORMED,
  /** A handshake message whose mac1 is not ours. */
  BAD_MAC1,
  /** Under load without a valid mac2: a cookie reply went back instead. */
  COOKIE_SENT,
  /** Under load, valid mac2, but its source exceeded the handshake rate. */
  RATE_LIMITED,
  /** A handshake message that failed to authenticate, came from no known peer, or was a replay. */
  HANDSHAKE_REFUSED,
  /** A cookie reply that is not bound to a message we sent. */
  COOKIE_REFUSED,
  /** A receiver index we never gave out (or freed), or of the wrong kind. */
  UNKNOWN_INDEX,
  /** A transport message under a keypair past REJECT_AFTER_TIME or already zeroed. */
  STALE_KEYPAIR,
  /** A transport message that failed to authenticate. */
  DECRYPT_FAILED,
  /** A counter already seen, behind the window, or past REJECT_AFTER_MESSAGES. */
  REPLAY,
  /** A decrypted packet that is not a whole IPv4 or IPv6 packet. */
  NOT_IP,
  /** A decrypted packet whose source address is not in the sender's allowed IPs. */
  SOURCE_NOT_ALLOWED,
  /** An outgoing packet whose destination is in no peer's allowed IPs. */
  NO_ROUTE,
  /** A packet ready to send to a peer whose endpoint is unknown. */
  NO_ENDPOINT,
  /** Traffic for a peer that has been removed. */
  PEER_REMOVED,
  /** A staged packet pushed out by newer ones while the peer's handshake was pending. */
  STAGED_OVERFLOW,
  /** A staged packet thrown away because the handshake was given up after REKEY_ATTEMPT_TIME. */
  HANDSHAKE_GAVE_UP,
  /** A bug: input that made the engine throw. Counted so it shows, never propagated. */
  INTERNAL_ERROR
}
