package io.learnloop.payment.internal.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Stripe's {@code application/x-www-form-urlencoded} encoding with bracket nesting: {@code a[b][c]=v} for maps and
 * {@code a[0][b]=v} for lists, in insertion order. Null values are left out.
 */
public final class FormEncoder {
    private FormEncoder() {
    }

    /**
     * Flattens nested parameters into key/value pairs.
     *
     * @param params maps, lists, strings, numbers and booleans
     * @return the flat pairs, keys with brackets, values as text
     */
    public static List<Map.Entry<String, String>> flatten(Map<String, ?> params) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        params.forEach((k, v) -> flatten(k, v, out));
        return out;
    }

    private static void flatten(String key, Object value, List<Map.Entry<String, String>> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(key + "[" + k + "]", v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.add(Map.entry(key, String.valueOf(value)));
        }
    }

    /**
     * Encodes nested parameters as a form body.
     *
     * @param params the parameters
     * @return the encoded body
     */
    public static String encode(Map<String, ?> params) {
        StringJoiner j = new StringJoiner("&");
        for (Map.Entry<String, String> e : flatten(params)) {
            j.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return j.toString();
    }
}
