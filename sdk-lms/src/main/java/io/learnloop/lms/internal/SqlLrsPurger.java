package io.learnloop.lms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.LrsEndpoint;
import io.learnloop.lms.LrsPurge;
import io.learnloop.lms.XapiConfig;
import io.learnloop.lms.XapiException;
import io.learnloop.lms.XapiException.Problem;

import java.time.Clock;
import java.util.Map;

/**
 * Yet Analytics SQL LRS's hard delete of an actor, through the shared HTTP pipeline: an admin login for a JSON web
 * token, then {@code DELETE admin/agents} with the actor's inverse functional identifier in SQL LRS's form
 * ({@code account::<name>@<homePage>}). Deleting an actor the LRS does not know deletes nothing and succeeds, so a
 * resumed erasure may ask again.
 *
 * <p>Thread-safe: immutable.
 */
final class SqlLrsPurger {
    private static final ObjectMapper MAPPER = LearnloopJson.newMapper();

    private final LrsEndpoint lrs;
    private final LrsPurge purge;
    private final HttpPipeline http;

    SqlLrsPurger(XapiConfig config, LrsEndpoint lrs, Clock clock) {
        this.lrs = lrs;
        this.purge = lrs.purge();
        this.http = HttpPipeline.builder(config.http(), "lrs-admin-" + lrs.id()).clock(clock)
                .noResponse(f -> new XapiException(Problem.LRS_UNAVAILABLE, null, 0, "The admin API of the LRS '"
                        + lrs.id() + "' did not answer: " + f.message() + ". Ask for the erasure again to finish it.",
                        f.cause()))
                .build();
    }

    /** Deletes everything the LRS holds about an account. */
    void deleteActor(String homePage, String name) {
        HttpResponse login = http.call(HttpRequest.post(purge.serverUrl() + "admin/account/login")
                .json(json(Map.of("username", purge.adminUsername(), "password", purge.adminPassword())))
                .idempotent().build(), r -> r);
        check(login, "logging in as admin '" + purge.adminUsername() + "'");
        String token;
        try {
            JsonNode body = MAPPER.readTree(login.text());
            token = body.path("json-web-token").asText("");
        } catch (java.io.IOException e) {
            token = "";
        }
        if (token.isEmpty()) {
            throw new XapiException(Problem.LRS_REJECTED, null, login.status(), "The admin login of the LRS '"
                    + lrs.id() + "' answered no 'json-web-token'; check that the purge server URL is the SQL LRS's"
                    + " root.", null);
        }
        HttpResponse deleted = http.call(HttpRequest.of("DELETE", purge.serverUrl() + "admin/agents")
                .json(json(Map.of("actor-ifi", "account::" + name + "@" + homePage)))
                .header("Authorization", "Bearer " + token).build(), r -> r);
        check(deleted, "deleting an erased learner's statements");
    }

    private void check(HttpResponse response, String what) {
        int status = response.status();
        if (response.ok()) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new XapiException(Problem.LRS_UNAUTHORIZED, null, status, "The LRS '" + lrs.id() + "' refused "
                    + what + " (HTTP " + status + "); check the purge's admin user name and password. Ask for the"
                    + " erasure again to finish it.", null);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new XapiException(Problem.LRS_UNAVAILABLE, null, status, "The LRS '" + lrs.id() + "' answered HTTP "
                    + status + " to " + what + " after every retry; ask for the erasure again to finish it.", null);
        }
        throw new XapiException(Problem.LRS_REJECTED, null, status, "The LRS '" + lrs.id() + "' answered HTTP "
                + status + " to " + what + "; check that the LRS runs with LRSQL_ENABLE_ADMIN_DELETE_ACTOR=true and"
                + " that the purge server URL is its root. Ask for the erasure again to finish it.", null);
    }

    private static String json(Map<String, String> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
