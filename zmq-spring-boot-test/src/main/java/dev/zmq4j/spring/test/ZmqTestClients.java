package dev.zmq4j.spring.test;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.support.LocalEndpoints;
import dev.zmq4j.spring.support.PayloadConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Makes {@link ZmqTestClient}s for a test, on the application's own {@link Context} (so {@code inproc://} endpoints
 * work too) with its message converter, and closes them: after each test method (through
 * {@link ZmqTestExecutionListener}) and when the application context closes. A bean of every {@link ZmqTest}
 * context; inject it into the test.
 *
 * <p>A client is named after the socket it talks to: a {@code zmq.sockets} key, or the id of a listener whose socket
 * is declared inline. It connects to the first endpoint that socket bound, {@code local.zmq.<socket>.endpoint}, with
 * a wildcard host ({@code tcp://0.0.0.0:41234} for {@code tcp://*:*}) turned into {@code 127.0.0.1}. A string with
 * {@code ://} is taken as an endpoint instead. Thread-safe; each client it returns is not.
 */
public class ZmqTestClients implements ApplicationContextAware, ApplicationListener<ContextClosedEvent> {
    /** The bound on a client's waits unless {@link ZmqTestClient#withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final List<ZmqTestClient> open = new ArrayList<>();
    private ApplicationContext application;

    @Override
    public void setApplicationContext(ApplicationContext application) throws BeansException {
        this.application = application;
    }

    /** A REQ client of a REP or ROUTER socket (or listener). */
    public ZmqTestClient req(String socketOrEndpoint) {
        return connect(SocketType.REQ, socketOrEndpoint);
    }

    /** A CLIENT of a SERVER socket (or listener): one frame each way, error replies recognised as usual. */
    public ZmqTestClient client(String socketOrEndpoint) {
        return connect(SocketType.CLIENT, socketOrEndpoint);
    }

    /** A DEALER client of a REP or ROUTER socket, sending as a REQ would but without waiting between requests. */
    public ZmqTestClient dealer(String socketOrEndpoint) {
        return connect(SocketType.DEALER, socketOrEndpoint);
    }

    /** A PUSH client of a PULL socket. */
    public ZmqTestClient push(String socketOrEndpoint) {
        return connect(SocketType.PUSH, socketOrEndpoint);
    }

    /**
     * A SUB client of a PUB or XPUB socket, subscribed to {@code topics} (prefixes), or to everything without any.
     * A PUB drops what it publishes before the subscription has reached it, as in every ZeroMQ implementation, so
     * publish after the client exists, and repeat a publication until it is received when the test cannot tell.
     */
    public ZmqTestClient sub(String socketOrEndpoint, String... topics) {
        ZmqTestClient client = connect(SocketType.SUB, socketOrEndpoint, socket -> {
            if (topics.length == 0) {
                socket.set(SocketOption.SUBSCRIBE, new byte[0]);
            }
            for (String topic : topics) {
                socket.set(SocketOption.SUBSCRIBE, topic.getBytes(StandardCharsets.UTF_8));
            }
        });
        return client;
    }

    /** A client of any type, connected to the socket named, or to the endpoint given. */
    public ZmqTestClient connect(SocketType type, String socketOrEndpoint) {
        return connect(type, socketOrEndpoint, socket -> {});
    }

    /**
     * The first endpoint socket {@code socketName} bound, as a client connects to it; fails naming the property
     * when the socket has not bound (a listener not started, a template that only connects, a misspelt name).
     */
    public String endpoint(String socketName) {
        String property = LocalEndpoints.endpointProperty(socketName);
        String bound = application().getEnvironment().getProperty(property);
        if (bound == null) {
            throw new IllegalStateException("zmq socket '" + socketName + "' has bound nothing (no " + property
                    + "): is it declared under zmq.sockets, or the id of an inline listener, that binds and has"
                    + " started?");
        }
        return bound.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://127.0.0.1:");
    }

    /** Closes every client still open. */
    public void closeAll() {
        List<ZmqTestClient> toClose;
        synchronized (open) {
            toClose = new ArrayList<>(open);
        }
        toClose.forEach(ZmqTestClient::close);
    }

    /** Before the listeners stop and the {@link Context} closes. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == application) {
            closeAll();
        }
    }

    private interface SocketSetup {
        void apply(Socket socket);
    }

    private ZmqTestClient connect(SocketType type, String socketOrEndpoint, SocketSetup setup) {
        String endpoint = socketOrEndpoint.contains("://") ? socketOrEndpoint : endpoint(socketOrEndpoint);
        Socket socket = application().getBean(Context.class).socket(type);
        ZmqTestClient client;
        try {
            socket.set(SocketOption.LINGER, 0);
            if (type == SocketType.REQ) {
                socket.set(SocketOption.REQ_RELAXED, true);
                socket.set(SocketOption.REQ_CORRELATE, true);
            }
            setup.apply(socket);
            socket.connect(endpoint);
            PayloadConverter converter = application().getBean(PayloadConverter.class);
            client = new ZmqTestClient(socket, endpoint, converter, DEFAULT_TIMEOUT, () -> forget(socket));
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        synchronized (open) {
            open.add(client);
        }
        return client;
    }

    private void forget(Socket socket) {
        synchronized (open) {
            open.removeIf(client -> client.socketIs(socket));
        }
    }

    private ApplicationContext application() {
        if (application == null) {
            throw new IllegalStateException("ZmqTestClients is used outside an application context");
        }
        return application;
    }
}
