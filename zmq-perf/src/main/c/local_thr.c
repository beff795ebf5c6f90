/* local_thr <bind-to> <message-size> <message-count>: PULL, timed from the first message to the last. */
#include "perf.h"

#define USAGE "local_thr <bind-to> <message-size> <message-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *bind_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_PULL);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 1);
    if (zmq_bind (s, bind_to) != 0)
        perf_fail ("zmq_bind");

    zmq_msg_t msg;
    zmq_msg_init (&msg);
    if (zmq_msg_recv (&msg, s, 0) < 0)
        perf_fail ("zmq_msg_recv");
    perf_check_size (zmq_msg_size (&msg), message_size);

    void *watch = zmq_stopwatch_start ();
    for (int i = 1; i < message_count; i++) {
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("message count: %d\n", message_count);
    perf_print_throughput (message_size, message_count, elapsed);

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
