package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invite-only study groups and emoji reactions on Discourse. */
class DiscourseGroupsAndReactionsTest {
    private static final String KEY = "admin-api-key-6a1f";
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor BOB = Actor.learner("bob");

    private WireMockServer wm;
    private Learnloop learnloop;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ok(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        learnloop = Learnloop.builder().store(Stores.inMemory())
                .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))
                .idGenerator(IdGenerator.sequential("id")).build();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private Community community(boolean reactionsPlugin) {
        return Communities.discourse(learnloop.context(),
                CommunityOptions.builder((user, course) -> true).catalog(learnloop.catalog()).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), KEY).http(SharedHttpClient.builder().sleeper(d -> { })
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)).build()).reactionsPlugin(reactionsPlugin).build());
    }

    private void ok(MappingBuilder request, Object body) {
        wm.stubFor(request.withHeader("Api-Key", equalTo(KEY)).withHeader("Accept", equalTo("application/json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Json.write(body))));
    }

    private int count(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return wm.countRequestsMatching(pattern.withHeader("Api-Key", equalTo(KEY)).build()).getCount();
    }

    @Test
    void inviteOnlyGroup_whenInvited_joinsAfterPrivateMessageInvitation() {
        Community c = community(false);
        ok(post(urlEqualTo("/admin/groups.json")), DiscourseFixtures.basicGroup(42, "night-owls", "night-owls"));
        ok(post(urlEqualTo("/categories.json")), DiscourseFixtures.category(8, "night-owls", "night-owls", "night-owls"));
        ok(get(urlEqualTo("/groups/night-owls/members.json?limit=50&offset=0")), obj("members",
                arr(DiscourseFixtures.member(5, "ann")), "owners", arr(DiscourseFixtures.member(5, "ann")),
                "meta", obj("total", 1, "limit", 50, "offset", 0)));
        ok(post(urlEqualTo("/posts.json")), DiscourseFixtures.post(3000, 300, 1, "ann", "invitation", null, false, arr()));
        ok(get(urlEqualTo("/notifications.json")), obj("notifications", arr(obj("id", 700, "notification_type", 6,
                        "read", false, "created_at", DiscourseFixtures.CREATED, "post_number", 1, "topic_id", 300,
                        "data", obj("topic_title", "Study group invitation: night-owls", "original_username", "ann",
                                "display_username", "ann"))),
                "total_rows_notifications", 1, "seen_notification_id", 0));
        ok(put(urlEqualTo("/groups/42/members.json")), obj("success", "OK", "usernames", arr("bob"), "emails", arr()));
        ok(put(urlEqualTo("/admin/groups/42/owners.json")), obj("success", "OK", "usernames", arr("bob")));
        ok(delete(urlEqualTo("/groups/42/members.json")), obj("success", "OK", "usernames", arr("bob"),
                "skipped_usernames", arr()));

        StudyGroup group = c.createGroup(ANN, new NewStudyGroup("night-owls", true, null));
        assertThatThrownBy(() -> c.join(BOB, group.id())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> c.invite(BOB, group.id(), UserId.of("cal"))).isInstanceOfSatisfying(
                LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(count(putRequestedFor(urlEqualTo("/groups/42/members.json")))).isZero();

        c.invite(ANN, group.id(), UserId.of("bob"));
        c.invite(ANN, group.id(), UserId.of("bob"));
        List<Notification> bobs = c.notifications(BOB).streamAll().toList();
        GroupMember joined = c.join(BOB, group.id());
        GroupMember promoted = c.setRole(ANN, group.id(), UserId.of("bob"), GroupRole.OWNER);
        c.leave(BOB, group.id());

        assertThat(group.id()).isEqualTo("42");
        assertThat(group.spaceId()).isEqualTo("8");
        assertThat(count(postRequestedFor(urlEqualTo("/admin/groups.json"))
                .withRequestBody(matchingJsonPath("$.group.visibility_level", equalTo("2"))))).isEqualTo(1);
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")).withHeader("Api-Username", equalTo("ann"))
                .withRequestBody(matchingJsonPath("$.archetype", equalTo("private_message")))
                .withRequestBody(matchingJsonPath("$.target_recipients", equalTo("bob")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Study group invitation: night-owls")))))
                .isEqualTo(1);
        assertThat(bobs).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.GROUP_INVITE);
            assertThat(n.groupId()).isEqualTo("42");
            assertThat(n.fromUser()).isEqualTo("ann");
        });
        assertThat(joined.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(count(putRequestedFor(urlEqualTo("/groups/42/members.json")).withHeader("Api-Username", equalTo("system"))
                .withRequestBody(equalToJson("{\"usernames\":\"bob\"}")))).isEqualTo(1);
        assertThat(promoted.role()).isEqualTo(GroupRole.OWNER);
        assertThat(count(putRequestedFor(urlEqualTo("/admin/groups/42/owners.json"))
                .withRequestBody(equalToJson("{\"group\":{\"usernames\":\"bob\"}}")))).isEqualTo(1);
        assertThat(count(deleteRequestedFor(urlEqualTo("/groups/42/members.json"))
                .withRequestBody(equalToJson("{\"usernames\":\"bob\"}")))).isEqualTo(1);
    }

    @Test
    void react_whenReactionsPluginInstalled_togglesEmojiReaction() {
        Community c = community(true);
        ok(put(urlEqualTo("/discourse-reactions/posts/1001/custom-reactions/heart/toggle.json")),
                Json.obj("id", 1001, "topic_id", 100, "post_number", 2, "username", "bob", "raw", "answer",
                        "reactions", arr(obj("id", "heart", "type", "emoji", "count", 1)), "current_user_reaction",
                        obj("id", "heart", "type", "emoji", "can_undo", true), "reaction_users_count", 1));

        Post post = c.react(ANN, "1001", "heart");

        assertThat(post.reactionCount("heart")).isEqualTo(1);
        assertThat(count(putRequestedFor(urlEqualTo("/discourse-reactions/posts/1001/custom-reactions/heart/toggle.json"))
                .withHeader("Api-Username", equalTo("ann")))).isEqualTo(1);
    }

    @Test
    void react_whenEmojiWithoutPlugin_validationErrorAndNothingSent() {
        Community c = community(false);

        assertThatThrownBy(() -> c.react(ANN, "1001", "heart")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("reaction"));
        assertThat(count(putRequestedFor(urlPathMatching("/.*")))).isZero();
        assertThat(count(postRequestedFor(urlPathMatching("/.*")))).isZero();
    }

    @Test
    void syncMember_whenNoConnectSecret_failsWithConfigurationError() {
        Community c = community(false);

        assertThatThrownBy(() -> c.syncMember(new CommunityUser(UserId.of("ann"), "ann@example.com", null)))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("connectSecret");
                });
        assertThatThrownBy(() -> c.syncMember(new CommunityUser(UserId.of("ann"), "not-an-email", null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("email"));
    }

    @Test
    void createSpace_whenCourseGroupExistsAndCategoryCreateTimesOut_reusesBothWithoutDuplicates() {
        Community c = community(false);
        String course = Courses.create(learnloop, "Java 101");
        String group = io.learnloop.community.internal.discourse.DiscourseCommunity.courseGroupName(course);
        wm.stubFor(post(urlEqualTo("/admin/groups.json")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(obj("errors", arr("Name has already been taken"), "error_type", "record_invalid")))));
        ok(get(urlEqualTo("/groups/" + group + ".json")), obj("group", obj("id", 41, "name", group)));
        wm.stubFor(post(urlEqualTo("/categories.json")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Json.write(DiscourseFixtures.category(7, "Java 101", "java-101", group))).withFixedDelay(2500)));
        ok(get(urlEqualTo("/categories.json")), obj("category_list", obj("can_create_category", true,
                "categories", arr(obj("id", 3, "name", "General", "slug", "general"),
                        obj("id", 7, "name", "Java 101", "slug", "java-101")))));

        Space space = c.createSpace(Actor.of("mod", io.learnloop.core.identity.Role.MODERATOR),
                NewSpace.course("Java 101", course));

        assertThat(space.id()).isEqualTo("7");
        assertThat(space.slug()).isEqualTo("java-101");
        assertThat(space.kind()).isEqualTo(SpaceKind.COURSE);
        assertThat(count(postRequestedFor(urlEqualTo("/admin/groups.json")))).isEqualTo(1);
        assertThat(count(postRequestedFor(urlEqualTo("/categories.json")))).isEqualTo(1);
    }
}
