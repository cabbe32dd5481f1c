package io.learnloop.rest.internal;

/** Answers one matched request. */
@FunctionalInterface
interface Handler {
    Reply handle(Call call);
}
