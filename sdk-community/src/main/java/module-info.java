/**
 * Learnloop sdk-community: one community client API ({@link io.learnloop.community.Community}) with an embedded
 * backend on the core store and a Discourse backend. Start with {@link io.learnloop.community.Communities}.
 */
module io.learnloop.community {
    requires transitive io.learnloop.core;
    requires okhttp3;
    // okhttp is an automatic module and so declares no dependencies; without this, nothing puts the Kotlin standard
    // library (an explicit module) into a host's module graph and okhttp fails at run time.
    requires kotlin.stdlib;
    requires org.slf4j;

    exports io.learnloop.community;

    // The stored records are read and written by the core's JSON wire format (Jackson), in every store.
    opens io.learnloop.community.internal.embedded to com.fasterxml.jackson.databind;
    opens io.learnloop.community.internal.discourse to com.fasterxml.jackson.databind;
}
