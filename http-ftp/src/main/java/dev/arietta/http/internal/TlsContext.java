package dev.arietta.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An {@link SSLContext} built once from {@link TlsSettings}, and client {@link SSLEngine}s for
 * each connection: SNI for host names, endpoint identification "HTTPS" when verifying, only
 * TLS 1.2+ offered, ALPN {@code http/1.1}. Thread-safe.
 */
public final class TlsContext {

    private final SSLContext context;
    private final TlsSettings settings;
    private final String[] protocols;

    private TlsContext(SSLContext context, TlsSettings settings) {
        this.context = context;
        this.settings = settings;
        this.protocols = TlsSettings.TLS_1_3.equals(settings.minimumProtocol())
                ? new String[] {TlsSettings.TLS_1_3} : new String[] {TlsSettings.TLS_1_3, TlsSettings.TLS_1_2};
    }

    /**
     * Loads CA and client certificate files.
     *
     * @throws IOException when a file cannot be read or parsed
     */
    public static TlsContext create(TlsSettings settings) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(settings), trustManagers(settings), null);
            return new TlsContext(context, settings);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The settings this context was built from. */
    public TlsSettings settings() {
        return settings;
    }

    /** A client engine for {@code host:port}. */
    SSLEngine newEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        if (settings.verifyPeer()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddressLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static TrustManager[] trustManagers(TlsSettings settings) throws GeneralSecurityException, IOException {
        if (!settings.verifyPeer()) {
            return new TrustManager[] {new AcceptingTrustManager()};
        }
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        managers.add(trustManagerFor(null));
        if (settings.caCertificates() != null) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate certificate : PemFiles.certificates(settings.caCertificates())) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            managers.add(0, trustManagerFor(store));
        }
        return new TrustManager[] {managers.size() == 1 ? managers.get(0) : new EitherTrustManager(managers)};
    }

    private static X509ExtendedTrustManager trustManagerFor(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) manager;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static KeyManager[] keyManagers(TlsSettings settings) throws GeneralSecurityException, IOException {
        if (settings.clientCertificate() == null) {
            return null;
        }
        char[] password = settings.clientKeyPassword();
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (settings.clientPrivateKey() != null) {
            store.load(null, null);
            PrivateKey key = PemFiles.privateKey(settings.clientPrivateKey());
            List<X509Certificate> chain = PemFiles.certificates(settings.clientCertificate());
            store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        } else {
            try (InputStream in = Files.newInputStream(settings.clientCertificate())) {
                store.load(in, password);
            } catch (IOException e) {
                throw new IOException(settings.clientCertificate() + ": cannot read PKCS#12 client certificate: "
                        + e.getMessage(), e);
            }
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** Trusts a chain if any of its delegates does (extra CA file, then the JDK's store). */
    private static final class EitherTrustManager extends ClientSideTrustManager {
        private final List<X509ExtendedTrustManager> delegates;

        EitherTrustManager(List<X509ExtendedTrustManager> delegates) {
            this.delegates = delegates;
        }

        @FunctionalInterface
        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void any(Check check) throws CertificateException {
            CertificateException first = null;
            for (X509ExtendedTrustManager manager : delegates) {
                try {
                    check.run(manager);
                    return;
                } catch (CertificateException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw first;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            any(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            any(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(manager -> manager.checkServerTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> issuers = new ArrayList<>();
            for (X509TrustManager manager : delegates) {
                issuers.addAll(List.of(manager.getAcceptedIssuers()));
            }
            return issuers.toArray(new X509Certificate[0]);
        }
    }

    /** A trust manager of a client: it is never asked to trust a client, and refuses if it is. */
    private abstract static class ClientSideTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client does not accept client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client does not accept client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not accept client certificates");
        }

    }

    /** {@code check-certificate=false}: accepts every server; insecure by request. */
    private static final class AcceptingTrustManager extends ClientSideTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
