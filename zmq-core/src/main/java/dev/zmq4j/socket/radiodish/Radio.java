package dev.zmq4j.socket.radiodish;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.pubsub.Distributor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RADIO (libzmq's draft radio_t): sends each single-part message to the DISH peers that joined exactly its group,
 * dropping it for a peer at its high-water mark (a RADIO never blocks). A send needs a group ({@code Message.group});
 * none, or a message of more than one frame, is ZmqException EINVAL.
 *
 * <p>Into each pipe a message goes as two frames, group (MORE) then body: the layout libzmq's radio_session puts on
 * the ZMTP wire, so the ZMTP engine sends the pipe's frames as they are, the udp engine makes its datagram of them,
 * and an inproc DISH reads them directly. The pipe counts them as one message against the high-water mark. The DISHes
 * JOIN and LEAVE come back through the same pipes as command frames ({@link Groups}), over every transport; each JOIN
 * is counted, as libzmq's multimap does, so a peer that joins twice must leave twice. A udp endpoint sends no JOIN:
 * its pipe gets every message, and the DISH at the other end filters.
 *
 * <p>Not thread-safe by itself: its methods run on the application thread that holds the socket (under the socket's
 * lock for the thread-safe draft types), see {@link SocketBase}.
 */
public final class Radio extends SocketBase {
    /** A joined group: its bytes (sent as the group frame) and the pipes that joined it, once per JOIN. */
    private static final class Members {
        final byte[] group;
        final List<Pipe> pipes = new ArrayList<>(2);

        Members(byte[] group) {
            this.group = group;
        }
    }

    private final Distributor distributor = new Distributor();
    private final Map<String, Members> groups = new HashMap<>();
    /** Pipes to udp endpoints, which know no groups: they get every message, as libzmq's _udp_pipes. */
    private final List<Pipe> udpPipes = new ArrayList<>(1);

    private final Frame incoming = new Frame();
    private final Frame groupFrame = new Frame();

    public Radio(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe, boolean subscribeToAll) {
        if (subscribeToAll) {
            udpPipes.add(pipe);
        }
        xAttachPipe(pipe);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        // Read here, not by the application: a closing DISH need not wait for us.
        pipe.setNoDelay();
        distributor.attach(pipe);
        xReadActivated(pipe);
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        while (pipe.read(incoming)) {
            String group = Groups.commandGroup(incoming);
            if (group == null) {
                // Anything else a peer sends a RADIO is dropped, as libzmq does.
                continue;
            }
            if (ZmtpCommands.is(incoming, ZmtpCommands.JOIN)) {
                groups.computeIfAbsent(group, g -> new Members(g.getBytes(StandardCharsets.UTF_8)))
                        .pipes
                        .add(pipe);
            } else {
                Members members = groups.get(group);
                if (members != null && members.pipes.remove(pipe) && members.pipes.isEmpty()) {
                    groups.remove(group);
                }
            }
        }
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (frame.hasMore()) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "a RADIO message is a single frame: SNDMORE and multi-frame messages are refused");
        }
        String group = frame.group();
        if (group == null) {
            throw new ZmqException(
                    ErrorCode.EINVAL, "a RADIO message needs a group: send a Message with group(String) set");
        }
        if (!Groups.fits(group)) {
            throw new ZmqException(
                    ErrorCode.EINVAL, "a RADIO message's group is at most " + Groups.MAX_LENGTH + " bytes of UTF-8");
        }
        Members members = groups.get(group);
        if (members == null && udpPipes.isEmpty()) {
            // Nobody joined: dropped, as for a subscriber-less PUB.
            return true;
        }
        distributor.unmatch();
        byte[] groupBytes;
        if (members != null) {
            for (int i = 0; i < members.pipes.size(); i++) {
                distributor.match(members.pipes.get(i));
            }
            groupBytes = members.group;
        } else {
            groupBytes = group.getBytes(StandardCharsets.UTF_8);
        }
        for (int i = 0; i < udpPipes.size(); i++) {
            distributor.match(udpPipes.get(i));
        }
        // A view on the group's bytes, which the pipe copies (a group is small).
        groupFrame.setView(groupBytes, 0, groupBytes.length, Frame.MORE);
        distributor.sendToMatching(groupFrame);
        distributor.sendToMatching(frame);
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        throw notSupported("receive");
    }

    @Override
    protected boolean xHasIn() {
        return false;
    }

    /** Sending never blocks: a DISH that cannot keep up loses messages instead. */
    @Override
    protected boolean xHasOut() {
        return true;
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        distributor.activated(pipe);
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        udpPipes.remove(pipe);
        Iterator<Members> each = groups.values().iterator();
        while (each.hasNext()) {
            Members members = each.next();
            members.pipes.removeIf(p -> p == pipe);
            if (members.pipes.isEmpty()) {
                each.remove();
            }
        }
        distributor.terminated(pipe);
    }
}
