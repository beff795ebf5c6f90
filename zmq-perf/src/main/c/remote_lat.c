/* remote_lat <connect-to> <message-size> <roundtrip-count>: REQ timing round trips; latency is half a round trip.
 * Beyond libzmq's tool: each round trip is timed on its own too, for the one-way percentiles and, after
 * ZMQ_PERF_WARMUP round trips, the warm mean (perf_time_round_trips). */
#include "perf.h"

#define USAGE "remote_lat <connect-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *endpoint = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = perf_open (ctx, ZMQ_REQ, endpoint, 0);
    perf_time_round_trips (s, message_size, roundtrip_count);
    perf_close (s, ctx);
    return 0;
}
