package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.internal.PlatformRows.DeepLinkingRequestRow;
import io.learnloop.lms.internal.PlatformRows.LaunchHint;
import io.learnloop.lms.internal.PlatformRows.ResultRow;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the LTI platform holds about a learner, for the learner's export and erasure. A learner is known to each tool
 * by a pseudonym ({@link Subjects}); the pseudonym and the tool's results for the learner identify them, so both go
 * out in the export ({@code lti-platform-subjects}, {@code lti-platform-results}) and both are erased: each result
 * loses its user id and comment, names the erasure's pseudonym and moves to a random id, the learner's launch hints and open Deep Linking
 * requests are deleted, and the pseudonym's record goes last, so that a later launch starts afresh. Results are read
 * through the learner index, hints and requests (short-lived, pruned) by a scan of what is left of them.
 *
 * <p>Thread-safe: stateless.
 */
public final class PlatformPersonalData implements PersonalDataEraser {
    private static final Set<String> NONE = Set.of();

    @Override
    public String step() {
        return "lti-platform";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        return scope.context().read(uow -> !uow.findBy(PlatformTypes.SUBJECT, "learner", learner.value()).isEmpty()
                || !uow.findBy(PlatformTypes.RESULT, "learner", learner.value()).isEmpty());
    }

    @Override
    public void erase(Erasure e) {
        String id = e.learner().value();
        // A result's id is derived from the learner's pseudonym, which anyone holding the learner's id can compute
        // again: each result moves to a random id.
        e.rewriteAll(PlatformTypes.RESULT, "learner", id, Set.of("userId", "comment"), r -> new ResultRow(
                Keys.of("erased", r.lineItemId(), PlatformHttp.secret()), r.lineItemId(), r.userId(), r.learner(),
                r.scoreGiven(), r.scoreMaximum(), r.comment(), r.activityProgress(), r.gradingProgress(),
                r.timestamp(), r.recordedAt()));
        e.rewriteMatching(PlatformTypes.HINT, (LaunchHint h) -> id.equals(h.user()), NONE, null);
        e.rewriteMatching(PlatformTypes.DL_REQUEST, (DeepLinkingRequestRow r) -> id.equals(r.user()), NONE, null);
        // last: until it is gone, a repeat of this step still finds the learner through it
        e.rewriteAll(PlatformTypes.SUBJECT, "learner", id, NONE, null);
    }

    /**
     * The export sections.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> sections() {
        return List.of(new Section("lti-platform-subjects", (ctx, id) -> values(ctx.read(uow ->
                        uow.findBy(PlatformTypes.SUBJECT, "learner", id)))),
                new Section("lti-platform-results", (ctx, id) -> values(ctx.read(uow ->
                        uow.findBy(PlatformTypes.RESULT, "learner", id)))));
    }

    private static <T> Iterator<T> values(List<Versioned<T>> rows) {
        return rows.stream().map(Versioned::value).iterator();
    }

    private record Section(String section, BiFunction<ServiceContext, String, Iterator<?>> reader)
            implements PersonalDataSource {
        @Override
        public Iterator<?> records(ErasureScope scope, UserId learner) {
            return reader.apply(scope.context(), learner.value());
        }
    }

    @Override
    public String toString() {
        return "PlatformPersonalData";
    }
}
