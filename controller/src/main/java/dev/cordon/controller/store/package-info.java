/**
 * The controller's store port: a revisioned key-value store with compare-and-set transactions,
 * watches that resume from a revision, and leases.
 *
 * <p>{@link dev.cordon.controller.store.Store} is the one contract; it has two implementations
 * behind it: embedded SQLite in WAL mode (one controller, the default) and etcd through jetcd
 * (several controllers sharing one state). Both pass the same contract tests ({@code
 * StoreContract}). Revisions, compaction and lease semantics follow etcd's, so code written against
 * the SQLite store keeps working when a deployment moves to etcd.
 *
 * <p>{@link dev.cordon.controller.store.LeaderElection} builds leader-only jobs on top: a leased
 * leader key plus a fencing compare on that key's create revision, because elections alone do not
 * guarantee mutual exclusion under process pauses.
 */
package dev.cordon.controller.store;
