/* dish_thr <bind-to> <message-size> <message-count>: DISH bound on udp, joined to the group "perf", counting what a
 * radio_thr sends it. udp drops, so the run ends at the count or after a silence of ZMQ_PERF_SILENCE_MS (1000 ms when
 * unset) once the first message is in, and reports what it got: messages received, messages lost (the count less
 * those received) and the throughput of those received, timed from the first to the last, as local_thr times. It
 * waits at most 10 s for the first. RCVHWM is 0 (no limit), as radio_thr's SNDHWM, so that no pipe drops what came
 * in. Draft API: built against a libzmq with drafts, with -DZMQ_BUILD_DRAFT_API. */
#include "perf.h"

#define USAGE "dish_thr <bind-to> <message-size> <message-count>"
#define FIRST_WAIT_MS 10000

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 4, USAGE);
    const char *bind_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);
    int silence_ms = perf_silence_ms ();

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_DISH);
    if (!s)
        perf_fail ("zmq_socket (ZMQ_DISH)");
    if (zmq_join (s, PERF_GROUP) != 0)
        perf_fail ("zmq_join");
    perf_unbounded (s, ZMQ_RCVHWM);
    int wait = FIRST_WAIT_MS;
    if (zmq_setsockopt (s, ZMQ_RCVTIMEO, &wait, sizeof wait) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_RCVTIMEO)");
    if (zmq_bind (s, bind_to) != 0)
        perf_fail ("zmq_bind");

    zmq_msg_t msg;
    zmq_msg_init (&msg);
    if (zmq_msg_recv (&msg, s, 0) < 0) {
        if (zmq_errno () != EAGAIN)
            perf_fail ("zmq_msg_recv");
        printf ("error in zmq_msg_recv: no message within %d ms\n", FIRST_WAIT_MS);
        return PERF_EXIT_FAILURE;
    }
    perf_check_size (zmq_msg_size (&msg), message_size);
    if (zmq_setsockopt (s, ZMQ_RCVTIMEO, &silence_ms, sizeof silence_ms) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_RCVTIMEO)");

    uint64_t first = perf_now_nanos (), last = first;
    int received = 1;
    while (received < message_count) {
        if (zmq_msg_recv (&msg, s, 0) < 0) {
            if (zmq_errno () != EAGAIN)
                perf_fail ("zmq_msg_recv");
            break; /* silence: the rest were lost */
        }
        last = perf_now_nanos ();
        perf_check_size (zmq_msg_size (&msg), message_size);
        received++;
    }
    zmq_msg_close (&msg);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("message count: %d\n", message_count);
    perf_print_received (received, message_count, silence_ms);
    perf_print_throughput (message_size, received, (unsigned long) ((last - first) / 1000));

    perf_close (s, ctx);
    return 0;
}
