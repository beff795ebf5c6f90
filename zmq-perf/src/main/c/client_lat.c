/* client_lat <connect-to> <message-size> <roundtrip-count>: CLIENT timing round trips through a server_lat, reported as
 * remote_lat reports them (half the mean round trip, the warm mean, the one-way percentiles). Draft API: built
 * against a libzmq with drafts, with -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

#define USAGE "client_lat <connect-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *endpoint = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = perf_open (ctx, ZMQ_CLIENT, endpoint, 0);
    perf_time_round_trips (s, message_size, roundtrip_count);
    perf_close (s, ctx);
    return 0;
}
