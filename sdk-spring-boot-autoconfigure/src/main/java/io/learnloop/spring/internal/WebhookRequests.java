package io.learnloop.spring.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
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
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        }
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
