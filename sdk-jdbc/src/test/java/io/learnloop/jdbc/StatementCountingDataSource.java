package io.learnloop.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A data source that records what its connections send: every statement executed (with the method that ran it) and
 * every savepoint set. It can also make statements fail, to see what a failure in the middle of a write leaves.
 *
 * <p>Thread-safe enough for one test thread at a time: the records are synchronized lists.
 */
final class StatementCountingDataSource {
    /** One call that went to the database: the method ({@code executeUpdate}, {@code executeBatch} ...) and its SQL. */
    record Execution(String method, String sql) {
        boolean reads(String table) {
            return sql.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT") && sql.contains(table);
        }
    }

    private final DataSource target;
    private final List<Execution> executions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> savepoints = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failing = sql -> false;

    StatementCountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The data source to hand to the store. */
    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    /** Forgets what was recorded so far. */
    void reset() {
        executions.clear();
        savepoints.clear();
    }

    List<Execution> executions() {
        return List.copyOf(executions);
    }

    int savepoints() {
        return savepoints.size();
    }

    /** Makes every statement whose SQL matches fail when executed, with a failure that is not a taken key. */
    void failWhen(Predicate<String> sql) {
        failing = sql;
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, (proxy, method, args) -> {
            if (method.getName().equals("setSavepoint")) {
                savepoints.add(args == null ? "" : String.valueOf(args[0]));
            }
            Object result = invoke(c, method, args);
            if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                return statement(PreparedStatement.class, ps, (String) args[0]);
            }
            if (result instanceof Statement s && method.getName().equals("createStatement")) {
                return statement(Statement.class, s, null);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> kind, S s, String prepared) {
        return proxy(kind, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                String sql = prepared != null ? prepared : String.valueOf(args == null ? "" : args[0]);
                executions.add(new Execution(method.getName(), sql));
                if (failing.test(sql)) {
                    throw new SQLException("injected failure", "XX000");
                }
            }
            return invoke(s, method, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> kind, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StatementCountingDataSource.class.getClassLoader(), new Class<?>[] {kind},
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
