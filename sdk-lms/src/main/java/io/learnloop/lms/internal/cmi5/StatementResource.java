package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.Cmi5MoveOn;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.RegistrationRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StatementRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StructureRow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statement resource (xAPI communication 2.1) for AU sessions: PUT with {@code statementId} and POST of one
 * statement or an array, each checked by {@link StatementRules} and stored in one unit of work with what it changes
 * (the session's verbs, the registration's outcomes, the AU's satisfaction and the {@code satisfied} statements it
 * triggers), so that a batch is accepted whole or not at all. A statement id already stored is a no-op when the
 * statement is the same and a 409 when it differs. GET reads one statement by id or a page of the session's
 * registration, newest first, with a {@code more} link.
 *
 * <p>Thread-safe: immutable.
 */
final class StatementResource {
    static final int MAX_BATCH = 100;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final Set<String> LIST_PARAMETERS = Set.of("registration", "limit", "ascending", "cursor",
            "format", "attachments");

    private final ServiceContext context;
    private final Cmi5Config config;
    private final String basePath;
    private final Satisfaction satisfaction;
    private final LessonCompletion completion;

    StatementResource(ServiceContext context, Cmi5Config config, Satisfaction satisfaction,
                      LessonCompletion completion) {
        this.context = context;
        this.config = config;
        this.basePath = URI.create(config.endpoint()).getRawPath();
        this.satisfaction = satisfaction;
        this.completion = completion;
    }

    Cmi5HttpResponse handle(String method, Map<String, String> query, byte[] body, SessionRow session) {
        return switch (method) {
            case "PUT" -> put(query, body, session);
            case "POST" -> post(query, body, session);
            case "GET" -> get(query, session);
            default -> Answers.methodNotAllowed(method, "GET, PUT, POST");
        };
    }

