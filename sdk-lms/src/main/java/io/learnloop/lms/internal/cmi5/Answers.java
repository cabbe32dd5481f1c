package io.learnloop.lms.internal.cmi5;

import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.Cmi5Lms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the learning record store and the fetch URL: every LRS answer carries
 * {@code X-Experience-API-Version} (xAPI communication 6.2); refusals carry a JSON body naming the problem.
 *
 * <p>Thread-safe: static functions only.
 */
final class Answers {
    static final String VERSION_HEADER = "X-Experience-API-Version";
    static final String JSON = "application/json";

    private Answers() {
    }

    static Cmi5HttpResponse json(int status, String body) {
        return of(status, JSON, body, Map.of());
    }

    static Cmi5HttpResponse of(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put(VERSION_HEADER, Cmi5Lms.XAPI_VERSION);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Cmi5HttpResponse(status, headers, body, null);
    }

    static Cmi5HttpResponse noContent() {
        return of(204, null, "", Map.of());
    }

    static Cmi5HttpResponse refusal(Cmi5Exception e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.problem().name());
        body.put("message", e.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(VERSION_HEADER, Cmi5Lms.XAPI_VERSION);
        headers.put("Content-Type", JSON);
        if (e.problem().status() == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"cmi5\"");
        }
        return new Cmi5HttpResponse(e.problem().status(), headers, Json.write(body), e.problem());
    }

    static Cmi5HttpResponse methodNotAllowed(String method, String allowed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(VERSION_HEADER, Cmi5Lms.XAPI_VERSION);
        headers.put("Content-Type", JSON);
        headers.put("Allow", allowed);
        Map<String, Object> body = Map.of("error", Cmi5Exception.Problem.INVALID_REQUEST.name(), "message",
                "Method " + method + " is not allowed here; use " + allowed + ".");
        return new Cmi5HttpResponse(405, headers, Json.write(body), Cmi5Exception.Problem.INVALID_REQUEST);
    }
}
