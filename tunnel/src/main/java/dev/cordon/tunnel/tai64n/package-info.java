/**
 * TAI64N timestamps, which an initiator puts in every handshake initiation so a responder can
 * refuse a replayed one: each accepted initiation must carry a newer timestamp than the last.
 */
package dev.cordon.tunnel.tai64n;
