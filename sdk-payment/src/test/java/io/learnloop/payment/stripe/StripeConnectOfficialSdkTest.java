package io.learnloop.payment.stripe;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.model.Event;
import com.stripe.model.Transfer;
import com.stripe.model.TransferReversal;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.net.Webhook;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferReversalCreateParams;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.Secret;
import io.learnloop.payment.spi.PayoutResult;
import io.learnloop.payment.spi.PayoutTransfer;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's own Java library as the oracle of the Connect payout channel: the transfer and reversal forms we send are
 * the forms stripe-java encodes for the same parameters ({@code TransferCreateParams},
 * {@code TransferReversalCreateParams} through {@code FormEncoder}), and what we read from Stripe's answers and from
 * a {@code transfer.reversed} webhook is what stripe-java's {@code Transfer} and {@code TransferReversal} read from
 * the same JSON.
 */
class StripeConnectOfficialSdkTest {
    private static final String SECRET = "whsec_connectOracleConnectOracle";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KEY = "PsTRIPE202611ada0123456789abcdef";
    private static final LedgerAccount ADA = LedgerAccount.creator(UserId.of("ada"));
    private static final String TRANSFER = """
            {"id":"tr_1Ada","object":"transfer","amount":1234,"amount_reversed":0,"currency":"usd",\
            "destination":"acct_1Ada","transfer_group":"payouts 2026-11","reversed":false,\
            "metadata":{"learnloop_payout":"%s"},"reversals":{"object":"list","data":[],"has_more":false}}"""
            .formatted(KEY);

    @RegisterExtension
    static final StubServer server = new StubServer();

    private StripeConnect channel() {
        return new StripeConnect(StripeConfig.builder(Secret.of("sk_test_connectOracle"))
                .webhookSecret(Secret.of(SECRET)).baseUrl(server.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    }

    private static PayoutTransfer transfer(String providerTransferId) {
        return new PayoutTransfer(KEY, ADA, PayoutDestination.of("acct_1Ada"), Money.parse("12.34", "USD"), null,
                "payouts 2026-11", "Creator earnings & thanks: 11/2026", providerTransferId);
    }

    private static LoggedRequest onlyPost(String path) {
        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    @Test
    void send_whenTransferCreated_sendsTheFormStripeJavaEncodesAndReadsTheAnswerAsStripeJavaDoes() {
        server.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(okJson(TRANSFER)));

        PayoutResult result = channel().send(transfer(null));

        LoggedRequest sent = onlyPost("/v1/transfers");
        TransferCreateParams official = TransferCreateParams.builder().setAmount(1234L).setCurrency("usd")
                .setDestination("acct_1Ada").setTransferGroup("payouts 2026-11")
                .setDescription("Creator earnings & thanks: 11/2026").putMetadata(StripeConnect.PAYOUT_KEY, KEY)
                .build();
        assertThat(Forms.decode(sent.getBodyAsString()))
                .isEqualTo(Forms.decode(FormEncoder.createQueryString(official.toMap())));
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo(KEY);
        Transfer parsed = ApiResource.GSON.fromJson(TRANSFER, Transfer.class);
        assertThat(result.state()).isEqualTo(PayoutResult.State.CONFIRMED);
        assertThat(result.providerTransferId()).isEqualTo(parsed.getId());
        assertThat(result.amount()).isEqualTo(Money.ofMinor(parsed.getAmount(), parsed.getCurrency().toUpperCase()));
    }

    @Test
    void reverse_whenReversalCreated_sendsTheFormStripeJavaEncodesAndReadsItsAmountAsStripeJavaDoes() {
        String answer = """
                {"id":"trr_1","object":"transfer_reversal","amount":500,"currency":"usd","transfer":"tr_1Ada",\
                "metadata":{"learnloop_return":"ret-1","learnloop_payout":"%s"}}""".formatted(KEY);
        server.stubFor(post(urlPathEqualTo("/v1/transfers/tr_1Ada/reversals")).willReturn(okJson(answer)));

        PayoutResult result = channel().reverse(transfer("tr_1Ada"), "ret-1", Money.parse("5.00", "USD"));

        LoggedRequest sent = onlyPost("/v1/transfers/tr_1Ada/reversals");
        TransferReversalCreateParams official = TransferReversalCreateParams.builder().setAmount(500L)
                .setDescription("Creator earnings & thanks: 11/2026")
                .putMetadata(StripeConnect.RETURN_KEY, "ret-1").putMetadata(StripeConnect.PAYOUT_KEY, KEY).build();
        assertThat(Forms.decode(sent.getBodyAsString()))
                .isEqualTo(Forms.decode(FormEncoder.createQueryString(official.toMap())));
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("ret-1");
        TransferReversal parsed = ApiResource.GSON.fromJson(answer, TransferReversal.class);
        assertThat(result.providerTransferId()).isEqualTo(parsed.getId());
        assertThat(result.amount()).isEqualTo(Money.ofMinor(parsed.getAmount(), parsed.getCurrency().toUpperCase()));
    }

    @Test
    void reversalsIn_whenTransferReversed_readsTheReversalsStripeJavaReadsFromTheSameDelivery() throws Exception {
        String body = """
                {"id":"evt_tr_rev","object":"event","api_version":"2024-06-20","created":1772359200,\
                "type":"transfer.reversed","livemode":false,"pending_webhooks":1,"data":{"object":\
                {"id":"tr_1Ada","object":"transfer","amount":1234,"amount_reversed":734,"currency":"usd",\
                "destination":"acct_1Ada","reversed":false,"metadata":{"learnloop_payout":"%s"},\
                "reversals":{"object":"list","has_more":false,"data":[\
                {"id":"trr_1","object":"transfer_reversal","amount":500,"currency":"usd","transfer":"tr_1Ada",\
                "metadata":{"learnloop_return":"ret-1"}},\
                {"id":"trr_2","object":"transfer_reversal","amount":234,"currency":"usd","transfer":"tr_1Ada",\
                "metadata":{}}]}}}}""".formatted(KEY);
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + body);

        StripeConnectEvent ours = channel().reversalsIn(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Stripe-Signature", header));

        Event event = Webhook.constructEvent(body, header, SECRET, 300, Clock.fixed(NOW, ZoneOffset.UTC));
        Transfer official = (Transfer) event.getDataObjectDeserializer().deserializeUnsafe();
        assertThat(ours.rejection()).isNull();
        assertThat(ours.reversals()).extracting(StripeTransferReversal::reversalId)
                .containsExactlyElementsOf(official.getReversals().getData().stream().map(TransferReversal::getId)
                        .toList());
        assertThat(ours.reversals()).extracting(StripeTransferReversal::amount).containsExactlyElementsOf(
                official.getReversals().getData().stream()
                        .map(r -> Money.ofMinor(r.getAmount(), r.getCurrency().toUpperCase())).toList());
        assertThat(ours.reversals()).extracting(StripeTransferReversal::payoutKey)
                .containsOnly(official.getMetadata().get(StripeConnect.PAYOUT_KEY));
        // a reversal we asked for carries our return key; one made in Stripe's dashboard is known by its id
        assertThat(ours.reversals()).extracting(StripeTransferReversal::returnKey).containsExactly("ret-1", "trr_2");
    }
}
