package io.learnloop.rest;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.learnloop.rest.ApiFixture.LENA;
import static org.assertj.core.api.Assertions.assertThat;

/** Stored responses of idempotency keys leave the store after their retention; the operations stay idempotent. */
class IdempotencyRetentionTest {
    @TempDir
    Path folder;
    private AutoCloseable closing;

    @AfterEach
    void close() throws Exception {
        if (closing != null) {
            closing.close();
        }
    }

    private static RestRequest place(ApiFixture f, String offer, String key) {
        return RestRequest.of("POST", "/orders", LENA).withJson("{\"offers\":[\"" + offer + "\"]}")
                .withHeader("Idempotency-Key", key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void runScheduledJobs_whenStoredResponsesPassTheRetention_deletesThoseOnlyAndRepeatsStayIdempotent(String kind) {
        Store store = kind.equals("memory") ? Stores.inMemory() : JdbcStores.embeddedH2(folder);
        if (store instanceof AutoCloseable c) {
            closing = c;
        }
        ApiFixture f = new ApiFixture(store, "a");
        Learnloop learnloop = Learnloop.builder().store(store).clock(f.clock)
                .retentionPruner(RestRetention.idempotencyPruner()).build();
        RestApi api = RestApi.builder(learnloop).build();
        RestResponse old = api.handle(place(f, f.javaOffer.id().value(), "k-old"));
        f.clock.advance(Duration.ofDays(3));
        RestResponse recent = api.handle(place(f, f.sqlOffer.id().value(), "k-recent"));
        assertThat(old.status()).as(old.bodyText()).isEqualTo(201);
        assertThat(recent.status()).as(recent.bodyText()).isEqualTo(201);

        f.clock.advance(Duration.ofDays(5));
        JobRun run = learnloop.runScheduledJobs();
        f.clock.advance(Duration.ofDays(1));
        JobRun nextDay = learnloop.runScheduledJobs();

        // 7 days by default: the first response is gone, the one stored three days later is still replayed
        assertThat(run.prunedOf(DataClasses.REST_IDEMPOTENCY)).isEqualTo(1);
        assertThat(nextDay.pruned()).containsEntry(DataClasses.REST_IDEMPOTENCY, 0);
        RestResponse repeatOld = api.handle(place(f, f.javaOffer.id().value(), "k-old"));
        RestResponse repeatRecent = api.handle(place(f, f.sqlOffer.id().value(), "k-recent"));
        assertThat(repeatOld.headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(repeatRecent.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(repeatRecent.bodyText()).isEqualTo(recent.bodyText());
        // the core places the repeated order under the key's client key: still one order per key
        assertThat(repeatOld.status()).as(repeatOld.bodyText()).isBetween(200, 201);
        assertThat(learnloop.commerce().ordersOf(LENA, LENA.id(), null, 10).items()).hasSize(2);
    }
}
