package io.learnloop.community.internal.embedded;

import io.learnloop.community.GroupRole;
import io.learnloop.community.ModerationAction;
import io.learnloop.community.NotificationKind;
import io.learnloop.community.PostStatus;
import io.learnloop.community.ReportReason;
import io.learnloop.community.ReportStatus;
import io.learnloop.community.SpaceKind;
import io.learnloop.community.TopicStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The records the embedded backend keeps in the core store. Plain values only, so every store can keep them.
 *
 * <p>Thread-safe: immutable records.
 */
final class Rows {
    private Rows() {
    }

    record SpaceRow(String id, String name, String slug, SpaceKind kind, String courseId, String groupId,
                    String description, Instant createdAt) {
    }

    record TopicRow(String id, String spaceId, String title, String authorId, boolean question,
                    String acceptedPostId, int postCount, TopicStatus status, Instant createdAt) {
        TopicRow withPostCount(int count) {
            return new TopicRow(id, spaceId, title, authorId, question, acceptedPostId, count, status, createdAt);
        }

        TopicRow withAccepted(String postId) {
            return new TopicRow(id, spaceId, title, authorId, question, postId, postCount, status, createdAt);
        }
    }

    record PostRow(String id, String topicId, int number, String authorId, String markdown, int replyToNumber,
                   PostStatus status, Instant createdAt) {
        PostRow withStatus(PostStatus s) {
            return new PostRow(id, topicId, number, authorId, markdown, replyToNumber, s, createdAt);
        }

        PostRow withMarkdown(String text) {
            return new PostRow(id, topicId, number, authorId, text, replyToNumber, status, createdAt);
        }
    }

    record ReactionRow(String id, String postId, String userId, String reaction, Instant createdAt) {
    }

    record GroupRow(String id, String name, String spaceId, boolean inviteOnly, String goalCourseId,
                    int goalPercent, LocalDate goalDue, Instant createdAt) {
    }

    record MembershipRow(String id, String groupId, String userId, GroupRole role, Instant joinedAt) {
    }

    record InviteRow(String id, String groupId, String userId, String invitedBy, Instant createdAt) {
    }

    record ReportRow(String id, String postId, String topicId, String reporterId, ReportReason reason, String note,
                     ReportStatus status, ModerationAction action, String moderatorId, Instant createdAt) {
    }

    record NotificationRow(String id, String userId, NotificationKind kind, String topicId, String postId,
                           String groupId, String fromUser, boolean read, Instant createdAt) {
    }

    record SuspensionRow(String id, String userId, Instant until, String reason, String moderatorId) {
    }
}
