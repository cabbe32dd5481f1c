package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.CredentialRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fetch URL (cmi5 section 8.2): a POST with the launch's one-time key answers the session's {@code auth-token}
 * once; the key is used up in the same unit of work that stores the token's SHA-256, so two concurrent fetches cannot
 * both get one. The token is Basic credentials ({@code cmi5:<secret>}, Base64), which the AU sends as
 * {@code Authorization: Basic <auth-token>} and which expire with the session. Errors answer HTTP 200 with the cmi5
 * error JSON (section 8.2.2): {@code error-code} 1 for a key already used or expired, 2 for a key never issued.
 *
 * <p>Thread-safe: immutable.
 */
final class FetchEndpoint {
    private final ServiceContext context;

    FetchEndpoint(ServiceContext context) {
        this.context = context;
    }

    private record Outcome(Problem problem, String token) {
    }

    Cmi5HttpResponse fetch(String method, String target) {
        if (!"POST".equals(method == null ? "" : method.toUpperCase(Locale.ROOT))) {
            return Answers.methodNotAllowed(method, "POST");
        }
        String key = key(target);
        if (key == null || key.isEmpty() || key.length() > 128) {
            return error(Problem.FETCH_INVALID, "2", "The fetch URL carries no valid key; launch the AU again.");
        }
        Instant now = context.now();
        String token = Base64.getEncoder().encodeToString(("cmi5:" + Ids.secret()).getBytes(StandardCharsets.US_ASCII));
        Outcome outcome = context.transactRetrying(uow -> {
            Optional<Versioned<CredentialRow>> found = uow.find(Cmi5Types.CREDENTIAL, Ids.digest(key));
            if (found.isEmpty() || !"fetch".equals(found.get().value().kind())) {
                return new Outcome(Problem.FETCH_INVALID, null);
            }
            CredentialRow fetch = found.get().value();
            if (fetch.usedAt() != null || !now.isBefore(fetch.expiresAt())) {
                return new Outcome(Problem.FETCH_USED, null);
            }
            SessionRow session = uow.get(Cmi5Types.SESSION, fetch.session()).value();
            uow.update(Cmi5Types.CREDENTIAL, new CredentialRow(fetch.id(), fetch.kind(), fetch.session(),
                    fetch.learner(), fetch.expiresAt(), now), found.get().version());
            uow.insert(Cmi5Types.CREDENTIAL, new CredentialRow(Ids.digest(token), "auth", session.id(),
                    session.learner(), session.expiresAt(), null));
            return new Outcome(null, token);
        });
        if (outcome.problem() == Problem.FETCH_INVALID) {
            return error(Problem.FETCH_INVALID, "2", "The fetch URL was not issued by this LMS; launch the AU again.");
        }
        if (outcome.problem() == Problem.FETCH_USED) {
            return error(Problem.FETCH_USED, "1", "The authorization token has already been returned, or the launch "
                    + "expired; launch the AU again.");
        }
        return respond(Map.of("auth-token", outcome.token()), null);
    }

    private static String key(String target) {
        try {
            return Lrs.query(target).get("k");
        } catch (Cmi5Exception e) {
            // a repeated or undecodable parameter: no key this LMS issued looks like that
            return null;
        }
    }

    private static Cmi5HttpResponse error(Problem problem, String code, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error-code", code);
        body.put("error-text", text);
        return respond(body, problem);
    }

    private static Cmi5HttpResponse respond(Map<String, Object> body, Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Answers.JSON);
        // the answer is a credential: no cache may keep it
        headers.put("Cache-Control", "no-store");
        return new Cmi5HttpResponse(200, headers, Json.write(body), problem);
    }
}
