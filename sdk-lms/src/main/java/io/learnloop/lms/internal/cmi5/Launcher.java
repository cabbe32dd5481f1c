package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Exception;
import io.learnloop.lms.Cmi5Exception.Problem;
import io.learnloop.lms.Cmi5Launch;
import io.learnloop.lms.Cmi5LaunchRequest;
import io.learnloop.lms.Cmi5MoveOn;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.CredentialRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.DocumentRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.RegistrationRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StatementRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StructureRow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Launches AUs (cmi5 sections 8.1, 9.3.1, 10): checks the access ledger, reuses or creates the learner's
 * registration for the course (satisfying its {@code NotApplicable} AUs at once, section 9.6.1), records
 * {@code abandoned} for the registration's previous session if it never terminated, starts the session with its
 * one-time fetch key, writes {@code LMS.LaunchData} and records {@code launched} — all in one unit of work, so a
 * refused or failed launch leaves nothing behind.
 *
 * <p>Thread-safe: immutable.
 */
final class Launcher {
    private final Learnloop learnloop;
    private final ServiceContext context;
    private final Cmi5Config config;
    private final LmsStatements statements;
    private final Satisfaction satisfaction;
    private final LessonCompletion completion;

    Launcher(Learnloop learnloop, Cmi5Config config, LmsStatements statements, Satisfaction satisfaction,
             LessonCompletion completion) {
        this.learnloop = learnloop;
        this.context = learnloop.context();
        this.config = config;
        this.statements = statements;
        this.satisfaction = satisfaction;
        this.completion = completion;
    }

    private record Launched(RegistrationRow registration, List<Integer> newlySatisfied) {
    }

    Cmi5Launch launch(Actor actor, Cmi5LaunchRequest request) {
        String learner = actor.id().value();
        AuRow au = context.read(uow -> uow.findUnique(Cmi5Types.AU, "lesson", request.lesson().value()))
                .map(Versioned::value).orElseThrow(() -> new Cmi5Exception(Problem.UNKNOWN_AU, "No imported cmi5 "
                        + "structure binds lesson '" + request.lesson().value() + "' to an AU; import the course's "
                        + "cmi5.xml first."));
        Instant now = context.now();
        AccessDecision access = learnloop.access().decide(actor.id(), request.lesson(), now);
        if (!access.allowed()) {
            throw new Cmi5Exception(Problem.NO_ACCESS, "The learner may not open lesson '" + request.lesson().value()
                    + "' (" + access.reason() + "); the AU is launched only for learners the access ledger admits.");
        }
        StructureRow structure = context.read(uow -> uow.get(Cmi5Types.STRUCTURE, au.course())).value();
        String session = Ids.uuid(context);
        String fetchKey = Ids.secret();
        Launched done = context.transactRetrying(uow -> {
            List<StatementRow> out = new ArrayList<>();
            Optional<Versioned<RegistrationRow>> found = uow.findUnique(Cmi5Types.REGISTRATION, "learner_course",
                    Ids.hash(learner, au.course()));
            RegistrationRow reg;
            List<Integer> newly = List.of();
            if (found.isPresent()) {
                reg = found.get().value();
            } else {
                reg = new RegistrationRow(Ids.uuid(context), learner, au.course(), now, List.of(), List.of(),
                        List.of(), Map.of(), List.of(), null, null);
                List<Integer> notApplicable = uow.findRange(Cmi5Types.AU, "course", au.course(),
                                IndexRange.first(IndexRange.MAX_LIMIT)).stream().map(Versioned::value)
                        .filter(a -> Cmi5MoveOn.valueOf(a.moveOn()) == Cmi5MoveOn.NotApplicable)
                        .map(AuRow::index).toList();
                // satisfied outside any AU session: under a session id of their own (cmi5 9.6.1)
                Satisfaction.Change change = satisfaction.satisfy(reg, structure, notApplicable, Ids.uuid(context),
                        now);
                reg = change.registration();
                newly = change.newlySatisfied();
                out.addAll(change.statements());
            }
            abandonPrevious(uow, reg, now, out);
            RegistrationRow after = new RegistrationRow(reg.id(), reg.learner(), reg.course(), reg.createdAt(),
                    reg.completed(), reg.passed(), reg.failed(), reg.satisfiedAus(), reg.satisfiedBlocks(),
                    reg.courseSatisfiedAt(), session);
            if (found.isPresent()) {
                uow.update(Cmi5Types.REGISTRATION, after, found.get().version());
            } else {
                uow.insert(Cmi5Types.REGISTRATION, after);
            }
            Instant expires = now.plus(config.sessionTtl());
            uow.insert(Cmi5Types.SESSION, new SessionRow(session, after.id(), learner, au.course(), au.index(),
                    au.activityId(), au.publisherId(), request.mode().name(), au.masteryScore(), now, null, List.of(),
                    null, null, expires));
            uow.insert(Cmi5Types.CREDENTIAL, new CredentialRow(Ids.digest(fetchKey), "fetch", session, learner,
                    now.plus(config.fetchTtl()), null));
            writeLaunchData(uow, au, after.id(), learner, session, request, access);
            out.add(statements.launched(au, after.id(), session, learner, request.mode().name(), now));
            for (int i = 0; i < out.size(); i++) {
                StatementRow s = out.get(i);
                // one microsecond apart, so the registration's statements list in the order they were made
                uow.insert(Cmi5Types.STATEMENT, new StatementRow(s.id(), s.registration(), s.learner(), s.session(),
                        s.verb(), s.json(), now.plusNanos(1000L * i)));
            }
            return new Launched(after, newly);
        });
        for (int index : done.newlySatisfied()) {
            completion.complete(learner, lessonOf(au.course(), index));
        }
        if (done.registration().satisfiedAus().containsKey(Integer.toString(au.index()))) {
            completion.complete(learner, au.lesson());
        }
        return new Cmi5Launch(url(au, done.registration().id(), learner, fetchKey), au.launchMethod(),
                done.registration().id(), session, now.plus(config.fetchTtl()));
    }

