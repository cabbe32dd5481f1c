package io.learnloop.lms.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.internal.PlatformRows.AccessTokenRow;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;
import io.learnloop.lms.internal.PlatformRows.ResultRow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The score publish service (AGS 2.0 section 3.4): a tool posts a learner's score to a line item; the platform keeps
 * the latest as the learner's result and, when the score is {@code Completed} and {@code FullyGraded} on a line item
 * bound to a Learnloop lesson, completes that lesson through the core's progress service, which updates course
 * completion, emits {@code lesson.completed} and feeds the learner's reports.
 *
 * <p>A score must carry a {@code timestamp} after the one of the result it replaces, so that a late or repeated post
 * never overwrites a newer grade. Everything is checked before anything is written; the lesson is completed before
 * the result is written, so a post that fails between the two can be repeated with the same timestamp (completing a
 * lesson twice changes nothing).
 *
 * <p>Thread-safe: immutable.
 */
final class Scores {
    private static final Set<String> ACTIVITY = Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed");
    private static final Set<String> GRADING = Set.of("FullyGraded", "Pending", "PendingManual", "Failed", "NotReady");

    private final Learnloop learnloop;
    private final ServiceContext context;
    private final LineItems lineItems;

    Scores(Learnloop learnloop, LineItems lineItems) {
        this.learnloop = learnloop;
        this.context = learnloop.context();
        this.lineItems = lineItems;
    }

    LtiHttpResponse post(AccessTokenRow token, String lineItemId, Map<String, Object> body) {
        LineItemRow item = lineItems.owned(token, lineItemId);
        Score score = parse(body);
        String learner = context.read(uow -> Subjects.learnerOf(uow, token.clientId(), score.userId)).orElseThrow(() ->
                new LtiException(Problem.INVALID_REQUEST, "The userId '" + score.userId + "' is not a user this "
                        + "platform launched into the tool; post scores for the sub of a launch's id_token."));
        String id = Keys.of(item.id(), score.userId);
        Optional<ResultRow> before = context.read(uow -> uow.find(PlatformTypes.RESULT, id)).map(Versioned::value);
        before.ifPresent(previous -> requireNewer(previous, score));
        if (item.lesson() != null && "Completed".equals(score.activityProgress)
                && "FullyGraded".equals(score.gradingProgress)) {
            try {
                learnloop.progress().markDone(UserId.of(learner), LessonId.of(item.lesson()));
            } catch (ValidationException | NotFoundException e) {
                throw new LtiException(Problem.INVALID_REQUEST, "The line item completes lesson '" + item.lesson()
                        + "', which cannot be completed by a score (it must exist and be of kind OTHER): "
                        + e.getMessage(), e);
            }
        }
        ResultRow row = new ResultRow(id, item.id(), score.userId, learner, score.scoreGiven, score.scoreMaximum,
                score.comment, score.activityProgress, score.gradingProgress, score.timestamp, context.now());
        try {
            context.transact(uow -> {
                Optional<Versioned<ResultRow>> current = uow.find(PlatformTypes.RESULT, id);
                if (current.isEmpty()) {
                    uow.insert(PlatformTypes.RESULT, row);
                } else {
                    requireNewer(current.get().value(), score);
                    uow.update(PlatformTypes.RESULT, row, current.get().version());
                }
                return null;
            });
        } catch (ConflictException e) {
            throw new LtiException(Problem.STALE_SCORE, "Another score for user '" + score.userId + "' was recorded "
                    + "at the same moment; post again with a newer timestamp if this one is the latest.", e);
        }
        return PlatformHttp.noContent();
    }

    private static void requireNewer(ResultRow previous, Score score) {
        if (!score.timestamp.isAfter(previous.timestamp())) {
            throw new LtiException(Problem.STALE_SCORE, "The score's timestamp " + score.timestamp + " is not after "
                    + "the one already recorded for user '" + score.userId + "' (" + previous.timestamp()
                    + "); scores must be posted with increasing timestamps.");
        }
    }

    private record Score(String userId, Double scoreGiven, Double scoreMaximum, String comment,
                         String activityProgress, String gradingProgress, Instant timestamp) {
    }

    private static Score parse(Map<String, Object> body) {
        List<String> wrong = new ArrayList<>();
        String userId = body.get("userId") instanceof String s && !s.isBlank() && s.length() <= 255 ? s : null;
        if (userId == null) {
            wrong.add("userId must be the user's LTI id");
        }
        Double given = number(body, "scoreGiven", wrong);
        Double max = number(body, "scoreMaximum", wrong);
        if (given != null && given < 0) {
            wrong.add("scoreGiven must not be negative");
        }
        if (given != null && (max == null || max <= 0)) {
            wrong.add("scoreMaximum must be above 0 when scoreGiven is present");
        }
        Object comment = body.get("comment");
        if (comment != null && !(comment instanceof String)) {
            wrong.add("comment must be a string");
        }
        String activity = body.get("activityProgress") instanceof String a && ACTIVITY.contains(a) ? a : null;
        if (activity == null) {
            wrong.add("activityProgress must be one of " + ACTIVITY);
        }
        String grading = body.get("gradingProgress") instanceof String g && GRADING.contains(g) ? g : null;
        if (grading == null) {
            wrong.add("gradingProgress must be one of " + GRADING);
        }
        Instant timestamp = null;
        if (body.get("timestamp") instanceof String t) {
            try {
                timestamp = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                wrong.add("timestamp must be an ISO 8601 date-time with an offset");
            }
        } else {
            wrong.add("timestamp is required");
        }
        if (!wrong.isEmpty()) {
            throw new LtiException(Problem.INVALID_REQUEST, "The score is not valid: " + String.join("; ", wrong) + ".");
        }
        return new Score(userId, given, given == null ? null : max, (String) comment, activity, grading, timestamp);
    }

    private static Double number(Map<String, Object> body, String name, List<String> wrong) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            wrong.add(name + " must be a finite number");
            return null;
        }
        return n.doubleValue();
    }
}
