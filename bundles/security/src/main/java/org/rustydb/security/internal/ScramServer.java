package org.rustydb.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 5) without channel binding.
 * {@link #serverFirst} answers the client-first-message, {@link #serverFinal} checks the proof of
 * the client-final-message. A role without a usable verifier gets a mock one, so the exchange runs
 * to its end and fails at the proof as for a wrong password, telling the client nothing.
 */
public final class ScramServer {
    /** Thrown for a wrong proof; malformed messages fail with {@link MalformedMessage}. */
    public static final class AuthenticationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuthenticationFailed(String reason) {
            super(reason);
        }
    }

    /** A message that breaks the SCRAM syntax (PostgreSQL: 08P01 malformed SCRAM message). */
    public static final class MalformedMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedMessage(String reason) {
            super(reason);
        }
    }

    private final Scram.Verifier verifier;
    private final boolean mock;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;
    private String gs2Header;
    private String nonce;

    /**
     * @param verifier    the role's verifier, or null for a mock exchange that always fails
     * @param serverNonce the server's part of the nonce (printable, no comma)
     */
    public ScramServer(Scram.Verifier verifier, String serverNonce) {
        this.mock = verifier == null;
        this.verifier = mock ? Scram.create("\u0000mock", Scram.randomBytes(16), Scram.DEFAULT_ITERATIONS) : verifier;
        this.serverNonce = serverNonce;
    }

    /** A server nonce of 18 random bytes in base64, as PostgreSQL makes them. */
    public static String newNonce() {
        return Base64.getEncoder().encodeToString(Scram.randomBytes(18));
    }

    public String serverFirst(String clientFirst) {
        if (serverFirst != null) {
            throw new MalformedMessage("unexpected SCRAM client-first-message");
        }
        // gs2-header: n (no binding), y (client could bind, thinks we cannot), p= (binding: refused)
        if (clientFirst.startsWith("p=")) {
            throw new MalformedMessage("channel binding is not supported");
        }
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new MalformedMessage("malformed SCRAM message: unexpected channel-binding flag");
        }
        int second = clientFirst.indexOf(',', 2);
        if (second < 0) {
            throw new MalformedMessage("malformed SCRAM message: missing gs2 header");
        }
        gs2Header = clientFirst.substring(0, second + 1);
        clientFirstBare = clientFirst.substring(second + 1);
        String clientNonce = null;
        for (String attribute : clientFirstBare.split(",")) {
            if (attribute.startsWith("r=")) {
                clientNonce = attribute.substring(2);
            } else if (attribute.startsWith("m=")) {
                throw new MalformedMessage("malformed SCRAM message: extensions are not supported");
            }
        }
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw new MalformedMessage("malformed SCRAM message: missing nonce");
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
                + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /**
     * Checks the client's proof.
     *
     * @return the server-final-message proving the server knows the verifier
     * @throws AuthenticationFailed when the proof is wrong (or the exchange is a mock one)
     */
    public String serverFinal(String clientFinal) {
        if (serverFirst == null) {
            throw new MalformedMessage("unexpected SCRAM client-final-message");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new MalformedMessage("malformed SCRAM message: missing proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String channelBinding = null;
        String finalNonce = null;
        for (String attribute : withoutProof.split(",")) {
            if (attribute.startsWith("c=")) {
                channelBinding = attribute.substring(2);
            } else if (attribute.startsWith("r=")) {
                finalNonce = attribute.substring(2);
            }
        }
        byte[] proof;
        byte[] binding;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
            binding = channelBinding == null ? null : Base64.getDecoder().decode(channelBinding);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("malformed SCRAM message: invalid base64");
        }
        if (binding == null || !new String(binding, StandardCharsets.UTF_8).equals(gs2Header)) {
            throw new MalformedMessage("SCRAM channel binding check failed");
        }
        if (!nonce.equals(finalNonce)) {
            throw new MalformedMessage("SCRAM nonce mismatch");
        }
        if (proof.length != 32) {
            throw new MalformedMessage("malformed SCRAM message: invalid proof length");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = Scram.hmac(verifier.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (mock || !MessageDigest.isEqual(Scram.sha256(clientKey), verifier.storedKey())) {
            throw new AuthenticationFailed(mock ? "no usable password" : "wrong password");
        }
        return "v=" + Base64.getEncoder().encodeToString(Scram.hmac(verifier.serverKey(), authMessage));
    }
}
