/* local_fanout <bind-to> <message-size> <message-count> <subscribers>: XPUB publishing to every SUB of a remote_fanout.
 * It waits for each subscriber's subscription (ZMQ_XPUB_VERBOSE passes every one on, not only the first to the empty
 * topic; one reaches the application only once its subscriber is among those the XPUB publishes to), so no message of
 * the run is lost to a slow joiner; ZMQ_XPUB_NODROP makes a send wait for a subscriber at its high-water mark
 * instead of dropping for it. After the messages, one empty message ends the run; it closes once the last subscriber
 * has left. Prints nothing. */
#include "perf.h"

#define USAGE "local_fanout <bind-to> <message-size> <message-count> <subscribers>"

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 5, USAGE);
    const char *bind_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 1, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);
    int subscribers = perf_number ("subscribers", argv[4], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_XPUB);
    if (!s)
        perf_fail ("zmq_socket");
    int on = 1;
    if (zmq_setsockopt (s, ZMQ_XPUB_VERBOSE, &on, sizeof on) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_XPUB_VERBOSE)");
    if (zmq_setsockopt (s, ZMQ_XPUB_NODROP, &on, sizeof on) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_XPUB_NODROP)");
    perf_secure (s, 1);
    if (zmq_bind (s, bind_to) != 0)
        perf_fail ("zmq_bind");

    for (int i = 0; i < subscribers; i++) {
        unsigned char subscription[2];
        int size = zmq_recv (s, subscription, sizeof subscription, 0);
        if (size < 0)
            perf_fail ("zmq_recv");
        if (size != 1 || subscription[0] != 1) {
            printf ("expected the subscription of subscriber %d of %d (one byte 1), got %d B starting with %d\n",
                    i + 1, subscribers, size, subscription[0]);
            return PERF_EXIT_FAILURE;
        }
    }

    for (int i = 0; i < message_count; i++) {
        zmq_msg_t msg;
        if (zmq_msg_init_size (&msg, message_size) != 0)
            perf_fail ("zmq_msg_init_size");
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        zmq_msg_close (&msg);
    }
    if (zmq_send (s, NULL, 0, 0) < 0)
        perf_fail ("zmq_send (end of run)");

    /* Stay until every subscriber has gone: the XPUB passes on the unsubscription from the empty topic when the last
     * of them leaves, so the subscribers close with their publisher still there, not as it disconnects. */
    unsigned char unsubscription[2];
    int size = zmq_recv (s, unsubscription, sizeof unsubscription, 0);
    if (size < 0)
        perf_fail ("zmq_recv");
    if (size != 1 || unsubscription[0] != 0) {
        printf ("expected the unsubscription of the last subscriber (one byte 0), got %d B starting with %d\n", size,
                unsubscription[0]);
        return PERF_EXIT_FAILURE;
    }

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
