package io.learnloop.payment.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One delivery from the sandbox, exactly as a host's webhook endpoint would receive it.
 *
 * <p>Thread-safe: immutable; {@link #body()} returns a copy.
 */
public final class SandboxNotification {
    private final byte[] body;
    private final Map<String, String> headers;

    SandboxNotification(byte[] body, Map<String, String> headers) {
        this.body = body.clone();
        this.headers = Map.copyOf(headers);
    }

    /**
     * The raw body.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request headers.
     *
     * @return the headers
     */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "SandboxNotification[" + new String(body, StandardCharsets.UTF_8) + "]";
    }
}
