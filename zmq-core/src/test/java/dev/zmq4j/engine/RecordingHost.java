package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * An {@link EngineHost} that records what an engine does: the frames it pushes (copied, so views may change
 * afterwards), how many were flushed, readiness, errors and events; and that feeds it the frames a test queues. Its
 * room for received frames can be limited to drive the engine's back-pressure.
 *
 * <p>Used on the thread that steps the engine's loop (the test thread).
 */
final class RecordingHost implements EngineHost {
    private final Queue<Frame> toSend = new ArrayDeque<>();
    private final List<Frame> received = new ArrayList<>();
    private final RecordingEvents events = new RecordingEvents();
    private int room = Integer.MAX_VALUE;
    private int flushed;
    private int readyCount;
    private Properties properties;
    private ZapChannel zapChannel = ZapChannel.NONE;
    private int errorCount;
    private int pulled;
    private RuntimeException pushFailure;

    /** Queues a frame for the engine to send; the test then calls {@code restartOutput()}. */
    RecordingHost queue(Frame frame) {
        toSend.add(frame);
        return this;
    }

    /** From now on, at most {@code frames} more received frames fit. */
    void limitRoom(int frames) {
        room = frames;
    }

    /** The next received frame makes {@code pushFrame} throw {@code failure}, as a bug in a pipe would. */
    void failNextPush(RuntimeException failure) {
        pushFailure = failure;
    }

    void unlimitedRoom() {
        room = Integer.MAX_VALUE;
    }

    List<Frame> received() {
        return received;
    }

    /** The frames received and made visible by a flush. */
    List<Frame> flushed() {
        return received.subList(0, flushed);
    }

    List<SocketEvent> recordedEvents() {
        return events.all();
    }

    List<SocketEvent.Type> eventTypes() {
        return events.types();
    }

    /** The properties the engine gave with its last engineReady. */
    Properties properties() {
        return properties;
    }

    /** What the engine's mechanism gets as its ZAP line (none by default). */
    void setZapChannel(ZapChannel channel) {
        this.zapChannel = channel;
    }

    int readyCount() {
        return readyCount;
    }

    int errorCount() {
        return errorCount;
    }

    /** Frames the engine has taken from the send queue. */
    int pulled() {
        return pulled;
    }

    int queuedToSend() {
        return toSend.size();
    }

    @Override
    public boolean pullFrame(Frame view) {
        Frame next = toSend.poll();
        if (next == null) {
            return false;
        }
        view.setFrom(next);
        pulled++;
        return true;
    }

    @Override
    public boolean pushFrame(Frame frame) {
        RuntimeException failure = pushFailure;
        if (failure != null) {
            pushFailure = null;
            throw failure;
        }
        if (room <= 0) {
            return false;
        }
        if (room != Integer.MAX_VALUE) {
            room--;
        }
        received.add(new Frame(frame.data().clone(), frame.flags()));
        return true;
    }

    @Override
    public void flush() {
        flushed = received.size();
    }

    @Override
    public void engineReady(Properties connectionProperties) {
        readyCount++;
        properties = connectionProperties;
    }

    @Override
    public ZapChannel zapChannel() {
        return zapChannel;
    }

    @Override
    public void engineError() {
        errorCount++;
    }

    @Override
    public EventSink events() {
        return events;
    }
}
