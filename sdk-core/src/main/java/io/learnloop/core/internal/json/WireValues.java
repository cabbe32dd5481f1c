package io.learnloop.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;

import java.io.IOException;
import java.util.Currency;

/**
 * Registers the serializers of domain value types (money and others) on the wire module. Kept apart from
 * {@link WireModule} so each domain's wire form is added in one place.
 */
final class WireValues {
    private WireValues() {
    }

    static void register(WireModule module) {
        module.scalar(Currency.class, Currency::getCurrencyCode, Money::currency);
        module.addSerializer(Money.class, new MoneySerializer());
        module.addDeserializer(Money.class, new MoneyDeserializer());
    }

    /** Money as {@code {"minor":1234,"currency":"CNY"}}: exact minor units, never a decimal number. */
    private static final class MoneySerializer extends StdSerializer<Money> {
        private static final long serialVersionUID = 1L;

        MoneySerializer() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("minor", value.minor());
            gen.writeStringField("currency", value.currency().getCurrencyCode());
            gen.writeEndObject();
        }
    }

    /** Reads the money object; unknown fields are ignored, a fractional or missing amount is refused. */
    private static final class MoneyDeserializer extends StdDeserializer<Money> {
        private static final long serialVersionUID = 1L;

        MoneyDeserializer() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw ValidationException.of("money", "must be an object {\"minor\":<integer>,\"currency\":\"<ISO 4217>\"}");
            }
            JsonNode node = p.readValueAsTree();
            JsonNode minor = node.get("minor");
            JsonNode currency = node.get("currency");
            if (minor == null || !minor.isIntegralNumber() || !minor.canConvertToLong()) {
                throw ValidationException.of("money.minor", "must be a whole number of minor units within 64 bits");
            }
            if (currency == null || !currency.isTextual()) {
                throw ValidationException.of("money.currency", "must be an ISO 4217 code such as \"CNY\"");
            }
            return new Money(minor.longValue(), Money.currency(currency.textValue()));
        }
    }
}
