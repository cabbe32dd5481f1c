package io.learnloop.core.commerce;

import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may sell which course: only live courses, only by their authors or an admin. */
class SaleRightsTest {
    private final CommerceFixture f = new CommerceFixture();
    private final Actor other = Actor.of("creator-2", Role.CREATOR);

    @Test
    void createOffer_whenCourseDoesNotExist_namesTheFieldAndStoresNothing() {
        assertThatThrownBy(() -> f.commerce.createOffer(f.creator, OfferDraft.course("Ghost", cny("0.01"),
                CourseId.of("no-such-course"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("courses[0]");
                    assertThat(e.getMessage()).contains("no-such-course").contains("create and publish it first");
                });
        assertThat(f.count(io.learnloop.core.internal.commerce.CommerceTypes.OFFER)).isZero();
    }

    @Test
    void createOffer_whenCourseIsADraftOrArchived_refusesIt() {
        Course draft = f.learnloop.catalog().createCourse(f.creator, new CourseDetails("Draft", null, null, "en",
                "programming", List.of(), CourseLevel.BEGINNER, null));
        assertThatThrownBy(() -> f.commerce.createOffer(f.creator, OfferDraft.course("Draft", cny("9.00"), draft.id())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("DRAFT");

        CourseId archived = Catalogue.publishedId(f.learnloop, f.creator, "Old");
        f.learnloop.catalog().archive(f.creator, archived);
        assertThatThrownBy(() -> f.commerce.createOffer(f.creator, OfferDraft.course("Old", cny("9.00"), archived)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ARCHIVED");
    }

    @Test
    void createOffer_whenAnotherCreatorsCourse_isForbidden() {
        CourseId theirs = Catalogue.publishedId(f.learnloop, f.creator, "Theirs");

        assertThatThrownBy(() -> f.commerce.createOffer(other, OfferDraft.course("Cheap copy", cny("0.01"), theirs)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only a course's authors");
        assertThatThrownBy(() -> f.commerce.createOffer(other, OfferDraft.bundle("Bundle", cny("9.00"),
                List.of(theirs, Catalogue.publishedId(f.learnloop, other, "Mine")))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(theirs.value());
    }

    @Test
    void createOffer_whenCoAuthorOrAdmin_isAllowed() {
        CourseId shared = Catalogue.publishedId(f.learnloop, f.creator, "Shared");
        f.learnloop.catalog().setAuthors(f.creator, shared, List.of(new Author(f.creator.id(), 60),
                new Author(other.id(), 40)));

        assertThat(f.commerce.createOffer(other, OfferDraft.course("Shared", cny("9.00"), shared)).owner())
                .isEqualTo(other.id());
        assertThat(f.commerce.createOffer(f.admin, OfferDraft.course("Shared", cny("8.00"), shared)).owner())
                .isEqualTo(f.admin.id());
    }

    @Test
    void createOffer_whenCreatorCoversACategory_isForbiddenButAPlanOfOwnCoursesIsAllowed() {
        CourseId mine = Catalogue.publishedId(f.learnloop, f.creator, "Mine");

        assertThatThrownBy(() -> f.commerce.createOffer(f.creator, OfferDraft.membership("All", cny("9.00"),
                new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(mine), List.of("programming")))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only an admin");
        assertThat(f.commerce.createOffer(f.creator, OfferDraft.membership("Mine monthly", cny("9.00"),
                new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(mine), List.of()))).kind())
                .isEqualTo(OfferKind.MEMBERSHIP);
    }

    @Test
    void placeOrder_whenTheCourseWasArchivedAfterTheOfferWasMade_refusesTheOffer() {
        Offer java = f.course("Java", cny("100.00"));
        f.learnloop.catalog().archive(f.creator, java.courses().get(0));

        assertThatThrownBy(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("offers[0]");
                    assertThat(e.getMessage()).contains("no longer published");
                });
        assertThat(f.orders()).isZero();
    }
}
