package dev.cordon.controller.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

  @Test
  void everyKindRoundTripsThroughItsSpiffeId() {
    for (PrincipalKind kind : PrincipalKind.values()) {
      Principal principal = new Principal(kind, "x-1.a_b", "cordon.local");
      URI id = principal.spiffeId();

      assertEquals("spiffe://cordon.local/" + kind.pathSegment() + "/x-1.a_b", id.toString());
      assertEquals(principal, Principal.fromSpiffeId(id));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://cordon.local/device/a",
        "spiffe://cordon.local/device",
        "spiffe://cordon.local/device/a/b",
        "spiffe://cordon.local/printer/a",
        "spiffe://cordon.local/device/a?x=1",
        "spiffe://cordon.local:443/device/a",
        "spiffe://cordon.local/device/%2e%2e",
        "spiffe://Cordon.Local/device/a"
      })
  void anythingButASpiffeIdOfAKnownKindIsRejected(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Principal.fromSpiffeId(URI.create(uri)));

    assertTrue(e.getMessage().contains("'"), e.getMessage());
  }

  @Test
  void aNameThatWouldAddAPathSegmentIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Principal.device("a/b", "cordon.local"));

    assertTrue(e.getMessage().contains("[A-Za-z0-9._-]"), e.getMessage());
  }

  @Test
  void anAllZeroWireGuardKeyAndAWrongLengthAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> WireGuardPublicKey.of(new byte[32]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WireGuardPublicKey.of(new byte[31]));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
  }
}
