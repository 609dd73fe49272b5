package io.github.artemishalab.harness.tls;

/**
 * Whether a lab to be made speaks TLS ({@code --tls}) and demands client certificates ({@code --client-auth}); the
 * stores and their password are made with the lab.
 *
 * @param enabled    TLS on every link
 * @param clientAuth brokers demand a certificate of every client and peer
 */
public record TlsOptions(boolean enabled, boolean clientAuth) {

    public static final TlsOptions OFF = new TlsOptions(false, false);

    public TlsOptions {
        if (clientAuth && !enabled) {
            throw new IllegalArgumentException("client certificates need TLS");
        }
    }
}
