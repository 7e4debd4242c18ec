package org.rustydb.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) key derivation and the stored verifier, in PostgreSQL's
 * format {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 parts).
 */
public final class Scram {
    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed verifier. */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        public String encode() {
            Base64.Encoder b64 = Base64.getEncoder();
            return MECHANISM + "$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        }
    }

    private Scram() {
    }

    /** True when a stored password is a SCRAM verifier. */
    public static boolean isVerifier(String stored) {
        return stored != null && stored.startsWith(MECHANISM + "$");
    }

    /** Parses a stored verifier; null when it is not a well-formed one. */
    public static Verifier parse(String stored) {
        if (!isVerifier(stored)) {
            return null;
        }
        String[] parts = stored.substring(MECHANISM.length() + 1).split("\\$", -1);
        if (parts.length != 2) {
            return null;
        }
        String[] first = parts[0].split(":", -1);
        String[] keys = parts[1].split(":", -1);
        if (first.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            int iterations = Integer.parseInt(first[0]);
            byte[] storedKey = b64.decode(keys[0]);
            byte[] serverKey = b64.decode(keys[1]);
            if (iterations < 1 || storedKey.length != 32 || serverKey.length != 32) {
                return null;
            }
            return new Verifier(iterations, b64.decode(first[1]), storedKey, serverKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A new verifier for a password, with a random salt. */
    public static Verifier create(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return create(password, salt, DEFAULT_ITERATIONS);
    }

    public static Verifier create(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new Verifier(iterations, salt.clone(), sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** Hi(Normalize(password), salt, i): PBKDF2 with HMAC-SHA-256, one 32-byte block. */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(normalize(password).toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    /**
     * SASLprep's effect on the passwords people type: NFKC normalization (ASCII is unchanged). The
     * JDK's PBKDF2 encodes the characters as UTF-8, as PostgreSQL hashes them.
     */
    private static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
