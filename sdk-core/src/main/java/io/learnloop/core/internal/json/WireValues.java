package io.learnloop.core.internal.json;

/**
 * Registers the serializers of domain value types (money and others) on the wire module. Kept apart from
 * {@link WireModule} so each domain's wire form is added in one place.
 */
final class WireValues {
    private WireValues() {
    }

    static void register(WireModule module) {
        // Domain value types register here.
    }
}
