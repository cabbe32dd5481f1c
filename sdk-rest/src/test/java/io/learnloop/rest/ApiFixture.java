package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CompletionRule;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A shop as a host runs it: published courses on sale, a sandbox payment provider, a quiz, certificates, and the
 * HTTP API over them. Requests go through {@link RestApi#handle} exactly as a mounted server would send them.
 */
final class ApiFixture {
    static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    static final Actor LENA = Actor.learner("lena");
    static final Actor MAX = Actor.learner("max");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final Learnloop learnloop;
    final SandboxProvider sandbox;
    final Payments payments;
    final Course java;
    final Course sql;
    final Course draft;
    final Offer javaOffer;
    final Offer sqlOffer;
    final Quiz quiz;
    final Community community;
    final RestApi api;

    ApiFixture() {
        this(Stores.inMemory(), "id");
    }

    ApiFixture(Store store, String idPrefix) {
        learnloop = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.sequential(idPrefix))
                .courseApprovals(1)
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(order -> List.of()))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "Example School"))
                        .withRule(new CompletionRule(false, false, 0)), SigningKey.of("k1", ecKey()))
                .build();
        sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("sandbox-secret")).clock(clock)
                .ids(IdGenerator.sequential(idPrefix + "-sbx")).build());
        payments = Payments.builder(learnloop).provider(sandbox).build();
        java = published("Java in Practice", "programming");
        sql = published("SQL for Analysts", "data");
        draft = learnloop.catalog().createCourse(CREATOR, new CourseDetails("Secret draft", "Not yet", "Hidden", "en",
                "programming", List.of("draft"), CourseLevel.BEGINNER, null));
        javaOffer = learnloop.commerce().createOffer(CREATOR,
                OfferDraft.course("Java in Practice", Money.ofMinor(19900, "CNY"), java.id()));
        sqlOffer = learnloop.commerce().createOffer(CREATOR,
                OfferDraft.course("SQL for Analysts", Money.ofMinor(9900, "CNY"), sql.id()));
        quiz = learnloop.quizzes().create(CREATOR, new QuizDraft(java.id(), null, "Java basics", List.of(
                Question.singleChoice("q1", "Which keyword declares a constant?",
                        List.of(new ChoiceOption("a", "final"), new ChoiceOption("b", "var")), "a", 1),
                Question.trueFalse("q2", "A record is immutable by default.", true, 1)), QuizSettings.defaults()));
        community = Communities.embedded(learnloop.context(), CommunityOptions.builder(
                (user, course) -> learnloop.access().hasAccess(user, CourseId.of(course), clock.instant())).build());
        api = RestApi.builder(learnloop).payments(payments).community(community).build();
    }

    private Course published(String title, String category) {
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails(title, "A subtitle", "A description", "en",
                category, List.of("hands-on"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(12),
                true, "media://v/" + title.length()));
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("deep", LessonType.ARTICLE, Duration.ofMinutes(5),
                false, "media://a/" + title.length()));
        catalog.submit(CREATOR, c.id());
        return catalog.approve(REVIEWER, c.id());
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a request as a mounted server would, and checks the response against the OpenAPI document. */
    RestResponse handle(RestRequest request) {
        RestResponse response = api.handle(request);
        OpenApiContract.check(request, response);
        return response;
    }

    RestResponse get(String path, Actor actor) {
        return handle(RestRequest.of("GET", path, actor));
    }

    RestResponse get(String path, Actor actor, Map<String, String> query) {
        return handle(new RestRequest("GET", path, query, Map.of(), null, actor));
    }

    RestResponse post(String path, Actor actor, String json) {
        RestRequest r = RestRequest.of("POST", path, actor);
        return handle(json == null ? r : r.withJson(json));
    }

    RestResponse postWithKey(String path, Actor actor, String key, String json) {
        return handle(RestRequest.of("POST", path, actor).withJson(json).withHeader("Idempotency-Key", key));
    }

    /** Places an order for one offer and returns its id. */
    String placeOrder(Actor actor, Offer offer, String key) {
        RestResponse r = postWithKey("/orders", actor, key, "{\"offers\":[\"" + offer.id().value() + "\"]}");
        if (r.status() != 201) {
            throw new AssertionError(r.status() + " " + r.bodyText());
        }
        return json(r).get("id").asText();
    }

    /** Pays an order through the sandbox and delivers the provider's notification, as its webhook would. */
    void pay(String orderId, Actor actor) {
        RestResponse r = postWithKey("/orders/" + orderId + "/checkout", actor, "pay-" + orderId,
                "{\"provider\":\"sandbox\",\"flow\":\"CLIENT_SECRET\"}");
        if (r.status() != 200) {
            throw new AssertionError(r.status() + " " + r.bodyText());
        }
        sandbox.pay(json(r).get("merchantReference").asText());
        for (SandboxNotification n : sandbox.deliverable()) {
            payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
        }
    }

    static JsonNode json(RestResponse r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
