package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.Cmi5Lms;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.CredentialRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The learning record store's front door: routes a request under the endpoint to its resource after the checks every
 * xAPI resource shares (xAPI communication 6.2 and 6.4): {@code X-Experience-API-Version} present and 1.0.x (400
 * otherwise), Basic credentials holding an auth-token from the fetch URL that has not expired (401 otherwise). The
 * token names the session, and through it the learner, registration and AU, that everything the request touches must
 * belong to. {@code about} needs neither.
 *
 * <p>Thread-safe: immutable.
 */
final class Lrs {
    static final int MAX_BODY = 1024 * 1024;
    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");

    private final ServiceContext context;
    private final String basePath;
    private final StatementResource statements;
    private final DocumentResource documents;

    Lrs(ServiceContext context, Cmi5Config config, StatementResource statements, DocumentResource documents) {
        this.context = context;
        this.basePath = URI.create(config.endpoint()).getRawPath();
        this.statements = statements;
        this.documents = documents;
    }

    Cmi5HttpResponse handle(String method, String target, Map<String, String> headers, byte[] body) {
        try {
            String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
            String path = path(target);
            if (!path.startsWith(basePath)) {
                throw new Cmi5Exception(Problem.NOT_FOUND, "No xAPI resource at '" + path + "'.");
            }
            String resource = path.substring(basePath.length());
            if (resource.endsWith("/")) {
                resource = resource.substring(0, resource.length() - 1);
            }
            Map<String, String> h = lower(headers);
            if (resource.equals("about")) {
                return "GET".equals(m) ? Answers.json(200, Json.write(Map.of("version",
                        java.util.List.of(Cmi5Lms.XAPI_VERSION)))) : Answers.methodNotAllowed(m, "GET");
            }
            requireVersion(h.get("x-experience-api-version"));
            Map<String, String> query = query(target);
            if (query.containsKey("method")) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "The alternate request syntax (a method query "
                        + "parameter) is not supported; send the request with its own HTTP method and headers.");
            }
            SessionRow session = authenticate(h.get("authorization"));
            byte[] payload = body == null ? new byte[0] : body;
            if (payload.length > MAX_BODY) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "The request body is over " + MAX_BODY + " bytes.");
            }
            return switch (resource) {
                case "statements" -> statements.handle(m, query, payload, session);
                case "activities/state" -> documents.state(m, query, h, payload, session);
                case "agents/profile" -> documents.profile(m, query, h, payload, session);
                default -> throw new Cmi5Exception(Problem.NOT_FOUND, "No xAPI resource '" + resource + "' here; "
                        + "this LRS serves statements, activities/state, agents/profile and about.");
            };
        } catch (Cmi5Exception e) {
            return Answers.refusal(e);
        } catch (ValidationException e) {
            return Answers.refusal(new Cmi5Exception(Problem.INVALID_REQUEST, e.getMessage(), e));
        }
    }

    private static void requireVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new Cmi5Exception(Problem.UNSUPPORTED_VERSION, "The X-Experience-API-Version header is required; "
                    + "send 1.0.3.");
        }
        if (!VERSION.matcher(version.trim()).matches()) {
            throw new Cmi5Exception(Problem.UNSUPPORTED_VERSION, "X-Experience-API-Version '" + version + "' is not "
                    + "supported; this LRS speaks 1.0.x (send 1.0.3).");
        }
    }

    private SessionRow authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Cmi5Exception(Problem.UNAUTHORIZED, "Send the auth-token from the fetch URL as Basic "
                    + "credentials: Authorization: Basic <auth-token>.");
        }
        String token = authorization.substring(6).trim();
        Instant now = context.now();
        Optional<SessionRow> session = context.read(uow -> {
            Optional<CredentialRow> c = uow.find(Cmi5Types.CREDENTIAL, Ids.digest(token)).map(Versioned::value)
                    .filter(r -> "auth".equals(r.kind()) && now.isBefore(r.expiresAt()));
            return c.flatMap(r -> uow.find(Cmi5Types.SESSION, r.session()).map(Versioned::value));
        });
        return session.orElseThrow(() -> new Cmi5Exception(Problem.UNAUTHORIZED, "The credentials are not an "
                + "auth-token of a live session (unknown, or the session expired); launch the AU again."));
    }

    static String path(String target) {
        if (target == null) {
            return "";
        }
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    static Map<String, String> query(String target) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = target == null ? -1 : target.indexOf('?');
        if (q < 0 || q == target.length() - 1) {
            return out;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "The query is not URL-encoded: " + e.getMessage(), e);
            }
            if (out.putIfAbsent(k, v) != null) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "The query parameter '" + k + "' is repeated.");
            }
        }
        return out;
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }
}
