package dev.zmq4j.protocol.mechanism.curve;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client side of CURVE (25/ZMTP-CURVE, 26/CURVEZMQ), byte for byte as libzmq builds it. C, c: our long-term
 * key pair (CURVE_PUBLICKEY, CURVE_SECRETKEY); S: the server's (CURVE_SERVERKEY); C', c' and S': short-term keys.
 *
 * <pre>
 *  C: HELLO    (200 bytes) version 1.0 | 72 zero bytes | C' | short nonce | Box[64 zeros](C'-&gt;S)
 *  S: WELCOME  (168 bytes) 16-byte nonce | Box[S' | cookie](S-&gt;C')
 *  C: INITIATE cookie | short nonce | Box[C | vouch nonce | vouch | metadata](C'-&gt;S'), vouch = Box[C' | S](C-&gt;S')
 *  S: READY    short nonce | Box[metadata](S'-&gt;C')                                         (or ERROR)
 * </pre>
 *
 * <p>A server key that gives no shared secret (all zeros, or of small order) is a CRYPTOGRAPHIC failure here;
 * the HELLO still goes out, sealed under a random key, so that the server reports the same failure, as it does
 * with a libzmq client. Short-term keys and shared keys are wiped when the connection ends.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class CurveClient extends CurveMechanism {
    static final byte[] HELLO = "\u0005HELLO".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "\u0007WELCOME".getBytes(StandardCharsets.US_ASCII);
    static final byte[] INITIATE = "\u0008INITIATE".getBytes(StandardCharsets.US_ASCII);
    static final byte[] READY = "\u0005READY".getBytes(StandardCharsets.US_ASCII);
    static final int HELLO_SIZE = 200;
    static final int WELCOME_SIZE = 168;
    static final int COOKIE_SIZE = 96;

    private enum State {
        SENDING_HELLO,
        WAITING_FOR_WELCOME,
        SENDING_INITIATE,
        WAITING_FOR_READY,
        DONE
    }

    private final byte[] transientSecret = new byte[CurveKeys.KEY];
    private final byte[] transientPublic = new byte[CurveKeys.KEY];
    /** c' with S: seals HELLO, opens WELCOME. */
    private byte[] helloKey;

    private byte[] serverTransient;
    private byte[] cookie;
    /** c' with S': INITIATE, READY and every MESSAGE. */
    private byte[] precomputed;

    private long nonce = 1;
    private State state = State.SENDING_HELLO;

    public CurveClient(Options options) {
        super(options, "", ZapChannel.NONE);
        CurveKeys.generate(transientSecret, transientPublic);
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
                return hello();
            case SENDING_INITIATE:
                state = State.WAITING_FOR_READY;
                return initiate();
            default:
                return null;
        }
    }

    private Frame hello() {
        byte[] body = new byte[HELLO_SIZE];
        System.arraycopy(HELLO, 0, body, 0, HELLO.length);
        body[6] = 1; // version 1.0
        System.arraycopy(transientPublic, 0, body, 80, CurveKeys.KEY);
        long helloNonce = nonce++;
        CurveMessageCodec.putLong(body, 112, helloNonce);
        helloKey = CurveKeys.shared(transientSecret, options.curveServerKey);
        byte[] sealingKey = helloKey;
        if (sealingKey == null) {
            failed(cryptographic("CURVE_SERVERKEY gives no shared secret (all zeros or a key of small order)"));
            sealingKey = new byte[CurveKeys.KEY];
            CurveKeys.random(sealingKey, 0, CurveKeys.KEY);
        }
        box.seal(sealingKey, CurveKeys.shortNonce("CurveZMQHELLO---", helloNonce), 0, new byte[64], 0, 64, body, 120);
        return new Frame(body, Frame.COMMAND);
    }

    private Frame initiate() {
        byte[] vouchKey = CurveKeys.shared(options.curveSecretKey, serverTransient);
        if (vouchKey == null) {
            failed(cryptographic("the server's short-term key gives no shared secret"));
            return null;
        }
        byte[] metadata = ownProperties().encode();
        byte[] plain = new byte[32 + 16 + 80 + metadata.length];
        System.arraycopy(options.curvePublicKey, 0, plain, 0, CurveKeys.KEY);
        CurveKeys.random(plain, 32, 16);
        byte[] vouch = new byte[64];
        System.arraycopy(transientPublic, 0, vouch, 0, 32);
        System.arraycopy(options.curveServerKey, 0, vouch, 32, 32);
        box.seal(vouchKey, CurveKeys.longNonce("VOUCH---", plain, 32), 0, vouch, 0, 64, plain, 48);
        CryptoBox.wipe(vouchKey);
        System.arraycopy(metadata, 0, plain, 128, metadata.length);

        byte[] body = new byte[INITIATE.length + COOKIE_SIZE + 8 + CryptoBox.TAG_BYTES + plain.length];
        System.arraycopy(INITIATE, 0, body, 0, INITIATE.length);
        System.arraycopy(cookie, 0, body, 9, COOKIE_SIZE);
        long initiateNonce = nonce++;
        CurveMessageCodec.putLong(body, 105, initiateNonce);
        box.seal(
                precomputed,
                CurveKeys.shortNonce("CurveZMQINITIATE", initiateNonce),
                0,
                plain,
                0,
                plain.length,
                body,
                113);
        return new Frame(body, Frame.COMMAND);
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        if (!frame.isCommand()) {
            throw unexpected(frame, "a CURVE handshake command");
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.WELCOME) && state == State.WAITING_FOR_WELCOME) {
            processWelcome(frame);
        } else if (ZmtpCommands.is(frame, ZmtpCommands.READY) && state == State.WAITING_FOR_READY) {
            processReady(frame);
        } else if (ZmtpCommands.is(frame, ZmtpCommands.ERROR)
                && (state == State.WAITING_FOR_WELCOME || state == State.WAITING_FOR_READY)) {
            state = State.DONE;
            failed(HandshakeFailure.refusedByPeer(ZmtpCommands.errorReason(frame)));
        } else {
            throw unexpected(frame, state == State.WAITING_FOR_WELCOME ? "WELCOME or ERROR" : "READY or ERROR");
        }
    }

    private void processWelcome(Frame frame) throws ProtocolException {
        if (frame.size() != WELCOME_SIZE) {
            throw new ProtocolException(
                    "a CURVE WELCOME has 168 bytes, this one " + frame.size(),
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME);
        }
        byte[] data = frame.array();
        int at = frame.offset();
        byte[] plain = new byte[128];
        if (helloKey == null
                || !box.open(
                        helloKey, CurveKeys.longNonce("WELCOME-", data, at + 8), 0, data, at + 24, 144, plain, 0)) {
            throw cryptographicError("the WELCOME box does not open: is CURVE_SERVERKEY the server's key?");
        }
        serverTransient = Arrays.copyOfRange(plain, 0, 32);
        cookie = Arrays.copyOfRange(plain, 32, 128);
        CryptoBox.wipe(plain, helloKey);
        precomputed = CurveKeys.shared(transientSecret, serverTransient);
        if (precomputed == null) {
            throw cryptographicError("the server's short-term key gives no shared secret");
        }
        state = State.SENDING_INITIATE;
    }

    private void processReady(Frame frame) throws ProtocolException {
        if (frame.size() < READY.length + 8 + CryptoBox.TAG_BYTES) {
            throw new ProtocolException(
                    "a CURVE READY of " + frame.size() + " bytes is too short",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY);
        }
        byte[] data = frame.array();
        int at = frame.offset();
        long readyNonce = CurveMessageCodec.getLong(data, at + 6);
        int boxLength = frame.size() - 14;
        byte[] plain = new byte[boxLength - CryptoBox.TAG_BYTES];
        if (!box.open(
                precomputed,
                CurveKeys.shortNonce("CurveZMQREADY---", readyNonce),
                0,
                data,
                at + 14,
                boxLength,
                plain,
                0)) {
            throw cryptographicError("the READY box does not open");
        }
        takePeerProperties(plain, 0, plain.length);
        state = State.DONE;
        startMessages(new CurveMessageCodec(precomputed, "CurveZMQMESSAGEC", "CurveZMQMESSAGES", nonce, readyNonce));
        precomputed = null;
    }

    @Override
    protected void wipeHandshakeSecrets() {
        CryptoBox.wipe(transientSecret, transientPublic, helloKey, precomputed, cookie, serverTransient);
    }
}
