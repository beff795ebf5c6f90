package dev.zmq4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Command;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.engine.Engine;
import dev.zmq4j.engine.EngineHost;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.SteppedLoop;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.SocketFactory;
import dev.zmq4j.transport.tcp.TcpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session on its own, between a real socket and an engine played by the test: the pipe appears when the engine
 * is ready, frames flow through it both ways, and a failing engine leaves no half message behind in either
 * direction. The session's loop is stepped by hand on the test thread, which is also the socket's thread.
 */
class SessionTest {
    private final ContextCore context = new ContextCore(0);
    private final SteppedLoop loop = new SteppedLoop(context, "session-under-test");
    private final SocketBase socket = SocketFactory.create(context, SocketType.DEALER);
    private final Frame view = new Frame();
    private final List<ScriptedEngine> engines = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        // As a real engine, each one reads what the pipe delivers (its delimiter too), so the pipes can end.
        engines.forEach(engine -> engine.drains = true);
        engines.forEach(ScriptedEngine::restartOutput);
        socket.close();
        // The socket's pipe ends at the session, on this loop: step it until the reaper has destroyed the socket.
        loop.runUntil(socket::isDestroyed, "the socket to finish closing");
        loop.close();
        context.terminate();
    }

    @Test
    void shouldOpenThePipeToTheSocketOnlyOnceTheEngineIsReady() {
        Session session =
                start(new Session(loop.thread(), socket, socket.options().copy(), null));
        ScriptedEngine engine = attach(session);
        assertThat(engine.host).isSameAs(session);

        assertThat(socket.send(text("early", false), true))
                .as("no pipe before the handshake")
                .isFalse();
        session.engineReady(Properties.builder().build());
        assertThat(session.pullFrame(view))
                .as("the engine looks for output once ready")
                .isFalse();

        engine.drains = true;
        assertThat(socket.send(text("out", false), true)).isTrue();
        loop.runUntil(() -> engine.sent.size() == 1, "the session to wake the engine's output");
        assertThat(engine.sent).containsExactly("out");

        assertThat(session.pushFrame(text("in", false))).isTrue();
        session.flush();
        assertThat(socket.recv(view, true)).isTrue();
        assertThat(string(view)).isEqualTo("in");
    }

    @Test
    void shouldLeaveNoHalfMessageInEitherDirectionWhenTheEngineFails() throws IOException {
        Options options = socket.options().copy();
        options.reconnectInterval = 60_000;
        Session session = start(new Session(loop.thread(), socket, options, refusingAddress()));
        ScriptedEngine first = attach(session);
        session.engineReady(Properties.builder().build());
        assertThat(session.pullFrame(view)).isFalse();

        assertThat(socket.send(text("1a", true), true)).isTrue();
        assertThat(socket.send(text("1b", false), true)).isTrue();
        assertThat(socket.send(text("2", false), true)).isTrue();
        loop.runUntil(() -> first.outputRestarts > 0, "the session to wake the engine's output");
        assertThat(session.pullFrame(view)).isTrue();
        assertThat(string(view)).as("the engine sent half of message 1").isEqualTo("1a");
        assertThat(session.pushFrame(text("half in", true))).isTrue();

        session.engineError();
        loop.runPending();

        ScriptedEngine second = attach(session);
        assertThat(second.host).isSameAs(session);
        assertThat(session.pullFrame(view)).isTrue();
        assertThat(string(view))
                .as("the rest of message 1 went with the old connection")
                .isEqualTo("2");
        assertThat(socket.recv(view, true))
                .as("the half message received never reaches the socket")
                .isFalse();
    }

    @Test
    void shouldTerminateTheEngineWhenTheSocketDropsAnAcceptedConnection() {
        Session session =
                start(new Session(loop.thread(), socket, socket.options().copy(), null));
        ScriptedEngine engine = attach(session);
        session.engineReady(Properties.builder().build());
        engine.drains = true;
        engine.restartOutput();
        assertThat(socket.send(text("last", false), true)).isTrue();

        socket.close();
        loop.runUntil(() -> engine.terminations == 1, "the session to end its engine");
        assertThat(engine.sent)
                .as("what was sent before the close still went out")
                .containsExactly("last");
    }

    /** Plugs the session on its loop, as its owner's launch would. */
    private Session start(Session session) {
        session.incrementSequence();
        loop.thread().mailbox().send(new Command.Plug(session));
        loop.runPending();
        return session;
    }

    /** Hands the session an engine, as a connecter or listener would. */
    private ScriptedEngine attach(Session session) {
        ScriptedEngine engine = new ScriptedEngine();
        engines.add(engine);
        session.incrementSequence();
        loop.thread().mailbox().send(new Command.Attach(session, engine));
        loop.runPending();
        return engine;
    }

    private static TcpAddress refusingAddress() throws IOException {
        int port;
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = server.socket().getLocalPort();
        }
        return TcpAddress.forConnect("tcp://127.0.0.1:" + port, "127.0.0.1:" + port);
    }

    private static Frame text(String text, boolean more) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), more ? Frame.MORE : 0);
    }

    private static String string(Frame frame) {
        return new String(frame.data(), StandardCharsets.UTF_8);
    }

    /**
     * The engine side played by the test: it records what the session asks of it, and, once it {@link #drains}, reads
     * every frame the session has for it when woken, as a real engine writes them out.
     */
    private static final class ScriptedEngine implements Engine {
        final List<String> sent = new ArrayList<>();
        final Frame pulled = new Frame();
        EngineHost host;
        boolean drains;
        int outputRestarts;
        int terminations;

        @Override
        public void plug(IoThread ioThread, EngineHost host) {
            this.host = host;
        }

        @Override
        public void restartInput() {}

        @Override
        public void restartOutput() {
            outputRestarts++;
            while (drains && host != null && host.pullFrame(pulled)) {
                sent.add(string(pulled));
            }
        }

        @Override
        public void terminate() {
            terminations++;
        }
    }
}
