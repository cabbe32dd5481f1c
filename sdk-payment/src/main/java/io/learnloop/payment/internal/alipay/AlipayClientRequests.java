package io.learnloop.payment.internal.alipay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Requests that the payer's client, not the SDK, sends to Alipay (page pay, WAP pay, the app's order string): signed
 * here and handed over as a URL, a form or a string, encoded the way the official SDK's {@code pageExecute} and
 * {@code sdkExecute} encode them ({@code WebUtils.buildQuery}: in the map's order, empty values left out, every value
 * {@code URLEncoder}-encoded in UTF-8, names as they are).
 *
 * <p>Thread-safe: stateless.
 */
public final class AlipayClientRequests {
    private AlipayClientRequests() {
    }

    /**
     * The parameters with their {@code sign}, sorted by name.
     *
     * @param params the parameters without {@code sign} (not modified)
     * @param key    the application private key
     * @return a sorted, unmodifiable copy with {@code sign} added
     */
    public static SortedMap<String, String> signed(Map<String, String> params, PrivateKey key) {
        SortedMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("sign");
        sorted.put("sign", AlipaySignatures.sign(sorted, key));
        return Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * The parameters as a query string.
     *
     * @param params the parameters, in the order wanted
     * @return {@code name=encoded-value} pairs joined by {@code &}
     */
    public static String query(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                j.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return j.toString();
    }

    /**
     * The gateway URL with a query string appended.
     *
     * @param gatewayUrl the gateway
     * @param query      the query string
     * @return the URL
     */
    public static String url(String gatewayUrl, String query) {
        return gatewayUrl + (gatewayUrl.indexOf('?') < 0 ? "?" : "&") + query;
    }
}
