package io.learnloop.core.internal.store;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistent tree under an index key, against a plain list of (filing number, row) as reference. */
class PostingTreeTest {
    private record Entry(long seq, MemoryStore.Row row) {
    }

    private static MemoryStore.Row row(String id, long version) {
        return new MemoryStore.Row(id, id, version, 0, Map.of(), Map.of());
    }

    private static void assertSame(PostingTree tree, List<Entry> expected) {
        tree.checkShape();
        List<MemoryStore.Row> rows = expected.stream().map(Entry::row).toList();
        assertThat(tree.size()).isEqualTo(rows.size());
        assertThat(tree.isEmpty()).isEqualTo(rows.isEmpty());
        assertThat(tree).containsExactlyElementsOf(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(tree.get(i)).isSameAs(rows.get(i));
        }
    }

    @Property(tries = 60)
    void appendReplaceRemove_whenRandomlyMixed_matchesAListAndKeepsEveryEarlierTreeIntact(
            @ForAll Random random, @ForAll @IntRange(min = 1, max = 4000) int operations) {
        PostingTree tree = PostingTree.EMPTY;
        List<Entry> model = new ArrayList<>();
        List<PostingTree> kept = new ArrayList<>();
        List<List<Entry>> keptModels = new ArrayList<>();
        long seq = 0;
        for (int op = 0; op < operations; op++) {
            int kind = random.nextInt(10);
            if (model.isEmpty() || kind < 5) {
                // Filing numbers grow with gaps, as numbers go to other keys in between.
                seq += 1 + random.nextInt(3);
                MemoryStore.Row r = row("r" + seq, 1);
                tree = tree.append(seq, r);
                model.add(new Entry(seq, r));
            } else if (kind < 7) {
                int at = random.nextInt(model.size());
                Entry old = model.get(at);
                MemoryStore.Row r = row(old.row().id(), old.row().version() + 1);
                tree = tree.replace(old.seq(), r);
                model.set(at, new Entry(old.seq(), r));
            } else {
                int at = random.nextInt(model.size());
                tree = tree.remove(model.get(at).seq());
                model.remove(at);
            }
            if (op % 97 == 0) {
                assertSame(tree, model);
                kept.add(tree);
                keptModels.add(List.copyOf(model));
            }
        }
        assertSame(tree, model);
        for (int i = 0; i < kept.size(); i++) {
            assertSame(kept.get(i), keptModels.get(i));
        }
    }

    @Test
    void remove_whenALargeTreeShrinksInRandomOrder_staysBalancedAndOrdered() {
        Random random = new Random(11);
        PostingTree tree = PostingTree.EMPTY;
        List<Entry> model = new ArrayList<>();
        for (long seq = 1; seq <= 40_000; seq++) {
            MemoryStore.Row r = row("r" + seq, 1);
            tree = tree.append(seq, r);
            model.add(new Entry(seq, r));
        }
        assertSame(tree, model);
        while (model.size() > 3) {
            int at = random.nextInt(model.size());
            tree = tree.remove(model.get(at).seq());
            model.remove(at);
            if (model.size() % 4_999 == 0) {
                assertSame(tree, model);
            }
        }
        assertSame(tree, model);
        while (!model.isEmpty()) {
            tree = tree.remove(model.remove(0).seq());
        }
        assertThat(tree).isSameAs(PostingTree.EMPTY);
    }

    @Test
    void append_whenNumberNotAboveTheLast_throwsAndLeavesTheTreeAsItWas() {
        PostingTree tree = PostingTree.EMPTY.append(5, row("a", 1));

        assertThatThrownBy(() -> tree.append(5, row("b", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.append(3, row("b", 1))).isInstanceOf(IllegalArgumentException.class);
        assertSame(tree, List.of(new Entry(5, tree.get(0))));
    }

    @Test
    void replaceAndRemove_whenNumberAbsent_throw() {
        PostingTree tree = PostingTree.EMPTY.append(5, row("a", 1)).append(9, row("b", 1));

        assertThatThrownBy(() -> tree.replace(7, row("c", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.remove(7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void iteratorAndGet_whenEmpty_haveNothing() {
        assertThat(PostingTree.EMPTY.iterator().hasNext()).isFalse();
        assertThatThrownBy(() -> PostingTree.EMPTY.iterator().next()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> PostingTree.EMPTY.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
