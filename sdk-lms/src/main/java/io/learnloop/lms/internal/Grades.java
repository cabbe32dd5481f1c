package io.learnloop.lms.internal;


import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.AgsEndpoint;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.PlatformRegistration;
import io.learnloop.lms.ScorePost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts learners' results to the LMS gradebook through Assignment and Grade Services, by way of the core outbox.
 *
 * <p>When the core announces a graded quiz or a completed course, one transaction writes a {@link ScoreDelivery} for
 * every gradebook column the learner launched the course from and publishes {@value #SCORE_DUE} for it; the relay
 * then hands that event back here and the score is posted with a client-credentials token. A column the tool makes
 * itself is created by the first delivery that needs it ({@link ToolColumns}). A post that fails
 * (no answer, 401, 429, 5xx) throws, so the outbox hands the event out again after its lease: a score is never lost.
 * A delivery is posted once: it is marked posted after the platform's 2xx, and a delivery already posted is skipped
 * when the event comes again. Should the process stop between the platform's answer and that mark, the repeat posts
 * the same score with the same {@code timestamp}, which the platform records as the same result. A platform's
 * definite refusal (another 4xx) marks the delivery refused and publishes {@value #SCORE_REFUSED}.
 *
 * <p>Scores: a graded quiz posts its percent out of 100; a completed course posts {@code Completed} with the latest
 * quiz percent posted to that column, or 100 when none was; both {@code FullyGraded}, the only progress platforms
 * reliably record.
 *
 * <p>Thread-safe: immutable; the token cache is thread-safe.
 */
final class Grades {
    static final String SCORE_DUE = "lti.score_due";
    static final String SCORE_REFUSED = "lti.score_refused";
    private static final Logger LOG = LoggerFactory.getLogger(Grades.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ServiceContext context;
    private final Platforms platforms;
    private final PlatformTokens tokens;
    private final HttpPipeline http;
    private final ToolColumns columns;

    Grades(ServiceContext context, Platforms platforms, PlatformTokens tokens, HttpPipeline http,
           ToolColumns columns) {
        this.context = context;
        this.platforms = platforms;
        this.tokens = tokens;
        this.http = http;
        this.columns = columns;
    }

    /**
     * Remembers the column of a launched link, so the learner's results in the course reach it. A line item the
     * platform names that is the tool's own column of the link (platforms name it in launches after it was made,
     * AGS 2.0 section 3.2) is remembered as that column, so the learner keeps one grade link to it.
     */
    void remember(LtiLaunch launch, AgsEndpoint ags, CourseId course) {
        if (ags == null || !ags.canPostScores()) {
            return;
        }
        Optional<ColumnRow> own = columns.find(launch).filter(c -> ags.lineItem().equals(c.lineItem()));
        if (own.isPresent()) {
            remember(launch, own.get(), course);
            return;
        }
        String id = Keys.of(launch.learner().value(), course.value(), launch.issuer(), launch.clientId(),
                ags.lineItem());
        insertOnce(launch, id, ags.lineItem(), null, course, null);
    }

    /**
     * Remembers the tool's own column of a launched link. The grade link is keyed by the column, with or without its
     * URL yet, and a delivery finds the URL in the column's row: so the learner's launches before and after the
     * column was made share one grade link, and each result is posted once.
     */
    void remember(LtiLaunch launch, ColumnRow column, CourseId course) {
        String id = Keys.of(launch.learner().value(), course.value(), launch.issuer(), launch.clientId(), "column",
                column.id());
        // a learner's link recorded by its URL when launches created the column keeps serving
        String byUrl = column.lineItem() == null ? null
                : Keys.of(launch.learner().value(), course.value(), launch.issuer(), launch.clientId(),
                column.lineItem());
        insertOnce(launch, id, null, column.id(), course, byUrl);
    }

    private void insertOnce(LtiLaunch launch, String id, String lineItem, String column, CourseId course,
                            String alias) {
        context.transactRetrying(uow -> {
            if (uow.find(LmsTypes.GRADE_LINK, id).isEmpty()
                    && (alias == null || uow.find(LmsTypes.GRADE_LINK, alias).isEmpty())) {
                uow.insert(LmsTypes.GRADE_LINK, new GradeLinkRow(id, launch.learner().value(), course.value(),
                        launch.issuer(), launch.clientId(), launch.subject(), lineItem, null, context.now(), column));
            }
            return null;
        });
    }

    void onEvent(DomainEvent event) {
        switch (event.type()) {
            case EventTypes.QUIZ_GRADED -> {
                if (event.get("percent") != null) {
                    enqueue(event, new BigDecimal(event.get("percent")), true);
                }
            }
            case EventTypes.PRACTICE_GRADED -> {
                // a practice grade is in basis points of the rubric's maximum; sent as a percent, like a quiz's
                if (event.get("scoreBp") != null) {
                    enqueue(event, new BigDecimal(event.get("scoreBp")).movePointLeft(2), true);
                }
            }
            case EventTypes.COURSE_COMPLETED -> enqueue(event, null, false);
            case SCORE_DUE -> deliver(event.get("delivery"));
            default -> {
            }
        }
    }

    /** The latest deliveries of each column the learner launched, newest first. */
    List<ScorePost> scoresOf(UserId learner, int limit) {
        IndexRange range = IndexRange.last(limit);
        return context.read(uow -> {
            List<ScorePost> out = new ArrayList<>();
            for (Versioned<GradeLinkRow> link : uow.findBy(LmsTypes.GRADE_LINK, "learner", learner.value())) {
                for (Versioned<ScoreDelivery> v : uow.findRange(LmsTypes.SCORE, "link", link.value().id(), range)) {
                    ScoreDelivery d = v.value();
                    out.add(new ScorePost(link.value().course(), d.issuer(), d.lineItem(), d.scoreGiven(),
                            d.scoreMaximum(), d.activityProgress(), d.gradingProgress(), d.timestamp(),
                            ScorePost.Status.valueOf(d.status()), d.postedAt(), d.problem()));
                }
            }
            return out;
        });
    }

    private void enqueue(DomainEvent event, BigDecimal percent, boolean quiz) {
        String learner = event.get("learnerId");
        String course = event.get("courseId");
        if (learner == null || course == null) {
            return;
        }
        context.transactRetrying(uow -> {
            for (Versioned<GradeLinkRow> v : uow.findBy(LmsTypes.GRADE_LINK, "learner_course", Keys.of(learner, course))) {
                enqueue(uow, event, v, percent, quiz);
            }
            return null;
        });
    }

    private void enqueue(UnitOfWork uow, DomainEvent event, Versioned<GradeLinkRow> v, BigDecimal percent, boolean quiz) {
        GradeLinkRow link = v.value();
        String id = Keys.of(event.id(), link.id());
        if (uow.find(LmsTypes.SCORE, id).isPresent()) {
            return; // the core delivered the event again
        }
        BigDecimal given = quiz ? percent : (link.lastPercent() != null ? link.lastPercent() : HUNDRED);
        uow.insert(LmsTypes.SCORE, new ScoreDelivery(id, link.id(), link.issuer(), link.clientId(), link.lineItem(),
                link.subject(), given, HUNDRED, "Completed", "FullyGraded", event.occurredAt(), ScoreDelivery.PENDING,
                null, null, link.column()));
        if (quiz) {
            uow.update(LmsTypes.GRADE_LINK, link.withLastPercent(percent), v.version());
        }
        uow.publish(context.event(SCORE_DUE, id, Map.of("delivery", id, "source", event.id())));
    }

    private void deliver(String id) {
        if (id == null) {
            return;
        }
        ScoreDelivery delivery = context.read(uow -> uow.find(LmsTypes.SCORE, id)).map(Versioned::value).orElse(null);
        if (delivery == null || !ScoreDelivery.PENDING.equals(delivery.status())) {
            return;
        }
        Optional<PlatformRegistration> platform = platforms.find(delivery.issuer(), delivery.clientId());
        if (platform.isEmpty()) {
            refuse(id, "the platform '" + delivery.issuer() + "' is no longer registered with client id '"
                    + delivery.clientId() + "'");
            return;
        }
        String lineItem = delivery.lineItem();
        if (lineItem == null) {
            try {
                lineItem = columns.lineItemOf(delivery.column());
            } catch (RemoteException e) {
                if (e.isRetryable()) {
                    throw e;
                }
                refuse(id, "the gradebook column could not be created: " + e.getMessage());
                return;
            }
        }
        List<String> scopes = List.of(AgsEndpoint.SCORE_SCOPE);
        String token = tokens.token(platform.get(), scopes);
        // Nothing that announces an event is written before the post (a column's row announces none): a listener
        // that writes and then throws would have the relay, which delivers what that write announces on the same
        // thread, hand it the failed event again at once.
        HttpRequest request = HttpRequest.post(scoresUrl(lineItem))
                .header("Authorization", "Bearer " + token)
                .body(LearnloopJson.toJson(body(delivery)).getBytes(StandardCharsets.UTF_8), LtiClaims.SCORE_MEDIA_TYPE)
                .build();
        HttpResponse response = http.call(request, r -> r);
        if (response.ok()) {
            String postedTo = lineItem;
            mark(id, d -> d.posted(context.now(), postedTo));
            return;
        }
        int status = response.status();
        if (status == 401) {
            tokens.forget(platform.get(), scopes);
        }
        if (status == 401 || status == 408 || status == 429 || status >= 500) {
            throw new RemoteException(status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE,
                    "Posting a score to " + delivery.issuer() + " answered HTTP " + status
                            + "; the outbox will post it again.", true, false, status, null, null, null);
        }
        refuse(id, "the platform answered HTTP " + status);
    }

    private void refuse(String id, String why) {
        LOG.warn("LTI score delivery {} refused for good: {}", id, why);
        context.transactRetrying(uow -> {
            Versioned<ScoreDelivery> v = uow.get(LmsTypes.SCORE, id);
            if (ScoreDelivery.PENDING.equals(v.value().status())) {
                uow.update(LmsTypes.SCORE, v.value().refused(why), v.version());
                uow.publish(context.event(SCORE_REFUSED, id, Map.of("delivery", id, "problem", why)));
            }
            return null;
        });
    }

    private void mark(String id, java.util.function.UnaryOperator<ScoreDelivery> change) {
        context.transactRetrying(uow -> {
            Versioned<ScoreDelivery> v = uow.get(LmsTypes.SCORE, id);
            if (ScoreDelivery.PENDING.equals(v.value().status())) {
                uow.update(LmsTypes.SCORE, change.apply(v.value()), v.version());
            }
            return null;
        });
    }

    private static Map<String, Object> body(ScoreDelivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", d.userId());
        body.put("scoreGiven", d.scoreGiven());
        body.put("scoreMaximum", d.scoreMaximum());
        body.put("activityProgress", d.activityProgress());
        body.put("gradingProgress", d.gradingProgress());
        body.put("timestamp", d.timestamp().toString());
        return body;
    }

    /** The score endpoint: the line item URL with {@code /scores} appended to its path (AGS 2.0, 3.4). */
    static String scoresUrl(String lineItem) {
        int query = lineItem.indexOf('?');
        String path = query < 0 ? lineItem : lineItem.substring(0, query);
        String rest = query < 0 ? "" : lineItem.substring(query);
        return (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores" + rest;
    }
}
