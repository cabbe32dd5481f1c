/**
 * Implementation of the Spring Boot integration; not an API.
 */
package io.learnloop.spring.internal;
