package dev.cordon.lab.interop;

/**
 * Which side starts the handshake. The responder is given no endpoint for its peer, so it can only
 * answer, and learns where the initiator is from the first authenticated packet.
 */
enum Role {
  CORDON_INITIATES,
  CORDON_RESPONDS;

  String cordonRole() {
    return this == CORDON_INITIATES ? "initiator" : "responder";
  }
}
