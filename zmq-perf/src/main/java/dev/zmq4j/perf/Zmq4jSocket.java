package dev.zmq4j.perf;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import java.util.Arrays;

/** A zmq4j socket on its allocation-free calls, so the tools' loops allocate nothing of their own. Not thread-safe. */
final class Zmq4jSocket implements PerfSocket {
    private final Socket socket;
    /** RCVTIMEO as last set here: -1 (infinite) is zmq4j's default, so a plain recv leaves it alone. */
    private int receiveTimeout = -1;
    /** RADIO: the message last sent to a group, sent again while the buffer and the group are the same. */
    private Message groupMessage;

    Zmq4jSocket(Socket socket) {
        this.socket = socket;
    }

    @Override
    public void enable(Option option) {
        switch (option) {
            case XPUB_VERBOSE -> socket.set(SocketOption.XPUB_VERBOSE, true);
            case XPUB_NODROP -> socket.set(SocketOption.XPUB_NODROP, true);
        }
    }

    @Override
    public void subscribe(byte[] topic) {
        socket.set(SocketOption.SUBSCRIBE, topic);
    }

    @Override
    public void bind(String endpoint) {
        socket.bind(endpoint);
    }

    @Override
    public void connect(String endpoint) {
        socket.connect(endpoint);
    }

    @Override
    public void send(byte[] buffer, int length) {
        // libzmq's remote_thr sends a fresh, never-written message each time. The zmq4j equivalent that copies
        // nothing hands the same unmodified array over (send(byte[]) may keep a reference to it, so it must never
        // change, and here it never does): small frames are copied into the pipe either way, large ones travel by
        // reference, as a libzmq message would.
        boolean sent = length == buffer.length ? socket.send(buffer, 0) : socket.send(buffer, 0, length, 0);
        if (!sent) {
            throw new IllegalStateException("error in send: the " + socket.type() + " socket did not take the frame");
        }
    }

    @Override
    public void sendMore(byte[] buffer, int length) {
        // Always the copying call: the buffer of a routing id is written again for the next request.
        if (!socket.send(buffer, 0, length, Socket.SNDMORE)) {
            throw new IllegalStateException("error in send: the " + socket.type() + " socket did not take the frame");
        }
    }

    @Override
    public int recv(byte[] buffer) {
        if (receiveTimeout != -1) {
            setReceiveTimeout(-1);
        }
        int size = socket.recv(buffer, 0, buffer.length, 0);
        if (size < 0) {
            throw new IllegalStateException("error in recv: the " + socket.type() + " socket returned no frame");
        }
        return size;
    }

    @Override
    public int recv(byte[] buffer, int timeoutMillis) {
        if (timeoutMillis != receiveTimeout) {
            setReceiveTimeout(timeoutMillis);
        }
        return socket.recv(buffer, 0, buffer.length, 0);
    }

    private void setReceiveTimeout(int millis) {
        socket.set(SocketOption.RCVTIMEO, millis);
        receiveTimeout = millis;
    }

    @Override
    public void join(String group) {
        socket.join(group);
    }

    /**
     * A RADIO send takes a {@link Message} with its group: the same one goes again while the whole, never-written
     * buffer and the group are the same (what {@link #send(byte[], int)} assumes of the buffer), so the loop of
     * {@code radio_thr} allocates nothing of its own, as libzmq's allocates a fresh {@code zmq_msg_t} each time. A
     * part of a buffer is copied into a new message each time. (zmq4j's RADIO itself still encodes the group's
     * bytes for each message to a udp endpoint, which has no JOIN to remember them by.)
     */
    @Override
    public void send(byte[] buffer, int length, String group) {
        Message message = groupMessage;
        if (message == null || message.get(0) != buffer || !group.equals(message.group())) {
            message = Message.of(length == buffer.length ? buffer : Arrays.copyOf(buffer, length))
                    .group(group);
            groupMessage = message;
        }
        if (!socket.send(message)) {
            throw new IllegalStateException("error in send: the " + socket.type() + " socket did not take the message");
        }
    }

    /**
     * The received message goes back as it came: it carries its peer's routing id, which is where a SERVER sends it.
     * This allocates the message (there is no buffer-reusing receive that keeps the routing id), as libzmq's
     * {@code server_lat} reuses one {@code zmq_msg_t} instead.
     */
    @Override
    public int echo() {
        Message request = socket.recvMessage();
        if (request == null) {
            throw new IllegalStateException("error in recvMessage: the " + socket.type() + " socket returned none");
        }
        if (!socket.send(request)) {
            throw new IllegalStateException("error in send: the " + socket.type() + " socket did not take the reply");
        }
        return request.get(0).length;
    }

    @Override
    public void close() {
        socket.close();
    }
}
