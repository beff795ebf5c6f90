/* remote_thr <connect-to> <message-size> <message-count>: PUSH, one fresh zmq_msg_t per message as libzmq's tool. */
#include "perf.h"

#define USAGE "remote_thr <connect-to> <message-size> <message-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *connect_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_PUSH);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 0);
    if (zmq_connect (s, connect_to) != 0)
        perf_fail ("zmq_connect");

    for (int i = 0; i < message_count; i++) {
        zmq_msg_t msg;
        if (zmq_msg_init_size (&msg, message_size) != 0)
            perf_fail ("zmq_msg_init_size");
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        zmq_msg_close (&msg);
    }

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
