/**
 * Spring Boot integration of Learnloop: configuration properties, auto-configuration, webhook endpoints, identity,
 * health and observations.
 */
package io.learnloop.spring;
