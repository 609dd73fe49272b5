package io.github.artemishalab.harness.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * One stock broker for the bench: an {@code EmbeddedActiveMQ} (the lab's Artemis) given an {@code artemis create}
 * instance's {@code etc/broker.xml} and its JAAS login, as {@code bin/artemis run} would start it, logging at INFO.
 */
public final class StockBroker {

    private StockBroker() {
    }

    /** {@code StockBroker INSTANCE_DIR}: runs until the JVM is stopped. */
    public static void main(String[] args) throws Exception {
        Path instance = Path.of(args[0]).toAbsolutePath();
        // before the first logger: Artemis's own lines (AMQ221007, AMQ221031, AMQ221024) are what the bench waits for
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // bin/artemis sets both: relative data directories resolve against the instance, and the login module reads
        // artemis-users.properties beside login.config
        System.setProperty("artemis.instance", instance.toString());
        System.setProperty("java.security.auth.login.config", instance.resolve("etc/login.config").toString());
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(instance.resolve("etc/broker.xml").toUri().toString());
        broker.setSecurityManager(new ActiveMQJAASSecurityManager("activemq"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                // the JVM is going away either way
            }
            stopped.countDown();
        }, "stock-broker-stop"));
        broker.start();
        stopped.await();
    }
}
