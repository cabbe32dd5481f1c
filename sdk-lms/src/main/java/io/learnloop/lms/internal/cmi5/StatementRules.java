package io.learnloop.lms.internal.cmi5;

import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5LaunchMode;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules an LMS enforces on the statements of one AU session (cmi5 sections 9.2 to 9.7), applied in the order the
 * statements arrive. A statement that breaks one is rejected with the xAPI status that fits: 403 when the session's
 * credentials do not cover it (another learner, registration or session, a voiding statement, a verb only the LMS
 * uses), 400 when it breaks a cmi5 rule (order, duplicates, result properties, categories, the mastery score).
 *
 * <p>"cmi5 defined" statements carry the cmi5 category and one of the AU verbs; "cmi5 allowed" ones any other verb
 * with the context template and no cmi5 category, and only between {@code initialized} and {@code terminated}.
 *
 * <p>Not thread-safe: one instance follows one unit of work.
 */
final class StatementRules {
    /** What an accepted statement changes. */
    record Verdict(String verb, boolean defined) {
    }

    private final SessionRow session;
    private final String homePage;
    private final Set<String> sessionVerbs;
    private final boolean registrationCompleted;
    private boolean registrationPassed;
    private boolean terminated;

    StatementRules(SessionRow session, String homePage, boolean completedBefore, boolean passedBefore) {
        this.session = session;
        this.homePage = homePage;
        this.sessionVerbs = new LinkedHashSet<>(session.verbs());
        this.registrationCompleted = completedBefore;
        this.registrationPassed = passedBefore;
        this.terminated = session.terminatedAt() != null;
    }

    List<String> sessionVerbs() {
        return new ArrayList<>(sessionVerbs);
    }

    boolean terminated() {
        return terminated;
    }

    Verdict accept(Map<String, Object> s) {
        String id = (String) s.get("id");
        if (session.abandonedAt() != null) {
            throw rule(id, "its session was abandoned (a later launch replaced it); no statement is accepted for it");
        }
        if (terminated) {
            throw rule(id, "its session already terminated; no statement is accepted after terminated");
        }
        String verb = Json.string(Json.at(s, "verb", "id"));
        if (verb == null || verb.isBlank()) {
            throw invalid(id, "verb.id is required");
        }
        if (Cmi5Vocabulary.VOIDED.equals(verb)) {
            throw forbidden(id, "an AU may not void statements (cmi5 section 6.0)");
        }
        requireActor(id, s.get("actor"));
        if (Json.string(Json.at(s, "object", "id")) == null) {
            throw invalid(id, "object.id is required");
        }
        Map<String, Object> context = Json.map(s.get("context"));
        if (context == null) {
            throw rule(id, "context is required: use the contextTemplate of LMS.LaunchData");
        }
        requireContext(id, context);
        requireTimestamp(id, s.get("timestamp"));
        List<String> categories = ids(Json.at(context, "contextActivities", "category"));
        boolean defined = categories.contains(Cmi5Vocabulary.CATEGORY_CMI5);
        if (Cmi5Vocabulary.LMS_VERBS.contains(verb)) {
            throw forbidden(id, "the verb " + verb + " is recorded by the LMS only");
        }
        if (defined && !Cmi5Vocabulary.AU_VERBS.contains(verb)) {
            throw rule(id, "the cmi5 category is only for the cmi5 verbs " + Cmi5Vocabulary.AU_VERBS
                    + "; leave it out of a cmi5 allowed statement");
        }
        boolean first = sessionVerbs.isEmpty();
        if (first && !(defined && Cmi5Vocabulary.INITIALIZED.equals(verb))) {
            throw rule(id, "the first statement of a session must be a cmi5 defined initialized (cmi5 9.3.2)");
        }
        if (!defined) {
            sessionVerbs.add("allowed");
            return new Verdict(verb, false);
        }
        if (!session.activityId().equals(Json.string(Json.at(s, "object", "id")))) {
            throw rule(id, "object.id must be the launch's activityId " + session.activityId());
        }
        Map<String, Object> result = Json.map(s.get("result"));
        checkVerb(id, verb, result, categories);
        sessionVerbs.add(verb);
        if (Cmi5Vocabulary.TERMINATED.equals(verb)) {
            terminated = true;
        }
        if (Cmi5Vocabulary.PASSED.equals(verb)) {
            registrationPassed = true;
        }
        return new Verdict(verb, true);
    }

