package dev.cordon.lab;

/**
 * A layer-2 segment: a Linux bridge inside its own hub namespace, so the host's network never
 * changes. Hosts join with {@link Namespace#connect(Bridge, String)}.
 */
public record Bridge(String role, String device, Namespace hub) {}
