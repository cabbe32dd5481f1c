package io.learnloop.examples.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.community.NewSpace;
import io.learnloop.community.Post;
import io.learnloop.community.PostsOnErasure;
import io.learnloop.community.ReportReason;
import io.learnloop.community.Space;
import io.learnloop.community.Topic;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureState;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.ErasureScenario;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.lms.LrsEndpoint;
import io.learnloop.lms.LtiTools;
import io.learnloop.lms.Xapi;
import io.learnloop.lms.XapiConfig;
import io.learnloop.lms.XapiPublisher;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRequest;
import io.learnloop.rest.RestResponse;
import io.learnloop.recommend.StoreInteractions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The personal-data acceptance test across every module, run on every store: a learner who bought through a payment
 * provider and through the HTTP API, studied, wrote notes, reviews and quiz answers, earned a certificate, posted and
 * reported in the community, and whose learning went to a learning record store, is exported (the archive holds every
 * item of every module), then erased; a scan of every stored value afterwards finds none of the values that
 * identified them, while every ledger balances as before and the other learner keeps everything.
 */
abstract class EveryModuleErasureContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final Actor MODERATOR = Actor.of("mod", Role.MODERATOR);
    private static final Currency CNY = Currency.getInstance("CNY");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final StubLrs lrs = new StubLrs();

    /**
     * A new, empty store.
     *
     * @return the store
     */
    protected abstract Store newStore();

    /**
     * Everything the store holds, as text: every row of every table, every record and key.
     *
     * @param store the store
     * @return the contents
     */
    protected abstract List<String> contents(Store store);

    @AfterEach
    void stopLrs() {
        lrs.shutdown();
    }

    /** The platform of the scenario, with every module's export sections and erasure steps. */
    private final class Platform {
        final Store store = newStore();
        final ErasureScenario s;
        final Payments payments;
        final SandboxProvider sandbox;
        final Community community;
        final XapiPublisher xapi;
        final RestApi api;
        final List<String> lenasWords = new ArrayList<>();
        final List<String> tomsWords = new ArrayList<>();

        Platform() {
            AtomicReference<EventListener> relay = new AtomicReference<>();
            XapiConfig xapiConfig = XapiConfig.builder(SharedHttpClient.create(), "https://school.example",
                    "https://school.example/xapi").lrs(new LrsEndpoint("company-lrs", lrs.baseUrl(), "key",
                    "secret")).build();
            AtomicReference<StoreInteractions> recommenderView = new AtomicReference<>();
            s = new ErasureScenario(store, clock, b -> {
                b.listener(event -> {
                            EventListener x = relay.get();
                            if (x == null) {
                                // the publisher is wired once the facade exists; until then events wait in the outbox
                                throw new IllegalStateException("the xAPI publisher is not wired yet");
                            }
                            x.onEvent(event);
                        })
                        .personalDataEraser(Communities.personalDataEraser(PostsOnErasure.REMOVE))
                        .personalDataEraser(Payments.personalDataEraser())
                        .personalDataEraser(LtiTools.personalDataEraser())
                        .personalDataEraser(Xapi.personalDataEraser(xapiConfig))
                        .personalDataEraser(RestApi.personalDataEraser())
                        .personalDataSource(Xapi.personalDataSource(xapiConfig))
                        .personalDataSource(StoreInteractions.personalDataSource(recommenderView::get));
                Payments.personalDataSources().forEach(b::personalDataSource);
                Communities.personalDataSources().forEach(b::personalDataSource);
                LtiTools.personalDataSources().forEach(b::personalDataSource);
            });
            Learnloop learnloop = s.learnloop;
            recommenderView.set(StoreInteractions.of(learnloop, Actor.of("recommender", Role.FINANCE)));
            xapi = Xapi.publisher(learnloop, xapiConfig);
            relay.set(xapi.outboxListener());
            clock.advance(Duration.ofMinutes(5));
            learnloop.deliverEvents();

            sandbox = new SandboxProvider(SandboxConfig.builder().key("whsec-1", Secret.of("webhook secret"))
                    .clock(clock).build());
            payments = Payments.builder(learnloop).provider(sandbox).build();
            Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread, the workshop",
                    Money.parse("99.00", "CNY"), s.course.id()));
            for (ErasureScenario.Person p : List.of(s.lena, s.tom)) {
                Actor actor = Actor.learner(p.id().value());
                Order order = learnloop.commerce().placeOrder(actor, PlaceOrder.of("shop-1", offer.id()));
                PaymentSession session = payments.checkout(actor, CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                        PaymentFlow.REDIRECT, "Bread, the workshop"));
                sandbox.pay(session.merchantReference());
                for (SandboxNotification n : sandbox.deliverable()) {
                    payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
                }
            }

            community = Communities.embedded(learnloop.context(), CommunityOptions.builder(
                            (user, course) -> learnloop.access().hasAccess(user,
                                    new io.learnloop.core.catalog.CourseId(course), clock.instant()))
                    .catalog(learnloop.catalog()).build());
            Space space = community.createSpace(MODERATOR, NewSpace.course("Bread", s.course.id().value()));
            String title = "topic-title-of-" + s.lena.id().value();
            String question = "a question about starters, asked by " + s.lena.id().value() + " in words of her own";
            Topic topic = community.createTopic(Actor.learner(s.lena.id().value()), space.id(), title, question,
                    true);
            String answer = "answer-words-of-" + s.tom.id().value();
            Post reply = community.reply(Actor.learner(s.tom.id().value()), topic.id(), answer, 1);
            community.react(Actor.learner(s.lena.id().value()), reply.id(), "heart");
            String reportNote = "report-note-of-" + s.lena.id().value();
            community.report(Actor.learner(s.lena.id().value()), reply.id(), ReportReason.OFF_TOPIC, reportNote);
            lenasWords.addAll(List.of(title, question, reportNote));
            tomsWords.add(answer);

            api = RestApi.builder(learnloop).payments(payments).community(community).build();
            Offer apiOffer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread, the book",
                    Money.parse("9.00", "CNY"), s.course.id()));
            for (ErasureScenario.Person p : List.of(s.lena, s.tom)) {
                RestResponse placed = api.handle(RestRequest.of("POST", "/orders", Actor.learner(p.id().value()))
                        .withJson("{\"offers\":[\"" + apiOffer.id().value() + "\"]}")
                        .withHeader("Idempotency-Key", java.util.UUID.randomUUID().toString()));
                assertThat(placed.status()).as(placed.bodyText()).isEqualTo(201);
            }
            learnloop.deliverEvents();
            xapi.sendPending("company-lrs");
        }

        List<String> lenasValues() {
            List<String> values = new ArrayList<>(s.lena.identifying());
            values.addAll(lenasWords);
            return values;
        }

        List<String> tomsValues() {
            List<String> values = new ArrayList<>(s.tom.identifying());
            values.addAll(tomsWords);
            return values;
        }
    }

    private static Map<String, JsonNode> unzip(byte[] archive) throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), JSON.readTree(zip.readAllBytes()));
            }
        }
        return files;
    }

    private static List<String> containing(List<String> contents, String value) {
        return contents.stream().filter(line -> line.contains(value)).toList();
    }

    @Test
    void erase_whenLearnerTouchedEveryModule_exportsEveryItemAndLeavesNothingThatIdentifiesThem() throws IOException {
        Platform p = new Platform();
        Learnloop learnloop = p.s.learnloop;
        assertThat(lrs.received()).as("statements the LRS took").isNotEmpty();

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        ExportManifest manifest = learnloop.personalData().export(Staff.ADMIN, p.s.lena.id(), archive);
        Map<String, JsonNode> files = unzip(archive.toByteArray());
        assertThat(files).containsKey("manifest.json");
        // every section of every module is in the archive, and each one the learner touched holds their records
        assertThat(files.keySet()).contains("payment-attempts.json", "payment-notifications.json",
                "refund-requests.json", "apple-transactions.json", "community-topics.json", "community-posts.json",
                "community-reports.json", "lti-users.json", "lti-launches.json", "lti-seats.json",
                "lrs-statements.json", "recommendation-interactions.json", "payouts.json");
        for (String touched : List.of("orders.json", "grants.json", "progress.json", "notes.json",
                "quiz-attempts.json", "recall-cards.json", "certificates.json", "reviews.json", "consents.json",
                "audit.json", "payment-attempts.json", "payment-notifications.json", "community-topics.json",
                "community-posts.json", "community-reactions.json", "community-reports.json", "lrs-statements.json",
                "recommendation-interactions.json")) {
            assertThat(files.get(touched)).as(touched + " holds the learner's records").isNotEmpty();
        }
        for (JsonNode section : files.get("manifest.json").path("sections")) {
            assertThat(files.get(section.path("file").asText())).as(section.toString())
                    .hasSize(section.path("records").asInt());
        }
        String exported = files.toString();
        for (String value : p.lenasValues()) {
            assertThat(exported.contains(value)).as("the archive holds " + value).isTrue();
        }
        // what the other learner wrote is not in it (their id may be: a notification says who replied to her)
        for (String value : p.tomsValues().subList(1, p.tomsValues().size())) {
            assertThat(files.entrySet().stream().filter(f -> f.getValue().toString().contains(value))
                    .map(f -> f.getKey() + ": " + f.getValue()).toList()).as("another learner's " + value).isEmpty();
        }
        assertThat(manifest.toString()).isNotEmpty();

        List<String> before = contents(p.store);
        for (String value : p.lenasValues()) {
            assertThat(containing(before, value)).as("the store held " + value + " before").isNotEmpty();
        }
        List<Balance> balances = p.s.balances();

        ErasureOutcome outcome = learnloop.personalData().erase(Staff.ADMIN, p.s.lena.id(), "asked by letter");
        learnloop.deliverEvents();

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        List<String> after = contents(p.store);
        for (String value : p.lenasValues()) {
            assertThat(containing(after, value)).as("what still holds " + value).isEmpty();
        }
        assertThat(p.s.balances()).isEqualTo(balances);
        assertThat(p.s.balances().stream().map(Balance::amount).reduce(Money.zero(CNY), Money::plus).isZero())
                .as("the ledger balances").isTrue();
        for (String value : p.tomsValues()) {
            assertThat(containing(after, value)).as("tom's " + value).isNotEmpty();
        }
        ByteArrayOutputStream tomsArchive = new ByteArrayOutputStream();
        learnloop.personalData().export(Staff.ADMIN, p.s.tom.id(), tomsArchive);
        String tomsExport = unzip(tomsArchive.toByteArray()).toString();
        for (String value : p.tomsValues()) {
            assertThat(tomsExport.contains(value)).as("tom's archive holds " + value).isTrue();
        }
    }
}