    private Cmi5HttpResponse put(Map<String, String> query, byte[] body, SessionRow session) {
        String id = query.get("statementId");
        if (!Ids.isUuid(id)) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "PUT needs a statementId query parameter holding a "
                    + "UUID.");
        }
        Map<String, Object> statement = Json.object(text(body), "The statement");
        Object inBody = statement.get("id");
        if (inBody != null && !id.equalsIgnoreCase(String.valueOf(inBody))) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The statement's id " + inBody + " is not the "
                    + "statementId " + id + ".");
        }
        statement.put("id", id);
        store(List.of(statement), session);
        return Answers.noContent();
    }

    private Cmi5HttpResponse post(Map<String, String> query, byte[] body, SessionRow session) {
        if (!query.isEmpty()) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "POST to statements takes no query parameters.");
        }
        List<Object> parsed = Json.objects(text(body), "The request body");
        if (parsed.isEmpty() || parsed.size() > MAX_BATCH) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "Send 1 to " + MAX_BATCH + " statements at a time.");
        }
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object o : parsed) {
            Map<String, Object> s = Json.map(o);
            if (s == null) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "Every element of the array must be a statement "
                        + "object.");
            }
            statements.add(s);
        }
        return Answers.json(200, Json.write(store(statements, session)));
    }

    private record Stored(List<String> ids, List<String> lessons, String learner) {
    }

    private List<String> store(List<Map<String, Object>> statements, SessionRow launched) {
        Instant now = context.now();
        Stored stored = context.transactRetrying(uow -> {
            Versioned<SessionRow> sv = uow.get(Cmi5Types.SESSION, launched.id());
            SessionRow session = sv.value();
            Versioned<RegistrationRow> rv = uow.get(Cmi5Types.REGISTRATION, session.registration());
            RegistrationRow reg = rv.value();
            StatementRules rules = new StatementRules(session, config.accountHomePage(),
                    reg.completed().contains(session.au()), reg.passed().contains(session.au()));
            List<String> ids = new ArrayList<>();
            List<StatementRow> rows = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean completed = false;
            boolean passed = false;
            boolean failed = false;
            for (Map<String, Object> s : statements) {
                Object rawId = s.get("id");
                if (!Ids.isUuid(rawId)) {
                    throw new Cmi5Exception(Problem.INVALID_REQUEST, "Every statement needs an id holding a UUID "
                            + "(cmi5 9.1).");
                }
                String id = ((String) rawId).toLowerCase(Locale.ROOT);
                if (!seen.add(id)) {
                    throw new Cmi5Exception(Problem.INVALID_REQUEST, "Statement id " + id + " appears twice in the "
                            + "batch.");
                }
                ids.add(id);
                Optional<Versioned<StatementRow>> existing = uow.find(Cmi5Types.STATEMENT, id);
                if (existing.isPresent()) {
                    if (!Json.object(existing.get().value().json(), "The stored statement").equals(s)) {
                        throw new Cmi5Exception(Problem.CONFLICTING_STATEMENT, "A different statement with id " + id
                                + " is already stored; statements are immutable, send a new id.");
                    }
                    continue;
                }
                StatementRules.Verdict v = rules.accept(s);
                if (v.defined()) {
                    completed |= Cmi5Vocabulary.COMPLETED.equals(v.verb());
                    passed |= Cmi5Vocabulary.PASSED.equals(v.verb());
                    failed |= Cmi5Vocabulary.FAILED.equals(v.verb());
                }
                rows.add(new StatementRow(id, session.registration(), session.learner(), session.id(), v.verb(),
                        Json.write(s), now.plusNanos(1000L * rows.size())));
            }
            if (rows.isEmpty()) {
                return new Stored(ids, List.of(), session.learner());
            }
            uow.update(Cmi5Types.SESSION, session.with(now, rules.sessionVerbs(), rules.terminated() ? now : null,
                    null), sv.version());
            RegistrationRow after = new RegistrationRow(reg.id(), reg.learner(), reg.course(), reg.createdAt(),
                    with(reg.completed(), session.au(), completed), with(reg.passed(), session.au(), passed),
                    with(reg.failed(), session.au(), failed), reg.satisfiedAus(), reg.satisfiedBlocks(),
                    reg.courseSatisfiedAt(), reg.lastSession());
            List<String> lessons = new ArrayList<>();
            AuRow au = uow.get(Cmi5Types.AU, Ids.hash(session.course(), Integer.toString(session.au()))).value();
            if (Cmi5MoveOn.valueOf(au.moveOn()).satisfiedBy(after.completed().contains(au.index()),
                    after.passed().contains(au.index()))) {
                StructureRow structure = uow.get(Cmi5Types.STRUCTURE, session.course()).value();
                Satisfaction.Change change = satisfaction.satisfy(after, structure, List.of(au.index()), session.id(),
                        now.plusNanos(1000L * rows.size()));
                if (!change.newlySatisfied().isEmpty()) {
                    lessons.add(au.lesson());
                }
                after = change.registration();
                for (StatementRow s : change.statements()) {
                    rows.add(new StatementRow(s.id(), s.registration(), s.learner(), s.session(), s.verb(), s.json(),
                            now.plusNanos(1000L * rows.size())));
                }
            }
            uow.update(Cmi5Types.REGISTRATION, after, rv.version());
            rows.forEach(r -> uow.insert(Cmi5Types.STATEMENT, r));
            return new Stored(ids, lessons, session.learner());
        });
        stored.lessons().forEach(lesson -> completion.complete(stored.learner(), lesson));
        return stored.ids();
    }

    private static List<Integer> with(List<Integer> list, int au, boolean add) {
        if (!add || list.contains(au)) {
            return list;
        }
        List<Integer> out = new ArrayList<>(list);
        out.add(au);
        return out;
    }

    private Cmi5HttpResponse get(Map<String, String> query, SessionRow session) {
        String id = query.get("statementId");
        if (id != null || query.containsKey("voidedStatementId")) {
            if (query.size() > 1 + (query.containsKey("format") ? 1 : 0) + (query.containsKey("attachments") ? 1 : 0)) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "statementId and voidedStatementId take no filter "
                        + "parameters.");
            }
            // this LRS never voids a statement: an AU may not void, and the LMS voids nothing
            Optional<StatementRow> row = id == null ? Optional.empty() : context.read(uow -> uow.find(
                    Cmi5Types.STATEMENT, id.toLowerCase(Locale.ROOT))).map(Versioned::value)
                    .filter(r -> session.registration().equals(r.registration()));
            return read(Json.write(view(row.orElseThrow(() -> new Cmi5Exception(Problem.NOT_FOUND,
                    "No statement " + id + " in this registration.")))));
        }
        for (String name : query.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new Cmi5Exception(Problem.INVALID_REQUEST, "The query parameter '" + name + "' is not "
                        + "supported; filter by registration (with limit, ascending and the more link).");
            }
        }
        String registration = query.getOrDefault("registration", session.registration()).toLowerCase(Locale.ROOT);
        if (!registration.equals(session.registration())) {
            throw new Cmi5Exception(Problem.FORBIDDEN, "These credentials read only the session's registration "
                    + session.registration() + ".");
        }
        int limit = limit(query.get("limit"));
        boolean ascending = "true".equals(query.get("ascending"));
        String cursor = query.get("cursor") == null ? null : decode(query.get("cursor"));
        List<StatementRow> rows = context.read(uow -> uow.findRange(Cmi5Types.STATEMENT, "registration",
                        registration, new IndexRange(null, null, limit + 1, !ascending).continuing(cursor)))
                .stream().map(Versioned::value).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        rows.stream().limit(limit).forEach(r -> out.add(view(r)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statements", out);
        String more = "";
        if (rows.size() > limit) {
            String position = Cmi5Types.STATEMENT.position("registration", rows.get(limit - 1));
            more = basePath + "statements?registration=" + registration + "&limit=" + limit + "&ascending="
                    + ascending + "&cursor=" + URLEncoder.encode(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(position.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        }
        body.put("more", more);
        return read(Json.write(body));
    }

    /** A read answer: every statement stored so far is in it, so it is consistent through now (xAPI 2.1.3). */
    private Cmi5HttpResponse read(String body) {
        return Answers.of(200, Answers.JSON, body, Map.of("X-Experience-API-Consistent-Through",
                context.now().toString()));
    }

    private static int limit(String value) {
        if (value == null || value.equals("0")) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Cmi5Exception(Problem.INVALID_REQUEST, "limit must be 0 (the default of " + DEFAULT_LIMIT + ") to "
                + MAX_LIMIT + ".");
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The cursor is not one this LRS issued; follow the more "
                    + "link as given.", e);
        }
    }

    /** The statement as stored, with the properties the LRS sets (xAPI data 2.4.8, 2.4.9, 2.4.10). */
    private Map<String, Object> view(StatementRow row) {
        Map<String, Object> s = Json.object(row.json(), "The stored statement");
        s.put("stored", row.stored().toString());
        s.put("version", "1.0.0");
        s.putIfAbsent("authority", Map.of("objectType", "Agent", "account", Map.of("homePage",
                config.accountHomePage(), "name", "lms")));
        return s;
    }

    private static String text(byte[] body) {
        if (body.length == 0) {
            throw new Cmi5Exception(Problem.INVALID_REQUEST, "The request needs a JSON body.");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
