/* radio_thr <connect-to> <message-size> <message-count>: RADIO connected over udp, sending message-count fresh
 * messages to the group "perf" as fast as it can, for a dish_thr; it reports how fast it handed them over. A RADIO
 * drops what its pipe cannot hold rather than wait, and at its default high-water mark of 1000 it dropped some 99 %
 * of a burst before the udp engine saw it: so SNDHWM is 0 (no limit), the whole burst is queued, and what is lost is
 * lost on the way (the kernel's socket buffers). Draft API: built against a libzmq with drafts, with
 * -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

#define USAGE "radio_thr <connect-to> <message-size> <message-count>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *connect_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_RADIO);
    if (!s)
        perf_fail ("zmq_socket (ZMQ_RADIO)");
    perf_unbounded (s, ZMQ_SNDHWM);
    if (zmq_connect (s, connect_to) != 0)
        perf_fail ("zmq_connect");

    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i < message_count; i++) {
        zmq_msg_t msg;
        if (zmq_msg_init_size (&msg, message_size) != 0)
            perf_fail ("zmq_msg_init_size");
        if (zmq_msg_set_group (&msg, PERF_GROUP) != 0)
            perf_fail ("zmq_msg_set_group");
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        zmq_msg_close (&msg);
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("messages sent: %d\n", message_count);
    perf_print_send_rate (message_count, elapsed);

    perf_close (s, ctx);
    return 0;
}
