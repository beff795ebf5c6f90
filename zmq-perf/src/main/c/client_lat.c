/* client_lat <connect-to> <message-size> <roundtrip-count>: CLIENT timing round trips through a server_lat, reported as
 * remote_lat reports them (half the mean round trip, the warm mean, the one-way percentiles). Draft API: built
 * against a libzmq with drafts, with -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

int main (int argc, char *argv[])
{
    return perf_latency_main (argc, argv, "client_lat <connect-to> <message-size> <roundtrip-count>", ZMQ_CLIENT, 0);
}
