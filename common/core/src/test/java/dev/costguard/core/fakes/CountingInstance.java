package dev.costguard.core.fakes;

import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The container's handle on a bean, as a test hands it to code that asks for the bean lazily: {@code get()} makes
 * one and counts it; anything else asked of it fails the test.
 */
public final class CountingInstance<T> {

    private final AtomicInteger made = new AtomicInteger();
    private final Instance<T> instance;

    @SuppressWarnings("unchecked")
    public CountingInstance(Supplier<T> bean) {
        instance = (Instance<T>) Proxy.newProxyInstance(CountingInstance.class.getClassLoader(),
                new Class<?>[] { Instance.class }, (proxy, method, args) -> {
                    if (method.getName().equals("get") && method.getParameterCount() == 0) {
                        made.incrementAndGet();
                        return bean.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public Instance<T> instance() {
        return instance;
    }

    /** How many times the bean was asked for. */
    public int made() {
        return made.get();
    }
}
