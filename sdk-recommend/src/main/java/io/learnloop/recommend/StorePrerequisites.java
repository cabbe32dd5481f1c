package io.learnloop.recommend;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.path.LearningPathService;

import java.util.List;

/**
 * {@link Prerequisites} read from a Learnloop store through {@link LearningPathService#missingPrerequisites}: a
 * course with no declared prerequisites costs one read, one with prerequisites a read per prerequisite the learner
 * might know.
 *
 * <p>Thread-safe: immutable; reads go through the (thread-safe) service.
 */
public final class StorePrerequisites implements Prerequisites {
    private final LearningPathService paths;
    private final Actor reader;

    private StorePrerequisites(LearningPathService paths, Actor reader) {
        this.paths = paths;
        this.reader = reader;
    }

    /**
     * Reads prerequisites and what learners know from a store. The reader reads what every learner knows, so it acts
     * for someone allowed to: the recommender's service account, with the role ADMIN.
     *
     * @param paths  the facade's learning-path service ({@code learnloop.paths()})
     * @param reader the service account
     * @return the facts
     * @throws io.learnloop.core.error.ForbiddenException if the reader is not an admin
     */
    public static StorePrerequisites of(LearningPathService paths, Actor reader) {
        new Validator().notNull("paths", paths).notNull("reader", reader).throwIfInvalid();
        reader.require(Role.ADMIN, "read what every learner knows for recommendations");
        return new StorePrerequisites(paths, reader);
    }

    @Override
    public boolean lacks(String learnerId, String courseId) {
        return !paths.missingPrerequisites(reader, UserId.of(learnerId), List.of(CourseId.of(courseId))).isEmpty();
    }
}
