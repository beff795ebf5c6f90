package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import java.nio.charset.StandardCharsets;

/**
 * The client side of PLAIN (24/ZMTP-PLAIN): a username and password in clear text, for trusted networks or under
 * a protection of their own.
 *
 * <pre>
 *  C: HELLO    username-length username password-length password
 *  S: WELCOME                                      (or ERROR: the ZAP handler said no)
 *  C: INITIATE metadata
 *  S: READY    metadata                            (or ERROR)
 * </pre>
 *
 * <p>Roles come from PLAIN_SERVER / PLAIN_USERNAME, not from the greeting's as-server bit, as in libzmq. Data
 * frames pass through untouched.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class PlainClient extends AbstractMechanism {
    public static final String NAME = "PLAIN";

    private enum State {
        SENDING_HELLO,
        WAITING_FOR_WELCOME,
        SENDING_INITIATE,
        WAITING_FOR_READY,
        DONE
    }

    private State state = State.SENDING_HELLO;

    public PlainClient(Options options) {
        super(options, "", ZapChannel.NONE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public Frame nextHandshakeCommand() {
        switch (state) {
            case SENDING_HELLO:
                state = State.WAITING_FOR_WELCOME;
                return hello(options.plainUsername, options.plainPassword);
            case SENDING_INITIATE:
                state = State.WAITING_FOR_READY;
                return ZmtpCommands.command(
                        ZmtpCommands.INITIATE, ownProperties().encode());
            default:
                return null;
        }
    }

    /**
     * HELLO = %x05 "HELLO" username password; each a length byte and up to 255 bytes (the options bound them).
     */
    static Frame hello(String username, String password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[2 + user.length + pass.length];
        data[0] = (byte) user.length;
        System.arraycopy(user, 0, data, 1, user.length);
        data[1 + user.length] = (byte) pass.length;
        System.arraycopy(pass, 0, data, 2 + user.length, pass.length);
        return ZmtpCommands.command(ZmtpCommands.HELLO, data);
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        if (!frame.isCommand()) {
            throw unexpected(frame, "a PLAIN handshake command");
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.WELCOME) && state == State.WAITING_FOR_WELCOME) {
            if (ZmtpCommands.dataLength(frame) != 0) {
                throw new ProtocolException(
                        "a PLAIN WELCOME carries no data, this one has " + ZmtpCommands.dataLength(frame) + " bytes",
                        SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME);
            }
            state = State.SENDING_INITIATE;
        } else if (ZmtpCommands.is(frame, ZmtpCommands.READY) && state == State.WAITING_FOR_READY) {
            takePeerProperties(frame, 0);
            state = State.DONE;
            succeeded();
        } else if ((ZmtpCommands.is(frame, ZmtpCommands.ERROR) || LibzmqPlainError.is(frame))
                && (state == State.WAITING_FOR_WELCOME || state == State.WAITING_FOR_READY)) {
            state = State.DONE;
            String reason =
                    LibzmqPlainError.is(frame) ? LibzmqPlainError.reason(frame) : ZmtpCommands.errorReason(frame);
            failed(HandshakeFailure.refusedByPeer(reason));
        } else {
            throw unexpected(frame, state == State.WAITING_FOR_WELCOME ? "WELCOME or ERROR" : "READY or ERROR");
        }
    }
}
