package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.core.Learnloop;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
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
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Access events of the core drive Discourse course-group membership through sync_sso. */
class MembershipSyncTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private final Entitlements entitlements = new Entitlements();
    private final Function<UserId, CommunityUser> directory =
            id -> "ann".equals(id.value()) ? new CommunityUser(id, "ann@example.com", "Ann") : null;

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

    private DiscourseConfig config() {
        return DiscourseConfig.builder("http://localhost:" + wm.port(), "key-0123456789")
                .connectSecret("connect-secret-for-tests").http(SharedHttpClient.builder().sleeper(d -> { })
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build()).build();
    }

    private static DomainEvent event(String type, String user, String course) {
        return new DomainEvent("ev-" + type, TenantId.DEFAULT, type, "grant-1", Instant.parse("2026-03-01T10:00:00Z"),
                Map.of("learner", user, "course", course, "grant", "grant-1", "source", "PURCHASE"));
    }

    /** Publishes an access event through the outbox, as the core's access ledger does. */
    private static void publish(Learnloop learnloop, String type, String user, String course) {
        learnloop.context().transact(uow -> {
            uow.publish(learnloop.context().event(type, "grant-1",
                    Map.of("learner", user, "course", course, "grant", "grant-1", "source", "PURCHASE")));
            return null;
        });
    }

    private List<Map<String, String>> syncPayloads() {
        return wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> (String) Json.read(body).get("sso"))
                .map(sso -> new String(Base64.getDecoder().decode(sso), StandardCharsets.UTF_8))
                .map(MembershipSyncTest::params)
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
    void onEvent_whenAccessGrantedThenRevoked_addsThenRemovesCourseGroup() {
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("id"))
                .build();
        String course = Courses.create(learnloop, "Java 101");
        Community community = Communities.discourse(learnloop.context(),
                CommunityOptions.builder(entitlements).catalog(learnloop.catalog()).build(), config());
        community.createSpace(MOD, NewSpace.course("Java 101", course));
        MembershipSync sync = MembershipSync.onAccessEvents(community, directory);
        String group = DiscourseCommunity.courseGroupName(course);

        entitlements.grant("ann", course);
        sync.onEvent(event(EventTypes.ACCESS_GRANTED, "ann", course));
        entitlements.revoke("ann", course);
        sync.onEvent(event(EventTypes.ACCESS_REVOKED, "ann", course));
        sync.onEvent(event(EventTypes.LESSON_COMPLETED, "ann", course));
        sync.onEvent(event(EventTypes.ACCESS_REVOKED, "stranger", course));

        assertThat(syncPayloads()).hasSize(2);
        assertThat(syncPayloads().get(0)).containsEntry("add_groups", group).doesNotContainKey("remove_groups");
        assertThat(syncPayloads().get(1)).containsEntry("remove_groups", group).doesNotContainKey("add_groups");
    }

    @Test
    void onAccessEvents_whenWiredAsDocumented_learnerJoinsThenLeavesTheCourseGroup() {
        Store store = Stores.inMemory();
        CourseAccess access = entitlements;
        DiscourseConfig config = config();

        // docs/community.md, "Keeping course groups in step with purchases", line for line:
        AtomicReference<EventListener> membership = new AtomicReference<>();
        Learnloop learnloop = Learnloop.builder()
                .store(store)
                .listener(event -> membership.get().onEvent(event))   // a delivery before set() fails and comes again
                .build();
        CommunityOptions options = CommunityOptions.builder(access).catalog(learnloop.catalog()).build();
        Community community = Communities.discourse(learnloop.context(), options, config);
        membership.set(MembershipSync.onAccessEvents(community, directory));   // directory: UserId -> CommunityUser

        String course = Courses.create(learnloop, "Java 101");
        community.createSpace(MOD, NewSpace.course("Java 101", course));
        String group = DiscourseCommunity.courseGroupName(course);

        entitlements.grant("ann", course);
        publish(learnloop, EventTypes.ACCESS_GRANTED, "ann", course);
        entitlements.revoke("ann", course);
        publish(learnloop, EventTypes.ACCESS_REVOKED, "ann", course);

        assertThat(syncPayloads()).hasSize(2);
        assertThat(syncPayloads().get(0)).containsEntry("external_id", "ann").containsEntry("add_groups", group);
        assertThat(syncPayloads().get(1)).containsEntry("external_id", "ann").containsEntry("remove_groups", group)
                .doesNotContainKey("add_groups");
    }
}
