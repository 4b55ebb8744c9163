package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.fakes.FakeTime;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcsSchedulerPrimingTest {

    private final EcsFixtures fixtures = new EcsFixtures();

    private EcsSchedulerPriming priming() {
        fixtures.ecs.withService(EcsFixtures.CLUSTER, EcsFixtures.WEB.service(), 2)
                .withTarget(EcsFixtures.CLUSTER, EcsFixtures.WEB.service(), 1, 4);
        EcsSchedulerPriming priming = new EcsSchedulerPriming();
        priming.settings = EcsFixtures.settings();
        priming.services = fixtures.ecs;
        priming.targets = fixtures.ecs;
        priming.parameters = fixtures.parameters;
        priming.clock = new FakeTime();
        return priming;
    }

    @Test
    void readsOnceThroughEveryAdapterAndChangesNothing() {
        EcsSchedulerPriming priming = priming();

        assertThat(priming.prime().failed()).isEmpty();

        assertThat(fixtures.ecs.calls()).extracting(call -> call.split(" ")[0])
                .containsExactly("DescribeServices", "DescribeScalableTargets", "GetParameter");
        assertThat(fixtures.ecs.mutatingCalls()).isEmpty();
        assertThat(fixtures.ecs.desired(EcsFixtures.CLUSTER, EcsFixtures.WEB.service())).isEqualTo(2);
    }

    @Test
    void aFailedReadDoesNotStopTheOthersNorTheSnapshot() {
        EcsSchedulerPriming priming = priming();
        fixtures.ecs.failing("DescribeServices");

        assertThat(priming.prime().failed()).containsExactly("DescribeServices");

        assertThat(fixtures.ecs.calls()).extracting(call -> call.split(" ")[0])
                .containsExactly("DescribeServices", "DescribeScalableTargets", "GetParameter");
    }

    /** The bean provider start-up hands to the observer; counts how often the priming bean is asked for. */
    private static final class CountingInstance implements Instance<EcsSchedulerPriming> {
        final AtomicInteger gets = new AtomicInteger();
        private final EcsSchedulerPriming bean;

        CountingInstance(EcsSchedulerPriming bean) {
            this.bean = bean;
        }

        @Override public EcsSchedulerPriming get() { gets.incrementAndGet(); return bean; }
        @Override public Iterator<EcsSchedulerPriming> iterator() { return List.of(get()).iterator(); }
        @Override public Instance<EcsSchedulerPriming> select(Annotation... qualifiers) { throw new UnsupportedOperationException(); }
        @Override public <U extends EcsSchedulerPriming> Instance<U> select(Class<U> type, Annotation... qualifiers) { throw new UnsupportedOperationException(); }
        @Override public <U extends EcsSchedulerPriming> Instance<U> select(TypeLiteral<U> type, Annotation... qualifiers) { throw new UnsupportedOperationException(); }
        @Override public boolean isUnsatisfied() { return false; }
        @Override public boolean isAmbiguous() { return false; }
        @Override public void destroy(EcsSchedulerPriming instance) { }
        @Override public Handle<EcsSchedulerPriming> getHandle() { throw new UnsupportedOperationException(); }
        @Override public Iterable<? extends Handle<EcsSchedulerPriming>> handles() { throw new UnsupportedOperationException(); }
    }

    /**
     * With a bad setting the priming bean cannot be made (its settings are refused), and the function must still
     * start so every invocation can fail with the message naming the variable: the bean is asked for only past a
     * valid gate.
     */
    @ParameterizedTest(name = "max attempts {0}: bean asked for {1} time(s)")
    @CsvSource({ "4, 1", "0, 0" })
    void registersThePrimingOnlyPastAValidSettingsGate(String maxAttempts, int gets) {
        SettingsGate gate = new SettingsGate(List.of(), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return "20"; }
        }, new PrintStream(OutputStream.nullOutputStream()), new FakeTime());
        CountingInstance beans = new CountingInstance(priming());

        EcsSchedulerPriming.register(null, gate, beans);

        assertThat(beans.gets).hasValue(gets);
    }
}
