/** A host application that uses Learnloop from the module path. */
module com.example.host {
    requires io.learnloop.payment;
    requires io.learnloop.community;
    requires io.learnloop.recommend;
    requires io.learnloop.jdbc;
    requires io.learnloop.lms;
    requires jdk.httpserver;
}
