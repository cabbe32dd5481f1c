package io.learnloop.community.internal.discourse;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DiscourseConnect payloads and HMAC-SHA256 signatures, for {@code sync_sso} and for webhook verification.
 *
 * <p>Thread-safe: stateless.
 */
public final class DiscourseConnect {
    private DiscourseConnect() {
    }

    /**
     * Encodes a {@code sync_sso} payload: the URL-encoded parameters, Base64-encoded.
     *
     * @param params the parameters in order
     * @return the {@code sso} value
     */
    public static String payload(Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return Base64.getEncoder().encodeToString(query.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lower-case hex HMAC-SHA256 of data under a secret.
     *
     * @param secret the secret
     * @param data   the bytes
     * @return the hex digest
     */
    public static String hmacHex(String secret, byte[] data) {
        return HexFormat.of().formatHex(hmac(secret, data));
    }

    /**
     * Raw HMAC-SHA256.
     *
     * @param secret the secret
     * @param data   the bytes
     * @return the digest
     */
    public static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * Compares two byte strings in time independent of where they differ.
     *
     * @param a one
     * @param b the other
     * @return true if equal
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
