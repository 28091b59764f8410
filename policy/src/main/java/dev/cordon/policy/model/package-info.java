/**
 * The policy document as immutable values: gateways, segments, services, rules with their
 * conditions, the quarantine segment and response playbooks. Built by the YAML loader or by
 * builders in code; nothing here does I/O.
 */
package dev.cordon.policy.model;
