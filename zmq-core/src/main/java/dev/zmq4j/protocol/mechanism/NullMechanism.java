package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;

/**
 * The NULL mechanism (23/ZMTP "The NULL Security Mechanism"): no authentication, no encryption. Each side sends one
 * READY with its properties and waits for the peer's; a peer may answer with ERROR instead.
 *
 * <pre>
 *  C: greeting "NULL"        S: greeting "NULL"
 *  C: READY Socket-Type=...  S: READY Socket-Type=...      (in either order; Identity for REQ, DEALER, ROUTER)
 * </pre>
 *
 * <p>With a ZAP_DOMAIN set, either side first asks its ZAP handler (27/ZAP) about the peer's address and sends its
 * READY only if the handler says 200; otherwise it sends ERROR with the status (nothing for 300, "try later"), as
 * libzmq does. No handler bound lets the peer in, unless ZAP_ENFORCE_DOMAIN is set.
 *
 * <p>The handshake succeeds once the peer's READY arrives and its Socket-Type may talk to ours. Data frames pass
 * through untouched.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class NullMechanism extends AbstractMechanism {
    public static final String NAME = "NULL";

    private boolean zapAsked;
    private boolean zapWaiting;
    private boolean commandSent;
    private boolean peerReady;

    public NullMechanism(Options options, String peerAddress, ZapChannel zap) {
        super(options, peerAddress, zap);
    }

    /** With no ZAP: for tests and for connections whose socket has no ZAP domain. */
    public NullMechanism(Options options) {
        this(options, "", ZapChannel.NONE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        // libzmq always sends 0 for NULL and ignores the peer's value.
        return false;
    }

    @Override
    public Frame nextHandshakeCommand() {
        if (commandSent || isFailed()) {
            return null;
        }
        if (!options.zapDomain.isEmpty() && !zapAsked) {
            zapAsked = true;
            if (askZap()) {
                zapWaiting = true;
                try {
                    zapReplyReady();
                } catch (ProtocolException e) {
                    // Cannot be: a reply is never readable in the same instant it was asked for.
                    failed(HandshakeFailure.silent(e.getMessage()));
                }
            } else if (options.zapEnforceDomain) {
                failed(noZapHandler());
                return null;
            }
        }
        if (zapWaiting) {
            return null;
        }
        if (zap() != null && !zap().accepted()) {
            commandSent = true;
            failed(zap().refusal());
            // 300 means "try again later": libzmq then closes without an ERROR.
            return zap().status().equals("300") ? null : ZmtpCommands.error(zap().status());
        }
        commandSent = true;
        if (peerReady) {
            succeeded();
        }
        return ZmtpCommands.ready(ownProperties());
    }

    @Override
    protected void zapAnswered(ZapClient reply) {
        zapWaiting = false;
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        if (!frame.isCommand()) {
            throw unexpected(frame, "a READY command");
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.ERROR)) {
            failed(HandshakeFailure.refusedByPeer(ZmtpCommands.errorReason(frame)));
            return;
        }
        if (!ZmtpCommands.is(frame, ZmtpCommands.READY) || peerReady) {
            throw unexpected(frame, "a READY command");
        }
        takePeerProperties(frame, 0);
        peerReady = true;
        if (commandSent && !isFailed()) {
            succeeded();
        }
    }
}
