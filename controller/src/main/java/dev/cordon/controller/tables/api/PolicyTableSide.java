package dev.cordon.controller.tables.api;

import dev.cordon.controller.api.TableSide;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.gateways.TableProgress;
import dev.cordon.controller.policy.ApplyOutcome;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.policy.PolicyConflictException;
import dev.cordon.controller.policy.PolicyDevices;
import dev.cordon.controller.policy.StoredPolicy;
import dev.cordon.controller.policy.WhatIf;
import dev.cordon.controller.policy.api.PolicyMessages;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.Acknowledgement;
import dev.cordon.controller.tables.Acknowledgements;
import dev.cordon.controller.tables.Subscription;
import dev.cordon.controller.tables.TableFeed;
import dev.cordon.policy.eval.Membership;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.DiffPolicyRequest;
import dev.cordon.proto.v1.DiffPolicyResponse;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.GetPolicyRequest;
import dev.cordon.proto.v1.ListPolicyVersionsRequest;
import dev.cordon.proto.v1.ListPolicyVersionsResponse;
import dev.cordon.proto.v1.PageInfo;
import dev.cordon.proto.v1.PolicyDocument;
import dev.cordon.proto.v1.SyncTableRequest;
import dev.cordon.proto.v1.WatchTableRequest;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The policy side of the controller's API: table watches and acknowledgements for gateways, table
 * sync for devices, and the Admin policy RPCs. Every method maps, delegates and maps back; domain
 * exceptions thrown here reach the caller through the API's error mapper.
 */
public final class PolicyTableSide implements TableSide, AutoCloseable {
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 500;

  private final Policies policies;
  private final WhatIf whatIf;
  private final TableFeed feed;
  private final Acknowledgements acks;
  private final CallerNames callers;

  public PolicyTableSide(
      Policies policies,
      WhatIf whatIf,
      TableFeed feed,
      Acknowledgements acks,
      CallerNames callers) {
    this.policies = policies;
    this.whatIf = whatIf;
    this.feed = feed;
    this.acks = acks;
    this.callers = callers;
  }

  /**
   * The policy side of one controller on {@code store}: starts its table feed (which reads the
   * store and follows it) and serves callers as the TLS session names them. Close it before the
   * store.
   */
  public static PolicyTableSide open(Store store, Clock clock, AuditLog audit, String controller) {
    Policies policies = new Policies(store, clock, audit);
    return new PolicyTableSide(
        policies,
        new WhatIf(store, policies, clock),
        TableFeed.start(store, clock),
        new Acknowledgements(store, clock, controller),
        CallerNames.FROM_TLS);
  }

  /** Stops the table feed; open watches end with UNAVAILABLE and gateways reconnect. */
  @Override
  public void close() {
    feed.close();
  }

  // --- gateways and devices ---

  @Override
  public void watchGatewayTable(WatchTableRequest request, StreamObserver<GatewayTableUpdate> out) {
    String gateway = callers.name(PrincipalKind.GATEWAY);
    Subscription s =
        feed.watchGateway(gateway, request.getAppliedVersion(), new GatewayStream(out));
    onCancel(out, s);
  }

  @Override
  public void syncDeviceTable(SyncTableRequest request, StreamObserver<DeviceTableUpdate> out) {
    String device = callers.name(PrincipalKind.DEVICE);
    Subscription s = feed.syncDevice(device, request.getKnownVersion(), new DeviceStream(out));
    onCancel(out, s);
  }

