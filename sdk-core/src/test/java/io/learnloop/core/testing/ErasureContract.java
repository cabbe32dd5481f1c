package io.learnloop.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureState;
import io.learnloop.core.reputation.ReputationRole;
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The erasure acceptance test, run on every store: a learner who touched every service is exported, erased, and
 * then no value that identified them is left anywhere in the store's raw contents, while the ledger's balances are
 * what they were and the other learner's data is untouched.
 */
public abstract class ErasureContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The clock of the scenario. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

    /**
     * A new, empty store.
     *
     * @return the store
     */
    protected abstract Store newStore();

    /**
     * Everything the store holds, as text: every row of every table, every record and key.
     *
     * @param store the store
     * @return the contents
     */
    protected abstract List<String> contents(Store store);

    private static Map<String, JsonNode> unzip(byte[] archive) throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), JSON.readTree(zip.readAllBytes()));
            }
        }
        return files;
    }

    private static List<String> containing(List<String> contents, String value) {
        return contents.stream().filter(line -> line.contains(value)).toList();
    }

    @Test
    void erase_whenLearnerTouchedEveryService_leavesNoIdentifyingValueAndKeepsTheLedger() throws IOException {
        Store store = newStore();
        ErasureScenario s = new ErasureScenario(store, clock, null);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        s.learnloop.personalData().export(Staff.ADMIN, s.lena.id(), archive);
        Map<String, JsonNode> files = unzip(archive.toByteArray());
        for (String section : List.of("orders.json", "grants.json", "progress.json", "notes.json",
                "quiz-attempts.json", "recall-cards.json", "certificates.json", "reviews.json", "consents.json",
                "audit.json", "reputation.json", "reputation-given.json", "reputation-roles.json",
                "reputation-coupons.json", "badges.json")) {
            assertThat(files.get(section)).as(section).isNotEmpty();
        }
        String exported = files.toString();
        for (String value : s.lena.identifying()) {
            assertThat(exported).as("the archive holds " + value).contains(value);
        }
        List<String> before = contents(store);
        for (String value : s.lena.identifying()) {
            assertThat(containing(before, value)).as("the store held " + value + " before").isNotEmpty();
        }
        List<Balance> balances = s.balances();
        List<Certificate> lenasCertificates = s.learnloop.certificates().certificatesOf(s.lena.id());
        List<String> tomsBefore = before.stream().filter(l -> l.contains(s.tom.id().value())).sorted().toList();

        ErasureOutcome outcome = s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), "asked by letter");

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        assertThat(outcome.alreadyErased()).isFalse();
        List<String> after = contents(store);
        for (String value : s.lena.identifying()) {
            assertThat(containing(after, value)).as("what still holds " + value).isEmpty();
        }
        assertThat(s.balances()).isEqualTo(balances);
        assertThat(s.balances().stream().map(Balance::amount).reduce(Money.zero(java.util.Currency.getInstance("CNY")), Money::plus).isZero())
                .isTrue();
        Certificate revoked = s.learnloop.certificates().certificate(lenasCertificates.get(0).id());
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(s.learnloop.certificates().revocationList(null, 100).items())
                .anySatisfy(r -> assertThat(r.certificateId()).isEqualTo(revoked.id()));
        for (String value : s.tom.identifying()) {
            assertThat(containing(after, value)).as("tom's " + value).isNotEmpty();
        }
        assertThat(after.stream().filter(l -> l.contains(s.tom.id().value())).count())
                .as("tom's records").isGreaterThanOrEqualTo(tomsBefore.stream()
                        .filter(l -> !l.contains(s.lena.id().value())).count());
        assertThat(s.learnloop.reviews().reviewsBy(s.tom.id())).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo(s.tom.reviewBody()));
        assertThat(s.learnloop.notes().list(s.tom.id())).hasSize(1);
        assertThat(s.learnloop.reputation().score(s.lena.id()).lifetimePoints()).isZero();
        assertThat(s.learnloop.reputation().score(s.tom.id()).lifetimePoints()).as("tom's reputation stays")
                .isEqualTo(5);
        assertThat(s.learnloop.reputation().hasRole(s.lena.id(), ReputationRole.COMMUNITY_MENTOR)).isFalse();
    }

    @Test
    void erase_whenRepeated_reportsAlreadyErasedAndRefusesAnExport() {
        Store store = newStore();
        ErasureScenario s = new ErasureScenario(store, clock, null);
        s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null);
        List<String> erased = contents(store);

        ErasureOutcome again = s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null);

        assertThat(again.alreadyErased()).isTrue();
        assertThat(again.stepsRun()).isEmpty();
        assertThat(contents(store)).containsExactlyInAnyOrderElementsOf(erased);
        assertThatThrownBy(() -> s.learnloop.personalData().export(Staff.ADMIN, s.lena.id(),
                new ByteArrayOutputStream())).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(containing(contents(store), s.lena.id().value())).isEmpty();
    }
}
