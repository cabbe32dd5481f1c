package io.learnloop.rest;

import io.learnloop.core.Learnloop;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys live in the store, so two instances of the host behind a load balancer answer a repeated POST
 * alike: here two facades and two APIs over one H2 database.
 */
class IdempotencyAcrossInstancesTest {
    @TempDir
    Path folder;
    private JdbcStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void placeOrder_whenRepeatedOnAnotherInstance_answersTheFirstResponseAndRefusesAnotherBody() {
        store = JdbcStores.embeddedH2(folder);
        ApiFixture first = new ApiFixture(store, "a");
        RestApi second = RestApi.builder(Learnloop.builder().store(store).clock(first.clock).build()).build();
        String body = "{\"offers\":[\"" + first.javaOffer.id().value() + "\"]}";
        RestRequest place = RestRequest.of("POST", "/orders", LENA).withJson(body).withHeader("Idempotency-Key", "k-1");

        RestResponse original = first.handle(place);
        RestResponse repeated = second.handle(place);
        RestResponse other = second.handle(RestRequest.of("POST", "/orders", LENA)
                .withJson("{\"offers\":[\"" + first.sqlOffer.id().value() + "\"]}").withHeader("Idempotency-Key", "k-1"));

        assertThat(original.status()).as(original.bodyText()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.bodyText()).isEqualTo(original.bodyText());
        assertThat(repeated.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(other.status()).isEqualTo(422);
        assertThat(json(other).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(first.learnloop.commerce().ordersOf(LENA, LENA.id(), null, 10).items()).hasSize(1);
    }
}
