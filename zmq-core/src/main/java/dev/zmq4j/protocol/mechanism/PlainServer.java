package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import java.util.Arrays;

/**
 * The server side of PLAIN (24/ZMTP-PLAIN; the exchange is drawn in {@link PlainClient}). The username and
 * password go to the ZAP handler; only its 200 lets the client in. With no handler bound the handshake fails
 * (HANDSHAKE_FAILED_NO_DETAIL, EFAULT), as in libzmq: PLAIN without someone to check passwords would let anyone in.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class PlainServer extends AbstractMechanism {
    private enum State {
        WAITING_FOR_HELLO,
        WAITING_FOR_ZAP_REPLY,
        SENDING_WELCOME,
        WAITING_FOR_INITIATE,
        SENDING_READY,
        SENDING_ERROR,
        DONE
    }

    private State state = State.WAITING_FOR_HELLO;

    public PlainServer(Options options, String peerAddress, ZapChannel zap) {
        super(options, peerAddress, zap);
    }

    @Override
    public String name() {
        return PlainClient.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public Frame nextHandshakeCommand() {
        switch (state) {
            case SENDING_WELCOME:
                state = State.WAITING_FOR_INITIATE;
                return ZmtpCommands.command(ZmtpCommands.WELCOME, new byte[0]);
            case SENDING_READY:
                state = State.DONE;
                succeeded();
                return ZmtpCommands.ready(ownProperties());
            case SENDING_ERROR:
                state = State.DONE;
                // libzmq's spelling, which libzmq clients alone understand (see LibzmqPlainError).
                return LibzmqPlainError.command(zap().status());
            default:
                return null;
        }
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        switch (state) {
            case WAITING_FOR_HELLO:
                processHello(frame);
                break;
            case WAITING_FOR_INITIATE:
                if (!frame.isCommand() || !ZmtpCommands.is(frame, ZmtpCommands.INITIATE)) {
                    throw unexpected(frame, "INITIATE");
                }
                takePeerProperties(frame, 0);
                state = State.SENDING_READY;
                break;
            default:
                throw new ProtocolException(
                        "nothing may arrive while the PLAIN server "
                                + (state == State.WAITING_FOR_ZAP_REPLY
                                        ? "waits for its ZAP handler"
                                        : "has not answered"),
                        SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
        }
    }

    private void processHello(Frame frame) throws ProtocolException {
        if (!frame.isCommand() || !ZmtpCommands.is(frame, ZmtpCommands.HELLO)) {
            throw unexpected(frame, "HELLO");
        }
        byte[] data = frame.array();
        int at = frame.offset() + ZmtpCommands.dataOffset(frame);
        int end = frame.offset() + frame.size();
        if (at >= end || at + 1 + (data[at] & 0xFF) >= end) {
            throw malformedHello("its username is missing or truncated");
        }
        int userLength = data[at] & 0xFF;
        byte[] username = Arrays.copyOfRange(data, at + 1, at + 1 + userLength);
        at += 1 + userLength;
        int passwordLength = data[at] & 0xFF;
        if (at + 1 + passwordLength != end) {
            throw malformedHello("its password is truncated or followed by other bytes");
        }
        byte[] password = Arrays.copyOfRange(data, at + 1, end);
        try {
            if (!askZap(username, password)) {
                failed(noZapHandler());
                return;
            }
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        state = State.WAITING_FOR_ZAP_REPLY;
        zapReplyReady();
    }

    private static ProtocolException malformedHello(String what) {
        return new ProtocolException(
                "malformed PLAIN HELLO: " + what, SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO);
    }

    @Override
    protected void zapAnswered(ZapClient reply) {
        if (reply.accepted()) {
            state = State.SENDING_WELCOME;
            return;
        }
        failed(reply.refusal());
        // 300 means "try again later": no ERROR, the client is simply disconnected (libzmq, 26/CURVEZMQ).
        state = reply.status().equals("300") ? State.DONE : State.SENDING_ERROR;
    }
}