    private void abandonPrevious(UnitOfWork uow, RegistrationRow reg, Instant now, List<StatementRow> out) {
        if (reg.lastSession() == null) {
            return;
        }
        uow.find(Cmi5Types.SESSION, reg.lastSession()).ifPresent(v -> {
            SessionRow s = v.value();
            if (s.terminatedAt() != null || s.abandonedAt() != null) {
                return;
            }
            AuRow au = uow.get(Cmi5Types.AU, Ids.hash(s.course(), Integer.toString(s.au()))).value();
            out.add(statements.abandoned(au, s.registration(), s.id(), s.learner(), s.launchedAt(),
                    s.lastStatementAt(), now));
            uow.update(Cmi5Types.SESSION, s.with(s.lastStatementAt(), s.verbs(), null, now), v.version());
        });
    }

    private void writeLaunchData(UnitOfWork uow, AuRow au, String registration, String learner, String session,
                                 Cmi5LaunchRequest request, AccessDecision access) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("contextActivities", Map.of("grouping", List.of(Map.of("id", au.publisherId()))));
        template.put("extensions", Map.of(Cmi5Vocabulary.SESSION_ID, session));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contextTemplate", template);
        data.put("launchMode", request.mode().name());
        if (au.launchParameters() != null) {
            data.put("launchParameters", au.launchParameters());
        }
        if (au.masteryScore() != null) {
            data.put("masteryScore", au.masteryScore());
        }
        data.put("moveOn", au.moveOn());
        if (request.returnUrl() != null) {
            data.put("returnURL", request.returnUrl());
        }
        Map<String, Object> entitlement = new LinkedHashMap<>();
        if (au.entitlementKey() != null) {
            entitlement.put("courseStructure", au.entitlementKey());
        }
        if (access.grant() != null) {
            // the access grant that admits the learner: the LMS-side entitlement the AU may check
            entitlement.put("alternate", access.grant().value());
        }
        if (!entitlement.isEmpty()) {
            data.put("entitlementKey", entitlement);
        }
        Documents.put(uow, new DocumentRow(Documents.stateId(au.activityId(), learner, registration,
                Cmi5Vocabulary.LAUNCH_DATA), "state", learner, au.activityId(), registration,
                Cmi5Vocabulary.LAUNCH_DATA, "application/json", Json.write(data), context.now()));
    }

    private String url(AuRow au, String registration, String learner, String fetchKey) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("endpoint", config.endpoint());
        params.put("fetch", config.fetchUrl() + "?k=" + fetchKey);
        params.put("actor", Json.write(statements.actor(learner)));
        params.put("registration", registration);
        params.put("activityId", au.activityId());
        StringBuilder url = new StringBuilder(au.url());
        char sep = au.url().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(),
                    StandardCharsets.UTF_8).replace("+", "%20"));
            sep = '&';
        }
        return url.toString();
    }

    private String lessonOf(String course, int index) {
        return context.read(uow -> uow.get(Cmi5Types.AU, Ids.hash(course, Integer.toString(index)))).value().lesson();
    }
}
