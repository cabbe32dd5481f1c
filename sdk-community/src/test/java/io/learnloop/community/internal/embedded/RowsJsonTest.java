package io.learnloop.community.internal.embedded;

import io.learnloop.community.GroupRole;
import io.learnloop.community.ModerationAction;
import io.learnloop.community.NotificationKind;
import io.learnloop.community.PostStatus;
import io.learnloop.community.ReportReason;
import io.learnloop.community.ReportStatus;
import io.learnloop.community.SpaceKind;
import io.learnloop.community.TopicStatus;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored record round-trips through the wire format, so every store (JDBC too) can keep it. */
class RowsJsonTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void rows_whenWrittenAndRead_roundTrip() {
        List<Object> rows = List.of(
                new Rows.SpaceRow("s1", "Java 101", "java-101", SpaceKind.COURSE, "java-101", null, "", T),
                new Rows.TopicRow("t1", "s1", "Title", "ann", true, null, 2, TopicStatus.OPEN, T),
                new Rows.PostRow("p1", "t1", 2, "bob", "**md**", 1, PostStatus.HIDDEN, T),
                new Rows.ReactionRow("p1|ann|like", "p1", "ann", "like", T),
                new Rows.GroupRow("g1", "owls", "s2", true, "java-101", 80, LocalDate.of(2026, 4, 1), T),
                new Rows.MembershipRow("g1|ann", "g1", "ann", GroupRole.OWNER, T),
                new Rows.InviteRow("g1|bob", "g1", "bob", "ann", T),
                new Rows.ReportRow("r1", "p1", "t1", "ann", ReportReason.SPAM, null, ReportStatus.ACTIONED,
                        ModerationAction.HIDE, "mod", T),
                new Rows.NotificationRow("n1", "ann", NotificationKind.REPLY, "t1", "p1", null, "bob", false, T),
                new Rows.SuspensionRow("bob", "bob", T, "spam", "mod"));

        for (Object row : rows) {
            assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(row), row.getClass())).isEqualTo(row);
        }
    }
}
