package io.learnloop.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.learnloop.core.identity.Identifier;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * The Jackson module behind {@link io.learnloop.core.json.LearnloopJson}. Typed ids are plain strings; instants,
 * durations and dates are ISO-8601 strings. Domain packages add their own value serializers here.
 *
 * <p>Thread-safe once registered.
 */
public final class WireModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Creates the module with every serializer of the wire format. */
    public WireModule() {
        super("learnloop-wire");
        scalar(Instant.class, Instant::toString, Instant::parse);
        scalar(Duration.class, Duration::toString, Duration::parse);
        scalar(LocalDate.class, LocalDate::toString, LocalDate::parse);
        addSerializer(Identifier.class, new StdScalarSerializer<Identifier>(Identifier.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Identifier value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.value());
            }
        });
        WireValues.register(this);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new IdDeserializers());
    }

    /**
     * Registers a type written as one JSON string.
     *
     * @param type   the class
     * @param write  turns a value into its string
     * @param read   parses the string
     * @param <T>    the type
     */
    <T> void scalar(Class<T> type, Function<T, String> write, Function<String, T> read) {
        addSerializer(type, new StdScalarSerializer<T>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        addDeserializer(type, new StdScalarDeserializer<T>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return read.apply(text);
                } catch (RuntimeException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, "not a valid %s", type.getSimpleName()));
                }
            }
        });
    }

    /** Finds a string-constructor deserializer for every {@link Identifier} record. */
    private static final class IdDeserializers extends Deserializers.Base implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            if (!Identifier.class.isAssignableFrom(raw) || !raw.isRecord()) {
                return null;
            }
            try {
                Constructor<?> ctor = raw.getDeclaredConstructor(String.class);
                return new StdScalarDeserializer<Object>(raw) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        try {
                            return ctor.newInstance(p.getValueAsString());
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof RuntimeException re) {
                                throw re;
                            }
                            throw new IOException(e.getCause());
                        } catch (ReflectiveOperationException e) {
                            throw new IOException(e);
                        }
                    }
                };
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    }
}
