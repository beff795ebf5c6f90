package dev.zmq4j.protocol.mechanism.curve;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import dev.zmq4j.protocol.mechanism.ZapClient;
import java.util.Arrays;

/**
 * The server side of CURVE (25/ZMTP-CURVE, 26/CURVEZMQ; the exchange is drawn in {@link CurveClient}), with
 * libzmq's checks in libzmq's order and its monitor codes: HELLO of exactly 200 bytes and version 1.0
 * (MALFORMED_COMMAND_HELLO), its box (CRYPTOGRAPHIC); INITIATE of at least 257 bytes (MALFORMED_COMMAND_INITIATE),
 * the cookie, the box, the vouch (CRYPTOGRAPHIC), the vouch's keys (KEY_EXCHANGE). Then the client's long-term key
 * goes to the ZAP handler when one is bound; with none, the client is let in (libzmq's "Stonehouse": encryption
 * without authentication) unless ZAP_ENFORCE_DOMAIN is set.
 *
 * <p>The cookie is the client's and our short-term keys sealed under a key made for this connection (secretbox, as
 * libzmq does), and must come back unchanged in INITIATE. Every secret is wiped when the connection ends.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class CurveServer extends CurveMechanism {
    private enum State {
        WAITING_FOR_HELLO,
        SENDING_WELCOME,
        WAITING_FOR_INITIATE,
        WAITING_FOR_ZAP_REPLY,
        SENDING_READY,
        SENDING_ERROR,
        DONE
    }

    private final byte[] publicKey;
    private final byte[] transientSecret = new byte[CurveKeys.KEY];
    private final byte[] transientPublic = new byte[CurveKeys.KEY];
    private final byte[] cookieKey = new byte[CurveKeys.KEY];
    private byte[] clientTransient;
    private byte[] helloKey;
    private byte[] precomputed;
    private long nonce = 1;
    private long peerNonce;
    private State state = State.WAITING_FOR_HELLO;

    public CurveServer(Options options, String peerAddress, ZapChannel zap) {
        super(options, peerAddress, zap);
        publicKey =
                options.curvePublicKey != null ? options.curvePublicKey : CurveKeys.publicKeyOf(options.curveSecretKey);
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
                return welcome();
            case SENDING_READY:
                state = State.DONE;
                return ready();
            case SENDING_ERROR:
                state = State.DONE;
                return ZmtpCommands.error(zap().status());
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
                processInitiate(frame);
                break;
            default:
                throw new ProtocolException(
                        "nothing may arrive while the CURVE server has not answered",
                        SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
        }
    }

    private void processHello(Frame frame) throws ProtocolException {
        if (!frame.isCommand() || !ZmtpCommands.is(frame, ZmtpCommands.HELLO)) {
            throw unexpected(frame, "HELLO");
        }
        if (frame.size() != CurveClient.HELLO_SIZE) {
            throw malformedHello("a CURVE HELLO has 200 bytes, this one " + frame.size());
        }
        byte[] data = frame.array();
        int at = frame.offset();
        if (data[at + 6] != 1 || data[at + 7] != 0) {
            throw malformedHello("CURVE version " + data[at + 6] + "." + data[at + 7] + ", not 1.0");
        }
        clientTransient = Arrays.copyOfRange(data, at + 80, at + 112);
        peerNonce = CurveMessageCodec.getLong(data, at + 112);
        helloKey = CurveKeys.shared(options.curveSecretKey, clientTransient);
        byte[] zeros = new byte[64];
        if (helloKey == null
                || !box.open(
                        helloKey,
                        CurveKeys.shortNonce("CurveZMQHELLO---", peerNonce),
                        0,
                        data,
                        at + 120,
                        80,
                        zeros,
                        0)) {
            throw cryptographicError("the HELLO box does not open");
        }
        state = State.SENDING_WELCOME;
    }

    private static ProtocolException malformedHello(String reason) {
        return new ProtocolException(reason, SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO);
    }

    private Frame welcome() {
        CurveKeys.generate(transientSecret, transientPublic);
        CurveKeys.random(cookieKey, 0, CurveKeys.KEY);
        byte[] plain = new byte[32 + CurveClient.COOKIE_SIZE];
        System.arraycopy(transientPublic, 0, plain, 0, 32);
        // The cookie: a 16-byte nonce, then secretbox[C' | s'] under the cookie key.
        CurveKeys.random(plain, 32, 16);
        byte[] cookiePlain = new byte[64];
        System.arraycopy(clientTransient, 0, cookiePlain, 0, 32);
        System.arraycopy(transientSecret, 0, cookiePlain, 32, 32);
        box.seal(cookieKey, CurveKeys.longNonce("COOKIE--", plain, 32), 0, cookiePlain, 0, 64, plain, 48);
        CryptoBox.wipe(cookiePlain);

        byte[] body = new byte[CurveClient.WELCOME_SIZE];
        System.arraycopy(CurveClient.WELCOME, 0, body, 0, CurveClient.WELCOME.length);
        CurveKeys.random(body, 8, 16);
        box.seal(helloKey, CurveKeys.longNonce("WELCOME-", body, 8), 0, plain, 0, plain.length, body, 24);
        CryptoBox.wipe(plain, helloKey);
        helloKey = null;
        return new Frame(body, Frame.COMMAND);
    }

    private void processInitiate(Frame frame) throws ProtocolException {
        if (!frame.isCommand() || !ZmtpCommands.is(frame, ZmtpCommands.INITIATE)) {
            throw unexpected(frame, "INITIATE");
        }
        if (frame.size() < 257) {
            throw new ProtocolException(
                    "a CURVE INITIATE has at least 257 bytes, this one " + frame.size(),
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE);
        }
        byte[] data = frame.array();
        int at = frame.offset();
        byte[] cookiePlain = new byte[64];
        if (!box.open(cookieKey, CurveKeys.longNonce("COOKIE--", data, at + 9), 0, data, at + 25, 80, cookiePlain, 0)
                || !CurveKeys.equal(cookiePlain, 0, clientTransient)
                || !CurveKeys.equal(cookiePlain, 32, transientSecret)) {
            CryptoBox.wipe(cookiePlain);
            throw cryptographicError("the INITIATE cookie is not the one we sent");
        }
        CryptoBox.wipe(cookiePlain, cookieKey);

        long initiateNonce = CurveMessageCodec.getLong(data, at + 105);
        precomputed = CurveKeys.shared(transientSecret, clientTransient);
        int boxLength = frame.size() - 113;
        byte[] plain = new byte[boxLength - CryptoBox.TAG_BYTES];
        if (precomputed == null
                || !box.open(
                        precomputed,
                        CurveKeys.shortNonce("CurveZMQINITIATE", initiateNonce),
                        0,
                        data,
                        at + 113,
                        boxLength,
                        plain,
                        0)) {
            throw cryptographicError("the INITIATE box does not open");
        }
        byte[] clientKey = Arrays.copyOfRange(plain, 0, 32);
        checkVouch(plain, clientKey);
        peerNonce = initiateNonce;
        takePeerProperties(plain, 128, plain.length - 128);
        CryptoBox.wipe(plain);

        // libzmq's rule: a handler is consulted unless the domain is enforced while empty.
        if (!options.zapDomain.isEmpty() || !options.zapEnforceDomain) {
            if (askZap(clientKey)) {
                state = State.WAITING_FOR_ZAP_REPLY;
                zapReplyReady();
            } else if (options.zapEnforceDomain) {
                failed(noZapHandler());
            } else {
                state = State.SENDING_READY;
            }
        } else {
            state = State.SENDING_READY;
        }
    }

    /** The vouch must open under our short-term key and the client's long-term key, and name C' and S. */
    private void checkVouch(byte[] plain, byte[] clientKey) throws ProtocolException {
        byte[] vouchKey = CurveKeys.shared(transientSecret, clientKey);
        byte[] vouch = new byte[64];
        boolean opened = vouchKey != null
                && box.open(vouchKey, CurveKeys.longNonce("VOUCH---", plain, 32), 0, plain, 48, 80, vouch, 0);
        CryptoBox.wipe(vouchKey);
        if (!opened) {
            throw cryptographicError("the INITIATE vouch does not open");
        }
        if (!CurveKeys.equal(vouch, 0, clientTransient) || !CurveKeys.equal(vouch, 32, publicKey)) {
            throw new ProtocolException(
                    "the INITIATE vouch names other keys than this connection's",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE);
        }
    }

    @Override
    protected void zapAnswered(ZapClient reply) {
        if (reply.accepted()) {
            state = State.SENDING_READY;
            return;
        }
        failed(reply.refusal());
        // 300: no ERROR, the client is simply disconnected (26/CURVEZMQ, libzmq).
        state = reply.status().equals("300") ? State.DONE : State.SENDING_ERROR;
    }

    private Frame ready() {
        byte[] metadata = ownProperties().encode();
        byte[] body = new byte[CurveClient.READY.length + 8 + CryptoBox.TAG_BYTES + metadata.length];
        System.arraycopy(CurveClient.READY, 0, body, 0, CurveClient.READY.length);
        long readyNonce = nonce++;
        CurveMessageCodec.putLong(body, 6, readyNonce);
        box.seal(
                precomputed,
                CurveKeys.shortNonce("CurveZMQREADY---", readyNonce),
                0,
                metadata,
                0,
                metadata.length,
                body,
                14);
        startMessages(new CurveMessageCodec(precomputed, "CurveZMQMESSAGES", "CurveZMQMESSAGEC", nonce, peerNonce));
        precomputed = null;
        return new Frame(body, Frame.COMMAND);
    }

    @Override
    protected void wipeHandshakeSecrets() {
        CryptoBox.wipe(transientSecret, transientPublic, cookieKey, clientTransient, helloKey, precomputed);
    }
}
