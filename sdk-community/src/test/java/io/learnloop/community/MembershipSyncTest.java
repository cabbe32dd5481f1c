package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.community.internal.discourse.DiscourseCommunity;
import io.learnloop.core.Learnloop;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Access events drive Discourse course-group membership through sync_sso. */
class MembershipSyncTest {
    private final WireMockServer wm = new WireMockServer(options().dynamicPort());

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void ok(String url, Object body) {
        wm.stubFor(post(urlEqualTo(url)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Json.write(body))));
    }

    private static DomainEvent event(String type, String user) {
        return new DomainEvent("ev-" + type, TenantId.DEFAULT, type, "grant-1", Instant.parse("2026-03-01T10:00:00Z"),
                Map.of("learner", user, "course", "java-101"));
    }

    private List<String> syncPayloads() {
        return wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> (String) Json.read(body).get("sso"))
                .map(sso -> new String(Base64.getDecoder().decode(sso), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void onEvent_whenAccessGrantedThenRevoked_addsThenRemovesCourseGroup() {
        wm.start();
        ok("/admin/groups.json", Json.obj("basic_group", Json.obj("id", 41, "name", "crs")));
        ok("/categories.json", DiscourseFixtures.category(7, "Java 101", "java-101", "g"));
        ok("/admin/users/sync_sso", Json.obj("id", 5, "username", "ann"));
        Entitlements entitlements = new Entitlements();
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("id"))
                .build();
        String course = Courses.create(learnloop, "Java 101");
        Community community = Communities.discourse(learnloop.context(),
                CommunityOptions.builder(entitlements).catalog(learnloop.catalog()).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), "key-0123456789")
                        .connectSecret("connect-secret-for-tests").sleeper(d -> { })
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build());
        community.createSpace(Actor.of("mod", Role.MODERATOR), NewSpace.course("Java 101", course));
        MembershipSync sync = MembershipSync.onAccessEvents(community,
                id -> "ann".equals(id.value()) ? new CommunityUser(id, "ann@example.com", "Ann") : null);
        String group = DiscourseCommunity.courseGroupName(course);

        entitlements.grant("ann", course);
        sync.onEvent(event(EventTypes.ACCESS_GRANTED, "ann"));
        entitlements.revoke("ann", course);
        sync.onEvent(event(EventTypes.ACCESS_REVOKED, "ann"));
        sync.onEvent(event(EventTypes.LESSON_COMPLETED, "ann"));
        sync.onEvent(event(EventTypes.ACCESS_REVOKED, "stranger"));

        assertThat(syncPayloads()).hasSize(2);
        assertThat(syncPayloads().get(0)).contains("add_groups=" + group).doesNotContain("remove_groups");
        assertThat(syncPayloads().get(1)).contains("remove_groups=" + group).doesNotContain("add_groups");
    }
}
