package io.learnloop.lms.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.lms.XapiConfig;
import io.learnloop.lms.XapiVocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Makes the xAPI statement of one learning event (without its id, which depends on the LRS). Activities are IRIs
 * under the configured base; the actor is the learner's account; the timestamp is the event's time in UTC.
 *
 * <p>Thread-safe: immutable.
 */
final class StatementMapper {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LANGUAGE = "en-US";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** UTC with milliseconds, as LRSs store timestamps (xAPI keeps at least millisecond precision). */
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final XapiConfig config;

    StatementMapper(XapiConfig config) {
        this.config = config;
    }

    /** Whether the event type is one that becomes a statement (read before anything else is looked at). */
    static boolean maps(String type) {
        return switch (type) {
            case EventTypes.LESSON_COMPLETED, EventTypes.COURSE_COMPLETED, EventTypes.QUIZ_GRADED,
                 EventTypes.CERTIFICATE_ISSUED, EventTypes.CERTIFICATE_REVOKED, EventTypes.ORDER_PAID,
                 EventTypes.ORDER_REFUNDED, EventTypes.ORDER_PARTIALLY_REFUNDED -> true;
            default -> false;
        };
    }

    Optional<ObjectNode> statement(DomainEvent e) {
        String course = e.get("courseId");
        return switch (e.type()) {
            case EventTypes.LESSON_COMPLETED -> learner(e, "learnerId").map(l -> {
                ObjectNode s = base(e, l, XapiVocabulary.COMPLETED, "completed",
                        activity(lessonIri(course, e.get("lessonId")), XapiVocabulary.LESSON));
                s.putObject("result").put("completion", true);
                parent(s, course);
                return s;
            });
            case EventTypes.COURSE_COMPLETED -> learner(e, "learnerId").map(l -> {
                ObjectNode s = base(e, l, XapiVocabulary.COMPLETED, "completed",
                        activity(courseIri(course), XapiVocabulary.COURSE));
                s.putObject("result").put("completion", true);
                return s;
            });
            case EventTypes.QUIZ_GRADED -> learner(e, "learnerId").filter(l -> e.get("percent") != null)
                    .map(l -> quiz(e, l, course));
            case EventTypes.CERTIFICATE_ISSUED -> learner(e, "learnerId").map(l -> {
                ObjectNode s = base(e, l, XapiVocabulary.EARNED, "earned",
                        activity(iri("certificates", e.aggregateId()), XapiVocabulary.CERTIFICATE));
                parent(s, course);
                return s;
            });
            case EventTypes.CERTIFICATE_REVOKED -> learner(e, "learnerId").map(l -> {
                ObjectNode s = base(e, l, XapiVocabulary.REVOKED, "had revoked",
                        activity(iri("certificates", e.aggregateId()), XapiVocabulary.CERTIFICATE));
                parent(s, course);
                return s;
            });
            case EventTypes.ORDER_PAID -> learner(e, "learner").map(l -> order(e, l, XapiVocabulary.PURCHASED,
                    "purchased", e.get("total")));
            case EventTypes.ORDER_REFUNDED, EventTypes.ORDER_PARTIALLY_REFUNDED -> learner(e, "learner")
                    .map(l -> order(e, l, XapiVocabulary.REFUNDED, "was refunded", e.get("refundAmount")));
            default -> Optional.empty();
        };
    }

    private ObjectNode quiz(DomainEvent e, String learner, String course) {
        boolean passed = Boolean.parseBoolean(e.get("passed"));
        ObjectNode s = base(e, learner, passed ? XapiVocabulary.PASSED : XapiVocabulary.FAILED,
                passed ? "passed" : "failed", activity(iri("quizzes", e.get("quizId")), XapiVocabulary.ASSESSMENT));
        BigDecimal percent = new BigDecimal(e.get("percent"));
        ObjectNode result = s.putObject("result");
        result.putObject("score")
                .put("scaled", percent.divide(HUNDRED, 4, RoundingMode.HALF_EVEN).stripTrailingZeros())
                .put("raw", percent.stripTrailingZeros())
                .put("min", 0)
                .put("max", 100);
        result.put("success", passed).put("completion", true);
        parent(s, course);
        return s;
    }

    private ObjectNode order(DomainEvent e, String learner, String verb, String display, String amount) {
        ObjectNode s = base(e, learner, verb, display,
                activity(iri("orders", e.get("orderId") != null ? e.get("orderId") : e.aggregateId()),
                        XapiVocabulary.ORDER));
        if (amount != null && e.get("currency") != null) {
            ObjectNode ext = s.putObject("result").putObject("extensions");
            ext.put(XapiVocabulary.AMOUNT_MINOR, Long.parseLong(amount));
            ext.put(XapiVocabulary.CURRENCY, e.get("currency"));
        }
        return s;
    }

    private ObjectNode base(DomainEvent e, String learner, String verb, String display, ObjectNode object) {
        ObjectNode s = JSON.objectNode();
        ObjectNode actor = s.putObject("actor");
        actor.put("objectType", "Agent");
        actor.putObject("account").put("homePage", config.accountHomePage()).put("name", learner);
        ObjectNode v = s.putObject("verb");
        v.put("id", verb);
        v.putObject("display").put(LANGUAGE, display);
        s.set("object", object);
        ObjectNode context = s.putObject("context");
        context.put("platform", "Learnloop");
        context.putObject("extensions").put(XapiVocabulary.EVENT_ID, e.id());
        s.put("timestamp", UTC.format(e.occurredAt()));
        return s;
    }

    private Optional<String> learner(DomainEvent e, String key) {
        String id = e.get(key);
        return id == null ? Optional.empty() : Optional.of(config.actorName(new UserId(id)));
    }

    private static ObjectNode activity(String id, String type) {
        ObjectNode o = JSON.objectNode();
        o.put("objectType", "Activity");
        o.put("id", id);
        o.putObject("definition").put("type", type);
        return o;
    }

    private void parent(ObjectNode statement, String course) {
        if (course != null) {
            ((ObjectNode) statement.get("context")).putObject("contextActivities").putArray("parent")
                    .add(activity(courseIri(course), XapiVocabulary.COURSE));
        }
    }

    private String courseIri(String course) {
        return iri("courses", course);
    }

    private String lessonIri(String course, String lesson) {
        return courseIri(course) + "/lessons/" + segment(lesson);
    }

    private String iri(String collection, String id) {
        return config.activityBase() + collection + "/" + segment(id);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id == null ? "unknown" : id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
