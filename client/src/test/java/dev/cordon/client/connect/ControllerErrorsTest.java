package dev.cordon.client.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ControllerErrorsTest {

  private static CliException unavailable(Throwable cause, String description) {
    return ControllerErrors.map(
        Status.UNAVAILABLE.withDescription(description).withCause(cause).asRuntimeException(),
        "ctl.example:7443",
        "list devices");
  }

  @Test
  void aRefusedConnectionSaysConnectionRefusedNotIoException() {
    CliException e =
        unavailable(
            new IOException(
                "wrapped",
                new ConnectException("finishConnect(..) failed: Connection refused: /10.0.0.1")),
            "io exception");
    assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
    assertEquals(
        "cannot reach the controller at ctl.example:7443: connection refused; is it running?",
        e.getMessage());
  }

  @Test
  void anUnroutableOrUnknownHostIsNamedAsSuch() {
    assertEquals(
        "cannot reach the controller at ctl.example:7443: no route to host; is it running?",
        unavailable(new NoRouteToHostException("No route to host"), "io exception").getMessage());
    assertEquals(
        "cannot reach the controller at ctl.example:7443: unknown host ctl.example; is it"
            + " running?",
        unavailable(new UnknownHostException("ctl.example"), "Unable to resolve host")
            .getMessage());
  }

  @Test
  void aSpecificDescriptionIsKeptAndTheGenericOneFallsBackToTheRootCause() {
    assertEquals(
        "cannot reach the controller at ctl.example:7443: the controller is shutting down; is it"
            + " running?",
        unavailable(null, "the controller is shutting down").getMessage());
    assertEquals(
        "cannot reach the controller at ctl.example:7443: Connection reset by peer; is it"
            + " running?",
        unavailable(new IOException("Connection reset by peer"), "io exception").getMessage());
  }
}
