package io.learnloop.payment.internal.http;

import java.util.Map;
import java.util.TreeMap;

/**
 * Case-insensitive copies of request headers (servlet containers and frameworks differ in capitalisation).
 */
public final class HeaderMap {
    private HeaderMap() {
    }

    /**
     * Copies headers into a case-insensitive map.
     *
     * @param headers the headers, may be null
     * @return the copy
     */
    public static Map<String, String> of(Map<String, String> headers) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }
}
