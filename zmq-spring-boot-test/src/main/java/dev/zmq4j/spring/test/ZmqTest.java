package dev.zmq4j.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Test support for an application using the zmq4j starter, next to {@code @SpringBootTest}:
 *
 * <pre>{@code
 * @SpringBootTest
 * @ZmqTest
 * class QuoteServiceTest {
 *     @Autowired ZmqTestClients clients;
 *     @Autowired ZmqListenerTestHarness harness;
 *
 *     @Test
 *     void shouldQuote() throws Exception {
 *         Quote quote = clients.req("quotes").request(new QuoteRequest("ACME"), Quote.class);
 *         assertThat(harness.awaitInvocation("quotes", Duration.ofSeconds(5)).<QuoteRequest>argument(0).symbol())
 *                 .isEqualTo("ACME");
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>With {@link #ephemeralEndpoints()}, every tcp bind under {@code zmq.sockets} binds {@code tcp://127.0.0.1:*}
 *       instead (an ephemeral loopback port, read back as {@code local.zmq.<socket>.endpoint}), and a tcp connect of
 *       the application to one of its own binds follows it there; so tests running at once never share a port.</li>
 *   <li>A {@link ZmqTestClients} bean makes clients of the application's sockets, closed after each test method.</li>
 *   <li>With {@link #capture()}, a {@link ZmqListenerTestHarness} bean records each {@code @ZmqListener} call.</li>
 * </ul>
 *
 * The attributes take part in the test context's cache key, so test classes with the same ones share a context.
 * Read by {@link ZmqTestContextCustomizerFactory}; found on the test class, a superclass or an enclosing class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ZmqTest {

    /** Rewrite the tcp binds of declared sockets to ephemeral loopback ports; default true. */
    boolean ephemeralEndpoints() default true;

    /** Register the {@link ZmqListenerTestHarness}, which captures every {@code @ZmqListener} call; default true. */
    boolean capture() default true;
}
