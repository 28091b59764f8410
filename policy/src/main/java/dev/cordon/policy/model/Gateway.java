package dev.cordon.policy.model;

/**
 * A named enforcement point. The relay gateway carries device-to-device flows (rules whose {@code
 * to} names segments); when no gateway says {@code relay: true} the first one does.
 */
public record Gateway(String name, boolean relay) {}
