package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {

  @TempDir Path temp;

  private Path status(String uidLine) throws Exception {
    return Files.writeString(
        temp.resolve("status"), "Name:\tjava\n" + uidLine + "\nGid:\t0\t0\t0\t0\n");
  }

  @Test
  void rootWithATunDeviceMayRunTheAgent() throws Exception {
    Path tun = Files.createFile(temp.resolve("tun"));
    assertEquals(Optional.empty(), HostCheck.problem(tun, status("Uid:\t0\t0\t0\t0")));
  }

  @Test
  void aNonRootUserIsToldToUseSudo() throws Exception {
    Path tun = Files.createFile(temp.resolve("tun"));
    String problem = HostCheck.problem(tun, status("Uid:\t1000\t1000\t1000\t1000")).orElseThrow();
    assertTrue(problem.contains("needs root; run it with sudo"), problem);
  }

  @Test
  void aHostWithoutTheTunDeviceIsToldHowToGetIt() throws Exception {
    String problem =
        HostCheck.problem(temp.resolve("absent"), status("Uid:\t0\t0\t0\t0")).orElseThrow();
    assertTrue(
        problem.startsWith("no " + temp.resolve("absent") + " on this host: load the tun"),
        problem);
  }
}
