package io.learnloop.core.retention;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The daily retention job: each data class loses what is older than its retention, nothing else. */
class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);

    private final MutableClock clock = new MutableClock(T0);
    private final Store store = Stores.inMemory();

    /** A module's records, by when they became prunable, found oldest first from a cursor. */
    private static final class Records implements RetentionPruner {
        private final String name;
        private final ConcurrentSkipListMap<Instant, String> rows = new ConcurrentSkipListMap<>();
        private final List<Integer> limits = new ArrayList<>();

        Records(String name) {
            this.name = name;
        }

        void add(Instant at, int count) {
            for (int i = 0; i < count; i++) {
                rows.put(at.plusNanos(i), "r");
            }
        }

        @Override
        public String dataClass() {
            return name;
        }

        @Override
        public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
            limits.add(limit);
            List<Instant> batch = rows.headMap(before).keySet().stream().limit(limit).toList();
            batch.forEach(rows::remove);
            return batch.size() < limit ? PruneStep.done(batch.size()) : new PruneStep(batch.size(), "more");
        }
    }

    private Learnloop host(RetentionPolicy policy, RetentionPruner... pruners) {
        Learnloop.Builder b = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.sequential("h"))
                .retention(policy);
        for (RetentionPruner p : pruners) {
            b.retentionPruner(p);
        }
        return b.build();
    }

    @Test
    void runScheduledJobs_whenRecordsPassTheirRetention_deletesOnlyThoseAndReportsEachClass() {
        Records xapi = new Records("xapi-sent");
        Records other = new Records("test-records");
        Learnloop learnloop = host(RetentionPolicy.defaults().retain("test-records", Duration.ofDays(60)), xapi,
                other);
        Catalogue.published(learnloop, ADA, "Java");
        xapi.add(T0, 5);
        other.add(T0, 3);
        clock.set(T0.plus(Duration.ofDays(20)));
        Catalogue.published(learnloop, ADA, "Kotlin");
        xapi.add(clock.instant(), 4);

        clock.set(T0.plus(Duration.ofDays(31)));
        JobRun run = learnloop.runScheduledJobs();

        // xAPI keeps 30 days: only the first five go; the memory store's outbox drops events on delivery
        assertThat(run.pruned()).containsEntry(DataClasses.OUTBOX, 0);
        assertThat(run.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(5);
        assertThat(run.pruned()).containsEntry("test-records", 0);
        assertThat(xapi.rows).hasSize(4);
        assertThat(other.rows).hasSize(3);
    }

    @Test
    void runScheduledJobs_whenRunAgain_prunesNothingMore() {
        Records xapi = new Records("xapi-sent");
        Learnloop learnloop = host(RetentionPolicy.defaults(), xapi);
        Catalogue.published(learnloop, ADA, "Java");
        xapi.add(T0, 5);
        clock.set(T0.plus(Duration.ofDays(31)));
        JobRun first = learnloop.runScheduledJobs();

        JobRun sameDay = learnloop.runScheduledJobs();
        clock.set(T0.plus(Duration.ofDays(32)));
        JobRun nextDay = learnloop.runScheduledJobs();

        assertThat(first.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(5);
        assertThat(sameDay.pruned()).isEmpty();
        assertThat(nextDay.pruned()).containsEntry(DataClasses.OUTBOX, 0).containsEntry(DataClasses.XAPI_SENT, 0);
    }

    @Test
    void runScheduledJobs_whenAClassIsKept_neverCallsItsPruner() {
        Records xapi = new Records("xapi-sent");
        Learnloop learnloop = host(RetentionPolicy.defaults().keep(DataClasses.XAPI_SENT)
                .keep(DataClasses.OUTBOX), xapi);
        Catalogue.published(learnloop, ADA, "Java");
        xapi.add(T0, 5);
        clock.set(T0.plus(Duration.ofDays(400)));

        JobRun run = learnloop.runScheduledJobs();

        assertThat(run.pruned()).isEmpty();
        assertThat(xapi.limits).isEmpty();
        assertThat(xapi.rows).hasSize(5);
    }

    @Test
    void runScheduledJobs_whenTheBacklogExceedsOneRun_continuesInALaterRunOfTheSameDay() {
        Records xapi = new Records("xapi-sent");
        Learnloop learnloop = host(RetentionPolicy.defaults(), xapi);
        xapi.add(T0, 12_345);
        clock.set(T0.plus(Duration.ofDays(31)));

        JobRun first = learnloop.runScheduledJobs();
        JobRun whileClaimed = learnloop.runScheduledJobs();
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        JobRun afterTheClaim = learnloop.runScheduledJobs();
        JobRun done = learnloop.runScheduledJobs();

        assertThat(first.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(10_000);
        assertThat(xapi.limits).allMatch(limit -> limit == 500);
        assertThat(whileClaimed.pruned()).isEmpty();
        assertThat(afterTheClaim.prunedOf(DataClasses.XAPI_SENT)).isEqualTo(2_345);
        assertThat(done.pruned()).isEmpty();
        assertThat(xapi.rows).isEmpty();
    }

    @Test
    void build_whenTwoPrunersClaimOneClass_isRejected() {
        Learnloop.Builder b = Learnloop.builder().retentionPruner(new Records("xapi-sent"))
                .retentionPruner(new Records("xapi-sent"));

        assertThatThrownBy(b::build).isInstanceOf(ValidationException.class).hasMessageContaining("xapi-sent");
    }

    @Test
    void retain_whenShorterThanAnHourOrBadlyNamed_isRejected() {
        assertThatThrownBy(() -> RetentionPolicy.defaults().retain("outbox", Duration.ofMinutes(5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("one hour");
        assertThatThrownBy(() -> RetentionPolicy.defaults().retain("Bad Name", Duration.ofDays(1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("lower-case");
    }

    @Test
    void defaults_whenRead_pruneOperationalCopiesAndKeepWhatTheyDoNotName() {
        RetentionPolicy defaults = RetentionPolicy.defaults();

        assertThat(defaults.retentionOf("payment-notifications")).isEmpty();
        assertThat(defaults.retentions()).isEqualTo(Map.of(DataClasses.OUTBOX, Duration.ofDays(7),
                DataClasses.XAPI_SENT, Duration.ofDays(30), DataClasses.REST_IDEMPOTENCY, Duration.ofDays(7)));
        assertThat(Learnloop.builder().outboxRetention(Duration.ofDays(2)).retention(defaults)).isNotNull();
    }
}
