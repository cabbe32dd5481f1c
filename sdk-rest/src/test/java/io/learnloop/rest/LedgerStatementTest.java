package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.learnloop.rest.ApiFixture.CREATOR;
import static io.learnloop.rest.ApiFixture.FINANCE;
import static io.learnloop.rest.ApiFixture.LENA;
import static io.learnloop.rest.ApiFixture.MAX;
import static io.learnloop.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** An account's statement for a period, a page at a time, for its owner or the money desk. */
class LedgerStatementTest {
    private final ApiFixture f = new ApiFixture();
    private static final String FROM = "2026-03-01T00:00:00Z";
    private static final String TO = "2026-03-02T00:00:00Z";

    private RestResponse statement(io.learnloop.core.identity.Actor actor, String account, String from, String to,
                                   String cursor) {
        Map<String, String> query = new HashMap<>(Map.of("currency", "CNY", "limit", "1"));
        if (from != null) {
            query.put("from", from);
        }
        query.put("to", to);
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return f.get("/ledger/accounts/" + account + "/statement", actor, query);
    }

    @Test
    void getAccountStatement_whenPagedByOne_chainsEveryLineOfThePeriod() {
        f.pay(f.placeOrder(LENA, f.javaOffer, "o-1"), LENA);
        f.pay(f.placeOrder(MAX, f.sqlOffer, "o-2"), MAX);

        int lines = 0;
        String cursor = null;
        int pages = 0;
        do {
            RestResponse r = statement(FINANCE, "creator:" + CREATOR.id().value(), FROM, TO, cursor);
            assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
            JsonNode page = json(r);
            lines += page.get("lines").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(lines).isEqualTo(2);
        assertThat(pages).isBetween(2, 3);
        RestResponse own = statement(CREATOR, "creator:" + CREATOR.id().value(), FROM, TO, null);
        assertThat(own.status()).as(own.bodyText()).isEqualTo(200);
    }

    @Test
    void getAccountStatement_whenNeitherOwnerNorFinance_isForbidden() {
        RestResponse r = statement(LENA, "creator:" + CREATOR.id().value(), FROM, TO, null);

        assertThat(r.status()).as(r.bodyText()).isEqualTo(403);
    }

    @Test
    void getAccountStatement_whenInputIsBad_saysWhatToFix() {
        RestResponse tooLong = statement(FINANCE, "platform", FROM, "2027-03-03T00:00:00Z", null);
        RestResponse noFrom = statement(FINANCE, "platform", null, TO, null);
        RestResponse badAccount = statement(FINANCE, "wallet:x", FROM, TO, null);
        RestResponse backwards = statement(FINANCE, "platform", TO, FROM, null);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.bodyText()).contains("366 days");
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.bodyText()).contains("from", "ISO 8601");
        assertThat(badAccount.status()).isEqualTo(400);
        assertThat(badAccount.bodyText()).contains("creator:u-42");
        assertThat(backwards.status()).isEqualTo(400);
    }
}
