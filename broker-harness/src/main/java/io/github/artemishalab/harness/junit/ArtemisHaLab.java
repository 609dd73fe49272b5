package io.github.artemishalab.harness.junit;

import io.github.artemishalab.harness.topology.Mode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real primary/backup pair of Artemis brokers, each in its own JVM, as a started
 * {@link io.github.artemishalab.harness.lab.Lab} parameter or field:
 * <pre>
 * &#64;ArtemisHaLab(mode = Mode.REPLICATION)
 * class PaymentServiceFailoverTest {
 *     &#64;Test void survivesKill(Lab lab) { ... lab.haUrl() ... lab.kill(lab.active()); lab.await(failedOver()); }
 * }
 * </pre>
 * Every node is gone when the test ends, pass or fail, and within a second or so if the test JVM itself is killed.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ArtemisHaLabExtension.class)
public @interface ArtemisHaLab {

    /** The HA mode of the pair. */
    Mode mode() default Mode.REPLICATION;

    /** Whether a returning primary takes over again. */
    boolean failback() default true;

    /**
     * One pair per test method (the default: every test starts from a ready pair), or one pair for the whole class
     * (faster; each test then starts from wherever the last one left the pair).
     */
    Scope scope() default Scope.PER_METHOD;

    /**
     * TLS on every link ({@code lab up --tls}): {@code lab.haUrl()} then carries {@code sslEnabled} and the lab's
     * truststore.
     */
    boolean tls() default false;

    /**
     * With {@link #tls()}: brokers demand a client certificate; {@code lab.haUrl()} names the lab's client key and makes
     * the test JVM present it on failovers too ({@code org.apache.activemq.ssl.keyStore}).
     */
    boolean clientAuth() default false;

    /** Artemis's own logs in the nodes' log files. */
    boolean verbose() default false;

    /** How long a pair may take to be ready, in seconds. */
    int startupTimeoutSeconds() default 90;

    /** How long a pair lives. */
    enum Scope { PER_METHOD, PER_CLASS }
}
