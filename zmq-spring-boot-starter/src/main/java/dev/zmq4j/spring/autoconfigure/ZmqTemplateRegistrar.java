package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.Context;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link ZmqTemplate} bean per declared sending socket, named after its {@code zmq.sockets} key. The
 * set of beans depends on the properties, hence a registry post-processor rather than {@code @Bean} methods. Runs
 * after the user's configuration classes are parsed, so a bean the user defines under the same name wins. Each
 * template depends on the {@link Context} bean, so the context is closed after every template.
 *
 * <p>Spring AOT runs this registrar at build time and writes the definitions it registered out as code (the instance
 * supplier as a call of {@link #templateSupplier}): in an application built ahead of time the template beans are
 * those of the sockets declared at build time, their options are read at runtime.
 */
public class ZmqTemplateRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, BeanFactoryAware {
    /** The attribute of a template bean definition that holds its {@code zmq.sockets} key. */
    public static final String SOCKET_ATTRIBUTE = ZmqTemplateRegistrar.class.getName() + ".socket";

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        Map<String, SocketProperties> sockets = Binder.get(environment)
                .bind("zmq.sockets", Bindable.mapOf(String.class, SocketProperties.class))
                .orElse(Map.of());
        ListableBeanFactory listable = (ListableBeanFactory) beanFactory;
        List<String> dependsOn = new ArrayList<>();
        dependsOn.addAll(Arrays.asList(listable.getBeanNamesForType(Context.class, false, false)));
        dependsOn.addAll(Arrays.asList(listable.getBeanNamesForType(ZmqTemplateFactory.class, false, false)));
        sockets.forEach((name, socket) -> {
            if (socket.getType() == null || !ZmqTemplateFactory.SENDING_TYPES.contains(socket.getType())) {
                return;
            }
            if (registry.containsBeanDefinition(name)) {
                refuseUnlessTemplate(listable, name);
                return;
            }
            RootBeanDefinition definition = new RootBeanDefinition(ZmqTemplate.class);
            definition.setInstanceSupplier(templateSupplier(name));
            definition.setAttribute(SOCKET_ATTRIBUTE, name);
            definition.setDependsOn(dependsOn.toArray(new String[0]));
            definition.setDestroyMethodName("close");
            registry.registerBeanDefinition(name, definition);
        });
    }

    /**
     * Creates the template of socket {@code name} from the runtime properties; public because the code Spring AOT
     * generates for the bean definitions calls it ({@code ZmqTemplateBeanRegistrationAotProcessor}). Under AOT the
     * bean exists because the socket was declared at build time, so a socket gone from the runtime properties fails
     * here, naming it.
     */
    public static InstanceSupplier<ZmqTemplate> templateSupplier(String name) {
        return registered -> {
            BeanFactory beans = registered.getBeanFactory();
            SocketProperties socket =
                    beans.getBean(ZmqProperties.class).getSockets().get(name);
            if (socket == null) {
                throw new InvalidZmqConfigurationException(
                        "zmq.sockets." + name,
                        "the socket was declared when the application was built ahead of time (Spring AOT), so it has"
                                + " a ZmqTemplate bean, but it is not declared at runtime; declare it again or rebuild");
            }
            return beans.getBean(ZmqTemplateFactory.class).create(name, socket);
        };
    }

    /**
     * A bean of the socket's name that is itself a template is the user's override; any other bean there would make
     * the template vanish and fail later with a puzzling "no qualifying bean", so startup stops here instead.
     */
    private static void refuseUnlessTemplate(ListableBeanFactory beans, String name) {
        Class<?> existing = beans.getType(name, false);
        if (existing != null && !ZmqTemplate.class.isAssignableFrom(existing)) {
            throw new InvalidZmqConfigurationException(
                    "zmq.sockets." + name,
                    "a bean named '" + name
                            + "' of type " + existing.getName()
                            + " already exists, so the ZmqTemplate of this socket cannot"
                            + " be registered under its name; rename the socket or the bean");
        }
    }
}
