/**
 * Learnloop sdk-payment.
 */
module io.learnloop.payment {
    requires transitive io.learnloop.core;
    requires okhttp3;
    requires org.slf4j;

    exports io.learnloop.payment;
}
