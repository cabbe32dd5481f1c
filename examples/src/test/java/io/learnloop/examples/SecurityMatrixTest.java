package io.learnloop.examples;

import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.path.LearningPath;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.AssignmentDraft;
import io.learnloop.core.practice.Criterion;
import io.learnloop.core.practice.GradeWeights;
import io.learnloop.core.practice.Rubric;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.practice.SubmissionContent;
import io.learnloop.core.path.PathDraft;
import io.learnloop.recommend.StorePrerequisites;
import io.learnloop.core.reputation.Achievement;
import io.learnloop.core.reputation.BadgeId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.PayoutRequest;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.recall.RecallHistories;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Stores;
import io.learnloop.growth.StoreObservations;
import io.learnloop.lms.Cmi5;
import io.learnloop.lms.Cmi5Config;
import io.learnloop.lms.Cmi5Import;
import io.learnloop.lms.Cmi5Lms;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.PayoutRun;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeConnect;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.recommend.StoreInteractions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Walks the access-control matrix of {@code docs/security.md}: every row is an operation, every column a person, and
 * every cell is called on a fresh platform. A ✓ must pass the role check (it may still fail for another reason, such
 * as a state the call does not fit); a ✗ must be refused with {@link ForbiddenException}. The table and the
 * operations here must name the same rows, so a rule cannot be documented without being tested, or the reverse.
 */
class SecurityMatrixTest {
    private static final Path SECURITY = Path.of("..", "docs", "security.md");
    private static final List<String> PEOPLE = List.of("lena", "tom", "ada", "linus", "cashier", "root");
    private static final Currency CNY = Currency.getInstance("CNY");

