/**
 * Per-packet enforcement, in this order (the order is the design; see {@link
 * dev.cordon.gateway.enforce.Enforcer}): parse, sender identity, cryptokey routing (the inner
 * source must be the sender's overlay address or a prefix it may originate), the connection tracker
 * (a hit passes, re-checked first when its verdict predates the table), and on a miss the
 * first-packet policy evaluation, whose allow is cached in the tracker stamped with the table
 * version. Every drop has a {@link dev.cordon.gateway.enforce.DropReason} and a counter. Directions
 * are named for where traffic comes from: outside (decrypted from UDP peers) and inside (from the
 * TUN interface, the protected networks).
 */
package dev.cordon.gateway.enforce;
