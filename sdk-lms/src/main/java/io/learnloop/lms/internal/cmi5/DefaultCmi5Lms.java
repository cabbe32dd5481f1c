package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Course;
import io.learnloop.lms.Cmi5HttpResponse;
import io.learnloop.lms.Cmi5Import;
import io.learnloop.lms.Cmi5Launch;
import io.learnloop.lms.Cmi5LaunchRequest;
import io.learnloop.lms.Cmi5Lms;
import io.learnloop.lms.Cmi5Progress;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.CredentialRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.RegistrationRow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cmi5 LMS over the core facade: structures, registrations, sessions, credentials, statements and documents in
 * the core store; lessons completed through the core's progress service; launches decided by its access ledger.
 *
 * <p>Thread-safe: immutable; its parts are thread-safe.
 */
public final class DefaultCmi5Lms implements Cmi5Lms {
    private final ServiceContext context;
    private final Cmi5Config config;
    private final Importer importer;
    private final Launcher launcher;
    private final FetchEndpoint fetch;
    private final Lrs lrs;

    /**
     * Wires the LMS.
     *
     * @param learnloop the facade
     * @param config    the configuration
     */
    public DefaultCmi5Lms(Learnloop learnloop, Cmi5Config config) {
        this.context = learnloop.context();
        this.config = Objects.requireNonNull(config, "config");
        LmsStatements statements = new LmsStatements(context, config);
        Satisfaction satisfaction = new Satisfaction(statements);
        LessonCompletion completion = new LessonCompletion(learnloop);
        this.importer = new Importer(learnloop, config);
        this.launcher = new Launcher(learnloop, config, statements, satisfaction, completion);
        this.fetch = new FetchEndpoint(context);
        this.lrs = new Lrs(context, config, new StatementResource(context, config, satisfaction, completion),
                new DocumentResource(context, config));
    }

    @Override
    public Cmi5Course importCourse(Actor admin, Cmi5Import request) {
        return importer.importCourse(Objects.requireNonNull(admin, "admin"), Objects.requireNonNull(request,
                "request"));
    }

    @Override
    public Optional<Cmi5Course> course(CourseId course) {
        return course == null ? Optional.empty() : importer.find(course);
    }

    @Override
    public Cmi5Launch launch(Actor learner, Cmi5LaunchRequest request) {
        return launcher.launch(Objects.requireNonNull(learner, "learner"), Objects.requireNonNull(request,
                "request"));
    }

    @Override
    public Cmi5HttpResponse fetch(String method, String target) {
        return fetch.fetch(method, target);
    }

    @Override
    public Cmi5HttpResponse lrs(String method, String target, Map<String, String> headers, byte[] body) {
        return lrs.handle(method, target, headers, body);
    }

    @Override
    public Optional<Cmi5Progress> progress(Actor actor, UserId learner, LessonId lesson) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.id().equals(learner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("Only the learner themself or an admin may read a learner's cmi5 progress.");
        }
        return context.read(uow -> uow.findUnique(Cmi5Types.AU, "lesson", lesson.value()).map(Versioned::value)
                .flatMap(au -> uow.findUnique(Cmi5Types.REGISTRATION, "learner_course",
                        Ids.hash(learner.value(), au.course())).map(r -> view(au, r.value(), learner, lesson))));
    }

    @Override
    public int pruneExpired(int limit) {
        if (limit < 1 || limit > IndexRange.MAX_LIMIT) {
            throw ValidationException.of("limit", "must be 1 to " + IndexRange.MAX_LIMIT + " (was " + limit + ")");
        }
        String before = SortKeys.instant(context.now());
        return context.transact(uow -> {
            List<Versioned<CredentialRow>> expired = uow.findRange(Cmi5Types.CREDENTIAL, "expiry", Cmi5Types.ALL,
                    new IndexRange(null, before, limit, false));
            expired.forEach(v -> uow.delete(Cmi5Types.CREDENTIAL, v.value().id(), v.version()));
            return expired.size();
        });
    }

    private static Cmi5Progress view(AuRow au, RegistrationRow r, UserId learner, LessonId lesson) {
        boolean passed = r.passed().contains(au.index());
        return new Cmi5Progress(learner, lesson, r.id(), r.completed().contains(au.index()), passed,
                !passed && r.failed().contains(au.index()), r.satisfiedAus().get(Integer.toString(au.index())));
    }

    @Override
    public String toString() {
        return "Cmi5Lms[" + config + "]";
    }
}
