package dev.zmq4j.spring.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Turns a {@link ZmqTest} on a test class into its {@link ZmqTestContextCustomizer}; registered in spring.factories. */
public class ZmqTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        ZmqTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, ZmqTest.class);
        return test == null ? null : new ZmqTestContextCustomizer(test.ephemeralEndpoints(), test.capture());
    }
}
