package dev.cordon.controller.audit;

/** What an audit entry records. */
public enum AuditAction {
  TOKEN_CREATE,
  TOKEN_REVOKE,
  ENROLL,
  DEVICE_APPROVE,
  RENEW,
  DEVICE_REVOKE,
  DEVICE_QUARANTINE,
  DEVICE_RELEASE,
  ADMIN_CREATE,
  POLICY_APPLY,
  API_DENIED
}
