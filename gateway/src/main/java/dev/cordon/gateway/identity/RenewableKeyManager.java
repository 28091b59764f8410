package dev.cordon.gateway.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The one client identity the gateway presents to the controller, replaceable while the channel
 * lives: TLS asks the key manager at every handshake, so after {@link #swap} each new connection
 * presents the renewed certificate while calls on the old connection finish undisturbed.
 */
public final class RenewableKeyManager extends X509ExtendedKeyManager {
  static final String ALIAS = "gateway";

  /** A key and its chain, leaf first, always read and replaced together. */
  public record Identity(PrivateKey key, List<X509Certificate> chain) {
    public Identity {
      if (chain.isEmpty()) throw new IllegalArgumentException("a certificate chain is empty");
      chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
      return chain.getFirst();
    }
  }

  private volatile Identity current;

  public RenewableKeyManager(PrivateKey key, List<X509Certificate> chain) {
    this.current = new Identity(key, chain);
  }

  public Identity current() {
    return current;
  }

  public void swap(Identity renewed) {
    this.current = renewed;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? current.chain().toArray(X509Certificate[]::new) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? current.key() : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    // The gateway is never a TLS server.
    return null;
  }
}
