package dev.cordon.gateway.identity;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The CA certificates the gateway authenticates the controller under, replaceable while the channel
 * lives. A CA rotation reaches the gateway only as the new bundle in a renewal response; holding
 * the bundle here, read at every server check, lets the gateway trust the new issuing CA from its
 * next TLS handshake on, without a restart. A handshake already past its check, and every
 * connection it opened, is unaffected; a check reads the bundle once, so it never mixes two.
 *
 * <p>Fail-closed: a replacement that is empty or holds no usable certificate never takes the place
 * of the bundle in use; the refusal is logged and the old bundle stays.
 */
public final class TrustBundle {
  private static final Logger LOG = Logger.getLogger(TrustBundle.class.getName());

  private volatile List<X509Certificate> current;

  /** The bundle read from the state directory at startup; it must hold a certificate. */
  public TrustBundle(List<X509Certificate> enrolled) {
    String bad = unusable(enrolled);
    if (bad != null) throw new IllegalArgumentException("the CA bundle " + bad);
    this.current = List.copyOf(enrolled);
  }

  /** The certificates to anchor a server check in; read once per check. */
  public List<X509Certificate> current() {
    return current;
  }

  /**
   * Trusts {@code renewed} instead of the bundle in use, for handshakes from now on; returns
   * whether it did. An unusable bundle is refused (logged, the old one kept), so a broken renewal
   * response can never leave the gateway trusting nothing or something half-read.
   */
  public boolean replace(List<X509Certificate> renewed) {
    String bad = unusable(renewed);
    if (bad != null) {
      LOG.warning("kept the CA bundle in use: the renewed one " + bad);
      return false;
    }
    current = List.copyOf(renewed);
    return true;
  }

  /** Why {@code bundle} cannot anchor trust, or null when it can. */
  private static String unusable(List<X509Certificate> bundle) {
    if (bundle == null || bundle.isEmpty()) return "is empty";
    if (bundle.stream().anyMatch(Objects::isNull)) return "holds a missing certificate";
    return null;
  }
}
