package io.learnloop.payment.payout;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.Payments;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.PayoutReport;
import io.learnloop.payment.PayoutRun;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.Payouts;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReviewItem;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeConnect;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripePayoutRunTest {
    private static final String API_KEY = "sk_test_51Hx9TESTKEYdoNotUse";
    private static final Currency USD = Currency.getInstance("USD");
    private static final Map<LedgerAccount, String> ACCOUNTS = Map.of(
            PayoutFixture.ADA, "acct_ada", PayoutFixture.GRACE, "acct_grace", PayoutFixture.AFF1, "acct_aff1");

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private StripeConfig config(PayoutFixture f) {
        return StripeConfig.builder(Secret.of(API_KEY)).webhookSecret(Secret.of("whsec_connectConnectConnect")).baseUrl(server.baseUrl()).apiVersion("2024-06-20")
                .clock(f.clock).http(SharedHttpClient.builder().sleeper(sleeper).build()).build();
    }

    private Payouts payouts(PayoutFixture f) {
        return Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                .destinations((provider, payee) -> ACCOUNTS.containsKey(payee)
                        ? PayoutDestination.of(ACCOUNTS.get(payee)) : null)
                .description("Creator earnings").build();
    }

    private static void transferSucceeds(String account, String id) {
        server.stubFor(post(urlPathEqualTo("/v1/transfers")).withRequestBody(containing("destination=" + account))
                .willReturn(aResponse().withTransformers("response-template").withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id + "\",\"object\":\"transfer\",\"amount\":"
                                + "{{formData request.body 'f' urlDecode=true}}{{f.amount}},\"currency\":\"usd\","
                                + "\"destination\":\"" + account + "\",\"amount_reversed\":0,\"reversed\":false,"
                                + "\"transfer_group\":\"{{f.transfer_group}}\"}")));
    }

    private static List<LoggedRequest> transfersTo(String account) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withRequestBody(containing("destination=" + account)));
    }

    /** What the stub moved: the amount of every transfer it answered with 200, once per idempotency key. */
    private static long movedByStub() {
        Map<String, Long> byKey = new HashMap<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            if (e.getRequest().getUrl().equals("/v1/transfers") && e.getResponse().getStatus() == 200) {
                byKey.put(e.getRequest().getHeader("Idempotency-Key"),
                        Long.parseLong(Forms.decode(e.getRequest().getBodyAsString()).get("amount")));
            }
        }
        return byKey.values().stream().mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void run_whenOneSucceedsOneFailsForNowAndOneIsRefused_postsOnlyTheSuccessAndTheRerunPaysTheRestOnce(String kind) {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            f.paid("stripe", "pi_1", "USD");
            f.paid("stripe", "pi_2", "USD");
            Payouts payouts = payouts(f);
            transferSucceeds("acct_ada", "tr_ada");
            server.stubFor(post(urlPathEqualTo("/v1/transfers")).withRequestBody(containing("destination=acct_grace"))
                    .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many requests\"}}")));
            server.stubFor(post(urlPathEqualTo("/v1/transfers")).withRequestBody(containing("destination=acct_aff1"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"balance_insufficient\","
                                    + "\"message\":\"Insufficient funds in Stripe account.\"}}")));

            PayoutReport first = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));

            Map<LedgerAccount, PayoutStatus> states = first.payouts().stream()
                    .collect(Collectors.toMap(Payout::payee, Payout::status));
            assertThat(states).containsEntry(PayoutFixture.ADA, PayoutStatus.CONFIRMED)
                    .containsEntry(PayoutFixture.GRACE, PayoutStatus.RETRY)
                    .containsEntry(PayoutFixture.AFF1, PayoutStatus.PARKED)
                    .containsEntry(PayoutFixture.AFF2, PayoutStatus.PARKED)
                    .doesNotContainKey(LedgerAccount.PLATFORM);
            assertThat(first.confirmed()).isEqualTo(1);
            assertThat(first.parked()).isEqualTo(2);
            assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(0, "USD"));
            assertThat(f.balance(PayoutFixture.GRACE, "USD")).isEqualTo(Money.ofMinor(3900, "USD"));
            assertThat(f.balance(PayoutFixture.AFF1, "USD")).isEqualTo(Money.ofMinor(2000, "USD"));
            assertThat(f.balance(LedgerAccount.clearing("stripe"), "USD")).isEqualTo(Money.ofMinor(-20000 + 9100, "USD"));
            Map<String, String> ada = Forms.decode(transfersTo("acct_ada").get(0).getBodyAsString());
            assertThat(ada).containsEntry("amount", "9100").containsEntry("currency", "usd")
                    .containsEntry("transfer_group", "payout-2026-11")
                    .containsEntry("description", "Creator earnings")
                    .containsEntry("metadata[learnloop_payout]", transfersTo("acct_ada").get(0).getHeader("Idempotency-Key"));
            assertThat(transfersTo("acct_ada").get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
            List<ReviewItem> review = Payments.builder(f.learnloop).provider(sandbox(f)).build()
                    .reviewQueue(PayoutFixture.FINANCE, null, 10).items();
            assertThat(review).extracting(ReviewItem::reason).anyMatch(r -> r.contains("balance_insufficient"))
                    .anyMatch(r -> r.contains("no stripe account is bound to affiliate:aff-2"));

            transferSucceeds("acct_grace", "tr_grace");
            PayoutReport second = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));
            payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));

            assertThat(second.payouts()).filteredOn(p -> p.payee().equals(PayoutFixture.GRACE))
                    .singleElement().extracting(Payout::status).isEqualTo(PayoutStatus.CONFIRMED);
            Set<String> graceKeys = transfersTo("acct_grace").stream().map(r -> r.getHeader("Idempotency-Key"))
                    .collect(Collectors.toSet());
            assertThat(graceKeys).hasSize(1);
            assertThat(transfersTo("acct_ada")).hasSize(1);
            assertThat(transfersTo("acct_aff1")).hasSize(1);
            assertThat(f.balance(PayoutFixture.GRACE, "USD").isZero()).isTrue();
            long paidOut = 9100 + 3900; // both creators; the affiliates' payouts were refused or unbound
            assertThat(-f.balance(LedgerAccount.clearing("stripe"), "USD").minor()).isEqualTo(20000 - paidOut);
            assertThat(movedByStub()).isEqualTo(paidOut);
            assertThat(f.sumOfBalances("USD")).isZero();
            long payoutEntries = f.learnloop.ledger().statement(PayoutFixture.FINANCE, PayoutFixture.GRACE, USD,
                    f.clock.instant().minusSeconds(86400), f.clock.instant().plusSeconds(1), null, 100).lines().stream()
                    .filter(l -> l.operation() == EntryOperation.PAYOUT).count();
            assertThat(payoutEntries).isEqualTo(1);
        }
    }

    private static SandboxProvider sandbox(PayoutFixture f) {
        return new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("sandbox-secret")).clock(f.clock).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void run_whenTwoHostsRunTheSamePeriodAtOnce_sendsOneTransferPerPayee(String kind) throws Exception {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            f.paid("stripe", "pi_1", "USD");
            transferSucceeds("acct_ada", "tr_ada");
            transferSucceeds("acct_grace", "tr_grace");
            transferSucceeds("acct_aff1", "tr_aff1");
            Payouts hostA = payouts(f);
            Payouts hostB = payouts(f);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<PayoutReport>> runs = List.of(hostA, hostB, hostA, hostB).stream()
                        .map(p -> (Callable<PayoutReport>) () -> {
                            start.await();
                            return p.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));
                        }).toList();
                List<Future<PayoutReport>> futures = runs.stream().map(pool::submit).toList();
                start.countDown();
                for (Future<PayoutReport> fu : futures) {
                    fu.get();
                }
            } finally {
                pool.shutdownNow();
            }
            hostA.reconcile(PayoutFixture.FINANCE, 100);

            assertThat(transfersTo("acct_ada")).hasSize(1);
            assertThat(transfersTo("acct_grace")).hasSize(1);
            assertThat(transfersTo("acct_aff1")).hasSize(1);
            assertThat(f.balance(PayoutFixture.ADA, "USD").isZero()).isTrue();
            assertThat(f.balance(PayoutFixture.GRACE, "USD").isZero()).isTrue();
            assertThat(f.balance(PayoutFixture.AFF1, "USD").isZero()).isTrue();
            assertThat(movedByStub()).isEqualTo(4550 + 1950 + 1000);
            assertThat(-f.balance(LedgerAccount.clearing("stripe"), "USD").minor()).isEqualTo(10000 - movedByStub());
            assertThat(f.sumOfBalances("USD")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void reverse_whenAConfirmedTransferIsTakenBack_postsTheReturnOnceAndRestoresTheBalance(String kind) {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            f.paid("stripe", "pi_1", "USD");
            transferSucceeds("acct_ada", "tr_ada");
            Payouts payouts = Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                    .destinations((provider, payee) -> payee.equals(PayoutFixture.ADA)
                            ? PayoutDestination.of("acct_ada") : null).build();
            Payout paid = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100))
                    .payouts().stream().filter(p -> p.payee().equals(PayoutFixture.ADA)).findFirst().orElseThrow();
            server.stubFor(post(urlPathEqualTo("/v1/transfers/tr_ada/reversals")).willReturn(okJson(
                    "{\"id\":\"trr_1\",\"object\":\"transfer_reversal\",\"amount\":1550,\"currency\":\"usd\","
                            + "\"transfer\":\"tr_ada\"}")));

            Payout reversed = payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-1",
                    Money.ofMinor(1550, "USD"), "Chargeback");
            Payout again = payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-1",
                    Money.ofMinor(1550, "USD"), "Chargeback");

            assertThat(reversed.returned()).isEqualTo(Money.ofMinor(1550, "USD"));
            assertThat(again.returned()).isEqualTo(Money.ofMinor(1550, "USD"));
            List<LoggedRequest> calls = server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_ada/reversals")));
            assertThat(calls).hasSize(1);
            assertThat(Forms.decode(calls.get(0).getBodyAsString())).containsEntry("amount", "1550")
                    .containsEntry("metadata[learnloop_payout]", paid.payoutKey());
            assertThat(calls.get(0).getHeader("Idempotency-Key")).startsWith("pr_");
            assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(1550, "USD"));
            assertThat(f.sumOfBalances("USD")).isZero();
            assertThatThrownBy(() -> payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "too-much",
                    Money.ofMinor(3001, "USD"), null))
                    .isInstanceOf(io.learnloop.core.error.ValidationException.class)
                    .hasMessageContaining("only 30.00 USD");

            Payout recorded = payouts.recordReturn(PayoutFixture.FINANCE, paid.payoutKey(), "trr_2",
                    Money.ofMinor(1000, "USD"));
            payouts.recordReturn(PayoutFixture.FINANCE, paid.payoutKey(), "trr_2", Money.ofMinor(1000, "USD"));
            assertThat(recorded.returned()).isEqualTo(Money.ofMinor(2550, "USD"));
            assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(2550, "USD"));
            assertThat(f.sumOfBalances("USD")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void reconcile_whenTheTransferWasCreatedButItsAnswerWasLost_confirmsItWithoutSendingAgain(String kind)
            throws Exception {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            f.paid("stripe", "pi_1", "USD");
            Payouts payouts = Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                    .destinations((provider, payee) -> payee.equals(PayoutFixture.ADA)
                            ? PayoutDestination.of("acct_ada") : null).build();
            server.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(aResponse()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

            Payout lost = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100))
                    .payouts().stream().filter(p -> p.payee().equals(PayoutFixture.ADA)).findFirst().orElseThrow();

            assertThat(lost.status()).isEqualTo(PayoutStatus.SENT);
            assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(4550, "USD"));
            int sent = server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers"))).size();
            server.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("destination", equalTo("acct_ada"))
                    .withQueryParam("transfer_group", equalTo("payout-2026-11")).willReturn(okJson(
                            "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"tr_other\",\"amount\":100,"
                                    + "\"currency\":\"usd\",\"metadata\":{\"learnloop_payout\":\"po_someoneelse\"}},"
                                    + "{\"id\":\"tr_ada\",\"amount\":4550,\"currency\":\"usd\",\"amount_reversed\":0,"
                                    + "\"metadata\":{\"learnloop_payout\":\"" + lost.payoutKey() + "\"}}]}")));

            PayoutReport settled = payouts.reconcile(PayoutFixture.FINANCE, 10);

            assertThat(settled.confirmed()).isEqualTo(1);
            assertThat(payouts.payout(PayoutFixture.FINANCE, lost.payoutKey()).providerTransferId()).isEqualTo("tr_ada");
            assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers")))).hasSize(sent);
            assertThat(f.balance(PayoutFixture.ADA, "USD").isZero()).isTrue();
            assertThat(f.sumOfBalances("USD")).isZero();

            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            f.learnloop.personalData().export(io.learnloop.core.identity.Actor.of("root",
                    io.learnloop.core.identity.Role.ADMIN), io.learnloop.core.identity.UserId.of("ada"), out);
            String payoutsFile = null;
            try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                    new java.io.ByteArrayInputStream(out.toByteArray()))) {
                for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    String text = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    if (e.getName().equals("payouts.json")) {
                        payoutsFile = text;
                    }
                    assertThat(text).doesNotContain("acct_ada");
                }
            }
            assertThat(payoutsFile).contains(lost.payoutKey()).contains("tr_ada").contains("\"state\":\"CONFIRMED\"");
        }
    }

    @org.junit.jupiter.api.Test
    void reversalsIn_whenStripeReportsAReversal_recordsItOnceAndNotAgainForOneMadeByReverse() throws Exception {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        f.paid("stripe", "pi_1", "USD");
        transferSucceeds("acct_ada", "tr_ada");
        StripeConnect connect = new StripeConnect(config(f));
        Payouts payouts = Payouts.builder(f.learnloop).channel(connect)
                .destinations((provider, payee) -> payee.equals(PayoutFixture.ADA)
                        ? PayoutDestination.of("acct_ada") : null).build();
        Payout paid = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100))
                .payouts().stream().filter(p -> p.payee().equals(PayoutFixture.ADA)).findFirst().orElseThrow();
        server.stubFor(post(urlPathEqualTo("/v1/transfers/tr_ada/reversals")).willReturn(okJson(
                "{\"id\":\"trr_ours\",\"object\":\"transfer_reversal\",\"amount\":500,\"currency\":\"usd\"}")));
        Payout afterOurs = payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "refund-1",
                Money.ofMinor(500, "USD"), null);
        String ourReference = io.learnloop.payment.testing.Forms.decode(server.findAll(postRequestedFor(
                urlPathEqualTo("/v1/transfers/tr_ada/reversals"))).get(0).getBodyAsString())
                .get("metadata[learnloop_return]");
        String body = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"transfer.reversed\",\"data\":{\"object\":{"
                + "\"id\":\"tr_ada\",\"object\":\"transfer\",\"amount\":4550,\"amount_reversed\":1500,\"currency\":\"usd\","
                + "\"metadata\":{\"learnloop_payout\":\"" + paid.payoutKey() + "\"},\"reversals\":{\"object\":\"list\","
                + "\"data\":[{\"id\":\"trr_ours\",\"amount\":500,\"currency\":\"usd\",\"metadata\":{\"learnloop_return\":\""
                + ourReference + "\"}},{\"id\":\"trr_theirs\",\"amount\":1000,\"currency\":\"usd\",\"metadata\":{}}]}}}}";
        long t = f.clock.instant().getEpochSecond();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("whsec_connectConnectConnect".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String v1 = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> headers = Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1);

        io.learnloop.payment.stripe.StripeConnectEvent event = connect.reversalsIn(
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
        for (var r : event.reversals()) {
            payouts.recordReturn(PayoutFixture.FINANCE, r.payoutKey(), r.returnKey(), r.amount());
        }
        for (var r : event.reversals()) {
            payouts.recordReturn(PayoutFixture.FINANCE, r.payoutKey(), r.returnKey(), r.amount());
        }

        assertThat(event.rejection()).isNull();
        assertThat(afterOurs.returned()).isEqualTo(Money.ofMinor(500, "USD"));
        assertThat(payouts.payout(PayoutFixture.FINANCE, paid.payoutKey()).returned())
                .isEqualTo(Money.ofMinor(1500, "USD"));
        assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(1500, "USD"));
        assertThat(f.sumOfBalances("USD")).isZero();
        assertThat(connect.reversalsIn(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1.substring(0, 63) + (v1.endsWith("0") ? "1" : "0"))).rejection())
                .isEqualTo(io.learnloop.payment.RejectionReason.BAD_SIGNATURE);
    }

    @org.junit.jupiter.api.Test
    void run_whenTheBalanceWasEarnedThroughAnotherProvider_parksWithoutMovingMoney() {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        f.paid("wechatpay", "4200000001", "USD");
        transferSucceeds("acct_ada", "tr_ada");

        PayoutReport report = payouts(f).run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));

        assertThat(report.payouts()).filteredOn(p -> p.payee().equals(PayoutFixture.ADA)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PayoutStatus.PARKED))
                .satisfies(p -> assertThat(p.detail()).contains("stripe holds only 0.00 USD"));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers")))).isEmpty();
        assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(4550, "USD"));
        assertThat(f.sumOfBalances("USD")).isZero();
    }

    @org.junit.jupiter.api.Test
    void run_whenAnOrderSplitOfThePayeeIsStillOnItsWay_paysOnlyWhatIsNotAlreadyBeingSent() {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        f.paid("stripe", "pi_1", "USD");
        io.learnloop.core.commerce.Order split = f.paid("splitpay", "sp_2", "USD");
        transferSucceeds("acct_ada", "tr_ada");
        transferSucceeds("acct_grace", "tr_grace");
        transferSucceeds("acct_aff1", "tr_aff1");
        Payouts payouts = Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                .channel(new ProcessingSplit())
                .destinations((provider, payee) -> ACCOUNTS.containsKey(payee)
                        ? PayoutDestination.of(ACCOUNTS.get(payee)) : null).build();
        payouts.splitOrder(PayoutFixture.FINANCE, new ProviderId("splitpay"), split.id());

        PayoutReport report = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));

        assertThat(report.payouts()).filteredOn(p -> p.payee().equals(PayoutFixture.ADA)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PayoutStatus.CONFIRMED))
                .satisfies(p -> assertThat(p.amount()).isEqualTo(Money.ofMinor(4550, "USD")));
        assertThat(Forms.decode(transfersTo("acct_ada").get(0).getBodyAsString())).containsEntry("amount", "4550");
        assertThat(movedByStub()).isEqualTo(4550 + 1950 + 1000);
        assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(4550, "USD"));
        assertThat(f.sumOfBalances("USD")).isZero();
    }

    @Test
    void splitOrder_whenABalancePayoutOfThePayeeIsStillOnItsWay_recordsNothingThatWouldPayTheShareTwice() {
        PayoutFixture f = new PayoutFixture(io.learnloop.core.store.Stores.inMemory());
        f.paid("stripe", "pi_1", "USD");
        io.learnloop.core.commerce.Order split = f.paid("splitpay", "sp_2", "USD");
        // Stripe's answers are lost: every balance payout stays on its way, holding the whole balance
        server.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Internal error\"}}")));
        Payouts payouts = Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                .channel(new ProcessingSplit())
                .destinations((provider, payee) -> ACCOUNTS.containsKey(payee)
                        ? PayoutDestination.of(ACCOUNTS.get(payee)) : null).build();
        PayoutReport run = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100));
        assertThat(run.payouts()).filteredOn(p -> p.payee().equals(PayoutFixture.ADA)).singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualTo(Money.ofMinor(9100, "USD")));

        PayoutReport report = payouts.splitOrder(PayoutFixture.FINANCE, new ProviderId("splitpay"), split.id());

        // the payees whose balance payouts are on their way get nothing more; one Stripe could not pay is split
        assertThat(report.payouts()).extracting(Payout::payee).doesNotContainAnyElementsOf(ACCOUNTS.keySet());
        assertThat(report.payouts()).isNotEmpty();
        assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(9100, "USD"));
        assertThat(f.sumOfBalances("USD")).isZero();
    }

    /** An order-split channel whose every transfer is still processing at the provider. */
    private static final class ProcessingSplit implements io.learnloop.payment.spi.PayoutChannel {
        @Override
        public ProviderId id() {
            return new ProviderId("splitpay");
        }

        @Override
        public io.learnloop.payment.spi.PayoutMode mode() {
            return io.learnloop.payment.spi.PayoutMode.ORDER_SPLIT;
        }

        @Override
        public io.learnloop.payment.spi.PayoutResult send(io.learnloop.payment.spi.PayoutTransfer transfer) {
            return new io.learnloop.payment.spi.PayoutResult(io.learnloop.payment.spi.PayoutResult.State.PENDING,
                    "split-" + transfer.payoutKey(), null, "processing");
        }

        @Override
        public io.learnloop.payment.spi.PayoutResult query(io.learnloop.payment.spi.PayoutTransfer transfer) {
            return send(transfer);
        }

        @Override
        public io.learnloop.payment.spi.PayoutResult reverse(io.learnloop.payment.spi.PayoutTransfer transfer,
                                                            String returnReference, Money amount) {
            throw new UnsupportedOperationException("not reversed here");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void reverse_whenAnEarlierReturnsAnswerWasLost_refusesAnotherThatWouldTakeBackMoreThanIsLeft(String kind) {
        try (TestStores.Backend store = TestStores.open(kind)) {
            PayoutFixture f = new PayoutFixture(store.store());
            f.paid("stripe", "pi_1", "USD");
            transferSucceeds("acct_ada", "tr_ada");
            Payouts payouts = Payouts.builder(f.learnloop).channel(new StripeConnect(config(f)))
                    .destinations((provider, payee) -> payee.equals(PayoutFixture.ADA)
                            ? PayoutDestination.of("acct_ada") : null).build();
            Payout paid = payouts.run(PayoutFixture.FINANCE, PayoutRun.first(ProviderId.STRIPE, USD, "2026-11", 100))
                    .payouts().stream().filter(p -> p.payee().equals(PayoutFixture.ADA)).findFirst().orElseThrow();
            server.stubFor(post(urlPathEqualTo("/v1/transfers/tr_ada/reversals")).willReturn(aResponse()
                    .withStatus(500).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));
            assertThatThrownBy(() -> payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-1",
                    Money.ofMinor(3000, "USD"), "Chargeback"))
                    .isInstanceOf(io.learnloop.core.error.RemoteException.class);
            int asked = server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_ada/reversals"))).size();

            // Stripe may have made the first reversal: only 15.50 of 45.50 may still be asked for
            assertThatThrownBy(() -> payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-2",
                    Money.ofMinor(3000, "USD"), "Chargeback"))
                    .isInstanceOf(io.learnloop.core.error.ValidationException.class)
                    .hasMessageContaining("only 15.50 USD");
            assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_ada/reversals"))))
                    .hasSize(asked);

            server.stubFor(post(urlPathEqualTo("/v1/transfers/tr_ada/reversals")).willReturn(okJson(
                    "{\"id\":\"trr_1\",\"object\":\"transfer_reversal\",\"amount\":3000,\"currency\":\"usd\","
                            + "\"transfer\":\"tr_ada\"}")));
            Payout reversed = payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-1",
                    Money.ofMinor(3000, "USD"), "Chargeback");

            assertThat(reversed.returned()).isEqualTo(Money.ofMinor(3000, "USD"));
            assertThat(f.balance(PayoutFixture.ADA, "USD")).isEqualTo(Money.ofMinor(3000, "USD"));
            assertThatThrownBy(() -> payouts.reverse(PayoutFixture.FINANCE, paid.payoutKey(), "chargeback-2",
                    Money.ofMinor(1551, "USD"), null))
                    .isInstanceOf(io.learnloop.core.error.ValidationException.class)
                    .hasMessageContaining("only 15.50 USD");
            assertThat(f.sumOfBalances("USD")).isZero();
        }
    }
}
