package io.learnloop.examples;

import io.learnloop.core.Learnloop;

/**
 * The README demo: the whole knowledge-commerce loop on the embedded default store.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Learnloop learnloop = Learnloop.builder().build();
        System.out.println("Learnloop is ready: " + learnloop);
    }
}
