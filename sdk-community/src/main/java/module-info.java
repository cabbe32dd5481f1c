/**
 * Learnloop sdk-community.
 */
module io.learnloop.community {
    requires transitive io.learnloop.core;
    requires okhttp3;
    requires org.slf4j;

    exports io.learnloop.community;
}
