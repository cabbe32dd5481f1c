package io.learnloop.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A learning record store on WireMock that enforces the xAPI 1.0.3 communication rules of the statements resource:
 * the {@code X-Experience-API-Version} header (missing or not 1.0.x: 400), Basic credentials (else 401), POST of one
 * statement or an array (200 with the ids in order; a batch repeating an id: 400), PUT with {@code statementId}
 * (204), a known id with different content (409, nothing stored), a known id with the same content (no change: 200
 * or 204, or 409 when {@link #answerConflictToIdenticalResends} is set, which the spec also allows), and GET by
 * {@code statementId} (200 with the stored statement plus {@code stored}, {@code authority} and {@code version}, or
 * 404). Every answer carries the version header. Scripted faults (status codes, delays) are served first, in order.
 */
final class FakeLrs implements ResponseDefinitionTransformerV2 {
    static final String USER = "lrs-key";
    static final String SECRET = "lrs-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/xapi/statements";

    private final WireMockServer server;
    private final Map<String, JsonNode> stored = new LinkedHashMap<>();
    private final Deque<ResponseDefinitionBuilder> faults = new ArrayDeque<>();
    private final List<Integer> postSizes = new ArrayList<>();
    private volatile boolean answerConflictToIdenticalResends;
    private volatile boolean down;
    private volatile String rejectedVerb;

    FakeLrs() {
        this.server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
    }

    LrsEndpoint endpoint(String id) {
        return new LrsEndpoint(id, server.baseUrl() + "/xapi/", USER, SECRET);
    }

    WireMockServer server() {
        return server;
    }

    void shutdown() {
        server.stop();
    }

    /** The next call is answered with this status (and nothing is stored). */
    synchronized void failNext(int status) {
        faults.add(aResponse().withStatus(status).withHeader("X-Experience-API-Version", "1.0.3"));
    }

    /** The next call is answered only after this many milliseconds (and nothing is stored). */
    synchronized void delayNext(int millis) {
        faults.add(aResponse().withStatus(200).withFixedDelay(millis).withBody("[]"));
    }

    /** While down, every call is answered 503 (and nothing is stored). */
    void down(boolean value) {
        down = value;
    }

    /** Statements with this verb are refused with 400, as an LRS refuses one it finds malformed. */
    void rejectVerb(String verb) {
        rejectedVerb = verb;
    }

    void answerConflictToIdenticalResends(boolean value) {
        answerConflictToIdenticalResends = value;
    }

    /** Stores a statement as if another client had sent it. */
    synchronized void preload(String json) {
        JsonNode s = read(json);
        stored.put(s.get("id").asText(), s);
    }

    synchronized Map<String, JsonNode> statements() {
        return new LinkedHashMap<>(stored);
    }

    /** The number of statements in each accepted POST, in order. */
    synchronized List<Integer> postSizes() {
        return new ArrayList<>(postSizes);
    }

    @Override
    public String getName() {
        return "fake-lrs";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinitionBuilder fault = faults.poll();
        if (fault != null) {
            return fault.build();
        }
        if (down) {
            return answer(503, "");
        }
        String version = request.getHeader("X-Experience-API-Version");
        if (version == null || !version.startsWith("1.0.")) {
            return answer(400, "{\"error\":\"X-Experience-API-Version 1.0.x is required\"}");
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("Authorization"))) {
            return answer(401, "");
        }
        String statementId = query(request, "statementId");
        return switch (request.getMethod().getName()) {
            case "POST" -> post(request);
            case "PUT" -> put(request, statementId);
            case "GET" -> get(statementId);
            default -> answer(405, "");
        };
    }

    private ResponseDefinition post(Request request) {
        JsonNode body = read(request.getBodyAsString());
        List<JsonNode> batch = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(batch::add);
        } else {
            batch.add(body);
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode s : batch) {
            if (!s.has("actor") || !s.has("verb") || !s.has("object") || !s.has("id")) {
                return answer(400, "{\"error\":\"actor, verb and object are required\"}");
            }
            if (rejected(s)) {
                return answer(400, "{\"error\":\"verb not accepted\"}");
            }
            if (!ids.add(s.get("id").asText())) {
                return answer(400, "{\"error\":\"the batch repeats an id\"}");
            }
            if (conflicts(s)) {
                return answer(409, "{\"error\":\"statement " + s.get("id").asText() + " exists\"}");
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode s : batch) {
            stored.putIfAbsent(s.get("id").asText(), s);
            out.add(s.get("id").asText());
        }
        postSizes.add(batch.size());
        return answer(200, out.toString());
    }

    private ResponseDefinition put(Request request, String id) {
        if (id == null) {
            return answer(400, "{\"error\":\"statementId is required\"}");
        }
        JsonNode s = read(request.getBodyAsString());
        if (s.has("id") && !s.get("id").asText().equals(id)) {
            return answer(400, "{\"error\":\"id does not match statementId\"}");
        }
        if (rejected(s)) {
            return answer(400, "{\"error\":\"verb not accepted\"}");
        }
        if (conflicts(s)) {
            return answer(409, "");
        }
        stored.putIfAbsent(id, s);
        return answer(204, null);
    }

    private boolean rejected(JsonNode s) {
        return rejectedVerb != null && rejectedVerb.equals(s.path("verb").path("id").asText());
    }

    private boolean conflicts(JsonNode s) {
        JsonNode held = stored.get(s.get("id").asText());
        return held != null && (!held.equals(s) || answerConflictToIdenticalResends);
    }

    private ResponseDefinition get(String id) {
        JsonNode s = id == null ? null : stored.get(id);
        if (s == null) {
            return answer(404, "");
        }
        ObjectNode copy = s.deepCopy();
        copy.put("stored", "2026-12-07T10:00:00.000Z").put("version", "1.0.0");
        copy.putObject("authority").put("objectType", "Agent").putObject("account")
                .put("homePage", "https://lrs.example.com").put("name", USER);
        return answer(200, copy.toString());
    }

    private static ResponseDefinition answer(int status, String body) {
        ResponseDefinitionBuilder b = aResponse().withStatus(status).withHeader("X-Experience-API-Version", "1.0.3");
        if (body != null && !body.isEmpty()) {
            b.withHeader("Content-Type", "application/json").withBody(body);
        }
        return b.build();
    }

    private static String query(Request request, String name) {
        var p = request.queryParameter(name);
        return p != null && p.isPresent() ? p.firstValue() : null;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
