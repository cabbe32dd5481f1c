package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.DocumentRow;

import java.util.Optional;

/**
 * Keys and writes of state and agent profile documents: a state document is one per activity, agent, registration
 * and state id; an agent profile document one per agent and profile id.
 *
 * <p>Thread-safe: static functions only.
 */
final class Documents {
    private Documents() {
    }

    static String stateId(String activityId, String learner, String registration, String stateId) {
        return Ids.hash("state", activityId, learner, registration == null ? "" : registration, stateId);
    }

    static String profileId(String learner, String profileId) {
        return Ids.hash("profile", learner, profileId);
    }

    /** Creates or replaces a document. */
    static void put(UnitOfWork uow, DocumentRow row) {
        Optional<Versioned<DocumentRow>> found = uow.find(Cmi5Types.DOCUMENT, row.id());
        if (found.isPresent()) {
            uow.update(Cmi5Types.DOCUMENT, row, found.get().version());
        } else {
            uow.insert(Cmi5Types.DOCUMENT, row);
        }
    }
}
