package io.learnloop.rest;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.store.Versioned;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.MAX;
import static org.assertj.core.api.Assertions.assertThat;

/** What the HTTP API keeps about a caller leaves the store with the caller's erasure, or with its retention. */
class IdempotencyPersonalDataTest {
    private static final Actor ADMIN = Actor.of("admin", Role.ADMIN);

    /**
     * A stored response as a JDBC store holds one written before the response named its caller and before the age
     * index existed: the same aggregate type, with no index.
     */
    record RawResponse(String id, String route, String requestHash, int status, String body, String location,
                       Instant createdAt, String caller) {
    }

    private static final AggregateType<RawResponse> RAW =
            AggregateType.builder("rest_idempotency", RawResponse.class, RawResponse::id).build();

    @TempDir
    Path folder;
    private AutoCloseable closing;

    @AfterEach
    void close() throws Exception {
        if (closing != null) {
            closing.close();
        }
    }

    private Store store(String kind) {
        Store store = kind.equals("memory") ? Stores.inMemory() : JdbcStores.embeddedH2(folder);
        if (store instanceof AutoCloseable c) {
            closing = c;
        }
        return store;
    }

    private static RestRequest place(ApiFixture f, Actor actor, String offer, String key) {
        return RestRequest.of("POST", "/orders", actor).withJson("{\"offers\":[\"" + offer + "\"]}")
                .withHeader("Idempotency-Key", key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void erase_whenLearnerStoredResponses_deletesTheirsAndKeepsOthers(String kind) {
        Store store = store(kind);
        ApiFixture f = new ApiFixture(store, "a");
        Learnloop learnloop = Learnloop.builder().store(store).clock(f.clock)
                .personalDataEraser(RestApi.personalDataEraser()).build();
        RestApi api = RestApi.builder(learnloop).build();
        RestResponse lenas = api.handle(place(f, LENA, f.javaOffer.id().value(), "k-lena"));
        RestResponse maxs = api.handle(place(f, MAX, f.javaOffer.id().value(), "k-max"));
        assertThat(lenas.status()).as(lenas.bodyText()).isEqualTo(201);
        assertThat(maxs.status()).as(maxs.bodyText()).isEqualTo(201);

        learnloop.personalData().erase(ADMIN, LENA.id(), "asked by mail");

        // lena's response is gone, so her repeat runs again; max's is still replayed
        assertThat(api.handle(place(f, LENA, f.javaOffer.id().value(), "k-lena")).headers())
                .doesNotContainKey("Idempotent-Replayed");
        assertThat(api.handle(place(f, MAX, f.javaOffer.id().value(), "k-max")).headers())
                .containsEntry("Idempotent-Replayed", "true");
        if (kind.equals("h2")) {
            List<Versioned<RawResponse>> left = learnloop.context().read(uow -> uow.list(RAW, 0, 100));
            assertThat(left).extracting(v -> v.value().caller()).doesNotContain((String) null)
                    .contains(MAX.id().value());
            // only the repeat lena sent after her erasure names her
            assertThat(left).filteredOn(v -> LENA.id().value().equals(v.value().caller())).hasSize(1);
        }
    }

    @Test
    void runScheduledJobs_whenResponsesWereStoredBeforeTheAgeIndex_prunesTheOldOnes() {
        Store store = store("h2");
        ApiFixture f = new ApiFixture(store, "a");
        Learnloop learnloop = Learnloop.builder().store(store).clock(f.clock)
                .retentionPruner(RestRetention.idempotencyPruner()).build();
        learnloop.context().transact(uow -> uow.insert(RAW, new RawResponse("legacy-old", "POST /orders", "h", 201,
                "{}", null, f.clock.instant(), null)));
        f.clock.advance(Duration.ofDays(3));
        learnloop.context().transact(uow -> uow.insert(RAW, new RawResponse("legacy-recent", "POST /orders", "h",
                201, "{}", null, f.clock.instant(), null)));
        RestApi api = RestApi.builder(learnloop).build();
        assertThat(api.handle(place(f, LENA, f.javaOffer.id().value(), "k-new")).status()).isEqualTo(201);

        f.clock.advance(Duration.ofDays(5));
        JobRun run = learnloop.runScheduledJobs();

        assertThat(run.prunedOf(DataClasses.REST_IDEMPOTENCY)).isEqualTo(1);
        List<Versioned<RawResponse>> left = learnloop.context().read(uow -> uow.list(RAW, 0, 100));
        assertThat(left).extracting(v -> v.value().id()).doesNotContain("legacy-old").contains("legacy-recent")
                .hasSize(2);
    }
}
