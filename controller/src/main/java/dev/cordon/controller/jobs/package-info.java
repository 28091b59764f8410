/**
 * Jobs that exactly one controller of a deployment runs: the leader, elected on a leased store key
 * ({@link dev.cordon.controller.store.LeaderElection}). Every write a job makes carries the leader
 * term's fencing compare, so a controller that lost its term (paused past its lease, cut off from
 * etcd) writes nothing even if it has not noticed yet.
 */
package dev.cordon.controller.jobs;
