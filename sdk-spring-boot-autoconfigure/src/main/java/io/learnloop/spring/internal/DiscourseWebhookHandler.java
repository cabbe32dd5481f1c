package io.learnloop.spring.internal;

import io.learnloop.community.CommunityEvent;
import io.learnloop.community.DiscourseWebhooks;
import io.learnloop.community.WebhookTooLargeException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.Optional;

/**
 * The Discourse webhook endpoint: verifies the delivery with {@link DiscourseWebhooks}, publishes a new
 * {@link CommunityEvent} as a Spring application event (listen with {@code @EventListener CommunityEvent}) and answers
 * 200 at once, as Discourse waits 20 s at most. A repeated delivery is answered 200 and published no more; a bad
 * signature 401, a body that is not Discourse's JSON 400, one over the limits 413 (431 for a header).
 *
 * <p>Thread-safe: immutable.
 */
public final class DiscourseWebhookHandler implements HandlerFunction<ServerResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscourseWebhookHandler.class);
    private final DiscourseWebhooks webhooks;
    private final ApplicationEventPublisher publisher;

    /**
     * Creates the handler.
     *
     * @param webhooks  the receiver
     * @param publisher where accepted events go
     */
    public DiscourseWebhookHandler(DiscourseWebhooks webhooks, ApplicationEventPublisher publisher) {
        this.webhooks = webhooks;
        this.publisher = publisher;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        Optional<CommunityEvent> event;
        try {
            event = webhooks.receive(WebhookRequests.body(request.servletRequest()),
                    WebhookRequests.headers(request.servletRequest()));
        } catch (WebhookTooLargeException e) {
            // 413 Content Too Large (RFC 9110), 431 Request Header Fields Too Large (RFC 6585)
            return ServerResponse.status(e.isBody() ? 413 : 431).build();
        } catch (ValidationException e) {
            LOG.debug("discourse webhook refused: {}", e.getMessage());
            return ServerResponse.badRequest().build();
        } catch (LearnloopException e) {
            if (e.code() == ErrorCode.VERIFICATION_FAILED) {
                return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
            }
            throw e;
        }
        event.ifPresent(publisher::publishEvent);
        return ServerResponse.ok().build();
    }
}
