package io.learnloop.community.internal.discourse;

import io.learnloop.community.SpaceKind;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Discourse backend's stored links round-trip through the wire format, so every store can keep them. */
class LinksJsonTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void links_whenWrittenAndRead_roundTrip() {
        List<Object> links = List.of(
                new Links.SpaceLink("7", "Java 101", "java-101", SpaceKind.COURSE, "java-101", null, "crs-0123", T),
                new Links.GroupLink("42", "owls", "8", true, "java-101", 80, LocalDate.of(2026, 4, 1), T),
                new Links.InviteLink("42|bob", "42", "bob", "ann", T),
                new Links.SuspensionLink("bob", T, "spam"),
                new Links.UserLink("3f2a9c1-abcdefgh2345", "3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b"),
                new Links.Delivery("post|post_created|1001|2|2026-03-01T10:00:00.000Z", "9001", "post_created", T));

        for (Object link : links) {
            assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(link), link.getClass())).isEqualTo(link);
        }
    }

    @Test
    void courseGroupName_whenAnyCourseId_fitsDiscourseNameRules() {
        String name = DiscourseCommunity.courseGroupName("a-very-long-course-identifier-0f8e2b7c-1234-5678");

        assertThat(name).matches("crs-[0-9a-f]{16}").hasSizeLessThanOrEqualTo(20);
        assertThat(DiscourseCommunity.courseGroupName("java-101")).isNotEqualTo(DiscourseCommunity.courseGroupName("java-102"));
    }

    @Test
    void payload_whenEncoded_isBase64OfUrlEncodedParams() {
        String sso = DiscourseConnect.payload(new java.util.LinkedHashMap<>(java.util.Map.of("external_id", "ann")));

        assertThat(new String(java.util.Base64.getDecoder().decode(sso), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("external_id=ann");
    }
}
