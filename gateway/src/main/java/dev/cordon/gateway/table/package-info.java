/**
 * The gateway's copy of its enforcement table: a snapshot, then versioned deltas applied in the
 * size of the change (a delta on any other version is refused and a resync asked for), turned into
 * operations on the tunnel device's peer table and a new policy snapshot. {@link
 * dev.cordon.gateway.table.TableApplier} fixes the order that makes revocation immediate: apply,
 * device operations (sessions destroyed), live flows cut, and only then the acknowledgement.
 */
package dev.cordon.gateway.table;
