package io.learnloop.examples;

import io.learnloop.core.access.AccessReason;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Runs the program docs/getting-started.md is built on and checks what each step did. */
class GettingStartedTest {
    @Test
    void run_whenTheLearnerPaysAndThenAsksForARefund_opensAndClosesTheLessonAndBalancesTheLedger(@TempDir Path folder) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        GettingStarted.Outcome o = GettingStarted.run(folder, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(o.beforePaying().allowed()).isFalse();
        assertThat(o.beforePaying().reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(o.paidOrder().status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.paidOrder().total()).isEqualTo(Money.parse("49.00", "EUR"));
        assertThat(o.afterPaying().allowed()).isTrue();
        assertThat(o.afterPaying().reason()).isEqualTo(AccessReason.PURCHASED);

        assertThat(o.refund().revokedLines()).containsExactly(1);
        assertThat(o.refunded().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(o.refunded().refunded()).isEqualTo(Money.parse("49.00", "EUR"));
        assertThat(o.afterRefund().allowed()).isFalse();
        assertThat(o.afterRefund().reason()).isEqualTo(AccessReason.REVOKED);

        Money zero = Money.parse("0.00", "EUR");
        assertThat(sum(o.paidBooks())).isEqualTo(zero);
        assertThat(o.paidBooks()).extracting(Balance::account, Balance::amount).contains(
                tuple(LedgerAccount.PLATFORM, Money.parse("9.80", "EUR")),
                tuple(LedgerAccount.creator(UserId.of("ada")), Money.parse("39.20", "EUR")));
        // the refund claws every share back: each account is where it started
        assertThat(sum(o.refundedBooks())).isEqualTo(zero);
        assertThat(o.refundedBooks()).extracting(Balance::amount).containsOnly(zero);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("webhook: SETTLED")
                .contains("The order is PAID")
                .contains("refund CONFIRMED")
                .contains("The order is REFUNDED; Lena may open \"Variables and types\"? REVOKED");
    }

    private static Money sum(List<Balance> balances) {
        return Money.sum(Currency.getInstance("EUR"), balances.stream().map(Balance::amount).toList());
    }
}
