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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A learning record store on WireMock that enforces the xAPI 1.0.3 communication rules of the statements resource:
 * the {@code X-Experience-API-Version} header (missing or not 1.0.x: 400), Basic credentials (else 401), POST of one
 * statement or an array (200 with the ids in order; a batch repeating an id: 400), PUT with {@code statementId}
 * (204), a known id with different content (409, nothing stored), a known id with the same content (no change: 200
 * or 204, or 409 when {@link #answerConflictToIdenticalResends} is set, which the spec also allows), and GET by
 * {@code statementId} (200 with the stored statement plus {@code stored}, {@code authority} and {@code version}, or
 * 404). Every answer carries the version header. Scripted faults (status codes, delays) are served first, in order.
 *
 * <p>Voiding (xAPI-Data 2.3.2): a statement with the verb {@code voided} must have a {@code StatementRef} object
 * (else 400); a voiding statement cannot be voided (400); the object need not be held. A voided statement is no
 * longer returned by {@code statementId} (404), as xAPI-Communication 2.1.3 requires.
 *
 * <p>The admin API of Yet Analytics SQL LRS, for the erasure's purge: {@code POST /admin/account/login} with the
 * admin's {@code username} and {@code password} answers {@code {"account-id", "json-web-token"}} (else 401);
 * {@code DELETE /admin/agents} with that token as {@code Bearer} (else 401) and a body {@code {"actor-ifi":
 * "account::<name>@<homePage>"}} (else 400) deletes the actor's statements and answers 200; while the delete is not
 * enabled, as SQL LRS runs by default, the route does not exist (404).
 */
final class FakeLrs implements ResponseDefinitionTransformerV2 {
    static final String USER = "lrs-key";
    static final String SECRET = "lrs-secret";
    static final String ADMIN = "lrs-admin";
    static final String ADMIN_PASSWORD = "Admin-pass-1!";
    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    private static final String ADMIN_PATHS = "/admin/.*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/xapi/statements";

    private final WireMockServer server;
    private final Map<String, JsonNode> stored = new LinkedHashMap<>();
    private final Deque<ResponseDefinitionBuilder> faults = new ArrayDeque<>();
    private final List<Integer> postSizes = new ArrayList<>();
    private volatile boolean answerConflictToIdenticalResends;
    private volatile boolean down;
    private volatile String rejectedVerb;
    private volatile boolean deleteActorEnabled;
    private final Set<String> voided = new HashSet<>();
    private final Set<String> tokens = new HashSet<>();
    private final List<String> deletedActors = new ArrayList<>();

    FakeLrs() {
        this.server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        server.stubFor(any(urlPathMatching(ADMIN_PATHS)).willReturn(aResponse().withStatus(500)));
    }

    /** The server's root, where SQL LRS serves its admin API. */
    String serverUrl() {
        return server.baseUrl() + "/";
    }

    /** Enables SQL LRS's actor delete ({@code LRSQL_ENABLE_ADMIN_DELETE_ACTOR}). */
    void enableDeleteActor(boolean value) {
        deleteActorEnabled = value;
    }

    /** The ids of the statements voided so far. */
    synchronized Set<String> voided() {
        return new HashSet<>(voided);
    }

    /** The actor IFIs deleted through the admin API, in order. */
    synchronized List<String> deletedActors() {
        return new ArrayList<>(deletedActors);
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
        if (request.getUrl().startsWith("/admin/")) {
            return admin(request);
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
            String voidingProblem = voidingProblem(s);
            if (voidingProblem != null) {
                return answer(400, "{\"error\":\"" + voidingProblem + "\"}");
            }
            if (conflicts(s)) {
                return answer(409, "{\"error\":\"statement " + s.get("id").asText() + " exists\"}");
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode s : batch) {
            store(s);
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
        String voidingProblem = voidingProblem(s);
        if (voidingProblem != null) {
            return answer(400, "{\"error\":\"" + voidingProblem + "\"}");
        }
        if (conflicts(s)) {
            return answer(409, "");
        }
        store(s);
        return answer(204, null);
    }

    private void store(JsonNode s) {
        if (stored.putIfAbsent(s.get("id").asText(), s) == null && isVoiding(s)) {
            voided.add(s.path("object").path("id").asText());
        }
    }

    private static boolean isVoiding(JsonNode s) {
        return VOIDED.equals(s.path("verb").path("id").asText());
    }

    /** What makes a voiding statement unacceptable, or null. */
    private String voidingProblem(JsonNode s) {
        if (!isVoiding(s)) {
            return null;
        }
        if (!"StatementRef".equals(s.path("object").path("objectType").asText())) {
            return "a voiding statement's object must be a StatementRef";
        }
        JsonNode target = stored.get(s.path("object").path("id").asText());
        return target != null && isVoiding(target) ? "a voiding statement cannot be voided" : null;
    }

    private ResponseDefinition admin(Request request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        String method = request.getMethod().getName();
        if (path.equals("/admin/account/login") && method.equals("POST")) {
            JsonNode body = read(request.getBodyAsString());
            if (!ADMIN.equals(body.path("username").asText()) || !ADMIN_PASSWORD.equals(body.path("password")
                    .asText())) {
                return answer(401, "{\"error\":\"Invalid Account Credentials\"}");
            }
            String token = "jwt-" + (tokens.size() + 1);
            tokens.add(token);
            return answer(200, "{\"account-id\":\"7b0a6f1e-4a57-4c7e-9d3a-2f5c6c1b9e10\",\"json-web-token\":\""
                    + token + "\"}");
        }
        if (path.equals("/admin/agents") && method.equals("DELETE") && deleteActorEnabled) {
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                return answer(401, "");
            }
            String ifi = read(request.getBodyAsString()).path("actor-ifi").asText("");
            if (!ifi.startsWith("account::") || !ifi.contains("@")) {
                return answer(400, "{\"error\":\"Invalid parameters: actor-ifi\"}");
            }
            deletedActors.add(ifi);
            stored.values().removeIf(st -> ifi.equals("account::" + st.path("actor").path("account").path("name")
                    .asText() + "@" + st.path("actor").path("account").path("homePage").asText()));
            return answer(200, "{\"actor-ifi\":\"" + ifi + "\"}");
        }
        return answer(404, "");
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
        if (s == null || voided.contains(id)) {
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
