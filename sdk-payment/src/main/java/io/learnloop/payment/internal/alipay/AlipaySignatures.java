package io.learnloop.payment.internal.alipay;

import io.learnloop.payment.internal.crypto.Crypto;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alipay RSA2 content rules: every non-empty parameter except the excluded ones, keys sorted ascending, raw (not
 * URL-encoded) {@code k=v} joined by {@code &}. Never modifies the caller's map.
 */
public final class AlipaySignatures {
    private AlipaySignatures() {
    }

    /**
     * The content to sign or verify.
     *
     * @param params   the parameters (not modified)
     * @param excluded keys left out ({@code sign} for requests; {@code sign} and {@code sign_type} for notifications)
     * @return the content
     */
    public static String content(Map<String, String> params, List<String> excluded) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!excluded.contains(k) && k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                j.add(k + "=" + v);
            }
        });
        return j.toString();
    }

    /**
     * Signs request parameters.
     *
     * @param params the parameters without {@code sign}
     * @param key    the application private key
     * @return the Base64 signature
     */
    public static String sign(Map<String, String> params, PrivateKey key) {
        return Crypto.signSha256Rsa(key, content(params, List.of("sign")).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies content against any of the keys (rotation).
     *
     * @param content   the signed content
     * @param signature the Base64 signature
     * @param keys      Alipay public keys
     * @return true if one key verifies it
     */
    public static boolean verifyAny(String content, String signature, List<PublicKey> keys) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        for (PublicKey key : keys) {
            if (Crypto.verifySha256Rsa(key, data, signature)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Extracts the raw JSON object that is the value of {@code "<rootKey>"} by brace matching, so the signature is
     * verified over the exact bytes Alipay signed, never a re-serialisation.
     *
     * @param body    the response text
     * @param rootKey for example {@code alipay_trade_query_response}
     * @return the raw object text, or null if absent
     */
    public static String extract(String body, String rootKey) {
        int k = body.indexOf("\"" + rootKey + "\"");
        if (k < 0) {
            return null;
        }
        int i = k + rootKey.length() + 2;
        while (i < body.length() && (Character.isWhitespace(body.charAt(i)) || body.charAt(i) == ':')) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != '{') {
            return null;
        }
        int depth = 0;
        boolean inString = false;
        for (int j = i; j < body.length(); j++) {
            char c = body.charAt(j);
            if (inString) {
                if (c == '\\') {
                    j++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return body.substring(i, j + 1);
                }
            }
        }
        return null;
    }
}
