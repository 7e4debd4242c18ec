package org.rustydb.network.internal;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server side of TLS session encryption: a server certificate chain and its private key, read
 * from PEM files as PostgreSQL's ssl_cert_file and ssl_key_file, and the upgrade of an accepted
 * socket after the client's SSLRequest. Only TLS 1.2 and 1.3 are offered (PostgreSQL's default
 * ssl_min_protocol_version is TLSv1.2). Thread-safe: one instance serves every connection.
 */
public final class TlsSupport {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory factory;
    private final String[] protocols;
    private final X509Certificate certificate;

    private TlsSupport(SSLContext context, X509Certificate certificate) {
        this.factory = context.getSocketFactory();
        this.certificate = certificate;
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        this.protocols = Arrays.stream(PROTOCOLS).filter(supported::contains).toArray(String[]::new);
    }

    /**
     * Reads a PEM certificate file (the server certificate first, then any intermediates) and a PEM
     * private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted).
     *
     * @throws IOException when a file is missing or unreadable, or holds no usable certificate or key
     */
    public static TlsSupport fromPemFiles(Path certFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = readCertificates(certFile);
        PrivateKey key = readPrivateKey(keyFile);
        if (!matches(chain.get(0).getPublicKey(), key)) {
            // caught here, the mistake names both files; the handshake would only fail obscurely
            throw new IOException("private key " + keyFile + " does not match certificate " + certFile);
        }
        return of(chain, key);
    }

    /** Whether a signature by {@code key} verifies with {@code publicKey}. */
    private static boolean matches(PublicKey publicKey, PrivateKey key) throws IOException {
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // no known way to test it: the handshake will tell
        }
        try {
            byte[] probe = "rustydb key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot check the private key against the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * TLS as configured: null when {@code enabled} is false; else the given PEM files, relative
     * ones resolved against {@code directory} as PostgreSQL resolves them against its data
     * directory; when neither file is given, the self-signed certificate kept in {@code directory}
     * (generated on first use).
     *
     * @throws IOException when only one file is given, or the files cannot be read or written
     */
    public static TlsSupport configure(boolean enabled, String certFile, String keyFile, Path directory)
            throws IOException {
        if (!enabled) {
            return null;
        }
        String cert = certFile == null ? "" : certFile.trim();
        String key = keyFile == null ? "" : keyFile.trim();
        if (cert.isEmpty() && key.isEmpty()) {
            Path generated = SelfSignedCertificate.ensure(directory, SelfSignedCertificate.localHostName());
            return fromPemFiles(generated, generated.resolveSibling(SelfSignedCertificate.KEY_FILE));
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw new IOException("ssl_cert_file and ssl_key_file must be set together (or neither, for a"
                    + " generated self-signed certificate)");
        }
        return fromPemFiles(directory.resolve(cert), directory.resolve(key));
    }

    /** TLS with an in-memory chain and key. */
    static TlsSupport of(List<X509Certificate> chain, PrivateKey key) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new TlsSupport(context, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with the server certificate: " + e.getMessage(), e);
        }
    }

    /** The server certificate clients see. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Performs the server side of the TLS handshake over an accepted socket, bounded by the
     * socket's read timeout. Closing the returned socket closes {@code socket} too.
     *
     * @throws IOException when the client does not complete the handshake (wrong protocol, no
     *                     common cipher, garbage instead of a ClientHello, timeout)
     */
    SSLSocket handshake(Socket socket) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(socket, null, socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(protocols);
        ssl.setNeedClientAuth(false);
        ssl.startHandshake();
        return ssl;
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(in)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException("cannot read certificate file " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no PEM certificate in " + file);
        }
        return chain;
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(in)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read private key file " + file + ": " + e.getMessage(), e);
        }
        throw new IOException("no unencrypted PEM private key in " + file);
    }
}
