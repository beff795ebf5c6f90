package dev.zmq4j.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * After each test method of a {@link ZmqTest} context: closes the {@link ZmqTestClient}s the method left open and
 * clears the {@link ZmqListenerTestHarness}, so the next method starts clean even with a cached context. Does
 * nothing for a context without them. Registered in spring.factories, as Spring Boot registers its own listeners.
 */
public class ZmqTestExecutionListener extends AbstractTestExecutionListener {

    /** Above {@code DirtiesContextTestExecutionListener} (3000): after-methods run in reverse, so this runs first. */
    @Override
    public int getOrder() {
        return 3100;
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(ZmqTestClients.class).ifAvailable(ZmqTestClients::closeAll);
        context.getBeanProvider(ZmqListenerTestHarness.class).ifAvailable(ZmqListenerTestHarness::reset);
    }
}
