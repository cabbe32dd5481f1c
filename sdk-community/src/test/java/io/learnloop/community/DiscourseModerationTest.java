package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Stores;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation decisions on Discourse's review queue. WireMock answers like {@code ReviewablesController#perform}: an
 * action that {@code ReviewableFlaggedPost#build_actions} does not offer for the post's state is refused with 403
 * {@code invalid_access}; the offered ones succeed.
 */
class DiscourseModerationTest {
    private static final String KEY = "admin-api-key-6a1f";
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);

    private WireMockServer wm;
    private Community community;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ok(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        ok(get(urlEqualTo("/review/555.json")), obj("reviewable", DiscourseFixtures.reviewable(555, 1001, 100, 0, 3)));
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("id"))
                .build();
        community = Communities.discourse(learnloop.context(), CommunityOptions.builder((user, course) -> true).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), KEY).http(SharedHttpClient.builder().sleeper(d -> { })
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

    /** Discourse with the flagged post in one state: the offered actions succeed, the others are refused. */
    private void reviewQueueFor(boolean postHidden, String... offered) {
        ok(get(urlEqualTo("/posts/1001.json")),
                DiscourseFixtures.post(1001, 100, 2, "bob", "Rude words", 1, postHidden, arr()));
        wm.stubFor(put(urlPathMatching("/review/555/perform/.*")).atPriority(10).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.write(obj("errors", arr("You are not permitted to view the requested resource."),
                        "error_type", "invalid_access")))));
        for (String action : offered) {
            ok(put(urlEqualTo("/review/555/perform/" + action + "?version=3")).atPriority(1),
                    obj("reviewable_perform_result", obj("success", true, "transition_to", "approved",
                            "transition_to_id", 1, "remove_reviewable_ids", arr(555), "version", 4,
                            "reviewable_count", 0)));
        }
    }

    private int performed(String action) {
        return wm.countRequestsMatching(putRequestedFor(urlEqualTo("/review/555/perform/" + action + "?version=3"))
                .withHeader("Api-Username", equalTo("mod")).build()).getCount();
    }

    @ParameterizedTest
    @CsvSource({
            // visible post: build_actions offers agree_and_hide, disagree, delete_and_agree
            "false, HIDE,    agree_and_hide,        ACTIONED",
            "false, DISMISS, disagree,              DISMISSED",
            "false, REMOVE,  delete_and_agree,      ACTIONED",
            // post already hidden (say by enough flags): agree_and_keep_hidden, disagree_and_restore, delete_and_agree
            "true,  HIDE,    agree_and_keep_hidden, ACTIONED",
            "true,  DISMISS, disagree_and_restore,  DISMISSED",
            "true,  REMOVE,  delete_and_agree,      ACTIONED"})
    void moderate_whenPostInState_performsTheActionDiscourseOffers(boolean hidden, ModerationAction action,
                                                                  String expected, ReportStatus status) {
        if (hidden) {
            reviewQueueFor(true, "agree_and_keep_hidden", "agree_and_keep", "disagree_and_restore", "delete_and_agree");
        } else {
            reviewQueueFor(false, "agree_and_hide", "agree_and_keep", "disagree", "delete_and_agree");
        }

        Report report = community.moderate(MOD, "555", action);

        assertThat(report.status()).isEqualTo(status);
        assertThat(performed(expected)).isEqualTo(1);
        assertThat(wm.countRequestsMatching(putRequestedFor(urlPathMatching("/review/555/perform/.*")).build())
                .getCount()).isEqualTo(1);
    }
}
