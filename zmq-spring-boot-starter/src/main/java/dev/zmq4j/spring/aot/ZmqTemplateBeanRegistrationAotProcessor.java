package dev.zmq4j.spring.aot;

import dev.zmq4j.spring.autoconfigure.ZmqTemplateRegistrar;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.javapoet.ClassName;
import org.springframework.javapoet.CodeBlock;

/**
 * Writes the {@code ZmqTemplate} bean definitions of {@link ZmqTemplateRegistrar} out as code at build time. Their
 * instance supplier is a lambda, which Spring AOT refuses by default ("instance supplier is not supported"); the
 * generated definition calls {@link ZmqTemplateRegistrar#templateSupplier(String)} with the socket's key instead,
 * the same supplier the registrar sets on the JVM, so both modes create and fail alike. Listed in
 * {@code META-INF/spring/aot.factories}; used at build time only.
 */
class ZmqTemplateBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        if (!(registeredBean.getMergedBeanDefinition().getAttribute(ZmqTemplateRegistrar.SOCKET_ATTRIBUTE)
                instanceof String socket)) {
            return null;
        }
        return BeanRegistrationAotContribution.withCustomCodeFragments(
                fragments -> new TemplateCodeFragments(fragments, socket));
    }

    /** The defaults (type, depends-on, destroy method) with the supplier replaced by the registrar's. */
    private static final class TemplateCodeFragments extends BeanRegistrationCodeFragmentsDecorator {
        private final String socket;

        TemplateCodeFragments(BeanRegistrationCodeFragments delegate, String socket) {
            super(delegate);
            this.socket = socket;
        }

        /** The default refuses a definition with an instance supplier here; the code lives beside the registrar. */
        @Override
        public ClassName getTarget(RegisteredBean registeredBean) {
            return ClassName.get(ZmqTemplateRegistrar.class);
        }

        @Override
        public CodeBlock generateInstanceSupplierCode(
                GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode,
                boolean allowDirectSupplierShortcut) {
            return CodeBlock.of("$T.templateSupplier($S)", ZmqTemplateRegistrar.class, socket);
        }
    }
}
