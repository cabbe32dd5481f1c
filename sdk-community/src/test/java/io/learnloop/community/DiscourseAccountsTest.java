package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.learnloop.community.internal.discourse.DiscourseConnect;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host users as Discourse accounts: {@code sync_sso} carries the host roles as {@code moderator} / {@code admin}
 * (DiscourseConnect's boolean fields, applied unless absent) and a username Discourse accepts for any host id, while
 * {@code external_id} stays the host id.
 */
class DiscourseAccountsTest {
    private static final String KEY = "admin-api-key-6a1f";
    private static final String SECRET = "connect-secret-for-tests";
    private static final String UUID_ID = "3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b";

    private WireMockServer wm;
    private Community community;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ok(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("id"))
                .build();
        community = Communities.discourse(learnloop.context(), CommunityOptions.builder((user, course) -> true).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), KEY).connectSecret(SECRET).http(SharedHttpClient.builder().sleeper(d -> { })
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build()).build());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void ok(MappingBuilder request, Object body) {
        wm.stubFor(request.withHeader("Api-Key", equalTo(KEY)).withHeader("Accept", equalTo("application/json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Json.write(body))));
    }

    /** sync_sso answers with the account (AdminDetailedUserSerializer), named as asked. */
    private void syncAnswersAs(String username) {
        ok(post(urlEqualTo("/admin/users/sync_sso")), obj("id", 9, "username", username, "active", true,
                "admin", false, "moderator", false, "trust_level", 1));
    }

    private List<Map<String, String>> syncs() {
        return wm.findAll(postRequestedFor(urlEqualTo("/admin/users/sync_sso"))).stream().map(r -> {
            Map<String, Object> json = Json.read(r.getBodyAsString());
            String sso = (String) json.get("sso");
            assertThat(json.get("sig")).isEqualTo(DiscourseConnect.hmacHex(SECRET, sso.getBytes(StandardCharsets.UTF_8)));
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : new String(Base64.getDecoder().decode(sso), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            return out;
        }).toList();
    }

    @Test
    void syncMember_whenHostRolesChange_sendsModeratorAndAdminFlagsEveryTime() {
        UserId lee = UserId.of("lee");
        syncAnswersAs("lee");

        community.syncMember(new CommunityUser(lee, "lee@example.com", "Lee", Set.of(Role.MODERATOR)));
        community.syncMember(new CommunityUser(lee, "lee@example.com", "Lee", Set.of(Role.ADMIN)));
        community.syncMember(new CommunityUser(lee, "lee@example.com", "Lee", Set.of(Role.LEARNER, Role.CREATOR)));
        community.syncMember(new CommunityUser(lee, "lee@example.com", "Lee"));

        assertThat(syncs()).extracting(p -> p.get("moderator") + "/" + p.get("admin"))
                .containsExactly("true/false", "false/true", "false/false", "false/false");
    }

    @Test
    void syncMember_whenHostIdIsAUuid_sendsADerivedValidUsernameAndKeepsTheIdAsExternalId() {
        String username = DiscourseUsernames.of(UserId.of(UUID_ID));
        syncAnswersAs(username);

        community.syncMember(new CommunityUser(UserId.of(UUID_ID), "kim@example.com", "Kim", Set.of(Role.MODERATOR)));

        Map<String, String> sent = syncs().get(0);
        assertThat(sent).containsEntry("external_id", UUID_ID).containsEntry("moderator", "true");
        assertThat(sent.get("username")).isEqualTo(username).matches("3f2a9c1-[a-z2-7]{12}");
        assertThat(DiscourseUsernamesTest.acceptedByDiscourse(sent.get("username"))).isTrue();
    }

    @Test
    void calls_whenActorHasAUuidId_actAsTheDerivedUsernameAndMapAuthorsBack() {
        String username = DiscourseUsernames.of(UserId.of(UUID_ID));
        syncAnswersAs(username);
        ok(get(urlEqualTo("/posts/1001.json")).withHeader("Api-Username", equalTo(username)),
                DiscourseFixtures.post(1001, 100, 2, username, "Use bounded wildcards", 1, false, arr()));
        ok(get(urlPathEqualTo("/review.json")).withHeader("Api-Username", equalTo(username)), obj("reviewables", arr(),
                "meta", obj("total_rows_reviewables", 0, "types", obj(), "reviewable_count", 0)));
        Actor kim = new Actor(UserId.of(UUID_ID), Set.of(Role.MODERATOR));
        community.syncMember(new CommunityUser(kim.id(), "kim@example.com", "Kim", kim.roles()));

        Post post = community.post(kim, "1001");
        community.moderationQueue(kim);

        assertThat(post.author()).isEqualTo(UserId.of(UUID_ID));
        assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/review.json"))
                .withHeader("Api-Username", equalTo(username)).build()).getCount()).isEqualTo(1);
    }
}
