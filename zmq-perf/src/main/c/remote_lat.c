/* remote_lat <connect-to> <message-size> <roundtrip-count>: REQ timing round trips; latency is half a round trip.
 * Beyond libzmq's tool: each round trip is timed on its own too, for the one-way percentiles and, after
 * ZMQ_PERF_WARMUP round trips, the warm mean, printed by the same rules as the Java tools (RoundTrips.java). */
#include <string.h>

#include "perf.h"

#define USAGE "remote_lat <connect-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *connect_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_REQ);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 0);
    if (zmq_connect (s, connect_to) != 0)
        perf_fail ("zmq_connect");

    zmq_msg_t msg;
    if (zmq_msg_init_size (&msg, message_size) != 0)
        perf_fail ("zmq_msg_init_size");
    memset (zmq_msg_data (&msg), 0, message_size);

    int warmup = perf_warmup (roundtrip_count);
    uint64_t *nanos = malloc (sizeof (uint64_t) * (size_t) roundtrip_count);
    if (!nanos)
        perf_fail ("malloc");

    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i < roundtrip_count; i++) {
        uint64_t start = perf_now_nanos ();
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
        nanos[i] = perf_now_nanos () - start;
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("roundtrip count: %d\n", roundtrip_count);
    perf_print_latency (roundtrip_count, elapsed);
    perf_print_round_trips (nanos + warmup, roundtrip_count - warmup, warmup);
    free (nanos);

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
