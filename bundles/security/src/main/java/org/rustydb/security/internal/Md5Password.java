package org.rustydb.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** PostgreSQL's md5 passwords: stored {@code "md5" + md5hex(password + user)}, salted on the wire. */
public final class Md5Password {
    private Md5Password() {
    }

    /** True for a stored md5 password: "md5" and 32 lower-case hex digits. */
    public static boolean isMd5(String stored) {
        return stored != null && stored.length() == 35 && stored.startsWith("md5")
                && stored.substring(3).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** What PostgreSQL stores for a password under md5. */
    public static String encrypt(String password, String user) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    /** What the client answers to AuthenticationMD5Password, given what is stored. */
    public static String salted(String stored, byte[] salt) {
        byte[] hex = stored.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[hex.length + salt.length];
        System.arraycopy(hex, 0, input, 0, hex.length);
        System.arraycopy(salt, 0, input, hex.length, salt.length);
        return "md5" + md5Hex(input);
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
