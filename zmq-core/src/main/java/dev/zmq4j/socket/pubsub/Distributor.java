package dev.zmq4j.socket.pubsub;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeArray;

/**
 * Sends each message to many pipes (libzmq's dist_t), never blocking: a pipe at its high-water mark simply misses
 * the message. The pipes are kept in one array in four ranges, moved between by O(1) swaps:
 * <pre>
 *   [0, matching)          pipes the current message goes to
 *   [matching, active)     pipes that can take messages
 *   [active, eligible)     pipes attached, or given room again, in the middle of a message: they join at its end
 *   [eligible, size)       pipes that were full, until they report room
 * </pre>
 * Not thread-safe.
 */
public final class Distributor {
    private final PipeArray pipes = new PipeArray(2);
    private int matching;
    private int active;
    private int eligible;
    private boolean more;

    public void attach(Pipe pipe) {
        pipes.add(pipe);
        if (more) {
            // Eligible, but it must not receive the tail of a message whose head it never saw.
            pipes.swap(pipes.indexOf(pipe), eligible);
            eligible++;
            return;
        }
        pipes.swap(pipes.indexOf(pipe), eligible);
        eligible++;
        pipes.swap(eligible - 1, active);
        active++;
    }

    /** Marks a pipe as a destination of the current message. */
    public void match(Pipe pipe) {
        int index = pipes.indexOf(pipe);
        if (index < matching || index >= eligible) {
            return;
        }
        pipes.swap(index, matching);
        matching++;
    }

    public void unmatch() {
        matching = 0;
    }

    /** Turns the selection around (INVERT_MATCHING): the pipes that can take messages and were not marked are. */
    public void reverseMatch() {
        int previouslyMatching = matching;
        matching = 0;
        for (int i = previouslyMatching; i < eligible; i++) {
            pipes.swap(i, matching++);
        }
    }

    /**
     * Whether every pipe marked for the current message is below its high-water mark (XPUB_NODROP: then the
     * message goes to all of them or, by waiting, to none is lost).
     */
    public boolean matchingHaveRoom() {
        for (int i = 0; i < matching; i++) {
            if (!pipes.get(i).hasRoom()) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(Pipe pipe) {
        return pipes.indexOf(pipe) >= 0;
    }

    /** A full pipe has room again. */
    public void activated(Pipe pipe) {
        int index = pipes.indexOf(pipe);
        if (index < eligible) {
            return;
        }
        pipes.swap(index, eligible);
        eligible++;
        if (!more) {
            pipes.swap(eligible - 1, active);
            active++;
        }
    }

    public void terminated(Pipe pipe) {
        int index = pipes.indexOf(pipe);
        if (index < 0) {
            return;
        }
        if (index < matching) {
            pipes.swap(index, matching - 1);
            matching--;
            index = matching;
        }
        if (index < active) {
            pipes.swap(index, active - 1);
            active--;
            index = active;
        }
        if (index < eligible) {
            pipes.swap(index, eligible - 1);
            eligible--;
        }
        pipes.remove(pipe);
    }

    /** Sends a frame to every active pipe. */
    public void sendToAll(Frame frame) {
        matching = active;
        sendToMatching(frame);
    }

    /** Sends a frame to the matching pipes; a pipe that cannot take it is parked until it reports room. */
    public void sendToMatching(Frame frame) {
        boolean frameHasMore = frame.hasMore();
        for (int i = 0; i < matching; ) {
            Pipe pipe = pipes.get(i);
            if (pipe.write(frame)) {
                i++;
            } else {
                // Full (or closing): drop what it got of this message and park it until it has room.
                pipe.rollback();
                pipes.swap(i, matching - 1);
                matching--;
                pipes.swap(matching, active - 1);
                active--;
                pipes.swap(active, eligible - 1);
                eligible--;
            }
        }
        if (!frameHasMore) {
            for (int i = 0; i < matching; i++) {
                pipes.get(i).flush();
            }
            // Pipes that joined during the message may take the next one.
            active = eligible;
        }
        more = frameHasMore;
    }
}
