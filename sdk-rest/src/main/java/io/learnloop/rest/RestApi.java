package io.learnloop.rest;

import io.learnloop.community.Community;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.payment.Payments;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.rest.internal.IdempotencyErasure;
import io.learnloop.rest.internal.RestApiFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP API for front ends (catalogue, course pages, checkout, order status, my learning, quizzes, certificates,
 * recommendations, community threads and posts, the operator's ledger and reports), as one framework-neutral
 * handler. The host's server turns each request into a {@link RestRequest} with the caller it authenticated, calls
 * {@link #handle}, and writes the {@link RestResponse} back. JSON bodies follow {@code docs/wire-format.md}; errors
 * are RFC 9457 problem details carrying the SDK's stable error codes; listings page by cursor; POSTs that move money
 * take an {@code Idempotency-Key} header.
 *
 * <pre>{@code
 * RestApi api = RestApi.builder(learnloop).payments(payments).build();
 * RestResponse response = api.handle(new RestRequest("GET", "/courses", query, headers, body, actor));
 * }</pre>
 *
 * <p>Every route and schema is in the OpenAPI 3.1 document {@link #openApiDocument()}, which the API also serves at
 * {@code GET /openapi.json}.
 *
 * <p>Thread-safe. The builder is not.
 */
public interface RestApi {
    /** The default largest request body, in bytes: 64 KiB. */
    int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** Where the OpenAPI document lies on the class path. */
    String OPENAPI_RESOURCE = "/io/learnloop/rest/openapi.json";

    /**
     * Answers one request. Never throws for anything a caller sent: every failure is a problem detail response.
     *
     * @param request the request
     * @return the response
     */
    RestResponse handle(RestRequest request);

    /**
     * Every route the API answers, in a stable order.
     *
     * @return the routes
     */
    List<Route> routes();

    /**
     * The largest request body this API reads; a longer one gets 413 without being parsed.
     *
     * @return the limit in bytes
     */
    int maxBodyBytes();

    /**
     * The OpenAPI 3.1 document of the API, as JSON.
     *
     * @return the document's bytes
     */
    static byte[] openApiDocument() {
        try (InputStream in = RestApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The HTTP API's step of every learner's erasure, to register with {@code Learnloop.Builder.personalDataEraser}:
     * the responses stored for the learner's {@code Idempotency-Key} headers (copies of what the operation answered,
     * filed under the caller's id) are deleted. The operations' effects stay in the core, which its own steps
     * rewrite, and a repeat of such a POST runs the operation again. The stored responses have no export section:
     * they copy the orders the core's export holds, and live only as long as their retention.
     *
     * @return the step; stateless and thread-safe
     */
    static PersonalDataEraser personalDataEraser() {
        return new IdempotencyErasure();
    }

    /**
     * Starts building an API over a Learnloop instance.
     *
     * @param learnloop the facade
     * @return a builder
     */
    static Builder builder(Learnloop learnloop) {
        return new Builder(learnloop);
    }

    /**
     * Builds a {@link RestApi}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {
        private final Learnloop learnloop;
        private Payments payments;
        private Community community;
        private RecommendationService recommendations;
        private AccessService access;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder(Learnloop learnloop) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
        }

        /**
         * The payments to check out with. Without them the checkout route answers 501.
         *
         * @param value the payments
         * @return this builder
         */
        public Builder payments(Payments value) {
            this.payments = Objects.requireNonNull(value, "payments");
            return this;
        }

        /**
         * The community to serve threads and posts from. Without it the community routes answer 501.
         *
         * @param value the community
         * @return this builder
         */
        public Builder community(Community value) {
            this.community = Objects.requireNonNull(value, "community");
            return this;
        }

        /**
         * The recommendation service behind {@code GET /me/recommendations}. Without it that route answers 501.
         * sdk-recommend is an optional dependency of this module: a host that calls this brings it.
         *
         * <p>The API keeps out every course the caller is entitled to at the time of the request (from the access
         * ledger), and asks about a caller who refused {@code PERSONALISATION} as about a learner without history,
         * so they get popular courses.
         *
         * @param value the service
         * @return this builder
         */
        public Builder recommendations(RecommendationService value) {
            this.recommendations = Objects.requireNonNull(value, "recommendations");
            return this;
        }

        /**
         * The access service the API decides lesson access and owned courses with; by default the facade's
         * ({@code learnloop.access()}). A host passes a decorated one to observe the decisions (the Spring Boot
         * starter does, for its metrics); it must answer as the facade's does.
         *
         * @param value the access service
         * @return this builder
         */
        public Builder access(AccessService value) {
            this.access = Objects.requireNonNull(value, "access");
            return this;
        }

        /**
         * The largest request body to read.
         *
         * @param value the limit in bytes, 1 KiB to 16 MiB
         * @return this builder
         * @throws ValidationException if out of range
         */
        public Builder maxBodyBytes(int value) {
            if (value < 1024 || value > 16 * 1024 * 1024) {
                throw ValidationException.of("maxBodyBytes", "must be 1024 to 16777216 bytes, was " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * Builds the API.
         *
         * @return the API
         */
        public RestApi build() {
            return RestApiFactory.create(learnloop, access == null ? learnloop.access() : access, payments, community,
                    recommendations, maxBodyBytes);
        }
    }
}
