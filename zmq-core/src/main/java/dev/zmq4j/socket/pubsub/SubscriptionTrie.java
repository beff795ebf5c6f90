package dev.zmq4j.socket.pubsub;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The topics a SUB or XSUB subscribed to: counted prefixes (subscribing twice needs two unsubscriptions), and a
 * prefix match for filtering (libzmq's trie_t). Every walk is a loop. Not thread-safe.
 */
public final class SubscriptionTrie {
    private final TrieNode<int[]> root = new TrieNode<>();

    /** Adds one subscription to {@code topic}; true when it is the first. */
    public boolean add(byte[] topic, int offset, int length) {
        TrieNode<int[]> node = root;
        for (int i = offset; i < offset + length; i++) {
            node = node.childOrNew(topic[i]);
        }
        if (node.value == null) {
            node.value = new int[] {1};
            return true;
        }
        node.value[0]++;
        return false;
    }

    /** Removes one subscription to {@code topic}; true when it was the last. False for a topic never added. */
    public boolean remove(byte[] topic, int offset, int length) {
        TrieNode<int[]> node = root;
        for (int i = offset; i < offset + length && node != null; i++) {
            node = node.child(topic[i]);
        }
        if (node == null || node.value == null) {
            return false;
        }
        if (--node.value[0] > 0) {
            return false;
        }
        node.value = null;
        node.pruneUpwards();
        return true;
    }

    /** Whether some subscription is a prefix of {@code data}. */
    public boolean matches(byte[] data, int offset, int length) {
        TrieNode<int[]> node = root;
        if (node.value != null) {
            return true;
        }
        for (int i = offset; i < offset + length; i++) {
            node = node.child(data[i]);
            if (node == null) {
                return false;
            }
            if (node.value != null) {
                return true;
            }
        }
        return false;
    }

    /** Hands every subscribed topic (once, whatever its count) to {@code visitor}. */
    public void forEach(Consumer<byte[]> visitor) {
        ArrayDeque<TrieNode<int[]>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            TrieNode<int[]> node = pending.pop();
            if (node.value != null) {
                visitor.accept(node.prefix());
            }
            for (int i = 0; i < node.childCount(); i++) {
                pending.push(node.childAt(i));
            }
        }
    }
}
