package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the cmi5 LMS holds about a learner, for the learner's export and erasure: registrations (with what each AU
 * reached), sessions, statements (the AUs' and the LMS's, which name the learner's account), state and agent profile
 * documents, and the hashed credentials of their sessions. The export reads each through its learner index, the long
 * ones a page at a time; the erasure deletes them all, the registrations last, so that a repeat of the step still
 * finds the learner until everything else is gone.
 *
 * <p>Thread-safe: stateless.
 */
public final class Cmi5PersonalData implements PersonalDataEraser {
    private static final Set<String> NONE = Set.of();

    @Override
    public String step() {
        return "cmi5";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        return scope.context().read(uow -> !uow.findBy(Cmi5Types.REGISTRATION, "learner", learner.value()).isEmpty()
                || !uow.findBy(Cmi5Types.CREDENTIAL, "learner", learner.value()).isEmpty());
    }

    @Override
    public void erase(Erasure e) {
        String id = e.learner().value();
        e.rewriteAll(Cmi5Types.STATEMENT, "learner", id, NONE, null);
        e.rewriteAll(Cmi5Types.DOCUMENT, "learner", id, NONE, null);
        e.rewriteAll(Cmi5Types.CREDENTIAL, "learner", id, NONE, null);
        e.rewriteAll(Cmi5Types.SESSION, "learner", id, NONE, null);
        // last: until it is gone, a repeat of this step still finds the learner through it
        e.rewriteAll(Cmi5Types.REGISTRATION, "learner", id, NONE, null);
    }

    /**
     * The export sections.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> sections() {
        return List.of(
                new Section("cmi5-registrations", (ctx, id) -> ctx.read(uow -> uow.findBy(Cmi5Types.REGISTRATION,
                        "learner", id)).stream().map(Versioned::value).iterator()),
                new Section("cmi5-sessions",
                        (ctx, id) -> KeysetRecords.under(ctx, Cmi5Types.SESSION, "learner", id)),
                new Section("cmi5-statements",
                        (ctx, id) -> KeysetRecords.under(ctx, Cmi5Types.STATEMENT, "learner", id)),
                new Section("cmi5-documents",
                        (ctx, id) -> KeysetRecords.under(ctx, Cmi5Types.DOCUMENT, "learner", id)));
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
        return "Cmi5PersonalData";
    }
}
