package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the lesson bound to a satisfied AU through the core's progress service, so that course completion,
 * {@code lesson.completed} and certificates follow. Completing a lesson twice changes nothing, so a satisfied AU's
 * lesson is completed again at its next launch should the first attempt have failed after the statement was stored.
 *
 * <p>The access ledger is asked again at completion time, not only at launch: an AU session outlives the access that
 * opened it (a refund or revocation in between), and its statements are still stored and satisfy the AU, but they do
 * not complete the lesson, nor therefore the course or a certificate, for a learner who may no longer open it. Should
 * the learner regain access, the next launch of the AU completes the lesson.
 *
 * <p>Thread-safe: immutable.
 */
final class LessonCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(LessonCompletion.class);

    private final Learnloop learnloop;

    LessonCompletion(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    void complete(String learner, String lesson) {
        try {
            UserId id = UserId.of(learner);
            LessonId lessonId = LessonId.of(lesson);
            AccessDecision access = learnloop.access().decide(id, lessonId, learnloop.context().now());
            if (!access.allowed()) {
                LOG.info("cmi5: lesson {} not completed for a satisfied AU: the learner has lost access to it ({}); "
                        + "it is completed at the AU's next launch if access returns", lesson, access.reason());
                return;
            }
            learnloop.progress().markDone(id, lessonId);
        } catch (LearnloopException e) {
            // The AU's statement is stored and its AU satisfied; the lesson is completed again at the next launch.
            LOG.warn("cmi5: lesson {} could not be completed for a satisfied AU ({}); it is retried at the next "
                    + "launch", lesson, e.code());
        }
    }
}
