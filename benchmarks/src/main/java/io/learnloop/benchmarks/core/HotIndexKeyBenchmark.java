package io.learnloop.benchmarks.core;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes to the in-memory store under one hot index key: every row is a ledger entry of one account, so the
 * account index holds a single key with {@link HotKey#rows} rows already filed under it (a popular lesson's
 * progress rows or a creator's ledger entries look like this). One thread.
 *
 * <ul>
 *   <li>{@link #updateUnderHotKey}: one transaction updating a random row, keeping its key; the key's size stays
 *   fixed.</li>
 *   <li>{@link #insertUnderHotKey}: one transaction inserting a new row under the key. Each measured single shot is
 *   a batch of {@value #BATCH} inserts that starts at the set-up size; the rows are deleted between batches, so
 *   the key never holds more than {@code rows + }{@value #BATCH}. Inserts per second = {@value #BATCH} divided by
 *   the batch time.</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HotIndexKeyBenchmark {
    /** Inserts per measured batch of {@link #insertUnderHotKey}. */
    public static final int BATCH = 10_000;
    private static final TenantId TENANT = TenantId.DEFAULT;
    private static final String ACCOUNT = "creator-account";

    /**
     * One ledger entry.
     *
     * @param id      the entry id
     * @param account the account, the hot index key
     * @param amount  the amount in minor units
     */
    public record Entry(String id, String account, long amount) {
    }

    private static final AggregateType<Entry> ENTRY = AggregateType.builder("bench-entry", Entry.class, Entry::id)
            .index("account", Entry::account)
            .build();

    /** A store whose one index key holds {@link #rows} rows. */
    @State(Scope.Benchmark)
    public static class HotKey {
        /** Rows filed under the hot key before measuring. */
        @Param("100000")
        public int rows;

        Store store;
        long[] versions;
        final SplittableRandom random = new SplittableRandom(7);

        /** Files {@link #rows} entries under the one key. */
        @Setup(Level.Trial)
        public void fill() {
            store = Stores.inMemory();
            versions = new long[rows];
            for (int i = 0; i < rows; i++) {
                Entry entry = new Entry("entry-" + i, ACCOUNT, i);
                versions[i] = store.transact(TENANT, uow -> uow.insert(ENTRY, entry)).version();
            }
        }
    }

    /** The rows one insert batch added, deleted again after the batch. */
    @State(Scope.Benchmark)
    public static class Inserted {
        final List<String> ids = new ArrayList<>();
        long next;

        /**
         * Deletes the batch's rows, so the next batch starts at the set-up size.
         *
         * @param hot the store
         */
        @TearDown(Level.Iteration)
        public void deleteBatch(HotKey hot) {
            hot.store.transact(TENANT, uow -> {
                for (String id : ids) {
                    uow.delete(ENTRY, id, 1);
                }
                return null;
            });
            ids.clear();
        }
    }

    /**
     * Updates one random entry under the hot key (the key is kept, so the row keeps its place).
     *
     * @param hot the store
     * @return the new version
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long updateUnderHotKey(HotKey hot) {
        int i = hot.random.nextInt(hot.rows);
        Entry entry = new Entry("entry-" + i, ACCOUNT, hot.versions[i]);
        long version = hot.store.transact(TENANT, uow -> uow.update(ENTRY, entry, hot.versions[i])).version();
        hot.versions[i] = version;
        return version;
    }

    /**
     * Inserts one new entry under the hot key.
     *
     * @param hot      the store
     * @param inserted the batch's rows
     * @return the new version
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(batchSize = BATCH)
    @Measurement(batchSize = BATCH)
    public long insertUnderHotKey(HotKey hot, Inserted inserted) {
        String id = "new-" + inserted.next++;
        Entry entry = new Entry(id, ACCOUNT, 1);
        long version = hot.store.transact(TENANT, uow -> uow.insert(ENTRY, entry)).version();
        inserted.ids.add(id);
        return version;
    }
}
