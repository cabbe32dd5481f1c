package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.money.Money;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored refunds round-trip, and those stored before refunds could be sent again read as never resent. */
class PaymentRefundJsonTest {
    private final PaymentRefund refund = new PaymentRefund("o-1:r1", OrderId.of("o-1"), "r1", "sandbox", "sandbox:ll-1",
            "rf0123456789abcdef01234567", Money.ofMinor(19900, "CNY"), "changed mind", PaymentRefund.FAILED, null,
            "closed", Instant.parse("2026-11-29T10:00:00Z"), 0);

    @Test
    void fromJson_whenResentRecordIsRead_keepsItsReferenceAndCount() {
        PaymentRefund resent = refund.resent("rf0123456789abcdef01234567-r2", Instant.parse("2026-11-29T11:00:00Z"));

        PaymentRefund read = LearnloopJson.fromJson(LearnloopJson.toJson(resent), PaymentRefund.class);

        assertThat(read).isEqualTo(resent);
        assertThat(read.resends()).isEqualTo(1);
        assertThat(read.state()).isEqualTo(PaymentRefund.PENDING);
        assertThat(read.providerRefundId()).isNull();
    }

    @Test
    void fromJson_whenStoredBeforeResendsExisted_readsZeroResends() {
        String json = LearnloopJson.toJson(refund).replace(",\"resends\":0", "");
        assertThat(json).doesNotContain("resends");

        assertThat(LearnloopJson.fromJson(json, PaymentRefund.class)).isEqualTo(refund);
    }

    @Test
    void fromJson_whenEarlierAttemptReportedSuccess_keepsItsReferenceAndState() {
        PaymentRefund flagged = refund.resent("rf0123456789abcdef01234567-r2", Instant.parse("2026-11-29T11:00:00Z"))
                .withEarlierSuccess("rf0123456789abcdef01234567", Instant.parse("2026-11-29T12:00:00Z"));

        PaymentRefund read = LearnloopJson.fromJson(LearnloopJson.toJson(flagged), PaymentRefund.class);

        assertThat(read).isEqualTo(flagged);
        assertThat(read.earlierSuccess()).isEqualTo("rf0123456789abcdef01234567");
        assertThat(read.state()).isEqualTo(PaymentRefund.PENDING);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(refund), PaymentRefund.class).earlierSuccess()).isNull();
    }
}
