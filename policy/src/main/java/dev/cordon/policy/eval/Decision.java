package dev.cordon.policy.eval;

/**
 * A verdict with what decided it: the rule's name (null when the default deny decided) and, for a
 * deny, its reason. Instances are immutable and may be shared.
 */
public record Decision(Verdict verdict, String rule, DenyReason reason) {

  public static Decision allow(String rule) {
    return new Decision(Verdict.ALLOW, rule, null);
  }

  public static Decision deny(DenyReason reason, String rule) {
    return new Decision(Verdict.DENY, rule, reason);
  }

  public static Decision defaultDeny(DenyReason reason) {
    return new Decision(Verdict.DENY, null, reason);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }

  @Override
  public String toString() {
    if (allowed()) return "allow by rule " + rule;
    return "deny " + reason + (rule == null ? " (default deny)" : " by rule " + rule);
  }
}
