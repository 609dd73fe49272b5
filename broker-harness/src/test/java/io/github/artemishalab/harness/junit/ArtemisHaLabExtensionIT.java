package io.github.artemishalab.harness.junit;

import static io.github.artemishalab.harness.lab.Conditions.failedOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.topology.Mode;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @ArtemisHaLab} as a user meets it: sample test classes run through JUnit's own engine, with real pairs, and
 * every node they started is gone afterwards, pass or fail.
 */
class ArtemisHaLabExtensionIT {

    /** Pids of the nodes the samples saw, to check afterwards that none survived. */
    static final List<Long> PIDS = new CopyOnWriteArrayList<>();

    private static Events run(Class<?> sample) {
        PIDS.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    private static boolean anyAlive(List<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static void remember(Lab lab) {
        lab.nodes().stream().filter(Node::running).forEach(n -> PIDS.add(n.pid()));
    }

    /** What made the samples fail: the test kit alone says only how many did. */
    private static List<String> failures(Events events) {
        return events.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::toString).orElse("(no throwable)"))
                .toList();
    }

    @Test
    void aUsersFailoverTestGetsAStartedPairAndLeavesNoNodeBehind() {
        Events events = run(UserFailoverTest.class);
        assertThat(failures(events)).as("the sample's failures").isEmpty();
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(PIDS).hasSize(2);
        assertThat(anyAlive(PIDS)).as("nodes still running after the test").isFalse();
    }

    /**
     * A ready shared-store pair has its backup announced to the primary, so a client that connects at once knows
     * where to fail over to, however late the backup would have got round to it: here the backup is frozen the
     * moment the lab is ready, and thawed only once the primary is dead. (The lab once called the backup ready
     * before it had announced itself; a client then retried the dead primary until its call timed out.)
     */
    @Test
    void aClientOfAJustReadyPairKnowsTheBackup() {
        Events events = run(BackupFrozenWhenReadyTest.class);
        assertThat(failures(events)).as("the sample's failures").isEmpty();
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(anyAlive(PIDS)).as("nodes still running after the test").isFalse();
    }

    @Test
    void aFailingTestStillLeavesNoNodeBehind() {
        Events events = run(FailingTest.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        assertThat(PIDS).hasSize(2);
        assertThat(anyAlive(PIDS)).isFalse();
    }

    @Test
    void aLabWithoutTheAnnotationGetsAnActionableMessage() {
        run(MissingAnnotation.class).assertThatEvents().haveExactly(1,
                event(test(), finishedWithFailure(message(m -> m.contains("needs @ArtemisHaLab on the test class")))));
    }

    @Test
    void aPerMethodLabInBeforeAllGetsAnActionableMessage() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LabInBeforeAll.class)).execute()
                .containerEvents();
        events.assertThatEvents().haveExactly(1,
                event(finishedWithFailure(message(m -> m.contains("would outlive its test")
                        && m.contains("scope = PER_CLASS")))));
    }

    // ------------------------------------------------------------------ samples, run only through the test kit

    @ArtemisHaLab(mode = Mode.SHARED_STORE)
    static class UserFailoverTest {
        @Test
        void survivesKill(Lab lab) throws Exception {
            remember(lab);
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(lab.haUrl(), lab.user(),
                    lab.password()); Connection c = cf.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("orders")).send(s.createTextMessage("before"));
                Node killed = lab.kill(lab.active()).get(0);
                lab.await(failedOver());
                assertThat(lab.node(killed.name()).state()).isEqualTo(NodeState.STOPPED);
                s.createProducer(s.createQueue("orders")).send(s.createTextMessage("after"));
                c.start();
                var consumer = s.createConsumer(s.createQueue("orders"));
                assertThat(consumer.receive(10_000)).isNotNull();
                assertThat(consumer.receive(10_000)).isNotNull();
            }
        }
    }

    @ArtemisHaLab(mode = Mode.SHARED_STORE)
    static class BackupFrozenWhenReadyTest {
        private static int signal(String signal, long pid) throws Exception {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        }

        @Test
        void failsOver(Lab lab) throws Exception {
            remember(lab);
            long backup = lab.node("backup").pid();
            assertThat(signal("STOP", backup)).as("kill -STOP the backup").isZero();
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(lab.haUrl(), lab.user(),
                    lab.password()); Connection c = cf.createConnection()) {
                AtomicReference<FailoverEventType> failover = new AtomicReference<>();
                ((ActiveMQConnection) c).setFailoverListener(failover::set);
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("orders")).send(s.createTextMessage("before"));
                lab.kill(lab.active());
                assertThat(signal("CONT", backup)).as("kill -CONT the backup").isZero();
                lab.await(failedOver());
                // the client itself must fail over to the backup; a send while it is still finding the primary dead
                // would end with an unknown outcome (AMQ219016), as any send caught by a failover does
                Awaitility.await("the client's failover to the backup").atMost(Duration.ofSeconds(30))
                        .until(() -> failover.get() == FailoverEventType.FAILOVER_COMPLETED);
                s.createProducer(s.createQueue("orders")).send(s.createTextMessage("after"));
                c.start();
                var consumer = s.createConsumer(s.createQueue("orders"));
                assertThat(consumer.receive(10_000)).isNotNull();
                assertThat(consumer.receive(10_000)).isNotNull();
            } finally {
                signal("CONT", backup);
            }
        }
    }

    @ArtemisHaLab
    static class FailingTest {
        Lab lab;

        @Test
        void fails() {
            remember(lab);
            assertThat(lab.active().name()).isEqualTo("no such node");
        }
    }

    @ExtendWith(ArtemisHaLabExtension.class)
    static class MissingAnnotation {
        @Test
        void needsALab(Lab lab) {
            remember(lab);
        }
    }

    @ArtemisHaLab
    static class LabInBeforeAll {
        @BeforeAll
        static void setUp(Lab lab) {
            remember(lab);
        }

        @Test
        void nothing() {
        }
    }
}
