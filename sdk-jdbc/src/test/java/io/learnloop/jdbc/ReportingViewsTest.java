package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporting views on PostgreSQL and MySQL/MariaDB, read with plain SQL as a BI tool would: each row carries what the SDK's own
 * records say, under the documented column names.
 */
class ReportingViewsTest {
    private static final TenantId TENANT = TenantId.of("views");
    private HikariDataSource pool;

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, TENANT.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL"})
    void views_whenAnOrderIsPaidAndPartlyRefunded_showItsOrderLinesGrantsPostingsAndRefund(Dialect dialect)
            throws SQLException {
        pool = TestDatabases.newDatabase(dialect, 4);
        JdbcStores.migrate(pool, dialect);
        try (JdbcStore store = JdbcStores.open(pool, dialect)) {
            check(store);
        } finally {
            pool.close();
        }
    }

    private void check(JdbcStore store) throws SQLException {
        Learnloop learnloop = Learnloop.builder().store(store).tenant(TENANT).idGenerator(IdGenerator.sequential("v"))
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of())).build();
        Actor ada = Actor.of("ada", Role.CREATOR);
        Course java = Catalogue.published(learnloop, ada, "Java");
        Course sql = Catalogue.published(learnloop, ada, "SQL");
        Offer javaOffer = learnloop.commerce().createOffer(ada, OfferDraft.course("Java", Money.parse("99.00", "CNY"),
                java.id()));
        Offer sqlOffer = learnloop.commerce().createOffer(ada, OfferDraft.course("SQL", Money.parse("49.00", "CNY"),
                sql.id()));
        Order order = learnloop.commerce().placeOrder(Actor.learner("lena"), PlaceOrder.of("k1", javaOffer.id(),
                sqlOffer.id()));
        learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "bank-transfer", "t-1",
                order.total()));
        learnloop.settlement().refund(Staff.FINANCE, order.id(), new RefundRequest("r-1",
                List.of(LineAmount.of(2, Money.parse("49.00", "CNY"))), "wrong course"));

        assertThat(rows("SELECT order_id, learner, status, currency, total_minor, refunded_minor, payment_channel, "
                + "payment_reference FROM learnloop_orders WHERE tenant = ?")).containsExactly(Map.of(
                "order_id", order.id().value(), "learner", "lena", "status", "PARTIALLY_REFUNDED", "currency", "CNY",
                "total_minor", 14800L, "refunded_minor", 4900L, "payment_channel", "bank-transfer",
                "payment_reference", "t-1"));
        assertThat(rows("SELECT line, title, net_minor, refunded_minor FROM learnloop_order_lines WHERE tenant = ? "
                + "ORDER BY line")).containsExactly(
                Map.of("line", 1, "title", "Java", "net_minor", 9900L, "refunded_minor", 0L),
                Map.of("line", 2, "title", "SQL", "net_minor", 4900L, "refunded_minor", 4900L));
        assertThat(rows("SELECT refund_key, amount_minor FROM learnloop_order_refunds WHERE tenant = ?"))
                .containsExactly(Map.of("refund_key", "r-1", "amount_minor", 4900L));
        assertThat(rows("SELECT order_line, source, revocation_reason FROM learnloop_grants WHERE tenant = ? "
                + "ORDER BY order_line")).extracting(r -> r.get("order_line") + "/" + r.get("source") + "/"
                + r.get("revocation_reason")).containsExactly("line-1/PURCHASE/null", "line-2/PURCHASE/REFUND");
        List<Map<String, Object>> sums = rows("SELECT operation, SUM(amount_minor) AS total, "
                + "SUM(CASE WHEN account_kind = 'CREATOR' THEN amount_minor ELSE 0 END) AS creators "
                + "FROM learnloop_ledger_postings WHERE tenant = ? GROUP BY operation ORDER BY operation");
        assertThat(sums).extracting(r -> r.get("operation") + " " + r.get("total") + " " + r.get("creators"))
                .containsExactly("PAYMENT 0 11840", "REFUND 0 -3920");
        assertThat(rows("SELECT account_key, currency, balance_minor FROM learnloop_ledger_balances WHERE tenant = ? "
                + "ORDER BY account_key")).extracting(r -> r.get("account_key") + " " + r.get("currency") + " "
                + r.get("balance_minor")).contains("creator:ada CNY 7920")
                .allSatisfy(line -> assertThat(line).contains(" CNY "));
        assertThat(learnloop.ledger().balance(Staff.FINANCE, io.learnloop.core.ledger.LedgerAccount.creator(io.learnloop.core.identity.UserId.of("ada")),
                Money.currency("CNY"))).isEqualTo(Money.parse("79.20", "CNY"));
        assertThat(rows("SELECT COUNT(*) AS n FROM learnloop_documents WHERE tenant = ? AND type = 'order'"))
                .containsExactly(Map.of("n", 1L));
    }
}
