package dev.cordon.controller.registry;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.Txn;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads devices, gateways and admins, and changes a device's status. Every change is a
 * compare-and-set on the record's mod revision with its audit entry in the same transaction;
 * revoking also writes the revocation keys of every certificate the device was ever issued.
 */
public final class Registry {

  private static final int ATTEMPTS = 32;

  private final Store store;
  private final Clock clock;
  private final AuditLog audit;
  private final RegistryListener listener;

  public Registry(Store store, Clock clock, AuditLog audit, RegistryListener listener) {
    this.store = store;
    this.clock = clock;
    this.audit = audit;
    this.listener = listener;
  }

  public Optional<DeviceRecord> findDevice(String id) {
    return store.get(StoreKeys.device(id)).map(kv -> DeviceRecord.decode(kv.value()));
  }

  public DeviceRecord device(String id) {
    return findDevice(id).orElseThrow(() -> new NotFoundException("device " + id));
  }

  /** Ordered by id; filters: status (null: any) and labels that must all match. Safe to retry. */
  public List<DeviceRecord> devices(DeviceStatus status, Map<String, String> labels) {
    return store.range(StoreKeys.DEVICES).kvs().stream()
        .map(kv -> DeviceRecord.decode(kv.value()))
        .filter(d -> status == null || d.status() == status)
        .filter(d -> d.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  public Optional<GatewayRecord> findGateway(String name) {
    return store.get(StoreKeys.gateway(name)).map(kv -> GatewayRecord.decode(kv.value()));
  }

  public GatewayRecord gateway(String name) {
    return findGateway(name).orElseThrow(() -> new NotFoundException("gateway " + name));
  }

  public List<GatewayRecord> gateways() {
    return store.range(StoreKeys.GATEWAYS).kvs().stream()
        .map(kv -> GatewayRecord.decode(kv.value()))
        .toList();
  }

  public Optional<AdminRecord> findAdmin(String name) {
    return store.get(StoreKeys.admin(name)).map(kv -> AdminRecord.decode(kv.value()));
  }

  public List<AdminRecord> admins() {
    return store.range(StoreKeys.ADMINS).kvs().stream()
        .map(kv -> AdminRecord.decode(kv.value()))
        .toList();
  }

  /** PENDING -> ACTIVE; anything else is a conflict. */
  public DeviceRecord approve(String by, String id, String reason) {
    return transition(
        by,
        id,
        reason,
        AuditAction.DEVICE_APPROVE,
        DeviceStatus.ACTIVE,
        current -> current == DeviceStatus.PENDING);
  }

  /** ACTIVE -> QUARANTINED; idempotent. */
  public DeviceRecord quarantine(String by, String id, String reason) {
    return transition(
        by,
        id,
        reason,
        AuditAction.DEVICE_QUARANTINE,
        DeviceStatus.QUARANTINED,
        current -> current == DeviceStatus.ACTIVE);
  }

  /** QUARANTINED -> ACTIVE; idempotent. */
  public DeviceRecord release(String by, String id, String reason) {
    return transition(
        by,
        id,
        reason,
        AuditAction.DEVICE_RELEASE,
        DeviceStatus.ACTIVE,
        current -> current == DeviceStatus.QUARANTINED);
  }

  /** Any state -> REVOKED, for good; idempotent. */
  public DeviceRecord revoke(String by, String id, String reason) {
    return transition(
        by, id, reason, AuditAction.DEVICE_REVOKE, DeviceStatus.REVOKED, current -> true);
  }

  /** Stores a posture report and marks the device seen. Safe to retry. */
  public DeviceRecord reportPosture(String id, Map<String, String> posture) {
    return update(id, d -> d.withPosture(posture, clock.instant()), null);
  }

  /** Replaces the device's credential after a renewal, with the audit entry. */
  public DeviceRecord renewed(String id, Credential credential, Op auditEntry) {
    return update(id, d -> d.withCredential(credential, clock.instant()), auditEntry);
  }

  /** Records a gateway's endpoints, protected prefixes and version. Safe to retry. */
  public GatewayRecord registerGateway(
      String name, List<String> endpoints, List<String> prefixes, String version) {
    return updateGateway(
        name, g -> g.withRegistration(endpoints, prefixes, version, clock.instant()), null);
  }

  /** Replaces a gateway's credential after a renewal, with the audit entry. */
  public GatewayRecord renewedGateway(String name, Credential credential, Op auditEntry) {
    return updateGateway(name, g -> g.withCredential(credential, clock.instant()), auditEntry);
  }

  private GatewayRecord updateGateway(
      String name, java.util.function.UnaryOperator<GatewayRecord> change, Op auditEntry) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyValue kv =
          store
              .get(StoreKeys.gateway(name))
              .orElseThrow(() -> new NotFoundException("gateway " + name));
      GatewayRecord changed = change.apply(GatewayRecord.decode(kv.value()));
      Txn txn =
          store
              .txn()
              .when(Compare.modRevision(kv.key(), kv.modRevision()))
              .then(Op.put(kv.key(), changed.encode()));
      if (auditEntry != null) {
        txn.then(auditEntry);
      }
      if (txn.commit().succeeded()) {
        return changed;
      }
    }
    throw new ContentionException("gateway " + name);
  }

