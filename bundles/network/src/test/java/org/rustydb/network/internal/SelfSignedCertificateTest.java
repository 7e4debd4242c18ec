package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated server certificate, its files, their reuse, and PEM files written by openssl. */
class SelfSignedCertificateTest {
    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyKeyAndATenYearCertificateForTheHost() throws Exception {
        Instant before = Instant.now();
        Path cert = SelfSignedCertificate.ensure(dir, "db.example.org");
        Path key = dir.resolve(SelfSignedCertificate.KEY_FILE);
        assertEquals(dir.resolve("server.crt"), cert);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));

        X509Certificate c = TlsSupport.fromPemFiles(cert, key).certificate();
        assertEquals("CN=db.example.org", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(c.getPublicKey()); // self-signed
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        Duration validity = Duration.between(before, c.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3652 && validity.toDays() <= 3654, "valid for " + validity);
        assertTrue(c.getNotBefore().toInstant().isBefore(before));
        assertEquals(List.of(List.of(2, "db.example.org"), List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1")), c.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
        assertEquals(-1, c.getBasicConstraints()); // not a CA
    }

    @Test
    void reusesTheFilesOnLaterStarts() throws Exception {
        Path cert = SelfSignedCertificate.ensure(dir, "one");
        byte[] certBytes = Files.readAllBytes(cert);
        byte[] keyBytes = Files.readAllBytes(dir.resolve(SelfSignedCertificate.KEY_FILE));
        assertEquals(cert, SelfSignedCertificate.ensure(dir, "two"));
        assertArrayEquals(certBytes, Files.readAllBytes(cert));
        assertArrayEquals(keyBytes, Files.readAllBytes(dir.resolve(SelfSignedCertificate.KEY_FILE)));
        assertEquals("CN=one", TlsSupport.configure(true, "", "", dir).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void aCertificateWithoutItsKeyIsNotSilentlyReplaced() throws Exception {
        SelfSignedCertificate.ensure(dir, "h");
        Files.delete(dir.resolve(SelfSignedCertificate.KEY_FILE));
        IOException e = assertThrows(IOException.class, () -> SelfSignedCertificate.ensure(dir, "h"));
        assertTrue(e.getMessage().contains("without"), e.getMessage());
    }

    @Test
    void configurationNeedsBothFilesOrNeither() throws Exception {
        assertEquals(null, TlsSupport.configure(false, "x.crt", "", dir));
        assertThrows(IOException.class, () -> TlsSupport.configure(true, "server.crt", "", dir));
        IOException missing = assertThrows(IOException.class, () -> TlsSupport.configure(true, "a.crt", "a.key", dir));
        assertTrue(missing.getMessage().contains("a.crt"), missing.getMessage());
        Files.writeString(dir.resolve("junk.crt"), "not a certificate\n");
        Files.writeString(dir.resolve("junk.key"), "not a key\n");
        assertThrows(IOException.class, () -> TlsSupport.configure(true, "junk.crt", "junk.key", dir));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        SelfSignedCertificate.ensure(a, "a");
        SelfSignedCertificate.ensure(b, "b");
        // same algorithm, different key pair: the JDK key manager would only fail at handshake time,
        // so the check must be on the public key itself
        IOException e = assertThrows(IOException.class, () -> TlsSupport.fromPemFiles(a.resolve("server.crt"),
                b.resolve("server.key")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void readsKeysInTheFormatsOpensslWrites() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        // RSA in PKCS#1 (-traditional) and EC in SEC1 with its curve, as `openssl ecparam -genkey` writes
        openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
        openssl("req", "-new", "-x509", "-key", "rsa.key", "-out", "rsa.crt", "-days", "1", "-subj", "/CN=rsa.test");
        assertTrue(Files.readString(dir.resolve("rsa.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertEquals("CN=rsa.test", TlsSupport.configure(true, "rsa.crt", "rsa.key", dir).certificate()
                .getSubjectX500Principal().getName());

        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        openssl("req", "-new", "-x509", "-key", "ec.key", "-out", "ec.crt", "-days", "1", "-subj", "/CN=ec.test");
        assertTrue(Files.readString(dir.resolve("ec.key")).contains("-----BEGIN EC PRIVATE KEY-----"));
        assertEquals("CN=ec.test", TlsSupport.configure(true, dir.resolve("ec.crt").toString(), "ec.key", dir)
                .certificate().getSubjectX500Principal().getName());
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("openssl.out")));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
