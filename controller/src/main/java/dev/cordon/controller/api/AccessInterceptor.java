package dev.cordon.controller.api;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.DenialAggregator;
import dev.cordon.controller.audit.DenialLimits;
import dev.cordon.controller.audit.RefusedCall;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.Verification;
import dev.cordon.controller.ca.Verifier;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.Registry;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The one place where a call gets its identity: the client certificate of the TLS session, checked
 * by the CA's {@link Verifier} (revocation included), then the {@link AccessTable}'s rule for the
 * method. Nothing in the request or its headers is consulted. No certificate, or one that does not
 * verify: UNAUTHENTICATED; a revoked certificate, the wrong kind or too low a role:
 * PERMISSION_DENIED. Every refusal is counted in the metrics and audited through a {@link
 * DenialAggregator}: a caller's first refusal in full, its repeats as one summary per window. Close
 * it after the server has stopped, so that pending summaries reach the store.
 */
final class AccessInterceptor implements ServerInterceptor, AutoCloseable {

  private static final Logger LOG = System.getLogger(AccessInterceptor.class.getName());

  private final AccessTable table;
  private final Verifier verifier;
  private final Registry registry;
  private final DenialAggregator denials;
  private final RpcMetrics metrics;
  private final Clock clock;

  AccessInterceptor(
      AccessTable table,
      Verifier verifier,
      Registry registry,
      AuditLog audit,
      RpcMetrics metrics,
      Clock clock) {
    this.table = table;
    this.verifier = verifier;
    this.registry = registry;
    this.denials = DenialAggregator.start(audit, clock, DenialLimits.DEFAULT);
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Writes the pending summaries of refused calls; idempotent. */
  @Override
  public void close() {
    denials.close();
  }

  /** Why a call was refused; the status, the audit reason and the metric label. */
  private record Denial(Status status, String reason, String principal) {}

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<AccessRule> rule = table.rule(method);
    if (rule.isPresent() && rule.get() instanceof AccessRule.Open) {
      return next.startCall(call, headers);
    }
    List<X509Certificate> chain =
        peerChain(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    Object outcome = decide(rule, chain);
    if (outcome instanceof Denial denial) {
      refuse(call, method, denial);
      return new ServerCall.Listener<>() {};
    }
    Context context = Context.current().withValue(Caller.KEY, (Caller) outcome);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private Object decide(Optional<AccessRule> rule, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return new Denial(
          Status.UNAUTHENTICATED.withDescription(
              "this call needs a client certificate issued by the controller's CA"),
          "NO_CERTIFICATE",
          "");
    }
    Verification verification = verifier.verify(clock.instant(), chain);
    if (verification instanceof Verification.Refused refused) {
      Status status =
          refused.reason() == Verification.Reason.REVOKED
              ? Status.PERMISSION_DENIED.withDescription("the certificate is revoked")
              : Status.UNAUTHENTICATED.withDescription(
                  "the certificate is not trusted: " + refused.reason().name().toLowerCase());
      return new Denial(status, refused.reason().name(), "");
    }
    Verification.Trusted trusted = (Verification.Trusted) verification;
    Principal principal = trusted.principal();
    if (rule.isEmpty()) {
      return denied(principal, "NO_RULE", "this method has no access rule");
    }
    return switch (rule.get()) {
      case AccessRule.Open open -> new Caller(principal, trusted.certificate());
      case AccessRule.Principal kind ->
          kind.kind() == principal.kind()
              ? new Caller(principal, trusted.certificate())
              : denied(
                  principal,
                  "WRONG_KIND",
                  "this call is for a " + kind.kind().pathSegment() + " certificate");
      case AccessRule.Admin admin -> adminCaller(principal, trusted.certificate(), admin);
    };
  }

  private Object adminCaller(Principal principal, X509Certificate cert, AccessRule.Admin rule) {
    if (principal.kind() != dev.cordon.controller.ca.PrincipalKind.ADMIN) {
      return denied(principal, "WRONG_KIND", "this call is for an admin certificate");
    }
    Optional<AdminRecord> admin = registry.findAdmin(principal.name());
    if (admin.isEmpty()) {
      return denied(principal, "UNKNOWN_ADMIN", "no such admin is registered");
    }
    if (!admin.get().role().includes(rule.minimum())) {
      return denied(
          principal,
          "ROLE",
          "this call needs role "
              + rule.minimum().name().toLowerCase()
              + "; "
              + principal.name()
              + " is "
              + admin.get().role().name().toLowerCase());
    }
    return new Caller(principal, cert);
  }

  private static Denial denied(Principal principal, String reason, String description) {
    return new Denial(
        Status.PERMISSION_DENIED.withDescription(description), reason, principal.toString());
  }

  private void refuse(ServerCall<?, ?> call, String method, Denial denial) {
    metrics.denied(denial.reason());
    LOG.log(
        Level.INFO,
        () -> method + " refused: " + denial.status().getCode() + " " + denial.reason());
    // Never throws: a refusal stands even if the store cannot record it.
    denials.refused(new RefusedCall(denial.principal(), peer(call), method, denial.reason()));
    call.close(denial.status(), new Metadata());
  }

  /** The caller's address without port: a new connection must not make a new audit key. */
  private static String peer(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return remote == null ? "" : remote.toString();
  }

  private static List<X509Certificate> peerChain(SSLSession session) {
    if (session == null) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}
