package dev.zmq4j.socket.pubsub;

import dev.zmq4j.pipe.Pipe;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Which pipes subscribed to which topics, for PUB and XPUB (libzmq's mtrie_t): a prefix tree whose nodes hold the
 * pipes subscribed to exactly that prefix. Matching a message walks the topic once and reports every pipe on the
 * way, without allocating. Every walk is a loop. Not thread-safe.
 */
public final class PipeTrie {
    /** The pipes of one node, as a small array. */
    private static final class Pipes {
        Pipe[] pipes = new Pipe[2];
        int count;

        boolean add(Pipe pipe) {
            for (int i = 0; i < count; i++) {
                if (pipes[i] == pipe) {
                    return false;
                }
            }
            if (count == pipes.length) {
                pipes = Arrays.copyOf(pipes, count * 2);
            }
            pipes[count++] = pipe;
            return true;
        }

        boolean remove(Pipe pipe) {
            for (int i = 0; i < count; i++) {
                if (pipes[i] == pipe) {
                    pipes[i] = pipes[--count];
                    pipes[count] = null;
                    return true;
                }
            }
            return false;
        }
    }

    private final TrieNode<Pipes> root = new TrieNode<>();

    /** Subscribes {@code pipe} to {@code topic}; true when no pipe had subscribed to that topic before. */
    public boolean add(byte[] topic, int offset, int length, Pipe pipe) {
        TrieNode<Pipes> node = root;
        for (int i = offset; i < offset + length; i++) {
            node = node.childOrNew(topic[i]);
        }
        boolean first = node.value == null;
        if (first) {
            node.value = new Pipes();
        }
        node.value.add(pipe);
        return first;
    }

    /** Unsubscribes {@code pipe} from {@code topic}; true when no pipe is subscribed to it any more. */
    public boolean remove(byte[] topic, int offset, int length, Pipe pipe) {
        TrieNode<Pipes> node = root;
        for (int i = offset; i < offset + length && node != null; i++) {
            node = node.child(topic[i]);
        }
        if (node == null || node.value == null || !node.value.remove(pipe)) {
            return false;
        }
        if (node.value.count > 0) {
            return false;
        }
        node.value = null;
        node.pruneUpwards();
        return true;
    }

    /**
     * Removes {@code pipe} from every topic, reporting each topic that no pipe is subscribed to any more.
     */
    public void removePipe(Pipe pipe, Consumer<byte[]> lastUnsubscribed) {
        removePipe(pipe, lastUnsubscribed, false);
    }

    /**
     * Removes {@code pipe} from every topic, reporting each topic it was subscribed to ({@code everyTopic}) or
     * only those that no pipe is subscribed to any more.
     */
    public void removePipe(Pipe pipe, Consumer<byte[]> unsubscribed, boolean everyTopic) {
        ArrayDeque<TrieNode<Pipes>> pending = new ArrayDeque<>();
        ArrayDeque<TrieNode<Pipes>> emptied = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TrieNode<Pipes> node = pending.pop();
            if (node.value != null && node.value.remove(pipe)) {
                boolean last = node.value.count == 0;
                if (last || everyTopic) {
                    unsubscribed.accept(node.prefix());
                }
                if (last) {
                    node.value = null;
                    emptied.push(node);
                }
            }
            for (int i = 0; i < node.childCount(); i++) {
                pending.push(node.childAt(i));
            }
        }
        while (!emptied.isEmpty()) {
            emptied.pop().pruneUpwards();
        }
    }

    /** Reports every pipe subscribed to a prefix of {@code data} (a pipe may be reported more than once). */
    public void match(byte[] data, int offset, int length, Consumer<Pipe> matched) {
        TrieNode<Pipes> node = root;
        int i = offset;
        while (node != null) {
            Pipes pipes = node.value;
            if (pipes != null) {
                for (int p = 0; p < pipes.count; p++) {
                    matched.accept(pipes.pipes[p]);
                }
            }
            if (i == offset + length) {
                return;
            }
            node = node.child(data[i++]);
        }
    }
}
