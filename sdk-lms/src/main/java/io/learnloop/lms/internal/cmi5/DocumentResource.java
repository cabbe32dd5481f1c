package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.DocumentRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The state resource (xAPI communication 2.3) and the agent profile resource (2.6) for AU sessions, one document at
 * a time: GET, PUT, POST (merging JSON objects, xAPI 2.2) and DELETE. The agent must be the session's learner and
 * the activity the session's AU; {@code LMS.LaunchData} is written by the LMS and read-only for the AU (cmi5 section
 * 10), so writing or deleting it is refused with 403.
 *
 * <p>Thread-safe: immutable.
 */
final class DocumentResource {
    private final ServiceContext context;
    private final Cmi5Config config;

    DocumentResource(ServiceContext context, Cmi5Config config) {
        this.context = context;
        this.config = config;
    }

    Cmi5HttpResponse state(String method, Map<String, String> query, Map<String, String> headers, byte[] body,
                           SessionRow session) {
        requireAgent(query.get("agent"), session);
        String activityId = query.get("activityId");
        if (activityId == null) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The state resource needs an activityId.");
        }
        if (!activityId.equals(session.activityId())) {
            throw new Cmi5Exception(Problem.FORBIDDEN, "These credentials reach only the state of the launched AU "
                    + session.activityId() + ".");
        }
        String registration = query.get("registration");
        if (registration != null && !registration.toLowerCase(Locale.ROOT).equals(session.registration())) {
            throw new Cmi5Exception(Problem.FORBIDDEN, "These credentials reach only the registration "
                    + session.registration() + ".");
        }
        String stateId = required(query, "stateId");
        if (Cmi5Vocabulary.LAUNCH_DATA.equals(stateId) && !"GET".equals(method)) {
            throw new Cmi5Exception(Problem.FORBIDDEN, "LMS.LaunchData is written by the LMS; the AU must not "
                    + "modify or delete it (cmi5 section 10).");
        }
        String reg = registration == null ? null : session.registration();
        String id = Documents.stateId(activityId, session.learner(), reg, stateId);
        return document(method, id, "state", activityId, reg, stateId, headers, body, session);
    }

    Cmi5HttpResponse profile(String method, Map<String, String> query, Map<String, String> headers, byte[] body,
                             SessionRow session) {
        requireAgent(query.get("agent"), session);
        String profileId = required(query, "profileId");
        return document(method, Documents.profileId(session.learner(), profileId), "profile", null, null, profileId,
                headers, body, session);
    }

    private Cmi5HttpResponse document(String method, String id, String kind, String activityId, String registration,
                                      String name, Map<String, String> headers, byte[] body, SessionRow session) {
        switch (method) {
            case "GET" -> {
                DocumentRow row = context.read(uow -> uow.find(Cmi5Types.DOCUMENT, id)).map(Versioned::value)
                        .orElseThrow(() -> new Cmi5Exception(Problem.NOT_FOUND, "No " + kind + " document '" + name
                                + "'."));
                return Answers.of(200, row.contentType(), row.body(), Map.of("ETag", "\"" + Ids.digest(row.body())
                        + "\"", "Last-Modified", row.updated().toString()));
            }
            case "PUT", "POST" -> {
                if (body.length == 0) {
                    throw new Cmi5Exception(Problem.INVALID_REQUEST, "A " + kind + " document needs a body.");
                }
                String type = headers.getOrDefault("content-type", "application/octet-stream");
                String text = new String(body, StandardCharsets.UTF_8);
                boolean post = "POST".equals(method);
                context.transactRetrying(uow -> {
                    Optional<Versioned<DocumentRow>> found = uow.find(Cmi5Types.DOCUMENT, id);
                    String merged = post && found.isPresent() ? merge(found.get().value(), type, text) : text;
                    Documents.put(uow, new DocumentRow(id, kind, session.learner(), activityId, registration, name,
                            post && found.isPresent() ? found.get().value().contentType() : type, merged,
                            context.now()));
                    return null;
                });
                return Answers.noContent();
            }
            case "DELETE" -> {
                context.transactRetrying(uow -> {
                    uow.find(Cmi5Types.DOCUMENT, id).ifPresent(v -> uow.delete(Cmi5Types.DOCUMENT, id, v.version()));
                    return null;
                });
                return Answers.noContent();
            }
            default -> {
                return Answers.methodNotAllowed(method, "GET, PUT, POST, DELETE");
            }
        }
    }

    /** xAPI 2.2: POST merges the top-level properties of two JSON objects; anything else is a 400. */
    private static String merge(DocumentRow existing, String type, String text) {
        if (!isJson(type) || !isJson(existing.contentType())) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "POST merges JSON documents only; the stored document "
                    + "is " + existing.contentType() + " and the request is " + type + ". Use PUT to replace it.");
        }
        Map<String, Object> merged = new LinkedHashMap<>(Json.object(existing.body(), "The stored document"));
        merged.putAll(Json.object(text, "The document"));
        return Json.write(merged);
    }

    private static boolean isJson(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private void requireAgent(String agent, SessionRow session) {
        if (agent == null) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The agent query parameter (the launch's actor) is "
                    + "required.");
        }
        Map<String, Object> a = Json.object(agent, "The agent parameter");
        if (!config.accountHomePage().equals(Json.at(a, "account", "homePage"))
                || !session.learner().equals(Json.at(a, "account", "name"))) {
            throw new Cmi5Exception(Problem.FORBIDDEN, "These credentials reach only the documents of the launched "
                    + "learner; use the launch's actor as agent.");
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank() || value.length() > 255) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The " + name + " query parameter is required (1 to 255 "
                    + "characters); this LRS serves one document at a time.");
        }
        return value;
    }
}
