package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ws.WsClientHandshake;
import dev.zmq4j.protocol.ws.WsFrameDecoder;
import dev.zmq4j.protocol.ws.WsServerHandshake;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The ZWS 2.0 codec facing whatever a WebSocket peer sends (libzmq's ws fuzzers are its model): the frame decoder fed
 * a stream split where the fuzzer chooses, and each side's opening handshake fed any request or answer.
 *
 * <p>What must hold: only {@link ProtocolException} escapes the decoder and the client, nothing escapes the server
 * (a bad request is an HTTP error to send, not an exception); no frame is larger than the bound in force; how the
 * stream is split changes nothing (the same results, frames and failure as from one buffer); a completed server
 * handshake always has a well-formed HTTP answer and leaves what follows the request in the buffer.
 *
 * <p>Inputs: the stream is the input's leading bytes, the choices (side, bound, split) come from its last bytes, so a
 * seed is a captured byte stream with a few bytes appended.
 */
class WsCodecFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodesAnyWebSocketStreamAlikeHoweverSplit(FuzzedDataProvider data) {
        boolean fromClient = data.consumeBoolean();
        boolean handshakeDone = data.consumeBoolean();
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeInt(0, 1 << 20);
        long splitSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();

        List<String> whole = decode(fromClient, handshakeDone, maxMsgSize, stream.clone(), new int[] {stream.length});
        Random random = new Random(splitSeed);
        List<Integer> pieces = new ArrayList<>();
        for (int left = stream.length; left > 0; ) {
            int piece = Math.min(left, random.nextInt(1 + (random.nextBoolean() ? 8 : 300)));
            pieces.add(piece);
            left -= piece;
        }
        List<String> split = decode(
                fromClient,
                handshakeDone,
                maxMsgSize,
                stream.clone(),
                pieces.stream().mapToInt(Integer::intValue).toArray());
        assertThat(split)
                .as("the same stream split in %d pieces", pieces.size())
                .isEqualTo(whole);
    }

    /** What decoding {@code stream} in {@code pieces} gives: a line per result, the failure last. */
    private static List<String> decode(
            boolean fromClient, boolean handshakeDone, long maxMsgSize, byte[] stream, int[] pieces) {
        WsFrameDecoder decoder = new WsFrameDecoder(fromClient, maxMsgSize);
        long bound = maxMsgSize >= 0
                ? Math.min(maxMsgSize, FrameDecoder.MAX_HANDSHAKE_FRAME)
                : FrameDecoder.MAX_HANDSHAKE_FRAME;
        if (handshakeDone) {
            decoder.handshakeDone();
            bound = maxMsgSize >= 0 ? maxMsgSize : Long.MAX_VALUE;
        }
        List<String> results = new ArrayList<>();
        Frame view = new Frame();
        int at = 0;
        try {
            for (int piece : pieces) {
                ByteBuffer in = ByteBuffer.wrap(stream, at, piece).slice();
                at += piece;
                WsFrameDecoder.Result result;
                while ((result = decoder.decode(in, view)) != WsFrameDecoder.Result.NEED_MORE) {
                    if (result == WsFrameDecoder.Result.FRAME) {
                        assertThat((long) view.size()).isLessThanOrEqualTo(bound);
                        results.add("frame " + view.flags() + " "
                                + Arrays.hashCode(
                                        Arrays.copyOfRange(view.array(), view.offset(), view.offset() + view.size())));
                    } else {
                        ByteBuffer payload = decoder.controlPayload();
                        assertThat(payload.remaining()).isLessThanOrEqualTo(125);
                        results.add(result + " " + payload.hashCode());
                    }
                }
                assertThat(in.hasRemaining()).as("NEED_MORE with input left").isFalse();
            }
        } catch (ProtocolException refused) {
            results.add("refused: " + refused.getMessage());
        }
        return results;
    }

    @FuzzTest(maxDuration = "10m")
    void answersAnyUpgradeRequest(FuzzedDataProvider data) {
        String mechanism = data.pickValue(new String[] {"NULL", "PLAIN", "CURVE"});
        int piece = data.consumeInt(1, 600);
        byte[] request = data.consumeRemainingAsBytes();
        WsServerHandshake server = new WsServerHandshake(mechanism);
        ByteBuffer in = ByteBuffer.wrap(request);
        boolean complete = false;
        while (in.hasRemaining() && !complete) {
            int end = Math.min(in.limit(), in.position() + piece);
            ByteBuffer part = in.duplicate().limit(end);
            complete = server.receive(part);
            assertThat(complete || !part.hasRemaining())
                    .as("incomplete with input left")
                    .isTrue();
            in.position(part.position());
        }
        if (!complete) {
            return;
        }
        String response = new String(server.response(), StandardCharsets.ISO_8859_1);
        assertThat(response).startsWith("HTTP/1.1 ").endsWith("\r\n\r\n");
        assertThat(response.length()).isLessThan(1024);
        if (server.accepted()) {
            assertThat(response).startsWith("HTTP/1.1 101 ");
            assertThat(server.protocol()).startsWith("ZWS2.0");
        } else {
            assertThat(server.refusal()).isNotEmpty();
        }
    }

    @FuzzTest(maxDuration = "10m")
    void refusesAnyAnswerButItsUpgrade(FuzzedDataProvider data) {
        WsClientHandshake client =
                new WsClientHandshake("127.0.0.1", "/", data.pickValue(new String[] {"NULL", "CURVE"}));
        try {
            if (client.receive(ByteBuffer.wrap(data.consumeRemainingAsBytes()))) {
                // Only a 101 answering our random key can get here: the fuzzer cannot know it.
                assertThat(client.protocol()).startsWith("ZWS2.0");
            }
        } catch (ProtocolException refused) {
            // As it must be.
        }
    }
}
