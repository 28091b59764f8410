package dev.cordon.lab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.client.ClientCommands;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.NettyConnector;
import dev.cordon.controller.ca.CaFingerprint;
import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.daemon.ControllerRuntime;
import dev.cordon.controller.daemon.ControllerSettings;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.TokenEnvelope;
import dev.cordon.proto.v1.TokenSpec;
import io.grpc.ManagedChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The real {@code cordon enroll} command object against a real controller in this JVM (loopback
 * TLS, embedded store): what a successful enrollment leaves in the state directory and prints, and
 * the exit code and message of each mistake a person can make. No root needed.
 */
class EnrollInProcessTest {

  @TempDir static Path temp;

  private static Deployment home;
  private static Deployment other;

  @BeforeAll
  static void startControllers() throws Exception {
    home = Deployment.start(temp.resolve("home"), "cordon.local");
    other = Deployment.start(temp.resolve("other"), "other.example");
  }

  @AfterAll
  static void stopControllers() throws Exception {
    if (home != null) {
      home.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @Test
  void enrolling_writes_private_keys_0600_pins_the_controllers_ca_and_prints_the_identity()
      throws Exception {
    Path state = temp.resolve("cam-ok");
    String token = home.token("cam-ok", 1, Duration.ofHours(1));

    Run run = enroll("--token", token, "--state-dir", state.toString());

    Properties identity = properties(state.resolve("identity.properties"));
    String deviceId = identity.getProperty("device-id");
    assertEquals(
        "Enrolled as device "
            + deviceId
            + " (spiffe://cordon.local/device/"
            + deviceId
            + "), overlay address "
            + identity.getProperty("overlay-address")
            + "; state in "
            + state
            + ".\n",
        run.out());
    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    assertEquals(home.target(), identity.getProperty("controller"));
    assertEquals("rwx------", mode(state));
    assertEquals("rw-------", mode(state.resolve("wireguard.key")), "WireGuard private key");
    assertEquals("rw-------", mode(state.resolve("device.key")), "certificate private key");
    X509Certificate leaf = certificates(state.resolve("device.crt")).getFirst();
    assertEquals(
        List.of("spiffe://cordon.local/device/" + deviceId),
        leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList());
    assertTrue(
        certificates(state.resolve("ca.crt")).stream()
            .anyMatch(ca -> CaFingerprint.of(ca).equals(home.fingerprint())),
        "ca.crt holds the CA the token pinned");
  }

  @Test
  void a_token_already_used_is_refused_with_exit_9_and_leaves_no_enrollment() throws Exception {
    String token = home.token("cam-twice", 1, Duration.ofHours(1));
    assertEquals(0, enroll("--token", token, "--state-dir", temp.resolve("t1").toString()).code);
    Path second = temp.resolve("t2");

    Run run = enroll("--token", token, "--state-dir", second.toString());

    assertEquals(
        "cordon: the controller refused the token: token "
            + envelope(token).getTokenId()
            + " is already used; ask an administrator for a new token ('cordon token create')\n",
        run.err());
    assertEquals("", run.out());
    assertEquals(9, run.exitCode());
    assertFalse(Files.exists(second.resolve("identity.properties")));
  }

  @Test
  void a_token_revoked_with_cordon_token_revoke_is_refused_with_exit_9() throws Exception {
    String token = home.token("cam-revoked", 1, Duration.ofHours(1));
    String id = envelope(token).getTokenId();

    Run revoked =
        cordon(
            "token",
            "revoke",
            id,
            "--reason",
            "sent to the wrong person",
            "--controller",
            home.target(),
            "--admin-credential",
            home.credential().toString());
    Run run = enroll("--token", token, "--state-dir", temp.resolve("revoked").toString());

    assertEquals(
        "Token " + id + " (cam-revoked) is revoked; it can no longer be redeemed.\n",
        revoked.out(),
        revoked.err());
    assertEquals(0, revoked.exitCode());
    assertEquals(
        "cordon: the controller refused the token: token "
            + id
            + " was revoked; ask an administrator for a new token ('cordon token create')\n",
        run.err());
    assertEquals(9, run.exitCode());
  }

  @Test
  void an_expired_token_is_refused_with_exit_9() throws Exception {
    String token = home.token("cam-late", 1, Duration.ofMinutes(1));
    home.clock.advance(Duration.ofMinutes(2));
    Run run;
    try {
      run = enroll("--token", token, "--state-dir", temp.resolve("late").toString());
    } finally {
      home.clock.advance(Duration.ofMinutes(-2));
    }

    assertMatches(
        "cordon: the controller refused the token: token "
            + envelope(token).getTokenId()
            + " expired at \\S+Z; ask an administrator for a new token \\('cordon token"
            + " create'\\)\n",
        run.err());
    assertEquals(9, run.exitCode());
  }

  @Test
  void a_token_edited_to_another_ca_fingerprint_refuses_the_controller_with_exit_11()
      throws Exception {
    String token = home.token("cam-edited", 1, Duration.ofHours(1));
    byte[] forged = new byte[32];
    Arrays.fill(forged, (byte) 0x5a);
    String edited =
        reencode(envelope(token).toBuilder().setCaFingerprint(ByteString.copyFrom(forged)));
    Path state = temp.resolve("edited");

    Run run = enroll("--token", edited, "--state-dir", state.toString());

    assertMatches(mismatch("5a".repeat(32)), run.err());
    assertEquals(11, run.exitCode());
    assertFalse(Files.exists(state.resolve("identity.properties")));
  }

  @Test
  void a_controller_nobody_listens_for_is_unreachable_with_exit_3() throws Exception {
    String token = home.token("cam-away", 1, Duration.ofHours(1));
    String nowhere = "127.0.0.1:" + freePort();

    Run run =
        enroll(
            "--token",
            token,
            "--controller",
            nowhere,
            "--state-dir",
            temp.resolve("away").toString(),
            "--timeout",
            "5s");

    assertEquals(
        "cordon: cannot reach the controller at "
            + nowhere
            + ": connection refused; is it running?\n",
        run.err());
    assertEquals(3, run.exitCode());
  }

  @Test
  void a_token_of_another_deployment_refuses_this_controller_with_exit_11() throws Exception {
    String token = other.token("cam-elsewhere", 1, Duration.ofHours(1));

    Run run =
        enroll(
            "--token",
            token,
            "--controller",
            home.target(),
            "--state-dir",
            temp.resolve("elsewhere").toString());

    assertMatches(mismatch(other.fingerprint().hex()), run.err());
    assertEquals(11, run.exitCode());
    assertTrue(other.consumed("cam-elsewhere") == 0, "the token stays unused");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * What a person reads when the home controller's chain (its TLS leaf, then its CA) does not lead
   * to {@code pinned}, as a regular expression: the leaf's fingerprint is not known here.
   */
  private static String mismatch(String pinned) {
    return Pattern.quote(
            "cordon: refusing the controller at "
                + home.target()
                + ": the controller's certificate chain does not lead to the CA named in the token"
                + " (expected CA sha256 "
                + pinned
                + ", the chain holds ")
        + "[0-9a-f]{64}, "
        + Pattern.quote(
            home.fingerprint().hex()
                + "). The token was made for another controller, or something intercepts the"
                + " connection; check the address or ask for a new token\n");
  }

  private static void assertMatches(String regex, String actual) {
    assertTrue(Pattern.matches(regex, actual), actual);
  }

  record Run(int code, String out, String err) {
    int exitCode() {
      return code;
    }
  }

  @Command(name = "cordon")
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  /** {@code cordon enroll ARGS...}. */
  private static Run enroll(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "enroll";
    System.arraycopy(args, 0, argv, 1, args.length);
    return cordon(argv);
  }

  /** {@code cordon ARGS...} as the real CLI runs it: TLS over Netty, system clock, no env. */
  private static Run cordon(String... argv) {
    ClientContext context =
        new ClientContext(
            new NettyConnector(), name -> null, temp.resolve("home-dir"), Clock.systemUTC());
    CommandLine root = new CommandLine(new Root());
    for (Object command : ClientCommands.all(context)) {
      root.addSubcommand(command);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    int code = root.execute(argv);
    return new Run(code, out.toString(), err.toString());
  }

  private static TokenEnvelope envelope(String token) throws IOException {
    return TokenEnvelope.parseFrom(
        Base64.getUrlDecoder().decode(token.substring(token.indexOf('_') + 1)));
  }

  private static String reencode(TokenEnvelope.Builder envelope) {
    return "cordon1_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.build().toByteArray());
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    return p;
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static List<X509Certificate> certificates(Path pem) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))
        .stream()
        .map(X509Certificate.class::cast)
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A clock the test can move, so a token expires without waiting. */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  /** One controller on a loopback port with its own data directory, CA and trust domain. */
  record Deployment(
      ControllerRuntime runtime,
      String target,
      ManagedChannel admin,
      MovableClock clock,
      Path credential)
      implements AutoCloseable {

    static Deployment start(Path dataDir, String trustDomain) throws Exception {
      int port = freePort();
      String target = "127.0.0.1:" + port;
      ControllerSettings settings =
          new ControllerSettings(
              "enroll-test",
              new InetSocketAddress("127.0.0.1", port),
              dataDir,
              trustDomain,
              "sqlite",
              target,
              AddressPool.DEFAULT,
              Optional.empty(),
              List.of(),
              IssuanceOptions.DEFAULT,
              Optional.empty(),
              Optional.empty());
      MovableClock clock = new MovableClock();
      StringWriter startup = new StringWriter();
      ControllerRuntime runtime =
          ControllerRuntime.start(settings, clock, new PrintWriter(startup, true));
      Path credential = dataDir.resolve("owner-credential");
      ManagedChannel admin = new NettyConnector().admin(target, new AdminCredential(credential));
      return new Deployment(runtime, target, admin, clock, credential);
    }

    CaFingerprint fingerprint() {
      return runtime.ca().fingerprint();
    }

    String token(String name, int uses, Duration validFor) {
      TokenSpec spec =
          TokenSpec.newBuilder()
              .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
              .setName(name)
              .setMaxUses(uses)
              .setValidFor(
                  com.google.protobuf.Duration.newBuilder().setSeconds(validFor.toSeconds()))
              .build();
      return AdminServiceGrpc.newBlockingStub(admin)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .createToken(CreateTokenRequest.newBuilder().setSpec(spec).build())
          .getToken();
    }

    /** How many enrollments the token named {@code name} has served. */
    int consumed(String name) {
      return AdminServiceGrpc.newBlockingStub(admin)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .listTokens(dev.cordon.proto.v1.ListTokensRequest.getDefaultInstance())
          .getTokensList()
          .stream()
          .filter(t -> t.getSpec().getName().equals(name))
          .mapToInt(t -> t.getUses())
          .sum();
    }

    @Override
    public void close() throws InterruptedException {
      admin.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      runtime.close();
    }
  }
}