  @Override
  public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeResponse> out) {
    String gateway = callers.name(PrincipalKind.GATEWAY);
    Acknowledgement ack =
        acks.record(
            gateway,
            request.getVersion(),
            request.hasReceivedAt() ? TableMessages.instant(request.getReceivedAt()) : null,
            request.hasAppliedAt() ? TableMessages.instant(request.getAppliedAt()) : null);
    long target = Math.max(feed.targetVersion(gateway), ack.version());
    out.onNext(AcknowledgeResponse.newBuilder().setTargetVersion(target).build());
    out.onCompleted();
  }

  /** Read-only: the feed's compiled table for the gateway and its acknowledgement on record. */
  @Override
  public TableProgress gatewayProgress(String gateway) {
    Optional<Acknowledgement> ack = acks.find(gateway);
    long applied = ack.map(Acknowledgement::version).orElse(0L);
    // As in acknowledge(): a table is stamped with the revision it was sent at, which may be
    // past the one where it last changed; a gateway at or above the target is current.
    return new TableProgress(
        Math.max(feed.targetVersion(gateway), applied),
        feed.table(gateway).peers().size(),
        applied,
        ack.map(Acknowledgement::appliedAt));
  }

  // --- admin ---

  @Override
  public Function<dev.cordon.controller.registry.DeviceRecord, List<String>> membership() {
    Optional<dev.cordon.policy.model.PolicyDocument> doc = policies.current().map(Policies::parse);
    return device ->
        doc.map(d -> List.copyOf(Membership.segmentsOf(d, PolicyDevices.of(device))))
            .orElse(List.of());
  }

  @Override
  public void applyPolicy(ApplyPolicyRequest request, StreamObserver<ApplyPolicyResponse> out) {
    // The SPIFFE ID, as every other audit entry names the admin.
    String admin = callers.principal(PrincipalKind.ADMIN).toString();
    ApplyOutcome outcome;
    try {
      outcome =
          policies.apply(
              admin, request.getSource(), request.getComment(), request.getExpectedVersion());
    } catch (PolicyConflictException e) {
      // Not a failure of the controller: the admin re-reads and applies again.
      out.onError(Status.ABORTED.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    var b = ApplyPolicyResponse.newBuilder();
    switch (outcome) {
      case ApplyOutcome.Applied a ->
          b.setApplied(true)
              .setVersion(a.policy().version())
              .setDiff(PolicyMessages.diff(a.diff()))
              .addAllProblems(PolicyMessages.problems(a.warnings()));
      case ApplyOutcome.Invalid i ->
          b.setApplied(false)
              .setVersion(i.currentVersion())
              .addAllProblems(PolicyMessages.problems(i.problems()));
      case ApplyOutcome.Unchanged u -> b.setApplied(false).setVersion(u.current().version());
    }
    reply(out, b.build());
  }

  @Override
  public void diffPolicy(DiffPolicyRequest request, StreamObserver<DiffPolicyResponse> out) {
    var b = DiffPolicyResponse.newBuilder();
    switch (request.getNewerCase()) {
      case TO_VERSION ->
          b.setDiff(
              PolicyMessages.diff(policies.diff(request.getFromVersion(), request.getToVersion())));
      case CANDIDATE_SOURCE -> {
        Policies.CandidateDiff d =
            policies.diffCandidate(request.getFromVersion(), request.getCandidateSource());
        d.diff().ifPresent(diff -> b.setDiff(PolicyMessages.diff(diff)));
        if (d.diff().isEmpty()) b.addAllProblems(PolicyMessages.problems(d.problems()));
      }
      case NEWER_NOT_SET ->
          throw new IllegalArgumentException(
              "say what to compare with: a candidate document or an applied version");
    }
    reply(out, b.build());
  }

  @Override
  public void getPolicy(GetPolicyRequest request, StreamObserver<PolicyDocument> out) {
    reply(out, PolicyMessages.document(policies.get(request.getVersion())));
  }

  @Override
  public void listPolicyVersions(
      ListPolicyVersionsRequest request, StreamObserver<ListPolicyVersionsResponse> out) {
    int size = request.getPage().getPageSize();
    size = size == 0 ? DEFAULT_PAGE : Math.min(size, MAX_PAGE);
    long before = before(request.getPage().getPageToken());
    List<StoredPolicy> page = policies.history(size, before);
    var b = ListPolicyVersionsResponse.newBuilder();
    page.forEach(p -> b.addVersions(PolicyMessages.version(p)));
    long oldest = page.isEmpty() ? 1 : page.getLast().version();
    b.setPage(
        PageInfo.newBuilder()
            .setNextPageToken(page.size() == size && oldest > 1 ? Long.toString(oldest) : ""));
    reply(out, b.build());
  }

  @Override
  public void testPolicy(WhatIfQuery request, StreamObserver<WhatIfAnswer> out) {
    reply(out, PolicyMessages.answer(whatIf.ask(PolicyMessages.question(request))));
  }

  // --- helpers ---

  private static long before(String token) {
    if (token.isEmpty()) return 0;
    try {
      long v = Long.parseLong(token);
      if (v > 0) return v;
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("the page token is not one this controller gave out");
  }

  private static void onCancel(StreamObserver<?> out, Subscription s) {
    if (out instanceof ServerCallStreamObserver<?> call) {
      call.setOnCancelHandler(s::close);
    }
  }

  private static <T> void reply(StreamObserver<T> out, T message) {
    out.onNext(message);
    out.onCompleted();
  }
}
