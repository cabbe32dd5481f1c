/**
 * Learnloop sdk-community: one community client API ({@link io.learnloop.community.Community}) with an embedded
 * backend on the core store and a Discourse backend. Start with {@link io.learnloop.community.Communities}.
 */
module io.learnloop.community {
    requires transitive io.learnloop.core;
    // DiscourseConfig takes the shared HTTP client, so hosts that configure Discourse read sdk-http too.
    requires transitive io.learnloop.http;
    requires org.slf4j;

    exports io.learnloop.community;

    // The stored records are read and written by the core's JSON wire format (Jackson), in every store.
    opens io.learnloop.community.internal.embedded to com.fasterxml.jackson.databind;
    opens io.learnloop.community.internal.discourse to com.fasterxml.jackson.databind;
}
