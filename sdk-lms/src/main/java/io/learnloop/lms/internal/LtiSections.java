package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The LTI tool's sections of a learner's export, each read through an index keyed by the learner (never a scan):
 * <ul>
 *   <li>{@code lti-users}: the platform accounts linked to the learner (issuer, the platform's user id, first
 *   launch);</li>
 *   <li>{@code lti-launches}: the placed links the learner launched (course, platform, gradebook column, last
 *   launch, last result posted);</li>
 *   <li>{@code lti-scores}: the scores posted, or to post, to those columns;</li>
 *   <li>{@code lti-seats}: the seats of organisation licences the learner took.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
public final class LtiSections implements PersonalDataSource {
    private final String name;
    private final BiFunction<ServiceContext, String, Iterator<?>> reader;

    private LtiSections(String name, BiFunction<ServiceContext, String, Iterator<?>> reader) {
        this.name = name;
        this.reader = reader;
    }

    /**
     * Every section, in the order an archive lists them.
     *
     * @return the sections
     */
    public static List<PersonalDataSource> all() {
        return List.of(
                new LtiSections("lti-users", (ctx, id) -> values(ctx.read(uow ->
                        uow.findBy(LmsTypes.USER, "learner", id)))),
                new LtiSections("lti-launches", LtiSections::links),
                new LtiSections("lti-scores", (ctx, id) -> KeysetRecords.flatten(links(ctx, id),
                        link -> KeysetRecords.under(ctx, LmsTypes.SCORE, "link", link.id()))),
                new LtiSections("lti-seats", (ctx, id) -> values(ctx.read(uow ->
                        uow.findBy(LmsTypes.SEAT, "learner", id)))));
    }

    private static Iterator<GradeLinkRow> links(ServiceContext ctx, String learner) {
        return values(ctx.read(uow -> uow.findBy(LmsTypes.GRADE_LINK, "learner", learner)));
    }

    private static <T> Iterator<T> values(List<Versioned<T>> rows) {
        return rows.stream().map(Versioned::value).iterator();
    }

    @Override
    public String section() {
        return name;
    }

    @Override
    public Iterator<?> records(ErasureScope scope, UserId learner) {
        return reader.apply(scope.context(), learner.value());
    }

    @Override
    public String toString() {
        return "LtiSections[" + name + "]";
    }
}
