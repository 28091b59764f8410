package dev.cordon.policy.conntrack;

/** Which way a packet goes relative to the flow's first packet. */
public enum Direction {
  ORIGINAL,
  REPLY
}
