/* local_lat <bind-to> <message-size> <roundtrip-count>: REP echoing each request back. */
#include "perf.h"

int main (int argc, char *argv[])
{
    return perf_latency_main (argc, argv, "local_lat <bind-to> <message-size> <roundtrip-count>", ZMQ_REP, 1);
}
