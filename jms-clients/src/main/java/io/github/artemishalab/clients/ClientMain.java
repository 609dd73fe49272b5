package io.github.artemishalab.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;

/**
 * The clients as the Maven profiles run them ({@code mvn verify -PqueueSender}, {@code -PqueueReceiver}): the
 * connection factory and queue come from {@code jndi.properties}, options from {@code -D} properties.
 */
public final class ClientMain {

    /** What a user can set with {@code -D}. */
    record Options(String role, Path jndi, long count, double rate, Delivery delivery, String queue, String url,
                   Path ledger, Duration idleTimeout, String user, String password) {

        static Options fromSystemProperties(String role) {
            Path labDir = Path.of(System.getProperty("labDir", "../lab-data"));
            Path jndi = System.getProperty("jndi") != null ? Path.of(System.getProperty("jndi"))
                    : labDir.resolve("jndi.properties");
            String defaultCount = role.equals("sender") ? "20000" : "0";
            String idle = System.getProperty("idleTimeout");
            String ledger = System.getProperty("ledger");
            return new Options(role, jndi, Long.parseLong(System.getProperty("count", defaultCount)),
                    Double.parseDouble(System.getProperty("rate", "500")),
                    Delivery.parse(System.getProperty("delivery", "exactly-once")),
                    System.getProperty("queue"), System.getProperty("url"),
                    ledger != null ? Path.of(ledger) : null,
                    idle != null ? Duration.ofSeconds(Long.parseLong(idle.replace("s", ""))) : null,
                    System.getProperty("user"), System.getProperty("password"));
        }
    }

    private ClientMain() {
    }

    public static void main(String[] args) throws Exception {
        String role = args.length > 0 ? args[0] : "sender";
        PrintWriter out = new PrintWriter(System.out, true);
        try {
            // No System.exit on success: the Maven profiles run this inside Maven's own JVM (exec:java).
            run(Options.fromSystemProperties(role), out);
        } catch (IllegalArgumentException | NamingException | IOException e) {
            System.err.println("lab client: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Options o, PrintWriter out) throws Exception {
        Properties env = jndiEnvironment(o.jndi());
        Context ctx = new InitialContext(new Hashtable<>(env));
        ActiveMQConnectionFactory factory = (ActiveMQConnectionFactory) ctx.lookup("ConnectionFactory");
        ActiveMQQueue jndiQueue = (ActiveMQQueue) ctx.lookup("queues/exampleQueue");
        ctx.close();
        // the URL as jndi.properties writes it: toURI() encodes it once more, and a truststore path with it
        String written = env.getProperty("connectionFactory.ConnectionFactory");
        String url = o.url() != null ? o.url() : written != null ? written : factory.toURI().toString();
        factory.close();
        String queue = o.queue() != null ? o.queue() : jndiQueue.getQueueName();
        String user = o.user() != null ? o.user() : env.getProperty("lab.user");
        String password = o.password() != null ? o.password() : env.getProperty("lab.password");
        Path ledgers = o.jndi().toAbsolutePath().getParent().resolve("ledgers");
        String id = o.role().equals("sender") ? ClientConfig.newId("sender") : "receiver";
        ClientConfig config = new ClientConfig(url, user, password, queue, o.delivery(),
                o.ledger() != null ? o.ledger() : ledgers.resolve(id + ".jsonl"), id);
        out.printf("%s %s on %s (%s)%n  url %s%n  ledger %s%n", o.role(), id, queue, o.delivery(),
                ClientTls.redacted(url), config.ledger());

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            Progress progress = new Progress(o.role().equals("sender") ? "sent" : "received", o.count(), out,
                    System.console() != null);
            if (o.role().equals("sender")) {
                QueueSender.Result r = new QueueSender(config, o.count(), o.rate(), progress).run(stop::get);
                out.printf("Sent %d, confirmed %d, outcome unknown %d.%n", r.sent(), r.confirmed(), r.unknown());
            } else {
                QueueReceiver.Result r = new QueueReceiver(config, o.count(), o.idleTimeout(), progress).run(stop::get);
                out.printf("Received %d (%s).%n", r.received(), r.ending());
            }
        } finally {
            finished.countDown();
        }
        return 0;
    }

    /**
     * Writes a jndi.properties for a running lab: its HA URL, the queue, and its credentials (as {@code lab.user},
     * {@code lab.password}, which JNDI ignores and the clients read).
     */
    public static void writeJndi(Path file, String url, String user, String password) throws IOException {
        String text = "# written by ./lab up for this lab: the Maven profiles read it (see jms-clients/jndi.properties)\n"
                + "java.naming.factory.initial=org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory\n"
                + "connectionFactory.ConnectionFactory=" + url + "\n"
                + "queue.queues/exampleQueue=exampleQueue\n"
                + "lab.user=" + user + "\n"
                + "lab.password=" + password + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        // it holds the lab's password: readable by its owner only, from the first byte on
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    /** The lab's own jndi.properties when a lab runs, else the one on the classpath (default ports). */
    static Properties jndiEnvironment(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            try (InputStream in = ClientMain.class.getResourceAsStream("/jndi.properties")) {
                if (in == null) {
                    throw new IOException("no jndi.properties on the classpath");
                }
                p.load(in);
            }
        }
        return p;
    }
}
