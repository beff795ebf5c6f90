package dev.zmq4j.pipe;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One end of a bidirectional message channel between two objects that usually live on different threads: a socket
 * and a session, or two inproc sockets (libzmq's pipe_t). Each direction is a {@link PipeQueue}: a
 * {@link FrameQueue}, or under CONFLATE a {@link ConflatingQueue}; the ends talk by commands for everything else:
 * waking the reader, reporting read progress for flow control, and the termination handshake.
 *
 * <p><b>Flow control.</b> A writer may have at most {@code highWaterMark} messages outstanding (written but not yet
 * read by the other end). The reader reports its count every {@code lowWaterMark} messages, so a blocked writer
 * resumes before the queue drains completely.
 *
 * <p><b>Termination.</b> Either end may start it: it writes a delimiter after its last message and sends
 * pipe_term. The other end acknowledges once it has read up to the delimiter (when lingering) or at once; the
 * first end acknowledges the acknowledgement, and both ends are then released. This guarantees that neither end
 * is freed while the other may still touch it.
 *
 * <p>Called only on the thread of the end's owner.
 */
public final class Pipe extends CommandTarget {
    private static final int MAX_WATERMARK_DELTA = 1024;
    private static final Frame DELIMITER = Frame.delimiter();
    private static final Frame PROPERTIES_MARKER = new Frame(new byte[0], Frame.PROPERTIES);

    /** Where a delimiter met by {@link #checkRead} is read to; its content is never used. */
    private final Frame delimiterView = new Frame();

    private enum State {
        ACTIVE,
        /** Our reader saw the peer's delimiter before the peer's pipe_term. */
        DELIMITER_RECEIVED,
        /** The peer asked to terminate; we keep reading until its delimiter (lingering). */
        WAITING_FOR_DELIMITER,
        /** We acknowledged the peer's request and wait for its final acknowledgement. */
        TERM_ACK_SENT,
        /** We asked to terminate and wait for the peer's acknowledgement. */
        TERM_REQ_SENT_1,
        /** Both asked at the same time; we already acknowledged the peer's request. */
        TERM_REQ_SENT_2
    }

    private final PipeQueue inbound;
    private PipeQueue outbound;
    private Pipe peer;
    private Command.ActivateRead wakePeer;
    private PipeEvents sink;

    private boolean inActive = true;
    private boolean outActive = true;
    private final int highWaterMark;
    private final int lowWaterMark;
    /** Messages to read before the next report to the writer (a countdown instead of a division per message). */
    private int untilReport;

    private long messagesRead;
    private long messagesWritten;
    private long peersMessagesRead;
    private State state = State.ACTIVE;
    private boolean delay = true;

    /** Where this pipe sits in the arrays of routing strategies; see {@link PipeArray}. */
    final int[] arrayIndex = {-1, -1, -1};

    private Object routingId;
    private byte[] peerRoutingId;

    /**
     * Reader: the properties of the connection whose messages are being read, set on every frame read. Each new
     * connection's properties travel in {@link #propertiesInbox} and take effect where its {@link Frame#PROPERTIES}
     * marker lies in the queue, so a message still queued from an earlier connection keeps that connection's.
     */
    private Properties properties;
    /** Written by the peer end (one writer), read here; one entry per connection, so a node each costs nothing. */
    private final Queue<Properties> propertiesInbox = new ConcurrentLinkedQueue<>();

    private Pipe(
            CommandTarget owner, PipeQueue inbound, PipeQueue outbound, int inHighWaterMark, int outHighWaterMark) {
        super(owner);
        this.inbound = inbound;
        this.outbound = outbound;
        this.highWaterMark = outHighWaterMark;
        this.lowWaterMark = lowWaterMark(inHighWaterMark);
        this.untilReport = lowWaterMark > 0 ? lowWaterMark : Integer.MAX_VALUE;
    }

    /**
     * Creates the two ends of a pipe: end 0 lives on {@code first}'s thread, end 1 on {@code second}'s. A high-water
     * mark of 0 means no limit.
     *
     * @param firstToSecondHwm limit on messages travelling from end 0 to end 1
     * @param secondToFirstHwm limit on messages travelling from end 1 to end 0
     */
    public static Pipe[] pair(CommandTarget first, CommandTarget second, int firstToSecondHwm, int secondToFirstHwm) {
        return pair(first, second, firstToSecondHwm, secondToFirstHwm, false, false);
    }

    /**
     * Creates the two ends of a pipe whose directions may be conflating (CONFLATE): such a direction keeps only
     * the latest message and has no high-water mark.
     */
    public static Pipe[] pair(
            CommandTarget first,
            CommandTarget second,
            int firstToSecondHwm,
            int secondToFirstHwm,
            boolean conflateFirstToSecond,
            boolean conflateSecondToFirst) {
        PipeQueue firstToSecond = conflateFirstToSecond ? new ConflatingQueue() : new FrameQueue();
        PipeQueue secondToFirst = conflateSecondToFirst ? new ConflatingQueue() : new FrameQueue();
        if (conflateFirstToSecond) {
            firstToSecondHwm = 0;
        }
        if (conflateSecondToFirst) {
            secondToFirstHwm = 0;
        }
        Pipe a = new Pipe(first, secondToFirst, firstToSecond, secondToFirstHwm, firstToSecondHwm);
        Pipe b = new Pipe(second, firstToSecond, secondToFirst, firstToSecondHwm, secondToFirstHwm);
        a.setPeer(b);
        b.setPeer(a);
        return new Pipe[] {a, b};
    }

    private void setPeer(Pipe peer) {
        this.peer = peer;
        // Commands are immutable, so the one that wakes the peer's reader is made once, not at every wake-up.
        this.wakePeer = new Command.ActivateRead(peer);
    }

    private static int lowWaterMark(int highWaterMark) {
        // Wake the writer well before the queue is empty, but not after every message.
        return highWaterMark > MAX_WATERMARK_DELTA * 2 ? highWaterMark - MAX_WATERMARK_DELTA : (highWaterMark + 1) / 2;
    }

    /** Hands a pipe end created for a not-yet-bound inproc endpoint to the socket that binds it. */
    public void moveToOwner(CommandTarget owner) {
        moveTo(owner);
    }

    public void setEventSink(PipeEvents sink) {
        this.sink = sink;
    }

    /**
     * Makes a peer's termination request complete at once instead of waiting for us to read up to its delimiter:
     * for sockets that never read their pipes (PUSH), which would otherwise hold every dead peer's pipe forever.
     */
    public void setNoDelay() {
        delay = false;
    }

    /** Routing strategies may tag the pipe with the key they know it by (ROUTER: its routing id). */
    public Object routingId() {
        return routingId;
    }

    public void setRoutingId(Object routingId) {
        this.routingId = routingId;
    }

    /** The routing id the peer announced, when known when the pipe was made (inproc). */
    public byte[] peerRoutingId() {
        return peerRoutingId;
    }

    public void setPeerRoutingId(byte[] peerRoutingId) {
        this.peerRoutingId = peerRoutingId;
    }

    /** Whether a message can be read now; when not, the next arrival will activate the pipe again. */
    public boolean checkRead() {
        if (!inActive || (state != State.ACTIVE && state != State.WAITING_FOR_DELIMITER)) {
            return false;
        }
        int flags = inbound.peekFlags();
        if (flags < 0) {
            inActive = false;
            return false;
        }
        if ((flags & Frame.DELIMITER) != 0) {
            inbound.read(delimiterView);
            processDelimiter();
            return false;
        }
        if ((flags & Frame.PROPERTIES) != 0) {
            inbound.read(delimiterView);
            isPropertiesMarker(delimiterView);
            return checkRead();
        }
        return true;
    }

    /** Reader: takes the properties a marker announces; false for any other frame. */
    private boolean isPropertiesMarker(Frame frame) {
        if ((frame.flags() & Frame.PROPERTIES) == 0) {
            return false;
        }
        properties = propertiesInbox.poll();
        return true;
    }

    /**
     * Reads the next frame into {@code view}, which stays valid until the next read from this pipe. Returns false
     * when none is available (the pipe then waits for activate_read).
     */
    public boolean read(Frame view) {
        if (!inActive || (state != State.ACTIVE && state != State.WAITING_FOR_DELIMITER)) {
            return false;
        }
        do {
            if (!inbound.read(view)) {
                inActive = false;
                return false;
            }
            if (view.isDelimiter()) {
                processDelimiter();
                return false;
            }
        } while (isPropertiesMarker(view));
        view.setProperties(properties);
        if (!view.hasMore() && !view.isRoutingId()) {
            messagesRead++;
            if (--untilReport == 0) {
                untilReport = lowWaterMark;
                send(new Command.ActivateWrite(peer, messagesRead));
            }
        }
        return true;
    }

    /** Whether either end has started terminating the pipe: what is written now would never be read. */
    public boolean isTerminating() {
        return state != State.ACTIVE;
    }

    /** Whether a new message may be written without exceeding the high-water mark. */
    public boolean checkWrite() {
        if (!outActive || state != State.ACTIVE) {
            return false;
        }
        if (isFull()) {
            outActive = false;
            return false;
        }
        return true;
    }

    /**
     * Whether the high-water mark leaves room for another message, whatever the pipe's state (libzmq's
     * check_hwm). A writer that finds no room is woken by the reader's next progress report.
     */
    public boolean hasRoom() {
        return !isFull();
    }

    private boolean isFull() {
        return highWaterMark > 0 && messagesWritten - peersMessagesRead >= highWaterMark;
    }

    /**
     * Writes a frame; the frames of a multipart message become visible to the reader only once the last one is
     * written and the pipe flushed. Returns false when the pipe is full or terminating.
     */
    public boolean write(Frame frame) {
        if (!checkWrite()) {
            return false;
        }
        boolean more = frame.hasMore();
        outbound.write(frame, more);
        if (!more && !frame.isRoutingId()) {
            messagesWritten++;
        }
        return true;
    }

    /**
     * Writer: from here on the frames written come from a connection with these properties. Not counted as a
     * message, whatever the high-water mark. A conflating pipe keeps only its latest message and would drop the
     * marker: its reader sees no properties.
     */
    public void writeProperties(Properties connectionProperties) {
        if (outbound instanceof ConflatingQueue || outbound == null) {
            return;
        }
        peer.propertiesInbox.add(connectionProperties);
        outbound.write(PROPERTIES_MARKER, false);
    }

    /** Writes a frame regardless of the high-water mark (routing ids, which are not counted as messages). */
    public void writeUnchecked(Frame frame) {
        outbound.write(frame, frame.hasMore());
    }

    /** Takes back the frames of an incomplete message. */
    public void rollback() {
        if (outbound == null) {
            return;
        }
        while (outbound.unwrite()) {
            // dropped
        }
    }

    /** Makes written messages visible to the reader, waking it if it sleeps. */
    public void flush() {
        if (state == State.TERM_ACK_SENT || outbound == null) {
            return;
        }
        if (!outbound.flush()) {
            send(wakePeer);
        }
    }

    /** Tells the other end's owner that this end now serves a new connection. */
    public void hiccup() {
        if (state == State.ACTIVE) {
            send(new Command.Hiccup(peer));
        }
    }

    public void processHiccup() {
        if (state == State.ACTIVE) {
            sink.hiccuped(this);
        }
    }

    public void processActivateRead() {
        // Waiting for the delimiter, whatever inActive says: this may be the flush that brought it.
        if (state == State.WAITING_FOR_DELIMITER && takeDelimiterIfNext()) {
            return;
        }
        if (!inActive && (state == State.ACTIVE || state == State.WAITING_FOR_DELIMITER)) {
            inActive = true;
            sink.readActivated(this);
        }
    }

    /**
     * Reader, while waiting for the delimiter: when nothing is left unread before it, takes it now instead of when
     * the application next reads, so a writer-only socket (a SERVER or ROUTER that only sends to a peer) learns at
     * once that the peer has gone. True when it was taken.
     */
    private boolean takeDelimiterIfNext() {
        int flags = inbound.peekFlags();
        while (flags >= 0 && (flags & Frame.PROPERTIES) != 0) {
            inbound.read(delimiterView);
            isPropertiesMarker(delimiterView);
            flags = inbound.peekFlags();
        }
        if (flags < 0 || (flags & Frame.DELIMITER) == 0) {
            return false;
        }
        inbound.read(delimiterView);
        processDelimiter();
        return true;
    }

    public void processActivateWrite(long peersMessagesRead) {
        this.peersMessagesRead = peersMessagesRead;
        if (!outActive && state == State.ACTIVE) {
            outActive = true;
            sink.writeActivated(this);
        }
    }

    /**
     * Starts terminating the pipe. With {@code delay}, the peer may still read what we wrote (linger); without it,
     * pending inbound messages are dropped at once.
     */
    public void terminate(boolean delay) {
        this.delay = delay;
        switch (state) {
            case TERM_REQ_SENT_1:
            case TERM_REQ_SENT_2:
            case TERM_ACK_SENT:
                return;
            case ACTIVE:
            case DELIMITER_RECEIVED:
                send(new Command.PipeTerm(peer));
                state = State.TERM_REQ_SENT_1;
                break;
            case WAITING_FOR_DELIMITER:
                if (!delay) {
                    outbound = null;
                    send(new Command.PipeTermAck(peer));
                    state = State.TERM_ACK_SENT;
                }
                break;
            default:
                throw new IllegalStateException(state.name());
        }
        outActive = false;
        if (outbound != null) {
            rollback();
            outbound.write(DELIMITER, false);
            flush();
        }
    }

    public void processPipeTerm() {
        switch (state) {
            case ACTIVE:
                if (delay) {
                    state = State.WAITING_FOR_DELIMITER;
                    takeDelimiterIfNext();
                } else {
                    state = State.TERM_ACK_SENT;
                    outbound = null;
                    send(new Command.PipeTermAck(peer));
                }
                break;
            case DELIMITER_RECEIVED:
                state = State.TERM_ACK_SENT;
                outbound = null;
                send(new Command.PipeTermAck(peer));
                break;
            case TERM_REQ_SENT_1:
                state = State.TERM_REQ_SENT_2;
                outbound = null;
                send(new Command.PipeTermAck(peer));
                break;
            default:
                throw new IllegalStateException("pipe_term in state " + state);
        }
    }

    public void processPipeTermAck() {
        sink.pipeTerminated(this);
        if (state == State.TERM_REQ_SENT_1) {
            outbound = null;
            send(new Command.PipeTermAck(peer));
        } else if (state != State.TERM_ACK_SENT && state != State.TERM_REQ_SENT_2) {
            throw new IllegalStateException("pipe_term_ack in state " + state);
        }
        // Nobody reads the inbound queue any more: let the frames go with the pipe.
    }

    private void processDelimiter() {
        if (state == State.ACTIVE) {
            state = State.DELIMITER_RECEIVED;
        } else if (state == State.WAITING_FOR_DELIMITER) {
            outbound = null;
            send(new Command.PipeTermAck(peer));
            state = State.TERM_ACK_SENT;
        }
    }

    @Override
    public String toString() {
        return "Pipe[" + state + ", written=" + messagesWritten + ", read=" + messagesRead + "]";
    }
}
