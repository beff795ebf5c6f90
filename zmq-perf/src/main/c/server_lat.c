/* server_lat <bind-to> <message-size> <roundtrip-count>: SERVER echoing each request to the CLIENT it came from (the
 * received message keeps its peer's routing id, so it goes back as it came). Draft API: built against a libzmq with
 * drafts, with -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

int main (int argc, char *argv[])
{
    return perf_latency_main (argc, argv, "server_lat <bind-to> <message-size> <roundtrip-count>", ZMQ_SERVER, 1);
}
