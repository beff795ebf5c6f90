package dev.zmq4j.spring.support;

import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.GenericMessage;

/**
 * Turns payload objects into frame bytes and back. {@code byte[]} and {@code String} (UTF-8) are handled
 * directly so they never depend on the converter; anything else goes through the Spring {@link MessageConverter}
 * (JSON when Jackson is present). Thread-safe when the converter is (Spring's are).
 */
public final class PayloadConverter {
    private final MessageConverter converter;

    public PayloadConverter(MessageConverter converter) {
        this.converter = converter;
    }

    public MessageConverter messageConverter() {
        return converter;
    }

    public byte[] toBytes(Object payload) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof org.springframework.messaging.Message<?> message) {
            return toBytes(message.getPayload());
        }
        org.springframework.messaging.Message<?> converted = converter.toMessage(payload, null);
        if (converted == null) {
            throw new MessageConversionException("no message converter can write a "
                    + payload.getClass().getName() + " (add Jackson for JSON, or send byte[] or String)");
        }
        Object body = converted.getPayload();
        return body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The frames of a reply or message: a {@link Message} is taken as is, anything else is one frame. */
    public Message toFrames(Object payload) {
        if (payload instanceof Message frames) {
            return frames;
        }
        return Message.of(toBytes(payload));
    }

    @SuppressWarnings("unchecked")
    public <T> T fromFrames(Message frames, Class<T> type) {
        if (type == Message.class) {
            return (T) frames;
        }
        return (T) fromBody(body(frames), type, null);
    }

    /**
     * As {@link #fromFrames(Message, Class)} for a generic type such as {@code List<Item>}: the converter is asked
     * for the raw class with the full type as its conversion hint, which the Jackson converters honour.
     */
    @SuppressWarnings("unchecked")
    public <T> T fromFrames(Message frames, ParameterizedTypeReference<T> type) {
        if (type.getType() instanceof Class<?> plain) {
            return (T) fromFrames(frames, plain);
        }
        GenericTypeHint hint = new GenericTypeHint(type.getType());
        return (T) fromBody(body(frames), hint.rawType(), hint);
    }

    private static byte[] body(Message frames) {
        return frames.size() == 0 ? new byte[0] : frames.get(frames.size() - 1);
    }

    private Object fromBody(byte[] body, Class<?> type, GenericTypeHint hint) {
        if (type == byte[].class) {
            return body;
        }
        if (type == String.class) {
            return new String(body, StandardCharsets.UTF_8);
        }
        GenericMessage<byte[]> message = new GenericMessage<>(body);
        Object converted = hint != null && converter instanceof SmartMessageConverter smart
                ? smart.fromMessage(message, type, hint)
                : converter.fromMessage(message, type);
        if (converted == null) {
            String wanted = hint != null ? hint.getGenericParameterType().getTypeName() : type.getName();
            throw new MessageConversionException("no message converter can read a " + wanted
                    + " (add Jackson for JSON, or ask for byte[] or String)");
        }
        return converted;
    }
}
