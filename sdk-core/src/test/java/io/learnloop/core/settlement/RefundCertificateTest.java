package io.learnloop.core.settlement;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A refund takes back the certificate earned on the refunded course in its own transaction, not after it. */
class RefundCertificateTest {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");

    /** A store whose outbox is never relayed: only what a transaction itself does takes effect. */
    private static Store withoutRelay(Store store) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("claimOutbox")) {
                        return List.of();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void refund_whenTheLearnerHoldsACertificateForTheCourse_revokesItInTheRefundsTransaction() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        Learnloop learnloop = Learnloop.builder().store(withoutRelay(Stores.inMemory())).clock(clock)
                .idGenerator(IdGenerator.sequential("id"))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", g.generateKeyPair()))
                .build();
        Course draft = learnloop.catalog().createCourse(ADA, new CourseDetails("Bread", "Sourdough", "A description",
                "en", "cooking", List.of("bread"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter chapter = learnloop.catalog().addChapter(ADA, draft.id(), "Basics");
        Lesson article = learnloop.catalog().addLesson(ADA, draft.id(), chapter.id(),
                new LessonSpec("starter", LessonType.ARTICLE, Duration.ofSeconds(40), false, "media://a/1"));
        learnloop.catalog().submit(ADA, draft.id());
        Course course = learnloop.catalog().approve(Catalogue.REVIEWER, draft.id());
        Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread", Money.parse("49.00", "CNY"),
                course.id()));
        Order order = learnloop.commerce().placeOrder(Actor.learner(LENA.value()), PlaceOrder.of("k1", offer.id()));
        learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "bank-transfer", "t-1",
                order.total()));
        learnloop.progress().openArticle(LENA, article.id());
        clock.advance(Duration.ofSeconds(30));
        assertThat(learnloop.progress().markRead(LENA, article.id()).courseCompletion().completed()).isTrue();
        Certificate certificate = learnloop.certificates().issue(LENA, course.id());

        learnloop.settlement().refund(Staff.FINANCE, order.id(), new RefundRequest("r-1",
                List.of(LineAmount.of(1, order.total())), "changed my mind"));

        Certificate after = learnloop.certificates().certificate(certificate.id());
        assertThat(after.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(after.revocationReason()).contains("refunded");
    }
}
