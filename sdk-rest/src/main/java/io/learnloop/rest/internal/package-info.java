/**
 * Implementation of sdk-rest: the router, the endpoint groups, problem details, cursors and idempotency keys. Not
 * exported.
 */
package io.learnloop.rest.internal;
