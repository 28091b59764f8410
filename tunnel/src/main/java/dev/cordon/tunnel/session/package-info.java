/**
 * WireGuard's session layer, pure: the per-peer keypairs (current, previous, next with responder
 * confirmation), the receiver-index table, the timers as named event hooks, roaming, the per-peer
 * initiation gate and the under-load (cookie) mode, all driven by an {@link
 * dev.cordon.tunnel.session.Engine} that takes datagrams and packets in and writes what to send to
 * an {@link dev.cordon.tunnel.session.Outbox}. Time is always passed in ({@code now}, monotonic
 * nanoseconds) and {@link dev.cordon.tunnel.session.Engine#tick} returns the next deadline; nothing
 * here starts a thread, does I/O or imports Netty. Hostile input is dropped silently and never
 * changes state. Thread-safe: any number of workers may call in; each peer's state has one lock.
 */
package dev.cordon.tunnel.session;
