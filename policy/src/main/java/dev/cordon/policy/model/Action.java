package dev.cordon.policy.model;

/** What a rule does with the flows it matches. Deny wins over allow, whatever the order. */
public enum Action {
  ALLOW,
  DENY
}
