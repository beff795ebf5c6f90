package dev.zmq4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pipe.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shutdown rules of the ownership tree: an object is destroyed once it is terminating, every child has
 * acknowledged, and every command sent to it while it was being created has been processed. Each "thread" is a
 * mailbox the test dispatches by hand, so races are replayed exactly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnTest {
    private static final int LINGER = 5;

    private final List<String> log = new ArrayList<>();
    private final Loop parentThread = new Loop("parent-thread");
    private final Loop childThread = new Loop("child-thread");

    @Test
    void shouldDestroyAParentOnlyAfterEveryChildAcknowledged() {
        Node parent = node("parent", parentThread);
        Node first = node("first", childThread);
        Node second = node("second", childThread);
        parent.launch(first);
        parent.launch(second);
        parentThread.runAll();
        childThread.runAll();
        assertThat(first.plugs).isEqualTo(1);
        assertThat(second.plugs).isEqualTo(1);

        parent.requestTermination();
        assertThat(parent.destroyed).isZero();

        childThread.runOne();
        assertThat(first.destroyed).isEqualTo(1);
        assertThat(first.lingers).containsExactly(LINGER);
        parentThread.runAll();
        assertThat(parent.destroyed).as("second has not acknowledged").isZero();

        childThread.runOne();
        assertThat(second.destroyed).isEqualTo(1);
        parentThread.runAll();
        assertThat(parent.destroyed).isEqualTo(1);
        assertThat(log).containsExactly("destroy first", "destroy second", "destroy parent");
        assertQuiet();
    }

    @Test
    void shouldTerminateAChildWhoseAdoptionArrivesAfterTheParentStartedTerminating() {
        Node parent = node("parent", parentThread);
        Node child = node("child", childThread);
        parent.launch(child);

        parent.requestTermination();
        assertThat(parent.destroyed).as("the adopt command is still in flight").isZero();

        parentThread.runAll();
        assertThat(parent.destroyed).as("the late child was sent a term").isZero();

        childThread.runOne();
        assertThat(child.plugs).as("plug comes before the term").isEqualTo(1);
        assertThat(child.destroyed).isZero();
        childThread.runOne();
        assertThat(child.lingers).as("a late child terminates at once").containsExactly(0);
        assertThat(child.destroyed).isEqualTo(1);

        parentThread.runAll();
        assertThat(parent.destroyed).isEqualTo(1);
        assertThat(log).containsExactly("destroy child", "destroy parent");
        assertQuiet();
    }

    @Test
    void shouldNotDestroyAChildBeforeItProcessedItsPlug() {
        Node parent = node("parent", parentThread);
        Node child = node("child", childThread);
        parent.launch(child);
        parentThread.runAll();

        parent.requestTermination();
        childThread.runAll();

        assertThat(child.plugs).isEqualTo(1);
        assertThat(child.destroyed).isEqualTo(1);
        parentThread.runAll();
        assertThat(parent.destroyed).isEqualTo(1);
        assertQuiet();
    }

    @Test
    void shouldWaitForAnInFlightBindBeforeDestroying() {
        Node socket = node("socket", parentThread);
        Node session = node("session", childThread);
        session.bindTo(socket);

        socket.requestTermination();
        assertThat(socket.destroyed).as("a bind is still in flight").isZero();

        parentThread.runAll();
        assertThat(socket.binds).isEqualTo(1);
        assertThat(socket.destroyed).isEqualTo(1);
        assertQuiet();
    }

    @Test
    void shouldRemoveAChildThatAskedToTerminate() {
        Node parent = node("parent", parentThread);
        Node child = node("child", childThread);
        parent.launch(child);
        parentThread.runAll();
        childThread.runAll();

        child.requestTermination();
        parentThread.runAll();
        childThread.runAll();
        assertThat(child.lingers).containsExactly(LINGER);
        assertThat(child.destroyed).isEqualTo(1);
        parentThread.runAll();
        assertThat(parent.destroyed).as("the parent itself is not terminating").isZero();

        parent.requestTermination();
        assertThat(parent.destroyed).as("no child left to wait for").isEqualTo(1);
        assertQuiet();
    }

    @Test
    void shouldIgnoreAChildsRequestOnceTheParentIsTerminating() {
        Node parent = node("parent", parentThread);
        Node child = node("child", childThread);
        parent.launch(child);
        parentThread.runAll();
        childThread.runAll();

        parent.requestTermination();
        child.requestTermination();
        parentThread.runAll();
        childThread.runAll();
        parentThread.runAll();

        assertThat(child.lingers).containsExactly(LINGER);
        assertThat(child.destroyed).isEqualTo(1);
        assertThat(parent.destroyed).isEqualTo(1);
        assertQuiet();
    }

    @Test
    void shouldDestroyOnceWhenTerminatedRepeatedly() {
        Node parent = node("parent", parentThread);
        Node child = node("child", childThread);
        parent.launch(child);
        parentThread.runAll();
        childThread.runAll();

        parent.requestTermination();
        parent.requestTermination();
        childThread.runAll();
        parentThread.runAll();
        parent.requestTermination();

        assertThat(child.lingers).containsExactly(LINGER);
        assertThat(child.destroyed).isEqualTo(1);
        assertThat(parent.destroyed).isEqualTo(1);
        assertQuiet();
    }

    @Test
    void shouldDestroyEveryNodeOfATreeExactlyOnceAndChildrenFirstUnderRandomSchedules() {
        for (long seed = 1; seed <= 2_000; seed++) {
            runRandomTree(seed);
        }
    }

    private void runRandomTree(long seed) {
        Random random = new Random(seed);
        String context = "seed " + seed;
        List<String> events = new ArrayList<>();
        Loop[] threads = {new Loop("t0"), new Loop("t1"), new Loop("t2")};
        List<Node> nodes = new ArrayList<>();
        Node root = new Node("root", threads[0], events);
        nodes.add(root);
        int launched = 0;
        boolean rootTerminated = false;

        for (int step = 0; step < 80; step++) {
            int action = random.nextInt(10);
            if (action == 0 && !root.isTerminating() && launched < 4) {
                Node child = new Node("c" + launched++, threads[random.nextInt(3)], events);
                // Some children start grandchildren of their own when plugged, like a session its connecter.
                for (int g = random.nextInt(3); g > 0; g--) {
                    child.launchOnPlug.add(new Node(child.name + "g" + g, threads[random.nextInt(3)], events));
                }
                nodes.add(child);
                nodes.addAll(child.launchOnPlug);
                root.launch(child);
            } else if (action == 1 && !rootTerminated && random.nextInt(4) == 0) {
                rootTerminated = true;
                root.requestTermination();
            } else if (action == 2) {
                Node node = nodes.get(random.nextInt(nodes.size()));
                if (node != root && node.plugs > 0 && node.destroyed == 0) {
                    node.requestTermination();
                }
            } else {
                threads[random.nextInt(3)].runOne(context);
            }
        }
        if (!rootTerminated) {
            root.requestTermination();
        }
        for (int round = 0; round < 100; round++) {
            int work = 0;
            for (Loop thread : threads) {
                work += thread.runAll(context);
            }
            if (work == 0) {
                break;
            }
        }

        for (Node node : nodes) {
            assertThat(node.destroyed)
                    .as("%s: %s destroyed", context, node.name)
                    .isEqualTo(1);
            for (Node child : node.launchOnPlug) {
                assertThat(events.indexOf("destroy " + child.name))
                        .as("%s: %s before its owner", context, child.name)
                        .isLessThan(events.indexOf("destroy " + node.name));
            }
        }
        int rootIndex = events.indexOf("destroy root");
        assertThat(rootIndex).as(context).isEqualTo(events.size() - 1);
        for (Loop thread : threads) {
            assertThat(thread.mailbox.poll()).as(context).isNull();
        }
    }

    private Node node(String name, Loop thread) {
        return new Node(name, thread, log);
    }

    private void assertQuiet() {
        assertThat(parentThread.mailbox.poll()).isNull();
        assertThat(childThread.mailbox.poll()).isNull();
    }

    /** A thread played by the test: its mailbox, dispatched one command at a time. */
    static final class Loop {
        final Mailbox mailbox;

        Loop(String name) {
            mailbox = new Mailbox(name);
        }

        int runOne() {
            return runOne("");
        }

        int runOne(String context) {
            Command command = mailbox.poll();
            if (command == null) {
                return 0;
            }
            if (command.destination() instanceof Node node && node.destroyed > 0) {
                throw new AssertionError(context + ": " + command + " reached destroyed " + node.name);
            }
            command.dispatch();
            return 1;
        }

        int runAll() {
            return runAll("");
        }

        int runAll(String context) {
            int count = 0;
            while (runOne(context) > 0) {
                count++;
            }
            return count;
        }
    }

    /** An object of the tree that records what happens to it. */
    private static final class Node extends Own {
        final String name;
        final List<String> events;
        final List<Node> launchOnPlug = new ArrayList<>();
        final List<Integer> lingers = new ArrayList<>();
        int plugs;
        int binds;
        int destroyed;

        Node(String name, Loop thread, List<String> events) {
            super(null, thread.mailbox, lingeringOptions());
            this.name = name;
            this.events = events;
        }

        void launch(Node child) {
            launchChild(child);
        }

        void bindTo(Node socket) {
            sendBind(socket, null);
        }

        void requestTermination() {
            terminate();
        }

        @Override
        protected void processPlug() {
            plugs++;
            launchOnPlug.forEach(this::launchChild);
        }

        @Override
        protected void processBind(Pipe pipe) {
            binds++;
        }

        @Override
        protected void processTerm(int linger) {
            lingers.add(linger);
            super.processTerm(linger);
        }

        @Override
        protected void processDestroy() {
            destroyed++;
            events.add("destroy " + name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Options lingeringOptions() {
        Options options = new Options();
        options.linger = LINGER;
        return options;
    }
}
