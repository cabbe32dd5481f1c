package io.learnloop.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataExportTest {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    private static final Actor AS_LENA = Actor.learner("lena");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

    /** A section another module would add: many records, produced one at a time. */
    private static PersonalDataSource posts(int count) {
        return new PersonalDataSource() {
            @Override
            public String section() {
                return "community-posts";
            }

            @Override
            public Iterator<?> records(ErasureScope scope, UserId learner) {
                return IntStream.range(0, count).mapToObj(i -> Map.of("author", learner.value(), "n", i)).iterator();
            }
        };
    }

    private Learnloop platform(PersonalDataSource... extra) {
        Learnloop.Builder b = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"));
        for (PersonalDataSource s : extra) {
            b.personalDataSource(s);
        }
        return b.build();
    }

    private static Map<String, JsonNode> unzip(byte[] archive) throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), JSON.readTree(zip.readAllBytes()));
            }
        }
        return files;
    }

    @Test
    void export_whenLearnerTouchedEveryCoreService_archivesEachSectionWithAManifest() throws IOException {
        Learnloop learnloop = platform(posts(3));
        Course draft = learnloop.catalog().createCourse(ADA, new CourseDetails("Bread", "Sourdough", "A description",
                "en", "cooking", List.of("bread"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter chapter = learnloop.catalog().addChapter(ADA, draft.id(), "Basics");
        Lesson article = learnloop.catalog().addLesson(ADA, draft.id(), chapter.id(),
                new LessonSpec("starter", LessonType.ARTICLE, Duration.ofSeconds(40), false, "media://a/1"));
        learnloop.catalog().submit(ADA, draft.id());
        Course course = learnloop.catalog().approve(Catalogue.REVIEWER, draft.id());
        Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread", Money.parse("49.00", "CNY"),
                course.id()));
        Order order = learnloop.commerce().placeOrder(AS_LENA, PlaceOrder.of("k1", offer.id()));
        learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "bank-transfer", "t-1",
                order.total()));
        learnloop.progress().openArticle(LENA, article.id());
        learnloop.notes().add(LENA, article.id(), new NoteDraft(NoteAnchor.textRange(0, 5),
                "my private thought about starters", NoteVisibility.PRIVATE));
        learnloop.consents().record(AS_LENA, LENA, ConsentDecision.grant(ConsentPurpose.TERMS, "v1", "signup"));
        learnloop.settlement().refund(Staff.FINANCE, order.id(), new RefundRequest("r-1",
                List.of(LineAmount.of(1, order.total())), "changed my mind"));
        // another learner's order stays out of lena's archive
        Order toms = learnloop.commerce().placeOrder(Actor.learner("tom"), PlaceOrder.of("k2", offer.id()));
        clock.advance(Duration.ofMinutes(5));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = learnloop.personalData().export(AS_LENA, LENA, out);

        Map<String, JsonNode> files = unzip(out.toByteArray());
        assertThat(files.keySet()).containsExactly("orders.json", "grants.json", "progress.json", "notes.json",
                "quiz-attempts.json", "recall-cards.json", "recall-reviews.json", "certificates.json", "reviews.json",
                "reputation.json", "reputation-given.json", "reputation-roles.json", "reputation-coupons.json",
                "badges.json", "practice-submissions.json", "practice-reviews.json", "practice-grades.json",
                "practice-appeals.json", "subscriptions.json", "consents.json", "audit.json", "community-posts.json",
                "manifest.json");
        assertThat(files.get("orders.json")).hasSize(1);
        assertThat(files.get("orders.json").get(0).get("id").asText()).isEqualTo(order.id().value())
                .isNotEqualTo(toms.id().value());
        assertThat(files.get("orders.json").get(0).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(files.get("grants.json")).hasSize(1);
        assertThat(files.get("progress.json")).hasSize(1);
        assertThat(files.get("notes.json").get(0).get("markdown").asText()).contains("private thought");
        assertThat(files.get("consents.json").get(0).get("decision").get("purpose").asText()).isEqualTo("TERMS");
        assertThat(files.get("audit.json").findValuesAsText("action")).contains("REFUNDED", "CONSENT_RECORDED");
        assertThat(files.get("community-posts.json")).hasSize(3);

        JsonNode written = files.get("manifest.json");
        assertThat(written.get("schemaVersion").asInt()).isEqualTo(ExportManifest.SCHEMA_VERSION);
        assertThat(written.get("learner").asText()).isEqualTo("lena");
        assertThat(manifest.sections()).extracting(ExportedSection::name, ExportedSection::records)
                .contains(org.assertj.core.groups.Tuple.tuple("orders", 1L),
                        org.assertj.core.groups.Tuple.tuple("community-posts", 3L));
        assertThat(written.get("sections")).hasSize(manifest.sections().size());
        assertThat(learnloop.auditLog().about(Staff.ADMIN, LENA, null, 1).items()).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.EXPORTED));
    }

    @Test
    void export_whenAnotherLearnerAsks_isForbiddenAndWritesNothing() {
        Learnloop learnloop = platform();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> learnloop.personalData().export(Actor.learner("tom"), LENA, out))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only the learner");

        assertThat(out.size()).isZero();
        assertThat(learnloop.auditLog().entries(Staff.ADMIN, null, 10).items()).isEmpty();
    }

    @Test
    void export_whenTheStreamFails_throwsOutputFailedAndAuditsNoExport() {
        Learnloop learnloop = platform(posts(50_000));
        OutputStream broken = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 10_000) {
                    throw new IOException("disk full");
                }
            }
        };

        assertThatThrownBy(() -> learnloop.personalData().export(Staff.ADMIN, LENA, broken))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_FAILED);
                    assertThat(e.getMessage()).contains("disk full").contains("incomplete");
                });
        assertThat(learnloop.auditLog().entries(Staff.ADMIN, null, 10).items()).isEmpty();
    }

    @Test
    void build_whenSectionNameIsTakenOrMalformed_failsWithConfiguration() {
        assertThatThrownBy(() -> platform(posts(1), posts(1))).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
        PersonalDataSource bad = new PersonalDataSource() {
            @Override
            public String section() {
                return "../etc";
            }

            @Override
            public Iterator<?> records(ErasureScope scope, UserId learner) {
                return List.of().iterator();
            }
        };
        assertThatThrownBy(() -> platform(bad)).isInstanceOf(LearnloopException.class)
                .hasMessageContaining("lower-case letters");
    }
}
