package dev.zmq4j.socket.pubsub;

import java.util.Arrays;

/**
 * A node of a prefix tree over bytes, shared by the subscription tries. Children are kept in a small array
 * searched linearly (topic trees fan out little), so a topic of 64 KiB is a chain of 64 Ki nodes walked by loops,
 * never by recursion. Not thread-safe.
 */
class TrieNode<V> {
    private byte[] keys = new byte[0];
    private TrieNode<V>[] children;
    /** Null when there is no subscription ending at this node. */
    V value;

    TrieNode<V> parent;
    byte keyInParent;

    TrieNode<V> child(byte key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return children[i];
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    TrieNode<V> childOrNew(byte key) {
        TrieNode<V> existing = child(key);
        if (existing != null) {
            return existing;
        }
        TrieNode<V> created = new TrieNode<>();
        created.parent = this;
        created.keyInParent = key;
        int count = keys.length;
        keys = Arrays.copyOf(keys, count + 1);
        children = children == null ? new TrieNode[1] : Arrays.copyOf(children, count + 1);
        keys[count] = key;
        children[count] = created;
        return created;
    }

    int childCount() {
        return keys.length;
    }

    TrieNode<V> childAt(int index) {
        return children[index];
    }

    void removeChild(TrieNode<V> child) {
        for (int i = 0; i < keys.length; i++) {
            if (children[i] == child) {
                int last = keys.length - 1;
                keys[i] = keys[last];
                children[i] = children[last];
                keys = Arrays.copyOf(keys, last);
                children = Arrays.copyOf(children, last);
                return;
            }
        }
    }

    boolean isUseless() {
        return value == null && keys.length == 0;
    }

    /** Removes this node and its ancestors as long as they hold nothing. */
    void pruneUpwards() {
        TrieNode<V> node = this;
        while (node.parent != null && node.isUseless()) {
            TrieNode<V> parentNode = node.parent;
            parentNode.removeChild(node);
            node.parent = null;
            node = parentNode;
        }
    }

    /** The prefix that leads to this node. */
    byte[] prefix() {
        int depth = 0;
        for (TrieNode<V> node = this; node.parent != null; node = node.parent) {
            depth++;
        }
        byte[] prefix = new byte[depth];
        TrieNode<V> node = this;
        for (int i = depth - 1; i >= 0; i--) {
            prefix[i] = node.keyInParent;
            node = node.parent;
        }
        return prefix;
    }
}