    /** The actors of the columns. */
    private static Actor person(String name) {
        return switch (name) {
            case "lena", "tom" -> Actor.learner(name);
            case "ada", "linus" -> Actor.of(name, Role.CREATOR);
            case "cashier" -> Actor.of(name, Role.FINANCE);
            case "root" -> Actor.of(name, Role.ADMIN);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A platform where lena bought ada's course through the Sandbox provider, and placed a second, unpaid order. */
    private static final class Platform {
        final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).idGenerator(IdGenerator.sequential("id"))
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(order -> List.of())).build();
        final SandboxProvider sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("matrix-secret"))
                .build());
        final Payments payments = Payments.builder(learnloop).provider(sandbox).build();
        // no payee is bound to an account, so a run parks every payout without calling Stripe
        final Payouts payouts = Payouts.builder(learnloop).channel(new StripeConnect(StripeConfig.builder(
                        Secret.of("sk_test_matrix")).webhookSecret(Secret.of("whsec_matrix")).baseUrl("http://127.0.0.1:9")
                        .build()))
                .destinations((provider, payee) -> null).build();
        final Actor ada = person("ada");
        final Actor lena = person("lena");
        final Course course;
        final Offer offer;
        final Order paid;
        final Order unpaid;

        Platform() {
            var catalog = learnloop.catalog();
            Course c = catalog.createCourse(ada, new CourseDetails("Java", "Sub", "Desc", "en", "programming",
                    List.of("java"), CourseLevel.BEGINNER, "media://c"));
            Chapter ch = catalog.addChapter(ada, c.id(), "Basics");
            catalog.addLesson(ada, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(5),
                    false, "media://v"));
            catalog.submit(ada, c.id());
            course = catalog.approve(Actor.of("rita", Role.REVIEWER), c.id());
            offer = learnloop.commerce().createOffer(ada, OfferDraft.course("Java", Money.parse("99.00", "CNY"),
                    course.id()));
            Order order = learnloop.commerce().placeOrder(lena, PlaceOrder.of("paid", offer.id()));
            String ref = payments.checkout(lena, CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                    PaymentFlow.QR_CODE, "Java")).merchantReference();
            sandbox.pay(ref);
            for (SandboxNotification n : sandbox.deliverable()) {
                payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
            }
            paid = learnloop.commerce().order(lena, order.id());
            assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
            unpaid = learnloop.commerce().placeOrder(lena, PlaceOrder.of("unpaid", offer.id()));
        }

        PathDraft pathDraft() {
            return new PathDraft("Java track", null, List.of(course.id()), List.of());
        }

        LearningPath adasPath() {
            return learnloop.paths().createPath(ada, pathDraft());
        }

        Assignment assignment() {
            Lesson lesson = learnloop.catalog().course(course.id()).published().lessons().get(0);
            return learnloop.practice().createAssignment(ada, new AssignmentDraft(lesson.id(), "Essay", null,
                    Rubric.of(new Criterion("clarity", "Clear", Rubric.FULL, 10)), Instant.now().plusSeconds(3600),
                    null, 1, 0, GradeWeights.peerOnly(), 6000, false));
        }

        Submission lenasSubmission() {
            return learnloop.practice().submit(lena, assignment().id(), SubmissionContent.text("My essay"));
        }

        /** Lena's submission with a final grade, from a review by an admin acting as her peer. */
        Submission lenasGraded() {
            Submission s = lenasSubmission();
            Actor peer = person("root");
            learnloop.practice().nextToReview(peer, s.assignment());
            learnloop.practice().review(peer, s.id(), Map.of("clarity", 7), null);
            return s;
        }

        Quiz placementQuiz() {
            return learnloop.quizzes().create(ada, new QuizDraft(course.id(), null, "Placement",
                    List.of(Question.trueFalse("q", "Java runs on the JVM.", true, 1)), QuizSettings.defaults()));
        }
    }

    private static final String CMI5_XML = """
            <courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
              <course id="https://content.example.com/java">
                <title><langstring>Java</langstring></title><description><langstring>Java</langstring></description>
              </course>
              <au id="https://content.example.com/java/aus/1">
                <title><langstring>Intro</langstring></title><description><langstring>Intro</langstring></description>
                <url>https://content.example.com/java/aus/1/index.html</url>
              </au>
            </courseStructure>
            """;

    private static Cmi5Lms cmi5(Platform p) {
        return Cmi5.lms(p.learnloop, Cmi5Config.builder("https://learn.example.com/cmi5/lrs/",
                "https://learn.example.com/cmi5/fetch", "https://learn.example.com/learners",
                "https://learn.example.com/cmi5").build());
    }

    /** Every row of the table, by its first cell. */
    private static Map<String, BiConsumer<Platform, Actor>> operations() {
        Map<String, BiConsumer<Platform, Actor>> ops = new LinkedHashMap<>();
        ops.put("`CommerceService.createOffer` (ada's course)", (p, a) -> p.learnloop.commerce().createOffer(a,
                OfferDraft.course("Again", Money.parse("1.00", "CNY"), p.course.id())));
        ops.put("`CommerceService.createOffer` (a plan over a category)", (p, a) -> p.learnloop.commerce()
                .createOffer(a, OfferDraft.membership("All", Money.parse("9.00", "CNY"),
                        new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(), List.of("programming")))));
        ops.put("`CommerceService.order` (lena's order)", (p, a) -> p.learnloop.commerce().order(a, p.paid.id()));
        ops.put("`CommerceService.ordersOf` (lena)", (p, a) -> p.learnloop.commerce().ordersOf(a, p.lena.id(), null,
                10));
        ops.put("`SubscriptionService.subscriptionsOf` (lena)", (p, a) -> p.learnloop.subscriptions()
                .subscriptionsOf(a, p.lena.id(), null, 10));
        ops.put("`Learnloop.rebuildIndexes`", (p, a) -> p.learnloop.rebuildIndexes(a));
        ops.put("`ReputationService.couponsOf` (lena)", (p, a) -> p.learnloop.reputation().couponsOf(a,
                p.lena.id()));
        ops.put("`CommerceService.ordersIn`", (p, a) -> p.learnloop.commerce().ordersIn(a, OrderStatus.PAID, null, 10));
        ops.put("`CommerceService.cancel` (lena's order)", (p, a) -> p.learnloop.commerce().cancel(a, p.unpaid.id()));
        ops.put("`AccessService.grant` (a manual grant)", (p, a) -> p.learnloop.access().grant(a,
                GrantRequest.manual(person("tom").id(), List.of(p.course.id()), "ticket-1", Instant.now(), null)));
        ops.put("`AccessService.grant` (free access to ada's course)", (p, a) -> p.learnloop.access().grant(a,
                GrantRequest.free(person("tom").id(), p.course.id(), Instant.now())));
        ops.put("`AccessService.revoke`", (p, a) -> p.learnloop.access().revoke(a,
                p.learnloop.access().grantsOf(p.lena.id()).get(0).id(), "abuse"));
        ops.put("`AccessService.revokeChargeback`", (p, a) -> p.learnloop.access().revokeChargeback(a, p.paid.id(),
                "dispute-1"));
        ops.put("`Settlement.settle` (a payment a person confirms)", (p, a) -> p.learnloop.settlement().settle(a,
                new PaymentConfirmation(p.unpaid.id(), "bank-transfer", "transfer-1", p.unpaid.total())));
        ops.put("`Settlement.refund` (a refund made outside a provider)", (p, a) -> p.learnloop.settlement()
                .refund(a, p.paid.id(), new RefundRequest("r-books", List.of(LineAmount.of(1,
                        Money.parse("1.00", "CNY"))), "goodwill")));
        ops.put("`Settlement.issues`", (p, a) -> p.learnloop.settlement().issues(a, null, 10));
        ops.put("`Settlement.resolveIssue`", (p, a) -> p.learnloop.settlement().resolveIssue(a, "no-such-issue",
                "done"));
        ops.put("`LedgerService.payout`", (p, a) -> p.learnloop.ledger().payout(a, new PayoutRequest("p-1",
                LedgerAccount.creator(p.ada.id()), Money.parse("1.00", "CNY"), "sandbox", null)));
        ops.put("`LedgerService.balance` (ada's creator account)", (p, a) -> p.learnloop.ledger().balance(a,
                LedgerAccount.creator(p.ada.id()), CNY));
        ops.put("`LedgerService.balances`", (p, a) -> p.learnloop.ledger().balances(a, CNY, null, 10));
        ops.put("`LedgerService.entriesOf` (lena's order)", (p, a) -> p.learnloop.ledger().entriesOf(a, p.paid.id()));
        ops.put("`LedgerService.statement` (ada's creator account)", (p, a) -> p.learnloop.ledger().statement(a,
                LedgerAccount.creator(p.ada.id()), CNY, Instant.EPOCH, Instant.now().plusSeconds(60), null, 10));
        ops.put("`LearningReports.course` (ada's course)", (p, a) -> p.learnloop.learningReports().course(a,
                p.course.id()));
        ops.put("`LearningReports.learner` (lena)", (p, a) -> p.learnloop.learningReports().learner(a, p.lena.id()));
        ops.put("`LearningPathService.declareCourse` (ada's course)", (p, a) -> p.learnloop.paths().declareCourse(a,
                p.course.id(), Set.of()));
        ops.put("`LearningPathService.declareLesson` (a lesson of ada's course)", (p, a) -> p.learnloop.paths()
                .declareLesson(a, p.course.published().lessons().get(0).id(), Set.of()));
        ops.put("`LearningPathService.flagPlacement` (a quiz of ada's course)", (p, a) -> p.learnloop.paths()
                .flagPlacement(a, p.placementQuiz().id()));
        ops.put("`LearningPathService.unflagPlacement` (a quiz of ada's course)", (p, a) -> p.learnloop.paths()
                .unflagPlacement(a, p.placementQuiz().id()));
        ops.put("`LearningPathService.courseRequirements`", (p, a) -> p.learnloop.paths().courseRequirements(a,
                p.course.id()));
        ops.put("`LearningPathService.paths`", (p, a) -> p.learnloop.paths().paths(a, null, 10));
        ops.put("`LearningPathService.createPath`", (p, a) -> p.learnloop.paths().createPath(a, p.pathDraft()));
        ops.put("`LearningPathService.updatePath` (ada's path)", (p, a) -> p.learnloop.paths().updatePath(a,
                p.adasPath().id(), p.pathDraft()));
        ops.put("`LearningPathService.archivePath` (ada's path)", (p, a) -> p.learnloop.paths().archivePath(a,
                p.adasPath().id()));
        ops.put("`LearningPathService.next` (lena)", (p, a) -> p.learnloop.paths().next(a, p.lena.id(),
                p.adasPath().id()));
        ops.put("`LearningPathService.nextInCatalogue` (lena)", (p, a) -> p.learnloop.paths().nextInCatalogue(a,
                p.lena.id(), null, 10));
        ops.put("`LearningPathService.missingPrerequisites` (lena)", (p, a) -> p.learnloop.paths()
                .missingPrerequisites(a, p.lena.id(), List.of(p.course.id())));
        ops.put("`RecallService.reviews` (every learner's reviews)", (p, a) -> p.learnloop.recall().reviews(a,
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null, 10));
        ops.put("`RecallHistories.builder` (every learner's reviews)", (p, a) -> RecallHistories.builder(
                p.learnloop.recall(), p.learnloop.consents(), a));
        ops.put("`StorePrerequisites.of` (what every learner knows)", (p, a) -> StorePrerequisites.of(
                p.learnloop.paths(), a));
        ops.put("`ReputationService.issueBadge` (to lena)", (p, a) -> p.learnloop.reputation().issueBadge(a,
                p.lena.id(), Achievement.COMMUNITY_MENTOR));
        ops.put("`ReputationService.revokeBadge`", (p, a) -> p.learnloop.reputation().revokeBadge(a,
                BadgeId.of("no-such-badge"), "abuse"));
        ops.put("`PracticeService.createAssignment` (a lesson of ada's course)", (p, a) -> {
            Lesson lesson = p.learnloop.catalog().course(p.course.id()).published().lessons().get(0);
            p.learnloop.practice().createAssignment(a, new AssignmentDraft(lesson.id(), "Essay", null,
                    Rubric.of(new Criterion("clarity", "Clear", Rubric.FULL, 10)), Instant.now().plusSeconds(60),
                    null, 1, 0, GradeWeights.peerOnly(), 6000, false));
        });
        ops.put("`PracticeService.assignment` (ada's assignment)", (p, a) -> p.learnloop.practice().assignment(a,
                p.assignment().id()));
        ops.put("`PracticeService.addCalibration` (ada's assignment)", (p, a) -> p.learnloop.practice()
                .addCalibration(a, p.assignment().id(), SubmissionContent.text("Model"), Map.of("clarity", 8)));
        ops.put("`PracticeService.submit` (ada's assignment)", (p, a) -> p.learnloop.practice().submit(a,
                p.assignment().id(), SubmissionContent.text("Essay")));
        ops.put("`PracticeService.submission` (lena's submission)", (p, a) -> p.learnloop.practice().submission(a,
                p.lenasSubmission().id()));
        ops.put("`PracticeService.submissions` (ada's assignment)", (p, a) -> p.learnloop.practice().submissions(a,
                p.assignment().id(), null, 10));
        ops.put("`PracticeService.nextToReview` (ada's assignment)", (p, a) -> p.learnloop.practice()
                .nextToReview(a, p.assignment().id()));
        ops.put("`PracticeService.review` (lena's submission)", (p, a) -> p.learnloop.practice().review(a,
                p.lenasSubmission().id(), Map.of("clarity", 5), null));
        ops.put("`PracticeService.selfAssess` (lena's submission)", (p, a) -> p.learnloop.practice().selfAssess(a,
                p.lenasSubmission().id(), Map.of("clarity", 5), null));
        ops.put("`PracticeService.instructorReview` (lena's submission)", (p, a) -> p.learnloop.practice()
                .instructorReview(a, p.lenasSubmission().id(), Map.of("clarity", 5), null));
        ops.put("`PracticeService.override` (lena's submission)", (p, a) -> p.learnloop.practice().override(a,
                p.lenasSubmission().id(), 9000, "checked by hand"));
        ops.put("`PracticeService.grade` (lena's submission)", (p, a) -> p.learnloop.practice().grade(a,
                p.lenasSubmission().id()));
        ops.put("`PracticeService.appeal` (lena's graded submission)", (p, a) -> p.learnloop.practice().appeal(a,
                p.lenasGraded().id(), "please look again"));
        ops.put("`PracticeService.resolveAppeal` (lena's submission)", (p, a) -> p.learnloop.practice()
                .resolveAppeal(a, p.lenasGraded().id(), null, "stays"));
        ops.put("`Payments.checkout` (lena's order)", (p, a) -> p.payments.checkout(a, CheckoutRequest.of(
                p.unpaid.id(), ProviderId.SANDBOX, PaymentFlow.QR_CODE, "Java")));
        ops.put("`Payments.refund` (lena's order)", (p, a) -> p.payments.refund(a, p.paid.id(), "r-1",
                List.of(LineAmount.of(1, Money.parse("1.00", "CNY"))), "asked"));
        ops.put("`Payments.resendRefund`", (p, a) -> p.payments.resendRefund(a, p.paid.id(), "no-such-refund"));
        ops.put("`Payments.resolveRefund`", (p, a) -> p.payments.resolveRefund(a, p.paid.id(), "no-such-refund",
                "settled by phone"));
        ops.put("`Payments.reviewQueue`", (p, a) -> p.payments.reviewQueue(a, null, 10));
        ops.put("`StoreInteractions.of` (every learner's history)", (p, a) -> StoreInteractions.of(p.learnloop, a));
        ops.put("`StoreObservations.builder` (every member's orders)", (p, a) -> StoreObservations.builder(p.learnloop,
                a, 100));
        ops.put("`ConsentService.record` (lena's decision)", (p, a) -> p.learnloop.consents().record(a, p.lena.id(),
                ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v1", "settings")));
        ops.put("`ConsentService.current` (lena)", (p, a) -> p.learnloop.consents().current(a, p.lena.id()));
        ops.put("`ConsentService.history` (lena)", (p, a) -> p.learnloop.consents().history(a, p.lena.id(), null, 10));
        ops.put("`AuditLog.entries`", (p, a) -> p.learnloop.auditLog().entries(a, null, 10));
        ops.put("`PersonalDataService.export` (lena)", (p, a) -> p.learnloop.personalData().export(a, p.lena.id(),
                java.io.OutputStream.nullOutputStream()));
        ops.put("`AuditLog.about` (lena)", (p, a) -> p.learnloop.auditLog().about(a, p.lena.id(), null, 10));
        ops.put("`AuditLog.record` (a role change)", (p, a) -> p.learnloop.auditLog().record(a,
                AuditAction.ROLES_CHANGED, person("tom").id(), "roles", "now MODERATOR"));
        ops.put("`Settlement.awaitingReturn` (refunds booked without a channel's return)", (p, a) -> p.learnloop
                .settlement().awaitingReturn(a, null, 10));
        ops.put("`Cmi5Lms.importCourse` (a structure for ada's course)", (p, a) -> cmi5(p).importCourse(a,
                new Cmi5Import(p.course.id(), CMI5_XML, Map.of("https://content.example.com/java/aus/1",
                        p.course.published().lessons().get(0).id()))));
        ops.put("`Cmi5Lms.progress` (lena)", (p, a) -> cmi5(p).progress(a, p.lena.id(),
                p.course.published().lessons().get(0).id()));
        ops.put("`Payouts.run`", (p, a) -> p.payouts.run(a, PayoutRun.first(ProviderId.STRIPE, CNY, "2026-11", 10)));
        ops.put("`Payouts.splitOrder` (lena's order)", (p, a) -> p.payouts.splitOrder(a, ProviderId.STRIPE,
                p.paid.id()));
        ops.put("`Payouts.reconcile`", (p, a) -> p.payouts.reconcile(a, 10));
        ops.put("`Payouts.reverse`", (p, a) -> p.payouts.reverse(a, "no-such-payout", "r-1",
                Money.parse("1.00", "CNY"), null));
        ops.put("`Payouts.recordReturn`", (p, a) -> p.payouts.recordReturn(a, "no-such-payout", "r-1",
                Money.parse("1.00", "CNY")));
        ops.put("`Payouts.payout`", (p, a) -> p.payouts.payout(a, "no-such-payout"));
        return ops;
    }

    /** The matrix rows of the security guide: operation, then one cell per person. */
    private static Map<String, List<Boolean>> documentedRows() throws IOException {
        Map<String, List<Boolean>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(SECURITY)) {
            if (line.startsWith("| Operation | lena | tom | ada | linus | cashier | root |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            List<Boolean> allowed = new ArrayList<>();
            for (int i = 1; i < cells.length; i++) {
                String cell = cells[i].trim();
                assertThat(cell).as("cell %d of %s", i, cells[0]).isIn("✓", "✗");
                allowed.add(cell.equals("✓"));
            }
            assertThat(allowed).as(cells[0]).hasSize(PEOPLE.size());
            rows.put(cells[0].trim(), allowed);
        }
        return rows;
    }

    @Test
    void everyOperation_whenCalledByEveryPerson_allowsAndRefusesExactlyAsDocumented() throws IOException {
        Map<String, List<Boolean>> documented = documentedRows();
        Map<String, BiConsumer<Platform, Actor>> operations = operations();
        assertThat(documented.keySet()).as("rows of docs/security.md").containsExactlyElementsOf(operations.keySet());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Boolean>> row : documented.entrySet()) {
            for (int i = 0; i < PEOPLE.size(); i++) {
                Platform platform = new Platform();
                boolean refused;
                try {
                    operations.get(row.getKey()).accept(platform, person(PEOPLE.get(i)));
                    refused = false;
                } catch (ForbiddenException e) {
                    refused = true;
                } catch (LearnloopException e) {
                    // past the role check; the call failed for another reason (a state or an id it does not fit)
                    refused = false;
                }
                if (refused == row.getValue().get(i)) {
                    wrong.add(row.getKey() + " as " + PEOPLE.get(i) + ": documented "
                            + (row.getValue().get(i) ? "allowed" : "refused") + ", but it was "
                            + (refused ? "refused" : "allowed"));
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }
}
