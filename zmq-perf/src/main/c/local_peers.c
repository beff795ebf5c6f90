/* local_peers <bind-to> <message-size> <roundtrip-count> <clients>: ROUTER echoing every request of a remote_peers
 * back to its DEALER, checking its size: clients x (roundtrip-count + 1) requests, each client's first round trip
 * being the one that sets up its connection before the clock starts. One thread; prints nothing. */
#include "perf.h"

#define USAGE "local_peers <bind-to> <message-size> <roundtrip-count> <clients>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 5, USAGE);
    const char *bind_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);
    int clients = perf_number ("clients", argv[4], 1, USAGE);
    long long requests = (long long) clients * ((long long) roundtrip_count + 1);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_ROUTER);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 1);
    if (zmq_bind (s, bind_to) != 0)
        perf_fail ("zmq_bind");

    zmq_msg_t routing_id, body;
    zmq_msg_init (&routing_id);
    zmq_msg_init (&body);
    for (long long i = 0; i < requests; i++) {
        if (zmq_msg_recv (&routing_id, s, 0) < 0)
            perf_fail ("zmq_msg_recv (routing id)");
        if (zmq_msg_recv (&body, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&body), message_size);
        if (zmq_msg_send (&routing_id, s, ZMQ_SNDMORE) < 0)
            perf_fail ("zmq_msg_send (routing id)");
        if (zmq_msg_send (&body, s, 0) < 0)
            perf_fail ("zmq_msg_send");
    }
    zmq_msg_close (&routing_id);
    zmq_msg_close (&body);

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
