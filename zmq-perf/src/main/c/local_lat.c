/* local_lat <bind-to> <message-size> <roundtrip-count>: REP echoing each request back. */
#include "perf.h"

#define USAGE "local_lat <bind-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *endpoint = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = perf_open (ctx, ZMQ_REP, endpoint, 1);
    perf_echo (s, message_size, roundtrip_count);

    /* As libzmq's local_lat: give the last reply time to leave before closing. */
    zmq_sleep (1);

    perf_close (s, ctx);
    return 0;
}
