package io.learnloop.core.access;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessJsonTest {
    private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    private static <T> void roundTrips(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        String json = LearnloopJson.toJson(value);
        assertThat(LearnloopJson.fromJson(json, type)).as(json).isEqualTo(value);
    }

    @Test
    void everyAccessRecord_whenWrittenAndRead_isEqual() {
        GrantRequest purchase = GrantRequest.purchase(UserId.of("lena"), OrderId.of("o-1"), "l-1",
                List.of(CourseId.of("c-1"), CourseId.of("c-2")), T, T.plusSeconds(60));
        GrantRequest membership = GrantRequest.membership(UserId.of("lena"), OfferId.of("plan"),
                List.of(CourseId.of("c-1")), List.of("design"), T, T.plusSeconds(3600));
        Revocation revocation = new Revocation(RevocationReason.MANUAL, "ticket-1", T, UserId.of("root"));
        Grant grant = Grant.of(GrantId.of("g-1"), membership, T, null).revoked(revocation);

        roundTrips(purchase);
        roundTrips(membership);
        roundTrips(GrantRequest.manual(UserId.of("lena"), List.of(CourseId.of("c-1")), "ref", T, null));
        roundTrips(revocation);
        roundTrips(grant);
        roundTrips(Grant.of(GrantId.of("g-2"), purchase, T, null));
        roundTrips(AccessDecision.of(AccessReason.PURCHASED, CourseId.of("c-1"), LessonId.of("l-9"),
                GrantId.of("g-2"), T));
        roundTrips(AccessDecision.of(AccessReason.NOT_ENTITLED, CourseId.of("c-1"), null, null, null));
        roundTrips(GrantId.of("g-1"));
    }

    @Test
    void accessDecision_whenAllowedDisagreesWithReason_isRejectedOnRead() {
        String json = "{\"allowed\":true,\"reason\":\"REVOKED\",\"course\":\"c-1\"}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearnloopJson.fromJson(json, AccessDecision.class))
                .isInstanceOf(io.learnloop.core.error.ValidationException.class);
    }
}
