package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.testing.NotificationProviders;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bodies and headers over the limits are refused by their length before any provider reads them, and leave no trace:
 * the same payment's proper notification settles afterwards.
 */
class NotificationLimitsTest {
    private static final int BODY_LIMIT = NotificationLimits.defaults().maxBodyBytes();
    private static final int HEADER_LIMIT = NotificationLimits.defaults().maxHeaderChars();

    private final PipelineFixture p = new PipelineFixture();
    private final CountingProvider sandbox = new CountingProvider(p.sandbox);
    private final Payments payments = Payments.builder(p.f.learnloop).provider(sandbox).build();
    private final Order order = p.order("k-limits", p.javaOffer);
    private final SandboxNotification paid = paidNotification();

    private SandboxNotification paidNotification() {
        String reference = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.SANDBOX, PaymentFlow.QR_CODE, "Java"))
                .merchantReference();
        p.sandbox.pay(reference);
        return p.sandbox.deliverable().get(0);
    }

    /** The paid event padded with JSON whitespace to {@code size} bytes and signed as the sandbox signs: valid in all but size. */
    private byte[] paddedTo(int size) {
        byte[] body = Arrays.copyOf(paid.body(), size);
        Arrays.fill(body, paid.body().length, size, (byte) ' ');
        return body;
    }

    private String signatureOf(byte[] body) {
        return p.sandbox.signatureHeader(body, p.f.clock.instant());
    }

    private NotificationResult deliver(byte[] body, Map<String, String> headers) {
        return payments.handleNotification(ProviderId.SANDBOX, body, headers);
    }

    private static void assertTooLarge(NotificationResult r) {
        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().accepted()).isFalse();
        assertThat(r.outcome()).isInstanceOfSatisfying(NotificationOutcome.Rejected.class,
                o -> assertThat(o.reason()).isEqualTo(RejectionReason.TOO_LARGE));
    }

    /** Nothing was read, stored or deduplicated: the order waits, and its proper notification still settles it. */
    private void assertLeftNoTrace() {
        assertThat(sandbox.notificationsParsed).hasValue(0);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(payments.reviewQueue(PipelineFixture.FINANCE, null, 1000).items()).isEmpty();
        assertThat(deliver(paid.body(), paid.headers()).disposition()).isEqualTo(Disposition.SETTLED);
    }

    @Test
    void handleNotification_whenBodyOneByteOverTheLimit_refusesItUnreadAndLeavesNoTrace() {
        byte[] body = paddedTo(BODY_LIMIT + 1);
        NotificationResult r = deliver(body, Map.of(SandboxProvider.SIGNATURE_HEADER, signatureOf(body)));

        assertTooLarge(r);
        assertThat(r.detail()).contains(String.valueOf(BODY_LIMIT + 1), String.valueOf(BODY_LIMIT), "maxBodyBytes");
        assertLeftNoTrace();
    }

    @Test
    void handleNotification_whenBodyExactlyAtTheLimit_isRead() {
        byte[] body = paddedTo(BODY_LIMIT);

        NotificationResult r = deliver(body, Map.of(SandboxProvider.SIGNATURE_HEADER, signatureOf(body)));

        assertThat(r.disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(sandbox.notificationsParsed).hasValue(1);
    }

    @Test
    void handleNotification_whenSignatureHeaderOneCharOverTheLimit_refusesItUnreadAndLeavesNoTrace() {
        // the probe's shape: a valid signature header followed by commas
        String signature = signatureOf(paid.body());
        String padded = signature + ",".repeat(HEADER_LIMIT + 1 - signature.length());

        NotificationResult r = deliver(paid.body(), Map.of(SandboxProvider.SIGNATURE_HEADER, padded));

        assertTooLarge(r);
        assertThat(r.detail()).contains("'" + SandboxProvider.SIGNATURE_HEADER + "'", String.valueOf(HEADER_LIMIT + 1))
                .doesNotContain(signature);
        assertLeftNoTrace();
    }

    @Test
    void handleNotification_whenAnyHeaderOneCharOverTheLimit_refusesItUnreadAndLeavesNoTrace() {
        Map<String, String> headers = new HashMap<>(paid.headers());
        headers.put("Cookie", "c".repeat(HEADER_LIMIT + 1));

        assertTooLarge(deliver(paid.body(), headers));
        assertLeftNoTrace();
    }

    @Test
    void handleNotification_whenHeaderNameOverTheLimit_refusesItUnread() {
        Map<String, String> headers = new HashMap<>(paid.headers());
        headers.put("X-" + "n".repeat(HEADER_LIMIT), "1");

        assertTooLarge(deliver(paid.body(), headers));
        assertLeftNoTrace();
    }

    @Test
    void handleNotification_whenHeaderExactlyAtTheLimit_isRead() {
        String signature = signatureOf(paid.body());
        String padded = signature + ",".repeat(HEADER_LIMIT - signature.length());

        assertThat(deliver(paid.body(), Map.of(SandboxProvider.SIGNATURE_HEADER, padded)).disposition()).isEqualTo(Disposition.SETTLED);
    }

    @Test
    void handleNotification_whenLimitsConfigured_refusesAboveThemAndReadsUpToThem() {
        NotificationLimits limits = NotificationLimits.defaults().withMaxBodyBytes(32 * 1024).withMaxHeaderChars(2 * 1024);
        Payments strict = Payments.builder(p.f.learnloop).provider(sandbox).notificationLimits(limits).build();
        byte[] over = paddedTo(32 * 1024 + 1);
        String signature = signatureOf(paid.body());

        assertTooLarge(strict.handleNotification(ProviderId.SANDBOX, over,
                Map.of(SandboxProvider.SIGNATURE_HEADER, signatureOf(over))));
        assertTooLarge(strict.handleNotification(ProviderId.SANDBOX, paid.body(),
                Map.of(SandboxProvider.SIGNATURE_HEADER, signature + ",".repeat(2 * 1024 + 1 - signature.length()))));
        assertThat(sandbox.notificationsParsed).hasValue(0);

        byte[] atLimit = paddedTo(32 * 1024);
        assertThat(strict.handleNotification(ProviderId.SANDBOX, atLimit, Map.of(SandboxProvider.SIGNATURE_HEADER,
                signatureOf(atLimit) + ",".repeat(2 * 1024 - signatureOf(atLimit).length()))).disposition())
                .isEqualTo(Disposition.SETTLED);
    }

    @Test
    void handleNotification_whenOverTheLimitForAnyProvider_isRefusedWithThatProvidersFailureAnswer() {
        NotificationProviders all = new NotificationProviders();
        byte[] body = new byte[BODY_LIMIT + 1];
        Arrays.fill(body, (byte) '&');
        Map<ProviderId, Integer> statuses = new HashMap<>();
        for (ProviderId id : NotificationProviders.ids()) {
            NotificationResult r = all.payments.handleNotification(id, body, Map.of());
            assertTooLarge(r);
            statuses.put(id, r.acknowledgement().httpStatus());
            assertTooLarge(all.payments.handleNotification(id, new byte[]{'{', '}'}, Map.of("X-Long", "x".repeat(HEADER_LIMIT + 1))));
        }
        // each provider answers a refusal its own way: WeChat Pay wants 4xx with code FAIL, Alipay anything but "success"
        assertThat(statuses).containsEntry(ProviderId.WECHAT_PAY, 413).containsEntry(ProviderId.STRIPE, 400)
                .containsEntry(ProviderId.SANDBOX, 400);
        assertThat(all.payments.handleNotification(ProviderId.ALIPAY, body, Map.of()).acknowledgement().body()).isEqualTo("fail");
        assertThat(all.payments.handleNotification(ProviderId.WECHAT_PAY, body, Map.of()).acknowledgement().body())
                .contains("\"code\":\"FAIL\"", "TOO_LARGE");
    }

    @Test
    void notificationLimits_whenOutOfRange_namesEachField() {
        for (int[] bad : new int[][]{{0, 8192}, {-1, 8192}, {16 * 1024 - 1, 8192}, {64 * 1024 * 1024 + 1, 8192}}) {
            assertThatThrownBy(() -> new NotificationLimits(bad[0], bad[1])).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("maxBodyBytes").hasMessageNotContaining("maxHeaderChars");
        }
        for (int bad : new int[]{0, -5, 1023, 1024 * 1024 + 1}) {
            assertThatThrownBy(() -> NotificationLimits.defaults().withMaxHeaderChars(bad)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("maxHeaderChars").hasMessageContaining(String.valueOf(bad));
        }
        assertThatThrownBy(() -> new NotificationLimits(0, 0)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains("maxBodyBytes", "maxHeaderChars"));
        assertThatThrownBy(() -> Payments.builder(p.f.learnloop).notificationLimits(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void notificationLimits_whenOnTheBounds_areAccepted() {
        assertThat(new NotificationLimits(16 * 1024, 1024)).extracting(NotificationLimits::maxBodyBytes, NotificationLimits::maxHeaderChars)
                .containsExactly(16 * 1024, 1024);
        assertThat(new NotificationLimits(64 * 1024 * 1024, 1024 * 1024).maxBodyBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(NotificationLimits.defaults()).isEqualTo(new NotificationLimits(256 * 1024, 8 * 1024));
    }
}