  /**
   * Deletes a device and frees its address. Its token stays used: the token's record counts every
   * enrollment it made, not the devices still present.
   */
  public void deleteDevice(String by, String id) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyValue kv = store.get(StoreKeys.device(id)).orElseThrow(() -> notFound(id));
      DeviceRecord device = DeviceRecord.decode(kv.value());
      boolean done =
          store
              .txn()
              .when(Compare.modRevision(kv.key(), kv.modRevision()))
              .then(
                  Op.delete(kv.key()),
                  Op.delete(StoreKeys.ADDRESSES + device.overlayAddress().getHostAddress()),
                  audit.entry(
                      by,
                      AuditAction.DEVICE_REVOKE,
                      "device/" + id,
                      AuditOutcome.SUCCESS,
                      "deleted",
                      ""))
              .commit()
              .succeeded();
      if (done) {
        listener.deviceChanged(id, null);
        return;
      }
    }
    throw new ContentionException("device " + id);
  }

  private interface Allowed {
    boolean from(DeviceStatus current);
  }

  private DeviceRecord transition(
      String by,
      String id,
      String reason,
      AuditAction action,
      DeviceStatus target,
      Allowed allowed) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyValue kv = store.get(StoreKeys.device(id)).orElseThrow(() -> notFound(id));
      DeviceRecord device = DeviceRecord.decode(kv.value());
      if (device.status() == target && action != AuditAction.DEVICE_APPROVE) {
        return device;
      }
      if (!allowed.from(device.status())) {
        audit.append(
            by,
            action,
            "device/" + id,
            AuditOutcome.FAILED,
            "",
            "device is " + device.status().name().toLowerCase());
        throw new StatusConflictException(
            "device "
                + id
                + " is "
                + device.status().name().toLowerCase()
                + "; cannot "
                + action.name().toLowerCase().replace("device_", ""));
      }
      Instant now = clock.instant();
      DeviceRecord changed = device.withStatus(target, reason, now);
      List<Op> ops = new ArrayList<>();
      ops.add(Op.put(kv.key(), changed.encode()));
      ops.add(
          audit.entry(
              by,
              action,
              "device/" + id,
              AuditOutcome.SUCCESS,
              "status: "
                  + device.status().name().toLowerCase()
                  + " -> "
                  + target.name().toLowerCase(),
              reason));
      if (target == DeviceStatus.REVOKED) {
        // Renewals may reuse a key, so several certificates can share one key entry: put it once.
        Map<String, Op> revocations = new java.util.LinkedHashMap<>();
        for (IssuedCertificate c : device.credential().issued()) {
          RevocationKeys.revoke(c).forEach(op -> revocations.put(((Op.Put) op).key(), op));
        }
        ops.addAll(revocations.values());
      }
      Txn txn = store.txn().when(Compare.modRevision(kv.key(), kv.modRevision()));
      if (txn.then(ops.toArray(Op[]::new)).commit().succeeded()) {
        listener.deviceChanged(id, changed);
        return changed;
      }
    }
    throw new ContentionException("device " + id);
  }

  private DeviceRecord update(
      String id, java.util.function.UnaryOperator<DeviceRecord> change, Op auditEntry) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyValue kv = store.get(StoreKeys.device(id)).orElseThrow(() -> notFound(id));
      DeviceRecord changed = change.apply(DeviceRecord.decode(kv.value()));
      Txn txn =
          store
              .txn()
              .when(Compare.modRevision(kv.key(), kv.modRevision()))
              .then(Op.put(kv.key(), changed.encode()));
      if (auditEntry != null) {
        txn.then(auditEntry);
      }
      if (txn.commit().succeeded()) {
        listener.deviceChanged(id, changed);
        return changed;
      }
    }
    throw new ContentionException("device " + id);
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("device " + id);
  }
}
