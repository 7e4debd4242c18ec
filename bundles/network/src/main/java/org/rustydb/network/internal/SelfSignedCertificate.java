package org.rustydb.network.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a server uses when TLS is on and none is configured: an EC P-256 key and a
 * self-signed certificate for the host name (and the loopback names), valid ten years, written once as PEM files and reused
 * on every later start so that clients that pinned it keep trusting it. Clients with
 * {@code sslmode=require} accept it; verify-ca and verify-full need a configured, CA-signed one.
 */
public final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
    public static final String CERT_FILE = "server.crt";
    public static final String KEY_FILE = "server.key";
    static final Duration VALIDITY = Duration.ofDays(3653);

    private SelfSignedCertificate() {
    }

    /**
     * The certificate and key files in {@code directory}, generated for {@code hostName} when
     * neither exists. The key file is readable by its owner only, as PostgreSQL demands of
     * ssl_key_file.
     *
     * @return the certificate file; the key file is beside it, named {@link #KEY_FILE}
     * @throws IOException when only one of the two files exists, or they cannot be written
     */
    public static Path ensure(Path directory, String hostName) throws IOException {
        Path cert = directory.resolve(CERT_FILE);
        Path key = directory.resolve(KEY_FILE);
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (haveCert && haveKey) {
            return cert;
        }
        if (haveCert || haveKey) {
            throw new IOException("found " + (haveCert ? cert : key) + " without " + (haveCert ? key : cert)
                    + ": remove it to have a new self-signed certificate generated, or configure ssl_cert_file"
                    + " and ssl_key_file");
        }
        Files.createDirectories(directory);
        KeyPair pair = newKeyPair();
        X509Certificate certificate = create(pair, hostName, Instant.now());
        // the key first: a crash in between leaves a key without certificate, reported above
        // PKCS#8: JcaPEMWriter's default for an EC key (SEC1) would drop the curve of a JDK key
        writeOwnerOnly(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        writeOwnerOnly(cert, pem(certificate));
        LOG.info("generated a self-signed TLS certificate for {} in {}", hostName, cert);
        return cert;
    }

    /** The name the certificate is issued to: this machine's host name, else localhost. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static KeyPair newKeyPair() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC P-256 key: " + e.getMessage(), e);
        }
    }

    /** A self-signed server certificate with CN and DNS subject alternative name {@code hostName}. */
    static X509Certificate create(KeyPair pair, String hostName, Instant now) throws IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
        BigInteger serial = new BigInteger(64, new SecureRandom());
        Date notBefore = Date.from(now.minus(Duration.ofHours(1))); // tolerate clocks slightly behind
        Date notAfter = Date.from(now.plus(VALIDITY));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, notBefore, notAfter,
                    subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostName));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot create a self-signed certificate for " + hostName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The host name and the loopback names: clients that check names even with a self-signed
     * certificate (pgjdbc's ssl=true means verify-full) then accept local connections.
     */
    private static GeneralNames alternativeNames(String hostName) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, hostName));
        if (!hostName.equalsIgnoreCase("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** Writes through a temporary file created owner-only, so the content is never readable by others. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(temp, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp + ": it already exists", e);
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII, StandardOpenOption.WRITE)) {
            out.write(content);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
