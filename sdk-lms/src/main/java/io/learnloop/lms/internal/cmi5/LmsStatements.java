package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StatementRow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements the LMS records itself (cmi5 section 9.3): {@code launched} before an AU runs, {@code abandoned}
 * for a session that never terminated, and {@code satisfied} for a block or the course. Each carries the cmi5
 * context: the registration, the cmi5 category, the publisher id in the grouping and the session id.
 *
 * <p>Thread-safe: immutable.
 */
final class LmsStatements {
    private final ServiceContext context;
    private final Cmi5Config config;

    LmsStatements(ServiceContext context, Cmi5Config config) {
        this.context = context;
        this.config = config;
    }

    Map<String, Object> actor(String learner) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("homePage", config.accountHomePage());
        account.put("name", learner);
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("objectType", "Agent");
        actor.put("account", account);
        return actor;
    }

    /** The launched statement, with the launch's context extensions (cmi5 sections 9.6.3.2 to 9.6.3.7). */
    StatementRow launched(AuRow au, String registration, String session, String learner, String launchMode,
                          Instant at) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(Cmi5Vocabulary.SESSION_ID, session);
        extensions.put(Cmi5Vocabulary.LAUNCH_MODE, launchMode);
        extensions.put(Cmi5Vocabulary.LAUNCH_URL, au.url());
        extensions.put(Cmi5Vocabulary.MOVE_ON, au.moveOn());
        if (au.masteryScore() != null) {
            extensions.put(Cmi5Vocabulary.MASTERY_SCORE, au.masteryScore());
        }
        if (au.launchParameters() != null) {
            extensions.put(Cmi5Vocabulary.LAUNCH_PARAMETERS, au.launchParameters());
        }
        Map<String, Object> object = activity(au.activityId(), au.activityType());
        return row(Cmi5Vocabulary.LAUNCHED, object, au.publisherId(), registration, session, learner, extensions,
                null, at);
    }

    /** Abandoned, with the session's length from the launch to the AU's last statement (cmi5 9.5.4.2). */
    StatementRow abandoned(AuRow au, String registration, String session, String learner, Instant launchedAt,
                           Instant last, Instant at) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(Cmi5Vocabulary.SESSION_ID, session);
        Duration length = Duration.between(launchedAt, last == null ? launchedAt : last);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("duration", length.truncatedTo(ChronoUnit.MILLIS).toString());
        return row(Cmi5Vocabulary.ABANDONED, activity(au.activityId(), au.activityType()), au.publisherId(),
                registration, session, learner, extensions, result, at);
    }

    /** Satisfied for a block or the course, under the LMS's own id for it. */
    StatementRow satisfied(String lmsId, String type, String publisherId, String registration, String session,
                           String learner, Instant at) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(Cmi5Vocabulary.SESSION_ID, session);
        return row(Cmi5Vocabulary.SATISFIED, activity(lmsId, type), publisherId, registration, session, learner,
                extensions, null, at);
    }

    private static Map<String, Object> activity(String id, String type) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectType", "Activity");
        object.put("id", id);
        if (type != null) {
            object.put("definition", Map.of("type", type));
        }
        return object;
    }

    private StatementRow row(String verb, Map<String, Object> object, String publisherId, String registration,
                             String session, String learner, Map<String, Object> extensions,
                             Map<String, Object> result, Instant at) {
        String id = Ids.uuid(this.context);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("registration", registration);
        Map<String, Object> activities = new LinkedHashMap<>();
        activities.put("category", List.of(Map.of("id", Cmi5Vocabulary.CATEGORY_CMI5)));
        activities.put("grouping", List.of(Map.of("id", publisherId)));
        context.put("contextActivities", activities);
        context.put("extensions", extensions);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("actor", actor(learner));
        s.put("verb", Map.of("id", verb, "display", Map.of("en-US", Cmi5Vocabulary.display(verb))));
        s.put("object", object);
        if (result != null) {
            s.put("result", result);
        }
        s.put("context", context);
        s.put("timestamp", at.toString());
        return new StatementRow(id, registration, learner, session, verb, Json.write(s), at);
    }
}
