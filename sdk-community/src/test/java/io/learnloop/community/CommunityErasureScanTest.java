package io.learnloop.community;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.learnloop.community.CommunityScene.ADMIN;
import static io.learnloop.community.CommunityScene.ANN;
import static io.learnloop.community.CommunityScene.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a learner's erasure, a scan of everything the store keeps (documents, index keys, unique keys, outbox
 * events; every row of every table on H2) finds their id nowhere, not even in another learner's {@code @mention}.
 */
class CommunityErasureScanTest {
    @ParameterizedTest
    @EnumSource(TestStores.class)
    void erase_whenTheLearnerTookPartInTheCommunity_leavesTheirIdNowhereInTheStore(TestStores kind) {
        TestStores.Opened opened = kind.open();
        CommunityScene scene = new CommunityScene(opened.store(), PostsOnErasure.ANONYMISE).play();
        assertThat(opened.holding(ANN.id().value())).isNotEmpty();

        scene.learnloop.personalData().erase(ADMIN, ANN.id(), "asked by mail");

        assertThat(opened.holding(ANN.id().value())).isEmpty();
        assertThat(opened.holding(CommunityScene.ANNS_NOTE)).isEmpty();
        assertThat(opened.holding(CommunityScene.SUSPENSION_REASON)).isEmpty();
        List<Post> thread = scene.community.posts(BOB, scene.annsTopic.id()).streamAll().toList();
        String pseudonym = thread.get(0).author().value();
        assertThat(pseudonym).startsWith("erased-");
        assertThat(thread.get(1).markdown()).isEqualTo(CommunityScene.ANNS_DETAIL.replace(ANN.id().value(),
                pseudonym));
        Post answer = scene.community.post(BOB, scene.bobsAnswer.id());
        assertThat(answer.author()).isEqualTo(BOB.id());
        assertThat(answer.markdown()).isEqualTo(CommunityScene.BOBS_ANSWER.replace(ANN.id().value(), pseudonym));
        assertThat(opened.holding(CommunityScene.CAROLS_TEXT)).isNotEmpty();
        assertThat(opened.holding(BOB.id().value())).isNotEmpty();
    }
}
