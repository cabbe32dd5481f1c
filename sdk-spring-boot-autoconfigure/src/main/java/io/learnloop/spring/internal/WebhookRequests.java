package io.learnloop.spring.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Reads a webhook delivery as the SDK wants it: the raw body bytes and the headers, untouched. */
final class WebhookRequests {
    /**
     * The most bytes read from a body. It is above the SDK's default limits (256 KiB), so a larger body reaches the
     * SDK one byte over and is refused there by its length, with the provider's own answer.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private WebhookRequests() {
    }

    static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length == 0 && isForm(request) && !request.getParameterMap().isEmpty()) {
            // A filter before us read a form body as parameters (request.getParameter consumes it), and the servlet
            // container cannot give it back. Alipay signs the decoded parameters, not the bytes, so the form
            // encoded again from them verifies exactly as the original would.
            return form(request.getParameterMap());
        }
        return body;
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static byte[] form(Map<String, String[]> parameters) {
        StringJoiner form = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            for (String value : values) {
                form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first value of each header, looked up in any case as HTTP header names are. */
    static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        return headers;
    }
}
