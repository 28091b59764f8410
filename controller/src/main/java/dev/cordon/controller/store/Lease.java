package dev.cordon.controller.store;

import java.time.Duration;

/**
 * A granted lease. Keys put with it vanish when it expires or is revoked. {@code ttl} is what the
 * store granted, which may be longer than asked (etcd rounds up to whole seconds and enforces a
 * minimum).
 */
public record Lease(long id, Duration ttl) {}
