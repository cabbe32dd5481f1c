package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnloop.community.CommunityRemoteException;
import io.learnloop.community.DiscourseConfig;
import io.learnloop.community.RateLimitedException;
import io.learnloop.community.RemoteConnectionException;
import io.learnloop.community.RemoteErrorBody;
import io.learnloop.community.RemoteForbiddenException;
import io.learnloop.community.RemoteNotFoundException;
import io.learnloop.community.RemoteServerException;
import io.learnloop.community.RemoteValidationException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.http.internal.RetryAfter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Discourse's side of the SDK's HTTP layer: the API headers ({@code Api-Key} added by the signer on every attempt,
 * {@code Api-Username}, {@code Accept: application/json}), JSON bodies, and the mapping of each answer to JSON or to
 * a typed exception. Retries, backoff and waiting are the shared layer's: GET, PUT and DELETE are repeated on
 * connection failures, 429 and 500/502/503/504; a POST only when it certainly was not sent or Discourse refused it
 * with 429 (see {@link DiscourseRetryAdvice}); a non-JSON answer to a JSON call fails with a clear message.
 *
 * <p>Thread-safe: immutable.
 */
public final class DiscourseHttp {
    private static final String JSON = "application/json; charset=utf-8";

    private final DiscourseConfig config;
    private final Clock clock;
    private final HttpPipeline http;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Creates the transport on the configuration's shared client.
     *
     * @param config the site configuration
     * @param clock  the clock {@code Retry-After} dates are read against
     */
    public DiscourseHttp(DiscourseConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpPipeline.builder(config.http(), "Discourse").clock(clock)
                .signer(request -> request.withHeader("Api-Key", config.apiKey()))
                .advisor(DiscourseRetryAdvice.INSTANCE)
                .noResponse(f -> new RemoteConnectionException(f.message(), f.retryable(), f.outcomeUnknown(), f.cause()))
                .build();
    }

    /**
     * The JSON node factory for request bodies.
     *
     * @return the factory
     */
    public JsonNodeFactory json() {
        return mapper.getNodeFactory();
    }

    /**
     * GET, retried where safe.
     *
     * @param path   the path and query, starting with {@code /}
     * @param asUser the username to act as
     * @return the JSON answer
     */
    public JsonNode get(String path, String asUser) {
        return call("GET", path, null, asUser);
    }

    /**
     * PUT with a JSON body, retried where safe.
     *
     * @param path   the path
     * @param body   the body, or null
     * @param asUser the username to act as
     * @return the JSON answer
     */
    public JsonNode put(String path, JsonNode body, String asUser) {
        return call("PUT", path, body, asUser);
    }

    /**
     * DELETE with an optional JSON body, retried where safe.
     *
     * @param path   the path
     * @param body   the body, or null
     * @param asUser the username to act as
     * @return the JSON answer
     */
    public JsonNode delete(String path, JsonNode body, String asUser) {
        return call("DELETE", path, body, asUser);
    }

    /**
     * POST with a JSON body. Repeated only when the request certainly did not reach Discourse (connection refused)
     * or Discourse refused it with 429; any other failure is thrown with {@code outcomeUnknown} set when the
     * request may have been acted on.
     *
     * @param path   the path
     * @param body   the body
     * @param asUser the username to act as
     * @return the JSON answer
     */
    public JsonNode post(String path, JsonNode body, String asUser) {
        return call("POST", path, body, asUser);
    }

    private JsonNode call(String method, String path, JsonNode body, String asUser) {
        HttpRequest.Builder request = HttpRequest.of(method, config.baseUrl() + path)
                .header("Api-Username", asUser)
                .header("Accept", "application/json");
        if (body != null) {
            request.json(body.toString());
        } else if ("POST".equals(method) || "PUT".equals(method)) {
            request.body(new byte[0], JSON);
        }
        return http.call(request.build(), response -> answer(method, path, response));
    }

    private JsonNode answer(String method, String path, HttpResponse response) {
        boolean idempotent = !"POST".equals(method);
        int status = response.status();
        boolean json = DiscourseErrors.isJson(response);
        if (status >= 200 && status < 300) {
            if (response.body().length == 0) {
                return mapper.createObjectNode();
            }
            if (!json) {
                throw new RemoteServerException("Discourse answered " + method + " " + path + " with "
                        + contentType(response) + " instead of JSON (HTTP " + status + "); check the base URL, that "
                        + "the path exists on this Discourse version and that no proxy or login page is in between",
                        false, !idempotent, status, RemoteErrorBody.EMPTY);
            }
            return parse(method, path, status, response.body(), idempotent);
        }
        RemoteErrorBody error = DiscourseErrors.body(response);
        if (status == 429) {
            Duration wait = retryAfter(response, error);
            throw new RateLimitedException("Discourse rate-limited " + method + " " + path + "; retry after "
                    + wait.toSeconds() + " s (" + String.join("; ", error.errors()) + ")", wait, 429, error);
        }
        String detail = "Discourse refused " + method + " " + path + " (HTTP " + status
                + (error.errorType() == null ? "" : " " + error.errorType()) + ")"
                + (error.errors().isEmpty() ? "" : ": " + String.join("; ", error.errors()));
        if (status == 400 || status == 422) {
            throw new RemoteValidationException(detail, status, error);
        }
        if (status == 401 || status == 403) {
            throw new RemoteForbiddenException(detail + "; check the API key, the acting user and their groups",
                    status, error);
        }
        if (status == 404) {
            throw new RemoteNotFoundException(detail, status, error);
        }
        if (status >= 500) {
            boolean transientFailure = status == 500 || status == 502 || status == 503 || status == 504;
            throw new RemoteServerException(detail, idempotent && transientFailure, !idempotent, status, error);
        }
        throw new CommunityRemoteException(ErrorCode.REMOTE_FAILURE, detail, false, false, status, error, null);
    }

    /** The wait a final 429 asks for: its header (seconds or a date), the body's wait, or the first backoff. */
    private Duration retryAfter(HttpResponse response, RemoteErrorBody error) {
        Duration header = RetryAfter.of(response, clock.instant());
        if (header != null) {
            return header;
        }
        Duration body = DiscourseErrors.waitSeconds(error);
        return body != null ? body : config.http().retryPolicy().initialBackoff();
    }

    private JsonNode parse(String method, String path, int status, byte[] bytes, boolean idempotent) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new RemoteServerException("Discourse answered " + method + " " + path + " with malformed JSON (HTTP "
                    + status + ")", false, !idempotent, status, RemoteErrorBody.EMPTY);
        }
    }

    private static String contentType(HttpResponse response) {
        String type = response.mediaType();
        return type == null ? "no content type" : type;
    }

    @Override
    public String toString() {
        return "DiscourseHttp[" + config.baseUrl() + "]";
    }
}
