package dev.zmq4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Socket options set to any value on a fresh socket of any type (libzmq's test_socket_options_fuzzer, which does the
 * same on an XPUB): a few options in a row, some with a value of the wrong type or null, as an untyped caller could
 * pass, then every option read back.
 *
 * <p>What must hold: only {@link ZmqException} escapes {@code set} and {@code get}, whatever the option, the value
 * and the socket type; and the socket still closes.
 */
class SocketOptionFuzzTest {
    private static final Context CONTEXT = Context.create();
    private static final SocketOption<?>[] OPTIONS = allOptions();

    @AfterAll
    static void closeContext() {
        CONTEXT.close();
    }

    @FuzzTest(maxDuration = "3m")
    void setsAnyOptionToAnyValue(FuzzedDataProvider data) {
        try (Socket socket = CONTEXT.socket(data.pickValue(SocketType.values()))) {
            int count = data.consumeInt(1, 4);
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                SocketOption<?> option = data.pickValue(OPTIONS);
                refusedOrDone(() -> set(socket, option, value(data, option.type())));
            }
            for (SocketOption<?> option : OPTIONS) {
                refusedOrDone(() -> socket.get(option));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Socket socket, SocketOption<?> option, Object value) {
        socket.set((SocketOption<Object>) option, value);
    }

    /** A value of the option's type mostly; now and then one of another type, or null. */
    private static Object value(FuzzedDataProvider data, Class<?> type) {
        int kind = data.consumeInt(0, 9);
        Class<?> chosen = kind == 0 ? data.pickValue(new Class<?>[] {Integer.class, Long.class, byte[].class}) : type;
        if (kind == 1) {
            return null;
        }
        if (chosen == Integer.class) {
            return data.consumeBoolean() ? data.consumeInt(-2, 1000) : data.consumeInt();
        }
        if (chosen == Long.class) {
            return data.consumeLong();
        }
        if (chosen == Boolean.class) {
            return data.consumeBoolean();
        }
        if (chosen == String.class) {
            return data.consumeString(data.consumeInt(0, 300));
        }
        return data.consumeBytes(data.consumeInt(0, 300));
    }

    private static void refusedOrDone(Runnable step) {
        try {
            step.run();
        } catch (ZmqException refused) {
            // EINVAL and friends: what a caller must get for a bad option or value.
        }
    }

    private static SocketOption<?>[] allOptions() {
        List<SocketOption<?>> options = new ArrayList<>();
        for (Field field : SocketOption.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class) {
                try {
                    options.add((SocketOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options.toArray(new SocketOption<?>[0]);
    }
}
