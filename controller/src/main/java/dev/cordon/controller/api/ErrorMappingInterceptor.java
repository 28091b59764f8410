package dev.cordon.controller.api;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Catches what a service method throws and closes the call with {@link ErrorMapper}'s status,
 * logging at its level. Log lines name the method and the status, never request content.
 */
final class ErrorMappingInterceptor implements ServerInterceptor {

  private static final Logger LOG = System.getLogger(ErrorMappingInterceptor.class.getName());

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(call, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(call, super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(call, super::onReady);
      }
    };
  }

  private static void guard(ServerCall<?, ?> call, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      ErrorMapper.Mapped mapped = ErrorMapper.map(e);
      String method = call.getMethodDescriptor().getFullMethodName();
      if (mapped.level() == Level.ERROR) {
        LOG.log(Level.ERROR, method + " failed: " + mapped.status().getCode(), e);
      } else {
        LOG.log(
            mapped.level(),
            () ->
                method
                    + " -> "
                    + mapped.status().getCode()
                    + ": "
                    + mapped.status().getDescription());
      }
      call.close(mapped.status(), new Metadata());
    }
  }
}
