package io.learnloop.core.internal.paging;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.store.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetRecordsTest {
    /** A record filed under its owner, sorted by its number. */
    public record Entry(String id, String owner, long n) {
    }

    private static final AggregateType<Entry> ENTRY = AggregateType.builder("test_keyset_entry", Entry.class,
                    Entry::id)
            .sortedIndex("owner", Entry::owner, e -> SortKeys.number(e.n()))
            .index("owner_lookup", Entry::owner)
            .build();

    private final CountingStore store = new CountingStore(Stores.inMemory());
    private final ServiceContext ctx = Learnloop.builder().store(store).build().context();

    private void file(String owner, int count) {
        ctx.transact(uow -> {
            // inserted in reverse, so that index order is not insertion order
            for (int n = count - 1; n >= 0; n--) {
                uow.insert(ENTRY, new Entry(owner + "-" + n, owner, n));
            }
            return null;
        });
    }

    @Test
    void under_whenTheKeyHoldsMoreThanTwoPages_readsThemAllInIndexOrderOnePageAtATime() {
        int count = 2 * KeysetRecords.PAGE + 50;
        file("a", count);
        file("b", 3);
        int before = store.reads.get();

        Iterator<Entry> it = KeysetRecords.under(ctx, ENTRY, "owner", "a");
        assertThat(store.reads.get() - before).as("nothing is read before the first record is asked for").isZero();
        assertThat(it.next().n()).isZero();
        assertThat(store.reads.get() - before).as("the first record reads one page").isEqualTo(1);
        List<Long> rest = new ArrayList<>();
        it.forEachRemaining(e -> rest.add(e.n()));

        assertThat(rest).containsExactlyElementsOf(IntStream.range(1, count).mapToObj(n -> (long) n).toList());
        assertThat(store.reads.get() - before).isEqualTo(3);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void under_whenTheKeyHoldsNothing_isEmpty() {
        file("b", 3);

        assertThat(KeysetRecords.under(ctx, ENTRY, "owner", "a").hasNext()).isFalse();
    }

    @Test
    void under_whenTheIndexIsNotSorted_throwsValidation() {
        assertThatThrownBy(() -> KeysetRecords.under(ctx, ENTRY, "owner_lookup", "a"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("owner_lookup");
    }

    @Test
    void flatten_whenSomeKeysHoldNothing_givesEachKeysRecordsInTurnAndReadsAKeyOnlyWhenReached() {
        file("a", 2);
        file("c", 3);
        List<String> reached = new ArrayList<>();
        Iterator<String> keys = List.of("a", "b", "c").iterator();

        Iterator<Entry> all = KeysetRecords.flatten(keys, key -> {
            reached.add(key);
            return KeysetRecords.under(ctx, ENTRY, "owner", key);
        });

        assertThat(all.next().id()).isEqualTo("a-0");
        assertThat(reached).containsExactly("a");
        List<String> rest = new ArrayList<>();
        all.forEachRemaining(e -> rest.add(e.id()));
        assertThat(rest).containsExactly("a-1", "c-0", "c-1", "c-2");
        assertThat(reached).containsExactly("a", "b", "c");
        assertThatThrownBy(all::next).isInstanceOf(NoSuchElementException.class);
    }

    /** The in-memory store, counting the reads made through it. */
    private static final class CountingStore implements Store {
        private final Store inner;
        final AtomicInteger reads = new AtomicInteger();

        CountingStore(Store inner) {
            this.inner = inner;
        }

        @Override
        public <R> R transact(TenantId tenant, Function<UnitOfWork, R> work) {
            return inner.transact(tenant, work);
        }

        @Override
        public <R> R read(TenantId tenant, Function<UnitOfWork, R> work) {
            reads.incrementAndGet();
            return inner.read(tenant, work);
        }

        @Override
        public List<DomainEvent> claimOutbox(TenantId tenant, String relay, int limit, Instant now, Duration lease) {
            return inner.claimOutbox(tenant, relay, limit, now, lease);
        }

        @Override
        public void markDelivered(TenantId tenant, List<String> eventIds, Instant deliveredAt) {
            inner.markDelivered(tenant, eventIds, deliveredAt);
        }

        @Override
        public int pruneDelivered(TenantId tenant, Instant deliveredBefore, int limit) {
            return inner.pruneDelivered(tenant, deliveredBefore, limit);
        }

        @Override
        public int rewriteOutbox(TenantId tenant, UnaryOperator<DomainEvent> rewrite) {
            return inner.rewriteOutbox(tenant, rewrite);
        }
    }
}
