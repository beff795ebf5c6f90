package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.socket.pubsub.SubscriptionTrie;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SUB side's subscription trie driven by random subscribe, unsubscribe and match calls, each checked against a
 * model anyone can read: a multiset of prefixes. Topics come from a small alphabet so that they share prefixes, as
 * real topics do, and lie at an offset inside a larger array, as they do inside a message.
 *
 * <p>What must hold after every step: {@code add} says "first" exactly when the topic was not subscribed,
 * {@code remove} says "last" exactly when its count drops to zero (and false for a topic never added), {@code matches}
 * is true exactly when some subscribed topic is a prefix of the data, and {@code forEach} lists each subscribed topic
 * once.
 */
class SubscriptionTrieFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void behavesAsAMultisetOfPrefixes(FuzzedDataProvider data) {
        SubscriptionTrie trie = new SubscriptionTrie();
        Map<ByteBuffer, Integer> model = new HashMap<>();
        while (data.remainingBytes() > 0) {
            int operation = data.consumeInt(0, 2);
            int offset = data.consumeInt(0, 3);
            byte[] topic = topic(data);
            byte[] array = new byte[offset + topic.length + 2];
            System.arraycopy(topic, 0, array, offset, topic.length);
            ByteBuffer key = ByteBuffer.wrap(topic);
            int count = model.getOrDefault(key, 0);
            switch (operation) {
                case 0:
                    assertThat(trie.add(array, offset, topic.length))
                            .as("first")
                            .isEqualTo(count == 0);
                    model.put(key, count + 1);
                    break;
                case 1:
                    assertThat(trie.remove(array, offset, topic.length))
                            .as("last")
                            .isEqualTo(count == 1);
                    if (count == 1) {
                        model.remove(key);
                    } else if (count > 1) {
                        model.put(key, count - 1);
                    }
                    break;
                default:
                    assertThat(trie.matches(array, offset, topic.length))
                            .as("matches")
                            .isEqualTo(modelMatches(model, topic));
            }
        }
        Set<ByteBuffer> listed = new HashSet<>();
        trie.forEach(topic ->
                assertThat(listed.add(ByteBuffer.wrap(topic))).as("listed once").isTrue());
        assertThat(listed).isEqualTo(model.keySet());
    }

    /** Up to 6 bytes, mostly from "abc", now and then any byte. */
    private static byte[] topic(FuzzedDataProvider data) {
        byte[] topic = new byte[data.consumeInt(0, 6)];
        for (int i = 0; i < topic.length; i++) {
            int pick = data.consumeInt(0, 3);
            topic[i] = pick < 3 ? (byte) ('a' + pick) : data.consumeByte();
        }
        return topic;
    }

    private static boolean modelMatches(Map<ByteBuffer, Integer> model, byte[] data) {
        for (ByteBuffer subscribed : model.keySet()) {
            if (subscribed.remaining() <= data.length
                    && subscribed.equals(ByteBuffer.wrap(data, 0, subscribed.remaining()))) {
                return true;
            }
        }
        return false;
    }
}
