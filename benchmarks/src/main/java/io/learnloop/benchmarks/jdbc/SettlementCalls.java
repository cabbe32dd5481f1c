package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the JDBC calls that settling one paid notification makes on PostgreSQL (statements executed, batches,
 * commits), by statement, and apart from them those of the relay run that delivers its events to the listeners: the figure behind "calls per settlement" in the data-layer benchmarks.
 * A plain main class, not JMH: the count does not depend on the machine.
 *
 * <p>Not thread-safe: one run per process.
 */
public final class SettlementCalls {
    private static final Map<String, AtomicInteger> CALLS = new TreeMap<>();
    private static volatile boolean counting;

    private SettlementCalls() {
    }

    /**
     * Settles three notifications and prints the calls of the last.
     *
     * @param args none
     * @throws Exception if the database cannot be started
     */
    public static void main(String[] args) throws Exception {
        try (BenchDatabase db = BenchDatabase.open("POSTGRESQL", 4);
             JdbcStore store = JdbcStores.open(counted(db.pool), Dialect.POSTGRESQL)) {
            Learnloop learnloop = Learnloop.builder().store(store).tenant(SettlementBenchmark.TENANT)
                    .idGenerator(IdGenerator.randomUuids())
                    .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of()))
                    .deliverEventsOnCommit(false).build();
            Offer offer = BenchOffer.javaCourse(learnloop);
            SandboxProvider sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("calls")).build());
            Payments payments = Payments.builder(learnloop).provider(sandbox).build();
            for (int i = 0; i < 3; i++) {
                Actor learner = Actor.learner("learner-" + i);
                Order order = learnloop.commerce().placeOrder(learner, PlaceOrder.of("k", offer.id()));
                sandbox.pay(payments.checkout(learner, CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                        PaymentFlow.QR_CODE, "Java")).merchantReference());
                List<SandboxNotification> due = sandbox.deliverable();
                SandboxNotification paid = due.get(due.size() - 1);
                learnloop.deliverEvents(); // the set-up's events
                CALLS.clear();
                counting = true;
                payments.handleNotification(ProviderId.SANDBOX, paid.body(), paid.headers());
                counting = false;
                if (i < 2) {
                    learnloop.deliverEvents();
                }
            }
            print("JDBC calls to settle one notification", CALLS);
            CALLS.clear();
            counting = true;
            learnloop.deliverEvents();
            counting = false;
            print("JDBC calls of the relay run that delivers its events (one claim serves up to 256 events)", CALLS);
        }
    }

    private static void print(String title, Map<String, AtomicInteger> calls) {
        int total = calls.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println(title + ": " + total);
        calls.forEach((call, n) -> System.out.println(n + "\t" + call));
    }

    private static void count(String call) {
        if (counting) {
            CALLS.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static DataSource counted(DataSource pool) {
        return proxy(DataSource.class, pool, (method, result, args) -> result instanceof Connection c
                ? proxy(Connection.class, c, (m, r, a) -> {
                    if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                        count(m.getName());
                    }
                    if (r instanceof PreparedStatement ps) {
                        String sql = String.valueOf(a[0]);
                        String head = sql.length() > 60 ? sql.substring(0, 60) : sql;
                        return proxy(PreparedStatement.class, ps, (m3, r3, a3) -> {
                            if (m3.getName().startsWith("execute")) {
                                count(m3.getName() + ": " + head);
                            }
                            return r3;
                        });
                    }
                    return r;
                })
                : result);
    }

    /** What a proxy does with a call's result. */
    private interface After {
        Object apply(Method method, Object result, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(SettlementCalls.class.getClassLoader(), new Class<?>[]{type},
                (p, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, result, args);
                }));
    }
}
