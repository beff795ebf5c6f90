/* local_lat <bind-to> <message-size> <roundtrip-count>: REP echoing each request back. */
#include "perf.h"

#define USAGE "local_lat <bind-to> <message-size> <roundtrip-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *bind_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_REP);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 1);
    if (zmq_bind (s, bind_to) != 0)
        perf_fail ("zmq_bind");

    zmq_msg_t msg;
    zmq_msg_init (&msg);
    for (int i = 0; i < roundtrip_count; i++) {
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
    }
    zmq_msg_close (&msg);

    /* As libzmq's tool: give the last reply time to leave before closing. */
    zmq_sleep (1);

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
