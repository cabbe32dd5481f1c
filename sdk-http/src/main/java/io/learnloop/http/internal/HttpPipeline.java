package io.learnloop.http.internal;

import io.learnloop.http.CallInterruptedException;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one way the SDK calls a remote peer: sign → send → verify → parse, with the shared retry policy around sign
 * and send. Each peer client (a payment provider, the Discourse backend) builds one pipeline with its signer and
 * advisor, then passes a verifier and a parser per call.
 *
 * <p>An attempt is signed afresh, sent, and judged by {@link RetryRules}; a repeatable failure waits (full-jitter
 * backoff, at least the peer's {@code Retry-After}) through the shared {@link Sleeper} and tries again, within the
 * policy's attempt and total-wait bounds. The final response is verified (never retried when that fails) and
 * parsed. No response at all becomes the client's exception through its {@link NoResponse.Mapper}; an interrupt
 * stops at once with {@link CallInterruptedException}, the thread's flag left set.
 *
 * <p>Logs name the peer, the method and the path only: never a query, a header or a body.
 *
 * <p>Thread-safe: immutable.
 */
public final class HttpPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);

    private final Transport transport;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Clock clock;
    private final String peer;
    private final RequestSigner signer;
    private final RetryAdvisor advisor;
    private final NoResponse.Mapper noResponse;

    private HttpPipeline(Builder b) {
        this.transport = new Transport(b.http.okHttpClient());
        this.policy = b.http.retryPolicy();
        this.sleeper = b.http.sleeper();
        this.backoff = new Backoff(policy);
        this.clock = b.clock;
        this.peer = b.peer;
        this.signer = b.signer;
        this.advisor = b.advisor;
        this.noResponse = b.noResponse;
    }

    /**
     * Starts a pipeline for one peer.
     *
     * @param http the shared client
     * @param peer the peer's name for messages and logs, for example {@code "stripe"}
     * @return a builder
     */
    public static Builder builder(SharedHttpClient http, String peer) {
        return new Builder(http, peer);
    }

    /**
     * Calls the peer and parses the answer without verifying it.
     *
     * @param request the request
     * @param parser  turns the final response into the result or the client's exception
     * @param <T>     the result type
     * @return the result
     */
    public <T> T call(HttpRequest request, ResponseParser<T> parser) {
        return call(request, ResponseVerifier.NONE, parser);
    }

    /**
     * Calls the peer: sign and send (repeated where safe), verify the final response, parse it.
     *
     * @param request  the request
     * @param verifier checks the final response; its failure is thrown as it is, never retried
     * @param parser   turns the final response into the result or the client's exception
     * @param <T>      the result type
     * @return the result
     * @throws CallInterruptedException when the thread is interrupted; its interrupt flag stays set
     */
    public <T> T call(HttpRequest request, ResponseVerifier verifier, ResponseParser<T> parser) {
        HttpResponse response = exchange(request);
        verifier.verify(response);
        return parser.parse(response);
    }

    private HttpResponse exchange(HttpRequest request) {
        String what = peer + " " + request.method() + " " + request.path();
        Duration waited = Duration.ZERO;
        boolean reached = false;
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(what, request, reached, null);
            }
            HttpResponse response;
            try {
                response = transport.send(signer.sign(request));
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(what, request, true, e);
                }
                boolean notSent = RetryRules.notSent(e);
                reached |= !notSent;
                boolean repeatable = RetryRules.mayRepeat(request, e);
                LOG.warn("{} failed on attempt {}: {}", what, attempt, e.getClass().getSimpleName());
                Duration wait = repeatable ? nextWait(what, attempt, waited, null) : null;
                if (wait == null) {
                    throw noResponse.map(noResponse(what, request, e, notSent, repeatable, reached));
                }
                waited = waited.plus(sleep(what, request, wait, reached));
                continue;
            }
            // A 429 is a refusal before acting; anything else may have been acted on.
            reached |= response.status() != 429;
            LOG.debug("{} -> {} (attempt {})", what, response.status(), attempt);
            if (!RetryRules.mayRepeat(request, response, advisor)) {
                return response;
            }
            Duration wait = nextWait(what, attempt, waited, retryAfter(response));
            if (wait == null) {
                return response;
            }
            LOG.warn("{} returned {}; retrying in {} ms", what, response.status(), wait.toMillis());
            waited = waited.plus(sleep(what, request, wait, reached));
        }
    }

    private Duration retryAfter(HttpResponse response) {
        Duration header = RetryAfter.of(response, clock.instant());
        return header != null ? header : advisor.retryAfter(response);
    }

    /** The wait before the next attempt, or null when the policy allows none. */
    private Duration nextWait(String what, int attempt, Duration waited, Duration retryAfter) {
        if (attempt >= policy.maxAttempts()) {
            return null;
        }
        if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
            LOG.warn("{} asked to retry after {}, longer than the configured {}; giving up", what, retryAfter,
                    policy.maxRetryAfter());
            return null;
        }
        Duration wait = backoff.delay(attempt);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        if (waited.plus(wait).compareTo(policy.maxTotalWait()) > 0) {
            LOG.warn("{} would wait {} in all, longer than the configured {}; giving up", what, waited.plus(wait),
                    policy.maxTotalWait());
            return null;
        }
        return wait;
    }

    private Duration sleep(String what, HttpRequest request, Duration wait, boolean reached) {
        sleeper.sleep(wait);
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(what, request, reached, null);
        }
        return wait;
    }

    private static CallInterruptedException interrupted(String what, HttpRequest request, boolean reached,
                                                        IOException cause) {
        boolean unknown = reached && !request.readOnly();
        return new CallInterruptedException(what + " was interrupted" + (cause == null ? " before its next attempt" : "")
                + "; nothing more was sent"
                + (unknown ? "; an earlier attempt may have been carried out, look it up before repeating" : ""),
                unknown, cause);
    }

    private static NoResponse noResponse(String what, HttpRequest request, IOException e, boolean notSent,
                                         boolean repeatable, boolean reached) {
        boolean unknown = reached && !request.readOnly();
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return new NoResponse(what + " failed without a response (" + e.getClass().getSimpleName() + detail + ")"
                + (unknown ? "; it may have been carried out, look it up before repeating"
                : notSent ? "; the request was not sent" : ""), repeatable, unknown, e);
    }

    @Override
    public String toString() {
        return "HttpPipeline[" + peer + ", " + policy + "]";
    }

    /**
     * Builds an {@link HttpPipeline}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SharedHttpClient http;
        private final String peer;
        private Clock clock = Clock.systemUTC();
        private RequestSigner signer = RequestSigner.NONE;
        private RetryAdvisor advisor = RetryAdvisor.NONE;
        private NoResponse.Mapper noResponse = NoResponse.Mapper.DEFAULT;

        private Builder(SharedHttpClient http, String peer) {
            this.http = Objects.requireNonNull(http, "http");
            this.peer = Objects.requireNonNull(peer, "peer");
        }

        /**
         * Sets the clock that {@code Retry-After} dates are read against (the peer client's own clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the signer applied to every attempt.
         *
         * @param value the signer
         * @return this builder
         */
        public Builder signer(RequestSigner value) {
            this.signer = Objects.requireNonNull(value, "signer");
            return this;
        }

        /**
         * Sets the peer's own retry advice.
         *
         * @param value the advisor
         * @return this builder
         */
        public Builder advisor(RetryAdvisor value) {
            this.advisor = Objects.requireNonNull(value, "advisor");
            return this;
        }

        /**
         * Sets how a call without a response becomes the client's exception.
         *
         * @param value the mapper
         * @return this builder
         */
        public Builder noResponse(NoResponse.Mapper value) {
            this.noResponse = Objects.requireNonNull(value, "noResponse");
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return the pipeline
         */
        public HttpPipeline build() {
            return new HttpPipeline(this);
        }
    }
}
