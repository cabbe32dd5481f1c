package io.learnloop.lms.internal;

import io.learnloop.core.store.UnitOfWork;
import io.learnloop.lms.internal.PlatformRows.SubjectRow;

import java.util.Optional;

/**
 * The LTI user ids ({@code sub}) tools know learners by. Each tool gets its own id for a learner (a hash over the
 * client id and the learner), so two tools cannot match their records, and no tool learns the host's user ids.
 *
 * <p>Thread-safe: static functions only.
 */
final class Subjects {
    private Subjects() {
    }

    static String subjectOf(String clientId, String learner) {
        return Keys.of("lti-subject", clientId, learner).substring(0, 32);
    }

    /** The learner's id at the tool, recorded so that the tool's scores find the learner again. */
    static String ensure(UnitOfWork uow, String clientId, String learner) {
        String subject = subjectOf(clientId, learner);
        String id = Keys.of(clientId, subject);
        if (uow.find(PlatformTypes.SUBJECT, id).isEmpty()) {
            uow.insert(PlatformTypes.SUBJECT, new SubjectRow(id, clientId, subject, learner));
        }
        return subject;
    }

    static Optional<String> learnerOf(UnitOfWork uow, String clientId, String subject) {
        return uow.find(PlatformTypes.SUBJECT, Keys.of(clientId, subject)).map(v -> v.value().learner());
    }
}
