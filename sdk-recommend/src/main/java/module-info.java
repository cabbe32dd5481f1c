/**
 * Learnloop sdk-recommend.
 */
module io.learnloop.recommend {
    requires transitive io.learnloop.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports io.learnloop.growth;
    exports io.learnloop.recommend;
    exports io.learnloop.recommend.data;
    exports io.learnloop.recommend.eval;
}
