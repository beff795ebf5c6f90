package dev.zmq4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OwnLaunchRaceTest {

    /**
     * launchChild sends Plug to the child before it sends Adopt to itself. A child on another thread can process
     * Plug and ask to terminate (TermReq) in that window; the parent then sees TermReq for a child it does not know
     * yet, ignores it, and adopts the child afterwards: the request is lost until the parent itself terminates.
     * The mailbox's wakeup hook replays the other thread's steps inside that window.
     */
    @Test
    void shouldHonourATermRequestThatOvertakesTheAdoptCommand() {
        Mailbox parentMailbox = new Mailbox("parent");
        Mailbox childMailbox = new Mailbox("child");
        Node parent = new Node(parentMailbox, false);
        Node child = new Node(childMailbox, true);
        // The child's thread is asleep; when Plug lands it runs at once, before launchChild sends Adopt.
        childMailbox.setWakeup(() -> {
            childMailbox.awake();
            childMailbox.poll().dispatch();
        });
        assertThat(childMailbox.prepareToSleep()).isTrue();

        parent.launch(child);
        Command command;
        while ((command = parentMailbox.poll()) != null) {
            command.dispatch();
        }
        while ((command = childMailbox.poll()) != null) {
            command.dispatch();
        }
        while ((command = parentMailbox.poll()) != null) {
            command.dispatch();
        }

        assertThat(child.destroyed)
                .as("the child asked to terminate and its owner is alive")
                .isEqualTo(1);
    }

    private static final class Node extends Own {
        final boolean terminateOnPlug;
        int destroyed;

        Node(Mailbox mailbox, boolean terminateOnPlug) {
            super(null, mailbox, new Options());
            this.terminateOnPlug = terminateOnPlug;
        }

        void launch(Node child) {
            launchChild(child);
        }

        @Override
        protected void processPlug() {
            if (terminateOnPlug) {
                terminate();
            }
        }

        @Override
        protected void processDestroy() {
            destroyed++;
        }
    }
}
