package io.learnloop.examples.boot;

import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A payment provider's webhook endpoint: the raw body and the headers go unchanged to
 * {@link Payments#handleNotification}, which verifies, dedupes, checks the amount and settles; the answer is the
 * acknowledgement it made for the provider.
 *
 * <p>Thread-safe: immutable.
 */
final class SandboxWebhook implements HandlerFunction<ServerResponse> {
    /** Above the SDK's own notification limit, so a longer body reaches it and is refused there by its length. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Payments payments;
    private final ProviderId provider;

    SandboxWebhook(Payments payments, ProviderId provider) {
        this.payments = payments;
        this.provider = provider;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        byte[] body;
        try (InputStream in = servlet.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(servlet.getHeaderNames())) {
            headers.putIfAbsent(name, servlet.getHeader(name));
        }
        NotificationResult result = payments.handleNotification(provider, body, headers);
        Acknowledgement ack = result.acknowledgement();
        ServerResponse.BodyBuilder response = ServerResponse.status(ack.httpStatus());
        if (ack.body().isEmpty()) {
            return response.build();
        }
        if (ack.contentType() != null) {
            response.contentType(MediaType.parseMediaType(ack.contentType()));
        }
        return response.body(ack.body());
    }
}
