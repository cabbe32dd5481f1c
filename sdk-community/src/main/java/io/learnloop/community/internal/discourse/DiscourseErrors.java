package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.community.RemoteErrorBody;
import io.learnloop.http.internal.HttpResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Discourse's error bodies: {@code {"errors":[…], "error_type":"…", "extras":{…}}}.
 *
 * <p>Thread-safe: the mapper is only read from.
 */
final class DiscourseErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiscourseErrors() {
    }

    /** Whether the response says it is JSON. */
    static boolean isJson(HttpResponse response) {
        String type = response.mediaType();
        return type != null && type.substring(type.indexOf('/') + 1).contains("json");
    }

    /** The parsed error body, empty when there is none or it is not JSON. */
    static RemoteErrorBody body(HttpResponse response) {
        if (!isJson(response) || response.body().length == 0) {
            return RemoteErrorBody.EMPTY;
        }
        try {
            JsonNode node = MAPPER.readTree(response.body());
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

    /** The rate limiter's {@code extras.wait_seconds}, or null. */
    static Duration waitSeconds(RemoteErrorBody error) {
        String wait = error.extras().get("wait_seconds");
        if (wait != null && wait.matches("\\d{1,9}(\\.\\d+)?")) {
            return Duration.ofMillis((long) (Double.parseDouble(wait) * 1000));
        }
        return null;
    }
}
