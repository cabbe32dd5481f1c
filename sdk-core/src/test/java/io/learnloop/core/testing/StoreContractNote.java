package io.learnloop.core.testing;

/**
 * A second aggregate type of the store contract suite, without indexes, to show that types are kept apart.
 *
 * @param id   the id
 * @param text the text
 */
public record StoreContractNote(String id, String text) {
}