    private void checkVerb(String id, String verb, Map<String, Object> result, List<String> categories) {
        if (sessionVerbs.contains(verb)) {
            throw rule(id, "the verb " + Cmi5Vocabulary.display(verb) + " was already used in this session");
        }
        boolean judged = Cmi5Vocabulary.PASSED.equals(verb) || Cmi5Vocabulary.FAILED.equals(verb);
        boolean completion = Cmi5Vocabulary.COMPLETED.equals(verb);
        if ((judged || completion) && !Cmi5LaunchMode.Normal.name().equals(session.launchMode())) {
            throw rule(id, "in " + session.launchMode() + " mode an AU sends only initialized and terminated");
        }
        Object success = result == null ? null : result.get("success");
        Object completionFlag = result == null ? null : result.get("completion");
        Map<String, Object> score = result == null ? null : Json.map(result.get("score"));
        boolean moveOnCategory = categories.contains(Cmi5Vocabulary.CATEGORY_MOVE_ON);
        if (Cmi5Vocabulary.INITIALIZED.equals(verb) || Cmi5Vocabulary.TERMINATED.equals(verb)) {
            if (success != null || completionFlag != null || score != null) {
                throw rule(id, Cmi5Vocabulary.display(verb) + " must not carry result.success, result.completion "
                        + "or result.score");
            }
        }
        if (Cmi5Vocabulary.TERMINATED.equals(verb) || judged || completion) {
            requireDuration(id, verb, result);
        }
        if (completion) {
            if (registrationCompleted) {
                throw rule(id, "completed was already recorded in this registration (once per registration)");
            }
            if (!Boolean.TRUE.equals(completionFlag) || success != null || score != null) {
                throw rule(id, "completed needs result.completion = true and no result.success or result.score");
            }
        }
        if (judged) {
            if (sessionVerbs.contains(Cmi5Vocabulary.PASSED) || sessionVerbs.contains(Cmi5Vocabulary.FAILED)) {
                throw rule(id, "only one of passed and failed may be used in a session");
            }
            if (registrationPassed) {
                throw rule(id, Cmi5Vocabulary.display(verb) + " after passed in this registration (passed is once "
                        + "per registration, and failed must not follow it)");
            }
            boolean passed = Cmi5Vocabulary.PASSED.equals(verb);
            if (!Objects.equals(success, passed) || completionFlag != null) {
                throw rule(id, Cmi5Vocabulary.display(verb) + " needs result.success = " + passed
                        + " and no result.completion");
            }
            checkScore(id, passed, score);
        }
        boolean needsMoveOn = success != null || completionFlag != null;
        if (needsMoveOn != moveOnCategory) {
            throw rule(id, needsMoveOn ? "a statement with result.success or result.completion needs the moveon "
                    + "category " + Cmi5Vocabulary.CATEGORY_MOVE_ON : "only statements with result.success or "
                    + "result.completion carry the moveon category");
        }
    }

