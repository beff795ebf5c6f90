package dev.zmq4j.spring.support;

import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
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
        byte[] body = frames.size() == 0 ? new byte[0] : frames.get(frames.size() - 1);
        if (type == byte[].class) {
            return (T) body;
        }
        if (type == String.class) {
            return (T) new String(body, StandardCharsets.UTF_8);
        }
        Object converted = converter.fromMessage(new GenericMessage<>(body), type);
        if (converted == null) {
            throw new MessageConversionException("no message converter can read a " + type.getName()
                    + " (add Jackson for JSON, or ask for byte[] or String)");
        }
        return (T) converted;
    }
}
