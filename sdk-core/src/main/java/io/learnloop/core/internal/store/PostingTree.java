package io.learnloop.core.internal.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The committed rows filed under one index key, ordered by filing number (see {@link MemoryStore.Row}): a persistent
 * B+-tree. Appending, replacing and removing a row copy only the nodes on one path from the root to a leaf, at most
 * {@value #MAX} entries each, so a commit costs O(log n) under a key that holds n rows instead of a copy of all of
 * them; every tree that was ever handed out stays as it was, so a reader holding one needs no lock and sees one
 * consistent state however many commits follow.
 *
 * <p>New rows are only ever appended (filing numbers grow), so a tree built by appends has full nodes except along
 * its right edge. A removal that leaves a node with fewer than {@value #MIN} entries merges it with, or evens it out
 * against, a sibling; the height therefore stays logarithmic in the number of rows the key holds now.
 *
 * <p>Immutable, hence thread-safe.
 */
abstract class PostingTree implements Iterable<MemoryStore.Row> {
    /** Most entries of a node (rows of a leaf, children of a branch): a fuller node splits. */
    static final int MAX = 32;
    /** Fewest entries a node keeps after a removal while it has a sibling to merge with or borrow from. */
    static final int MIN = MAX / 4;

    /** The tree without rows. */
    static final PostingTree EMPTY = new Leaf(new long[0], new MemoryStore.Row[0]);

    /** Rows in this tree; the root node is the tree, so a key's entry points straight at it. */
    final int size;

    private PostingTree(int size) {
        this.size = size;
    }

    /** @return the number of rows */
    final int size() {
        return size;
    }

    /** @return whether the tree holds no row */
    final boolean isEmpty() {
        return size == 0;
    }

    /**
     * The row at a position in filing order.
     *
     * @param index the position, from 0
     * @return the row
     * @throws IndexOutOfBoundsException if there is no such position
     */
    final MemoryStore.Row get(int index) {
        Objects.checkIndex(index, size);
        PostingTree node = this;
        int rest = index;
        while (node instanceof Branch branch) {
            int child = 0;
            while (rest >= branch.children[child].size) {
                rest -= branch.children[child].size;
                child++;
            }
            node = branch.children[child];
        }
        return ((Leaf) node).rows[rest];
    }

    /**
     * This tree with a row appended.
     *
     * @param seq the row's filing number, above every number in the tree
     * @param row the row
     * @return the new tree
     * @throws IllegalArgumentException if {@code seq} is not above every filing number in the tree
     */
    final PostingTree append(long seq, MemoryStore.Row row) {
        if (size > 0 && seq <= last()) {
            throw new IllegalArgumentException("Filing number " + seq + " is not above the last one, " + last());
        }
        PostingTree[] grown = grow(seq, row);
        return grown.length == 1 ? grown[0] : Branch.of(grown);
    }

    /**
     * This tree with the row of a filing number replaced, in its place.
     *
     * @param seq the filing number
     * @param row the new row
     * @return the new tree
     * @throws IllegalArgumentException if no row has that filing number
     */
    final PostingTree replace(long seq, MemoryStore.Row row) {
        return put(seq, row);
    }

    /**
     * This tree without the row of a filing number.
     *
     * @param seq the filing number
     * @return the new tree, {@link #EMPTY} if it was the last row
     * @throws IllegalArgumentException if no row has that filing number
     */
    final PostingTree remove(long seq) {
        PostingTree left = drop(seq);
        if (left == null) {
            return EMPTY;
        }
        // A root branch left with one child only adds a level.
        while (left instanceof Branch branch && branch.children.length == 1) {
            left = branch.children[0];
        }
        return left;
    }

    /** @return the rows in filing order */
    @Override
    public final Iterator<MemoryStore.Row> iterator() {
        return new Cursor(this);
    }

    /**
     * Checks the tree's shape (for tests): filing numbers strictly ascending, sizes and separators consistent, all
     * leaves at one depth, no node above {@value #MAX} entries, none below {@value #MIN} off the right edge.
     *
     * @throws IllegalStateException naming the first fault found
     */
    final void checkShape() {
        check(true, true, Long.MIN_VALUE, depth(this));
    }

    private static int depth(PostingTree node) {
        int depth = 1;
        for (PostingTree n = node; n instanceof Branch branch; n = branch.children[0]) {
            depth++;
        }
        return depth;
    }

    abstract int width();

    abstract long first();

    abstract long last();

    /** This node with the row appended: one node, or two when this one was full (the second holds the row). */
    abstract PostingTree[] grow(long seq, MemoryStore.Row row);

    abstract PostingTree put(long seq, MemoryStore.Row row);

    /** This node without the row, or null if that was its only row. */
    abstract PostingTree drop(long seq);

    /** Joins this node's entries with a right sibling's: one node if they fit in one, else two even halves. */
    abstract PostingTree[] join(PostingTree right);

    abstract void check(boolean isRoot, boolean onRightEdge, long above, int depth);

    static PostingTree[] one(PostingTree node) {
        return new PostingTree[] {node};
    }

    private static final class Leaf extends PostingTree {
        final long[] seqs;
        final MemoryStore.Row[] rows;

        Leaf(long[] seqs, MemoryStore.Row[] rows) {
            super(rows.length);
            this.seqs = seqs;
            this.rows = rows;
        }

        @Override
        int width() {
            return rows.length;
        }

        @Override
        long first() {
            return seqs[0];
        }

        @Override
        long last() {
            return seqs[seqs.length - 1];
        }

        @Override
        PostingTree[] grow(long seq, MemoryStore.Row row) {
            if (rows.length == MAX) {
                // Appends never come back to a full leaf: keep it whole and start the next one.
                return new PostingTree[] {this, new Leaf(new long[] {seq}, new MemoryStore.Row[] {row})};
            }
            long[] s = Arrays.copyOf(seqs, seqs.length + 1);
            MemoryStore.Row[] r = Arrays.copyOf(rows, rows.length + 1);
            s[seqs.length] = seq;
            r[rows.length] = row;
            return one(new Leaf(s, r));
        }

        @Override
        PostingTree put(long seq, MemoryStore.Row row) {
            MemoryStore.Row[] r = rows.clone();
            r[position(seq)] = row;
            // The filing numbers are unchanged, and arrays are never written once built: share them.
            return new Leaf(seqs, r);
        }

        @Override
        PostingTree drop(long seq) {
            int at = position(seq);
            if (rows.length == 1) {
                return null;
            }
            return new Leaf(without(seqs, at), without(rows, at));
        }

        private int position(long seq) {
            int at = Arrays.binarySearch(seqs, seq);
            if (at < 0) {
                throw new IllegalArgumentException("No row is filed under number " + seq);
            }
            return at;
        }

        @Override
        PostingTree[] join(PostingTree right) {
            Leaf other = (Leaf) right;
            long[] s = concat(seqs, other.seqs);
            MemoryStore.Row[] r = concat(rows, other.rows);
            if (r.length <= MAX) {
                return one(new Leaf(s, r));
            }
            int half = r.length / 2;
            return new PostingTree[] {
                    new Leaf(Arrays.copyOfRange(s, 0, half), Arrays.copyOfRange(r, 0, half)),
                    new Leaf(Arrays.copyOfRange(s, half, s.length), Arrays.copyOfRange(r, half, r.length))};
        }

        @Override
        void check(boolean isRoot, boolean onRightEdge, long above, int depth) {
            if (depth != 1) {
                throw new IllegalStateException("A leaf sits " + depth + " levels above the deepest one");
            }
            if (seqs.length != rows.length || rows.length > MAX || (!isRoot && rows.length == 0)
                    || (!isRoot && !onRightEdge && rows.length < MIN)) {
                throw new IllegalStateException("A leaf holds " + rows.length + " rows");
            }
            long previous = above;
            for (long seq : seqs) {
                if (seq <= previous) {
                    throw new IllegalStateException("Filing numbers out of order at " + seq);
                }
                previous = seq;
            }
        }
    }

    private static final class Branch extends PostingTree {
        final PostingTree[] children;
        /** The first filing number of each child, to find the child that holds a number. */
        final long[] firsts;

        private Branch(PostingTree[] children, long[] firsts, int size) {
            super(size);
            this.children = children;
            this.firsts = firsts;
        }

        static Branch of(PostingTree... children) {
            long[] firsts = new long[children.length];
            int size = 0;
            for (int i = 0; i < children.length; i++) {
                firsts[i] = children[i].first();
                size += children[i].size;
            }
            return new Branch(children, firsts, size);
        }

        @Override
        int width() {
            return children.length;
        }

        @Override
        long first() {
            return firsts[0];
        }

        @Override
        long last() {
            return children[children.length - 1].last();
        }

        @Override
        PostingTree[] grow(long seq, MemoryStore.Row row) {
            int lastChild = children.length - 1;
            PostingTree[] grown = children[lastChild].grow(seq, row);
            PostingTree[] c = Arrays.copyOf(children, children.length + grown.length - 1);
            System.arraycopy(grown, 0, c, lastChild, grown.length);
            if (c.length <= MAX) {
                return one(Branch.of(c));
            }
            // Full: keep every child but the new one here, and start the next branch with it.
            return new PostingTree[] {Branch.of(Arrays.copyOf(c, MAX)), Branch.of(c[MAX])};
        }

        @Override
        PostingTree put(long seq, MemoryStore.Row row) {
            int at = childFor(seq);
            PostingTree[] c = children.clone();
            c[at] = children[at].put(seq, row);
            return new Branch(c, firsts, size);
        }

        @Override
        PostingTree drop(long seq) {
            int at = childFor(seq);
            PostingTree child = children[at].drop(seq);
            if (child == null) {
                return children.length == 1 ? null : Branch.of(without(children, at));
            }
            PostingTree[] c = children.clone();
            c[at] = child;
            if (child.width() >= MIN || c.length == 1) {
                return Branch.of(c);
            }
            // Too thin: merge with a neighbour, or share the neighbour's entries evenly, so the height stays low.
            int left = at > 0 ? at - 1 : at;
            PostingTree[] joined = c[left].join(c[left + 1]);
            PostingTree[] rebuilt = new PostingTree[c.length - 2 + joined.length];
            System.arraycopy(c, 0, rebuilt, 0, left);
            System.arraycopy(joined, 0, rebuilt, left, joined.length);
            System.arraycopy(c, left + 2, rebuilt, left + joined.length, c.length - left - 2);
            return Branch.of(rebuilt);
        }

        private int childFor(long seq) {
            int at = Arrays.binarySearch(firsts, seq);
            return at >= 0 ? at : Math.max(0, -at - 2);
        }

        @Override
        PostingTree[] join(PostingTree right) {
            PostingTree[] c = concat(children, ((Branch) right).children);
            if (c.length <= MAX) {
                return one(Branch.of(c));
            }
            int half = c.length / 2;
            return new PostingTree[] {Branch.of(Arrays.copyOfRange(c, 0, half)), Branch.of(Arrays.copyOfRange(c, half, c.length))};
        }

        @Override
        void check(boolean isRoot, boolean onRightEdge, long above, int depth) {
            if (children.length > MAX || children.length == 0 || (isRoot && children.length == 1)
                    || (!isRoot && !onRightEdge && children.length < MIN)) {
                throw new IllegalStateException("A branch holds " + children.length + " children");
            }
            int total = 0;
            long previous = above;
            for (int i = 0; i < children.length; i++) {
                if (firsts[i] != children[i].first()) {
                    throw new IllegalStateException("Separator " + firsts[i] + " is not child " + i + "'s first");
                }
                children[i].check(false, onRightEdge && i == children.length - 1, previous, depth - 1);
                previous = children[i].last();
                total += children[i].size;
            }
            if (total != size) {
                throw new IllegalStateException("A branch counts " + size + " rows but holds " + total);
            }
        }
    }

    /** Walks the leaves left to right, keeping the path of branches it came down. */
    private static final class Cursor implements Iterator<MemoryStore.Row> {
        private final Branch[] path;
        private final int[] nextChild;
        private int depth;
        private Leaf leaf;
        private int at;

        Cursor(PostingTree root) {
            int height = depth(root) - 1;
            path = new Branch[height];
            nextChild = new int[height];
            descend(root);
        }

        private void descend(PostingTree node) {
            PostingTree n = node;
            while (n instanceof Branch branch) {
                path[depth] = branch;
                nextChild[depth] = 1;
                depth++;
                n = branch.children[0];
            }
            leaf = (Leaf) n;
            at = 0;
        }

        @Override
        public boolean hasNext() {
            while (at == leaf.rows.length) {
                while (depth > 0 && nextChild[depth - 1] == path[depth - 1].children.length) {
                    depth--;
                }
                if (depth == 0) {
                    return false;
                }
                descend(path[depth - 1].children[nextChild[depth - 1]++]);
            }
            return true;
        }

        @Override
        public MemoryStore.Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return leaf.rows[at++];
        }
    }

    private static long[] without(long[] a, int at) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, at);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    private static <E> E[] without(E[] a, int at) {
        E[] r = Arrays.copyOf(a, a.length - 1);
        System.arraycopy(a, at + 1, r, at, a.length - at - 1);
        return r;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static <E> E[] concat(E[] a, E[] b) {
        E[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
