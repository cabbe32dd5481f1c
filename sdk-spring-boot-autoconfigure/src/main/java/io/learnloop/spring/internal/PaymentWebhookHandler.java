package io.learnloop.spring.internal;

import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One provider's webhook endpoint: hands the raw body and headers to {@link Payments#handleNotification} and answers
 * with the {@link Acknowledgement} the SDK produced for that provider (Alipay's {@code success}, WeChat Pay's 204 or
 * {@code {"code":"FAIL",…}}, Stripe's 2xx).
 *
 * <p>Thread-safe: immutable.
 */
public final class PaymentWebhookHandler implements HandlerFunction<ServerResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookHandler.class);
    private final Payments payments;
    private final ProviderId provider;

    /**
     * Creates the handler.
     *
     * @param payments the payments service
     * @param provider the provider whose endpoint this is
     */
    public PaymentWebhookHandler(Payments payments, ProviderId provider) {
        this.payments = payments;
        this.provider = provider;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        NotificationResult result = payments.handleNotification(provider,
                WebhookRequests.body(request.servletRequest()), WebhookRequests.headers(request.servletRequest()));
        // the detail never holds secrets or signatures
        LOG.debug("{} notification: {} {} order={} {}", provider, result.disposition(), result.outcome().verified(),
                result.order(), result.detail());
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
