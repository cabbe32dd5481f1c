package io.learnloop.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.learnloop.community.CommunityScene.ANN;
import static io.learnloop.community.CommunityScene.BOB;
import static io.learnloop.community.CommunityScene.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/** A learner's export holds what the embedded community keeps about them, and nothing of anyone else's. */
class CommunityExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> unzip(byte[] archive) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<JsonNode> records(Map<String, String> files, String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(files.get(file)).forEach(out::add);
        return out;
    }

    private static List<String> texts(List<JsonNode> records, String field) {
        return records.stream().map(r -> r.path(field).asText(null)).toList();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void export_whenTheLearnerTookPartInTheCommunity_writesEverySectionWithTheirRecordsOnly(TestStores kind)
            throws IOException {
        CommunityScene scene = new CommunityScene(kind.open().store(), PostsOnErasure.ANONYMISE).play();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportManifest manifest = scene.learnloop.personalData().export(ANN, ANN.id(), out);

        Map<String, Long> counts = manifest.sections().stream().filter(s -> s.name().startsWith("community-"))
                .collect(Collectors.toMap(ExportedSection::name, ExportedSection::records, (a, b) -> a,
                        LinkedHashMap::new));
        assertThat(counts).containsExactly(Map.entry("community-topics", 1L), Map.entry("community-posts", 2L),
                Map.entry("community-reactions", 1L), Map.entry("community-memberships", 1L),
                Map.entry("community-invitations", 1L), Map.entry("community-reports", 1L),
                Map.entry("community-notifications", 3L), Map.entry("community-suspensions", 1L));
        Map<String, String> files = unzip(out.toByteArray());
        counts.forEach((name, count) -> assertThat(files).containsKey(name + ".json"));
        for (Map.Entry<String, Long> section : counts.entrySet()) {
            assertThat(records(files, section.getKey() + ".json")).as(section.getKey()).hasSize(
                    section.getValue().intValue());
        }

        assertThat(texts(records(files, "community-topics.json"), "title")).containsExactly(CommunityScene.ANNS_TITLE);
        List<JsonNode> posts = records(files, "community-posts.json");
        assertThat(texts(posts, "authorId")).containsOnly(ANN.id().value());
        assertThat(texts(posts, "markdown")).containsExactly(CommunityScene.ANNS_TEXT, CommunityScene.ANNS_DETAIL);
        assertThat(texts(records(files, "community-reactions.json"), "reaction")).containsExactly("heart");
        assertThat(texts(records(files, "community-memberships.json"), "userId")).containsExactly(ANN.id().value());
        List<JsonNode> invitations = records(files, "community-invitations.json");
        assertThat(texts(invitations, "userId")).containsExactly(ANN.id().value());
        assertThat(texts(invitations, "invitedBy")).containsExactly(BOB.id().value());
        assertThat(texts(records(files, "community-reports.json"), "note")).containsExactly(CommunityScene.ANNS_NOTE);
        assertThat(texts(records(files, "community-notifications.json"), "kind"))
                .containsExactlyInAnyOrder("REPLY", "MENTION", "GROUP_INVITE");
        assertThat(texts(records(files, "community-notifications.json"), "userId")).containsOnly(ANN.id().value());
        assertThat(texts(records(files, "community-suspensions.json"), "reason"))
                .containsExactly(CommunityScene.SUSPENSION_REASON);

        String archive = String.join("\n", files.values());
        assertThat(archive).doesNotContain(CommunityScene.BOBS_ANSWER, "Bob answers Carol", CommunityScene.CAROLS_TEXT,
                CAROL.id().value(), "tada");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void export_whenTheLearnerWroteMoreThanAPage_readsEveryPageInOrder(TestStores kind) throws IOException {
        CommunityScene scene = new CommunityScene(kind.open().store(), PostsOnErasure.ANONYMISE).play();
        scene.annReplies(230);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        scene.learnloop.personalData().export(CommunityScene.ADMIN, ANN.id(), out);

        List<String> markdown = texts(records(unzip(out.toByteArray()), "community-posts.json"), "markdown");
        assertThat(markdown).hasSize(232).doesNotHaveDuplicates();
        assertThat(markdown.subList(0, 2)).containsExactly(CommunityScene.ANNS_TEXT, CommunityScene.ANNS_DETAIL);
        assertThat(markdown.get(231)).isEqualTo("follow-up 229");
    }
}
