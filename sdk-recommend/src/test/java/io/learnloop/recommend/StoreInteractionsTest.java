package io.learnloop.recommend;

import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.TrustedOrders;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.review.ReviewDraft;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreInteractionsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final Actor creator = Actor.of("creator", Role.CREATOR);
    private final Actor ann = Actor.learner("ann");
    private final Actor bob = Actor.learner("bob");

    @Test
    void interactions_whenStoreFilledThroughServices_mapsEveryFact() {
        StorePlatform p = new StorePlatform(T0);
        Course java = p.publish(creator, "Java", "programming", 4);
        Course sql = p.publish(creator, "SQL", "data", 2);
        Course art = p.publish(creator, "Art", "design", 3);
        Offer javaOffer = p.offer(creator, java, 19_900);
        Offer sqlOffer = p.offer(creator, sql, 9_900);
        p.advance(Duration.ofHours(1));
        Instant bought = p.now();
        Order annOrder = p.buy(ann, "ann-1", javaOffer, sqlOffer);

        // Ann finishes Java and reviews it, reads one of two SQL lessons, and previews Art for free
        p.advance(Duration.ofDays(1));
        for (int i = 0; i < 4; i++) {
            p.complete(ann, java, i);
        }
        Instant javaDone = p.now();
        p.advance(Duration.ofHours(1));
        p.learnloop().reviews().submit(ann.id(), java.id(), new ReviewDraft(4, "Solid", "Clear examples"));
        Instant reviewed = p.now();
        p.advance(Duration.ofHours(1));
        p.complete(ann, sql, 0);
        Instant sqlSeen = p.now();
        p.advance(Duration.ofHours(1));
        p.learnloop().progress().openArticle(ann.id(), lessons(art).get(0));
        Instant artSeen = p.now();

        // Bob buys SQL and gets it refunded: no interaction, and the context says so
        Order bobOrder = p.buy(bob, "bob-1", sqlOffer);
        p.advance(Duration.ofHours(1));
        new TrustedOrders(p.learnloop()).refund(bobOrder.id(), new RefundRequest("bob-r1",
                List.of(LineAmount.of(bobOrder.lines().get(0).line(), bobOrder.total())), "changed mind"));
        new TrustedAccess(p.learnloop()).revokeRefund(bobOrder.id(), "line-" + bobOrder.lines().get(0).line(), "bob-r1");

        StoreInteractions reader = StoreInteractions.of(p.learnloop(), Staff.FINANCE);

        assertThat(reader.interactionsOf(ann.id())).containsExactlyInAnyOrder(
                Interaction.of("ann", java.id().value(), InteractionKind.PURCHASE, annOrder.paidAt()),
                Interaction.of("ann", sql.id().value(), InteractionKind.PURCHASE, annOrder.paidAt()),
                new Interaction("ann", java.id().value(), InteractionKind.PROGRESS, 1.0, javaDone),
                Interaction.of("ann", java.id().value(), InteractionKind.COMPLETE, javaDone),
                new Interaction("ann", sql.id().value(), InteractionKind.PROGRESS, 0.5, sqlSeen),
                Interaction.of("ann", art.id().value(), InteractionKind.VIEW, artSeen),
                new Interaction("ann", java.id().value(), InteractionKind.RATING, 4, reviewed));
        assertThat(annOrder.paidAt()).isEqualTo(bought);
        assertThat(reader.interactionsOf(bob.id())).isEmpty();
        assertThat(reader.interactions(List.of(ann.id(), bob.id()))).hasSize(7);

        LearnerContext annContext = reader.context(ann.id(), p.now());
        assertThat(annContext.owned()).containsExactlyInAnyOrder(java.id().value(), sql.id().value());
        assertThat(annContext.refunded()).isEmpty();
        LearnerContext bobContext = reader.context(bob.id(), p.now());
        assertThat(bobContext.owned()).isEmpty();
        assertThat(bobContext.refunded()).isEqualTo(Set.of(sql.id().value()));

        List<CourseInfo> catalogue = reader.catalogue();
        assertThat(catalogue).extracting(CourseInfo::id)
                .containsExactly(java.id().value(), sql.id().value(), art.id().value());
        CourseInfo first = catalogue.get(0);
        assertThat(first.title()).isEqualTo("Java");
        assertThat(first.creator()).isEqualTo("creator");
        assertThat(first.published()).isTrue();

        // the interactions feed a matrix and a service that never recommends what Ann owns
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue)
                .addAll(reader.interactions(List.of(ann.id(), bob.id()))).build();
        RecommendationService service = RecommendationService.builder().matrix(matrix).catalogue(catalogue)
                .clock(Clock.fixed(p.now(), ZoneOffset.UTC))
                .trainer(m -> Recommenders.popularity(m, catalogue, Duration.ofDays(30), p.now())).build();
        assertThat(service.recommend(annContext, 3)).extracting(Recommendation::courseId)
                .containsExactly(art.id().value());
    }

    @Test
    void interactionsOf_whenLearnerRefusedPersonalisation_readsNoneUntilTheyAgreeAgain() {
        StorePlatform p = new StorePlatform(T0);
        Course java = p.publish(creator, "Java", "programming", 2);
        p.buy(ann, "ann-1", p.offer(creator, java, 19_900));
        p.complete(ann, java, 0);
        StoreInteractions reader = StoreInteractions.of(p.learnloop(), Staff.FINANCE);
        assertThat(reader.interactionsOf(ann.id())).isNotEmpty();

        p.learnloop().consents().record(ann, ann.id(),
                ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v1", "settings"));
        assertThat(reader.interactionsOf(ann.id())).isEmpty();
        assertThat(reader.interactions(List.of(ann.id(), bob.id()))).isEmpty();

        p.learnloop().consents().record(ann, ann.id(),
                ConsentDecision.grant(ConsentPurpose.PERSONALISATION, "v2", "settings"));
        assertThat(reader.interactionsOf(ann.id())).extracting(Interaction::kind)
                .contains(InteractionKind.PURCHASE, InteractionKind.PROGRESS);
    }

    @Test
    void of_whenNull_namesTheArgument() {
        assertThatThrownBy(() -> StoreInteractions.of(null, Staff.FINANCE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("learnloop"));
        StoreInteractions reader = StoreInteractions.of(new StorePlatform(T0).learnloop(), Staff.FINANCE);
        assertThat(reader.catalogue()).isEmpty();
        assertThat(reader.interactionsOf(ann.id())).isEmpty();
        assertThatThrownBy(() -> reader.interactionsOf(null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("learner"));
    }

    private static List<LessonId> lessons(Course c) {
        return c.published().lessons().stream().map(l -> l.id()).toList();
    }
}
