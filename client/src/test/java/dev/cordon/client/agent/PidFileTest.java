package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir Path temp;

  @Test
  void aClaimNamesThisLiveProcessAndReleaseRemovesIt() throws Exception {
    PidFile.Owner owner = PidFile.claim(temp);
    assertEquals(Optional.of(owner), PidFile.read(temp));
    assertEquals(ProcessHandle.current().pid(), owner.process().orElseThrow().pid());
    PidFile.release(temp, owner);
    assertFalse(Files.exists(temp.resolve(PidFile.FILE)));
  }

  @Test
  void aPidWhoseStartTimeDiffersIsNotTheAgentThatWroteTheFile() throws Exception {
    long pid = ProcessHandle.current().pid();
    Files.writeString(temp.resolve(PidFile.FILE), "pid=" + pid + "\nstart=12345\n");
    assertTrue(PidFile.read(temp).orElseThrow().process().isEmpty());
  }

  @Test
  void anotherLiveAgentKeepsItsClaim() throws Exception {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    long start = parent.info().startInstant().orElseThrow().toEpochMilli();
    Files.writeString(
        temp.resolve(PidFile.FILE), "pid=" + parent.pid() + "\nstart=" + start + "\n");
    PidFile.AlreadyRunning e =
        assertThrows(PidFile.AlreadyRunning.class, () -> PidFile.claim(temp));
    assertEquals(parent.pid(), e.pid());
  }

  @Test
  void aStalePidfileIsTakenOver() throws Exception {
    Files.writeString(temp.resolve(PidFile.FILE), "pid=999999999\nstart=1\n");
    PidFile.Owner owner = PidFile.claim(temp);
    assertEquals(ProcessHandle.current().pid(), owner.pid());
  }
}
