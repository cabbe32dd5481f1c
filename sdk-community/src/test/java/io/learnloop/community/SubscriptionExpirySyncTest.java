package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Stores;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.core.subscription.SubscriptionStatus;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription that falls past due and then expires under the clock moves its learner out of the course group at
 * the end of the grace period, not at the end of the paid period: the core's scheduled work announces each grant's
 * end, and {@link MembershipSync} recomputes membership from the access ledger.
 */
class SubscriptionExpirySyncTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private static final Actor AUTHOR = Actor.of("author", Role.CREATOR);
    private static final Instant START = Instant.parse("2026-01-31T08:00:00Z");
    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void start() {
        wm.start();
        ok("/admin/groups.json", Json.obj("basic_group", Json.obj("id", 41, "name", "crs")));
        ok("/categories.json", DiscourseFixtures.category(7, "Java 101", "java-101", "g"));
        ok("/admin/users/sync_sso", Json.obj("id", 5, "username", "ann"));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void ok(String url, Object body) {
        wm.stubFor(post(urlEqualTo(url)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Json.write(body))));
    }

    private List<Map<String, String>> syncPayloads() {
        return wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> (String) Json.read(body).get("sso"))
                .map(sso -> new String(Base64.getDecoder().decode(sso), StandardCharsets.UTF_8))
                .map(SubscriptionExpirySyncTest::params)
                .toList();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void runScheduledJobs_whenGraceEndsUnpaid_removesTheLearnerFromTheCourseGroupThenAndNotBefore() {
        AtomicReference<EventListener> membership = new AtomicReference<>();
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock)
                .idGenerator(IdGenerator.sequential("s")).listener(event -> membership.get().onEvent(event)).build();
        Course course = Catalogue.published(learnloop, AUTHOR, "Java 101");
        CourseAccess access = (user, courseId) -> learnloop.access().hasAccess(user,
                io.learnloop.core.catalog.CourseId.of(courseId), clock.instant());
        Community community = Communities.discourse(learnloop.context(),
                CommunityOptions.builder(access).catalog(learnloop.catalog()).build(), DiscourseConfig.builder(
                        "http://localhost:" + wm.port(), "key-0123456789").connectSecret("connect-secret-for-tests")
                        .http(SharedHttpClient.builder().sleeper(d -> { })
                                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build()).build());
        membership.set(MembershipSync.onAccessEvents(community,
                id -> "ann".equals(id.value()) ? new CommunityUser(id, "ann@example.com", "Ann") : null));
        community.createSpace(MOD, NewSpace.course("Java 101", course.id().value()));
        String group = DiscourseCommunity.courseGroupName(course.id().value());
        Offer plan = learnloop.commerce().createOffer(AUTHOR, OfferDraft.membership("Java monthly",
                Money.parse("30.00", "CNY"), new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(course.id()),
                        List.of())));
        UserId ann = UserId.of("ann");
        learnloop.context().transactRetrying(uow -> learnloop.subscriptions().open(uow,
                new OpenSubscription(ann, plan.id(), "stripe", "sub_1", DunningPolicy.defaults())));
        learnloop.context().transactRetrying(uow -> learnloop.subscriptions().recordPayment(uow,
                new SubscriptionPayment("stripe", "sub_1", "in_1", Money.parse("30.00", "CNY"))));
        assertThat(syncPayloads().get(syncPayloads().size() - 1)).containsEntry("add_groups", group);

        Instant periodEnd = MembershipPeriod.MONTH.endOf(START);
        clock.set(periodEnd);
        learnloop.runScheduledJobs(); // unpaid: past due, grace granted, the paid period's end announced
        assertThat(learnloop.subscriptions().byExternalId("stripe", "sub_1").status())
                .isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(syncPayloads()).as("the learner never leaves the group between the paid and the grace period")
                .allSatisfy(p -> assertThat(p).containsEntry("add_groups", group).doesNotContainKey("remove_groups"));

        clock.set(periodEnd.plus(Duration.ofDays(7)));
        learnloop.runScheduledJobs();

        assertThat(learnloop.subscriptions().byExternalId("stripe", "sub_1").status())
                .isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(syncPayloads().get(syncPayloads().size() - 1)).containsEntry("external_id", "ann")
                .containsEntry("remove_groups", group).doesNotContainKey("add_groups");
    }
}
