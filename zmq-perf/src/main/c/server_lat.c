/* server_lat <bind-to> <message-size> <roundtrip-count>: SERVER echoing each request to the CLIENT it came from (the
 * received message keeps its peer's routing id, so it goes back as it came). Draft API: built against a libzmq with
 * drafts, with -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

#define USAGE "server_lat <bind-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *endpoint = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = perf_open (ctx, ZMQ_SERVER, endpoint, 1);
    perf_echo (s, message_size, roundtrip_count);

    /* As libzmq's local_lat: give the last reply time to leave before closing. */
    zmq_sleep (1);

    perf_close (s, ctx);
    return 0;
}
