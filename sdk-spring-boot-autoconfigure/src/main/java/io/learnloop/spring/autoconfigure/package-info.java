/**
 * The auto-configuration classes of the Learnloop starter. Hosts do not use them directly: each bean backs off when
 * the host defines its own bean of that type.
 */
package io.learnloop.spring.autoconfigure;
