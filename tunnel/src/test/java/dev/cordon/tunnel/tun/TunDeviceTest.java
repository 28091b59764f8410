package dev.cordon.tunnel.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What needs no privileges: argument checks and the wording of failures. */
class TunDeviceTest {

  @Test
  void anMtuOutsideWhatIpAllowsIsRefusedBeforeOpeningAnything() {
    var error = assertThrows(IllegalArgumentException.class, () -> TunDevice.open("cltest", 67));
    assertEquals("MTU 67 outside 68..65535", error.getMessage());
  }

  @Test
  void aPermissionFailureSaysWhichCallFailedAndWhatPrivilegeIsMissing() {
    var error = new TunException("ioctl(TUNSETIFF, cl0)", Errno.EPERM, Errno.hint(Errno.EPERM));
    assertEquals(
        "ioctl(TUNSETIFF, cl0) failed: EPERM (errno 1): creating a TUN interface needs root or"
            + " CAP_NET_ADMIN",
        error.getMessage());
    assertEquals(Errno.EPERM, error.errno());
    assertEquals("ioctl(TUNSETIFF, cl0)", error.call());
  }

  @Test
  void anUnnamedErrnoIsStillReportedByNumber() {
    assertEquals(
        "read(cl0) failed: errno 200 (errno 200)", TunException.message("read(cl0)", 200, null));
  }

  @Test
  void openingAMissingDeviceFileFailsWithTheCallAndErrno() {
    var error =
        assertThrows(TunException.class, () -> Libc.open("/nonexistent/cordon-tun", Libc.O_RDWR));
    assertEquals("open(/nonexistent/cordon-tun)", error.call());
    assertEquals(Errno.ENOENT, error.errno(), "errno is captured right after the call");
  }

  @Test
  void onlyLiteralPrefixesReachTheIpCommand() {
    assertEquals("100.64.250.1/30", IpCommand.checkPrefix("100.64.250.1/30"));
    assertEquals("fd00:0:0:0:0:0:0:1/128", IpCommand.checkPrefix("fd00::1"));
    var option =
        assertThrows(IllegalArgumentException.class, () -> IpCommand.checkPrefix("-force"));
    assertEquals("not an IP prefix: -force", option.getMessage());
    var tooLong =
        assertThrows(IllegalArgumentException.class, () -> IpCommand.checkPrefix("10.0.0.0/40"));
    assertEquals("prefix length 40 outside 0..32", tooLong.getMessage());
  }
}
