package io.learnloop.lms.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of the platform's Assignment and Grade Services under the configured base: a context's line items
 * container {@code {base}/contexts/{contextId}/lineitems}, a line item {@code {base}/lineitems/{id}}, its
 * {@code /scores} and {@code /results}. Ids are URL-encoded path segments.
 *
 * <p>Thread-safe: immutable.
 */
final class AgsUrls {
    private final String base;

    AgsUrls(String base) {
        this.base = base;
    }

    String lineItems(String contextId) {
        return base + "/contexts/" + encode(contextId) + "/lineitems";
    }

    String lineItem(String id) {
        return base + "/lineitems/" + encode(id);
    }

    /** The path of the base URL, which every AGS request's path starts with. */
    String basePath() {
        String rest = base.substring(base.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