    private void checkScore(String id, boolean passed, Map<String, Object> score) {
        if (score == null) {
            return;
        }
        Object scaled = score.get("scaled");
        if (scaled == null) {
            return;
        }
        if (!(scaled instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw invalid(id, "result.score.scaled must be a number from 0 to 1");
        }
        Double mastery = session.masteryScore();
        if (mastery == null) {
            return;
        }
        double value = n.doubleValue();
        if (passed && value < mastery) {
            throw rule(id, "passed with result.score.scaled " + value + " is below the masteryScore " + mastery
                    + "; send failed instead");
        }
        if (!passed && value >= mastery) {
            throw rule(id, "failed with result.score.scaled " + value + " reaches the masteryScore " + mastery
                    + "; send passed instead");
        }
    }

    private void requireActor(String id, Object actor) {
        Map<String, Object> a = Json.map(actor);
        if (a == null) {
            throw invalid(id, "actor is required");
        }
        Object type = a.get("objectType");
        if (type != null && !"Agent".equals(type)) {
            throw rule(id, "actor must be an Agent (cmi5 9.2)");
        }
        if (a.containsKey("mbox") || a.containsKey("mbox_sha1sum") || a.containsKey("openid")) {
            throw invalid(id, "actor must be identified by its account only (exactly one inverse functional "
                    + "identifier)");
        }
        if (!homePage.equals(Json.at(a, "account", "homePage"))
                || !session.learner().equals(Json.at(a, "account", "name"))) {
            throw forbidden(id, "actor is not the learner this session was launched for; use the launch's actor");
        }
    }

    private void requireContext(String id, Map<String, Object> context) {
        Object registration = context.get("registration");
        if (registration == null) {
            throw rule(id, "context.registration is required");
        }
        if (!(registration instanceof String r) || !r.toLowerCase(Locale.ROOT).equals(session.registration())) {
            throw forbidden(id, "context.registration is not the registration of this session");
        }
        Object sessionId = Json.at(context, "extensions", Cmi5Vocabulary.SESSION_ID);
        if (sessionId == null) {
            throw rule(id, "context.extensions needs the session id " + Cmi5Vocabulary.SESSION_ID);
        }
        if (!session.id().equals(sessionId)) {
            throw forbidden(id, "the session id in context.extensions is not this session's");
        }
        if (!ids(Json.at(context, "contextActivities", "grouping")).contains(session.publisherId())) {
            throw rule(id, "context.contextActivities.grouping must keep the publisher id activity of the "
                    + "contextTemplate (" + session.publisherId() + ")");
        }
    }

    private static void requireTimestamp(String id, Object timestamp) {
        if (!(timestamp instanceof String t)) {
            throw rule(id, "timestamp is required (cmi5 9.7)");
        }
        try {
            if (!OffsetDateTime.parse(t).getOffset().equals(ZoneOffset.UTC)) {
                throw rule(id, "timestamp must be in UTC (cmi5 9.7), was " + t);
            }
        } catch (DateTimeParseException e) {
            throw invalid(id, "timestamp must be an ISO 8601 date-time, was " + t);
        }
    }

    private static void requireDuration(String id, String verb, Map<String, Object> result) {
        Object duration = result == null ? null : result.get("duration");
        if (!(duration instanceof String d)) {
            throw rule(id, Cmi5Vocabulary.display(verb) + " needs result.duration (cmi5 9.5.4.1)");
        }
        try {
            Duration.parse(d);
        } catch (DateTimeParseException e) {
            throw invalid(id, "result.duration must be an ISO 8601 duration such as PT1M30S, was " + d);
        }
    }

    private static List<String> ids(Object activities) {
        List<String> out = new ArrayList<>();
        List<?> list = Json.list(activities);
        if (list != null) {
            for (Object o : list) {
                String id = Json.string(Json.at(Json.map(o), "id"));
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static Cmi5Exception rule(String id, String message) {
        return new Cmi5Exception(Problem.CMI5_RULE, "Statement " + id + " is rejected: " + message + ".");
    }

    private static Cmi5Exception invalid(String id, String message) {
        return new Cmi5Exception(Problem.INVALID_REQUEST, "Statement " + id + " is rejected: " + message + ".");
    }

    private static Cmi5Exception forbidden(String id, String message) {
        return new Cmi5Exception(Problem.FORBIDDEN, "Statement " + id + " is rejected: " + message + ".");
    }
}
