package dev.cordon.controller.registry;

import dev.cordon.controller.ca.IssuerSerial;
import dev.cordon.controller.ca.KeyFingerprint;
import dev.cordon.controller.store.Op;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The persisted revocation list: {@code /revoked/serial/<issuer hash>-<serial hex>} holding the
 * issuer and serial, and {@code /revoked/key/<key fingerprint>}. Written in the same transaction as
 * the status change that revokes; read (and watched) by the store-backed revocation list.
 */
public final class RevocationKeys {

  private RevocationKeys() {}

  public static List<Op> revoke(IssuedCertificate certificate) {
    IssuerSerial serial = certificate.issuerSerial();
    return List.of(
        Op.put(serialKey(serial), serial.serial().toString(16) + "|" + serial.issuer()),
        Op.put(StoreKeys.REVOKED_KEYS + certificate.key().hex(), certificate.key().hex()));
  }

  public static String serialKey(IssuerSerial serial) {
    try {
      byte[] issuer =
          MessageDigest.getInstance("SHA-256")
              .digest(serial.issuer().getBytes(StandardCharsets.UTF_8));
      return StoreKeys.REVOKED_SERIALS
          + HexFormat.of().formatHex(issuer, 0, 8)
          + "-"
          + serial.serial().toString(16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static IssuerSerial readSerial(byte[] value) {
    String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|", 2);
    return new IssuerSerial(parts[1], new BigInteger(parts[0], 16));
  }

  public static KeyFingerprint readKey(byte[] value) {
    return new KeyFingerprint(new String(value, StandardCharsets.UTF_8));
  }
}
