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
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sends one call to Discourse and turns the answer into JSON or a typed exception. Carries the API headers
 * ({@code Api-Key}, {@code Api-Username}, {@code Accept: application/json}); honours 429 within a bound; retries
 * GET, PUT and DELETE on connection failures and 500/502/503/504 with jittered exponential backoff; never repeats a
 * POST that may have been sent; refuses a non-JSON answer to a JSON call with a clear message.
 *
 * <p>Thread-safe: the client is shared and immutable; the jitter source is guarded.
 */
public final class DiscourseHttp {
    private static final Logger LOG = LoggerFactory.getLogger(DiscourseHttp.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final DiscourseConfig config;
    private final OkHttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom();

    /**
     * Creates the transport with its own client.
     *
     * @param config the site configuration
     */
    public DiscourseHttp(DiscourseConfig config) {
        this.config = config;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                // Retries are decided here, per method; okhttp would otherwise repeat a POST on its own.
                .retryOnConnectionFailure(false)
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
        boolean idempotent = !"POST".equals(method);
        Request request = request(method, path, body, asUser);
        int attempt = 0;
        while (true) {
            attempt++;
            boolean last = attempt >= config.maxAttempts();
            try (Response response = client.newCall(request).execute()) {
                int status = response.code();
                LOG.debug("Discourse {} {} -> {} (attempt {})", method, path, status, attempt);
                byte[] bytes = bytes(response.body());
                if (status == 429) {
                    RemoteErrorBody error = errorBody(response, bytes);
                    Duration wait = retryAfter(response, error);
                    if (!last && wait.compareTo(config.maxRateLimitWait()) <= 0) {
                        config.sleeper().sleep(wait);
                        continue;
                    }
                    throw new RateLimitedException("Discourse rate-limited " + method + " " + path + "; retry after "
                            + wait.toSeconds() + " s (" + String.join("; ", error.errors()) + ")", wait, 429, error);
                }
                if (idempotent && !last && isRetryableStatus(status)) {
                    config.sleeper().sleep(backoff(attempt));
                    continue;
                }
                return answer(method, path, status, response, bytes, idempotent);
            } catch (IOException e) {
                boolean notSent = notSent(e);
                if ((idempotent || notSent) && !last) {
                    LOG.debug("Discourse {} {} failed ({}); retrying", method, path, e.getClass().getSimpleName());
                    config.sleeper().sleep(backoff(attempt));
                    continue;
                }
                throw new RemoteConnectionException("Discourse " + method + " " + path + " failed without an answer ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"
                        + (notSent || idempotent ? "" : "; it may have been carried out, look it up before repeating"),
                        idempotent || notSent, !idempotent && !notSent, e);
            }
        }
    }

    private Request request(String method, String path, JsonNode body, String asUser) {
        RequestBody requestBody = body == null
                ? ("POST".equals(method) || "PUT".equals(method) ? RequestBody.create(new byte[0], JSON) : null)
                : RequestBody.create(body.toString(), JSON);
        return new Request.Builder()
                .url(config.baseUrl() + path)
                .header("Api-Key", config.apiKey())
                .header("Api-Username", asUser)
                .header("Accept", "application/json")
                .method(method, requestBody)
                .build();
    }

    private JsonNode answer(String method, String path, int status, Response response, byte[] bytes,
                            boolean idempotent) {
        boolean json = isJson(response);
        if (status >= 200 && status < 300) {
            if (bytes.length == 0) {
                return mapper.createObjectNode();
            }
            if (!json) {
                throw new RemoteServerException("Discourse answered " + method + " " + path + " with "
                        + contentType(response) + " instead of JSON (HTTP " + status + "); check the base URL, that "
                        + "the path exists on this Discourse version and that no proxy or login page is in between",
                        false, !idempotent, status, RemoteErrorBody.EMPTY);
            }
            return parse(method, path, status, bytes, idempotent);
        }
        RemoteErrorBody error = json ? errorBody(response, bytes) : RemoteErrorBody.EMPTY;
        String detail = "Discourse refused " + method + " " + path + " (HTTP " + status
                + (error.errorType() == null ? "" : " " + error.errorType()) + ")"
                + (error.errors().isEmpty() ? "" : ": " + String.join("; ", error.errors()));
        if (status == 400 || status == 422) {
            return thrown(new RemoteValidationException(detail, status, error));
        }
        if (status == 401 || status == 403) {
            return thrown(new RemoteForbiddenException(detail + "; check the API key, the acting user and their groups",
                    status, error));
        }
        if (status == 404) {
            return thrown(new RemoteNotFoundException(detail, status, error));
        }
        if (status >= 500) {
            return thrown(new RemoteServerException(detail, idempotent && isRetryableStatus(status), !idempotent,
                    status, error));
        }
        return thrown(new CommunityRemoteException(ErrorCode.REMOTE_FAILURE, detail, false, false, status, error, null));
    }

    private JsonNode parse(String method, String path, int status, byte[] bytes, boolean idempotent) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new RemoteServerException("Discourse answered " + method + " " + path + " with malformed JSON (HTTP "
                    + status + ")", false, !idempotent, status, RemoteErrorBody.EMPTY);
        }
    }

    private static JsonNode thrown(CommunityRemoteException e) {
        throw e;
    }

    private RemoteErrorBody errorBody(Response response, byte[] bytes) {
        if (!isJson(response) || bytes.length == 0) {
            return RemoteErrorBody.EMPTY;
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            List<String> errors = new ArrayList<>();
            node.path("errors").forEach(e -> errors.add(e.asText()));
            Map<String, String> extras = new LinkedHashMap<>();
            node.path("extras").properties().forEach(e -> extras.put(e.getKey(), e.getValue().asText()));
            String type = node.hasNonNull("error_type") ? node.get("error_type").asText() : null;
            return new RemoteErrorBody(errors, type, extras);
        } catch (IOException e) {
            return RemoteErrorBody.EMPTY;
        }
    }

    private Duration retryAfter(Response response, RemoteErrorBody error) {
        String header = response.header("Retry-After");
        if (header != null && header.trim().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        }
        String wait = error.extras().get("wait_seconds");
        if (wait != null && wait.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis((long) (Double.parseDouble(wait) * 1000));
        }
        return config.backoffBase();
    }

    private Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis() << Math.min(attempt - 1, 10);
        double factor;
        synchronized (random) {
            factor = 0.5 + random.nextDouble() / 2;
        }
        return Duration.ofMillis((long) (base * factor));
    }

    private static boolean isRetryableStatus(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static boolean notSent(IOException e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return true;
        }
        return e instanceof InterruptedIOException && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect timed out");
    }

    private static boolean isJson(Response response) {
        MediaType type = response.body() == null ? null : response.body().contentType();
        return type != null && type.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    private static String contentType(Response response) {
        MediaType type = response.body() == null ? null : response.body().contentType();
        return type == null ? "no content type" : type.type() + "/" + type.subtype();
    }

    private static byte[] bytes(ResponseBody body) throws IOException {
        return body == null ? new byte[0] : body.bytes();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DiscourseHttp[" + config.baseUrl() + "]";
    }
}
