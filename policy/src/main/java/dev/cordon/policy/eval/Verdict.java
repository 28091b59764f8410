package dev.cordon.policy.eval;

public enum Verdict {
  ALLOW,
  DENY
}
