package dev.cordon.client.agent;

import java.util.List;

/**
 * One peer as the table wants it, in plain values so that two plans compare with equals.
 *
 * @param key the peer's public key, base64
 * @param name the peer's identity name (a gateway), for people
 * @param endpoint "host:port" of its first endpoint, or null when the table gives none
 * @param allowedPrefixes the prefixes it may carry, normalized and sorted ("10.20.0.0/16")
 * @param keepaliveSeconds persistent keepalive, 0 for none
 */
public record PeerPlan(
    String key, String name, String endpoint, List<String> allowedPrefixes, int keepaliveSeconds) {

  public PeerPlan {
    allowedPrefixes = List.copyOf(allowedPrefixes);
  }
}
