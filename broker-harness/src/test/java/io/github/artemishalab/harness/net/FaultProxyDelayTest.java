package io.github.artemishalab.harness.net;

import static io.github.artemishalab.harness.net.ProxyFixture.CLIENTS;
import static io.github.artemishalab.harness.net.ProxyFixture.LOCAL;
import static io.github.artemishalab.harness.net.Sockets.echo;
import static io.github.artemishalab.harness.net.Sockets.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A delayed link: each direction late by the delay, nothing reordered, nothing lost across cuts. */
class FaultProxyDelayTest {

    private ProxyFixture lab;

    @BeforeEach
    void start() throws IOException {
        lab = ProxyFixture.start();
    }

    @AfterEach
    void stop() throws IOException {
        lab.close();
    }

    @Test
    void delayHoldsEachDirectionSoARoundTripTakesTwice() throws IOException {
        Socket c = lab.client(LOCAL);
        assertThat(echo(c, "warm")).isEqualTo("warm");
        lab.apply(CLIENTS, LinkRule.delayed(200));

        long t0 = System.nanoTime();
        assertThat(echo(c, "x")).isEqualTo("x");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf("round trip at 200 ms per direction: %d ms%n", millis);
        assertThat(millis).isBetween(400L, 2000L);
    }

    @Test
    void delayHoldsTheCloseBehindTheData() throws IOException {
        Socket c = lab.client(LOCAL);
        assertThat(echo(c, "warm")).isEqualTo("warm");
        lab.apply(CLIENTS, LinkRule.delayed(200));

        c.close();

        await("FIN on its way").pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1))
                .until(() -> lab.target().eofs() == 0);
        await("FIN arrived").atMost(Duration.ofSeconds(1)).until(() -> lab.target().eofs() == 1);
    }

    @Test
    void aStreamCutAndHealedMidTransferArrivesWholeAndInOrder() throws Exception {
        Socket c = lab.client(LOCAL);
        long total = 64L << 20;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                byte[] block = new byte[8192];
                for (long k = 0; k < total; k += block.length) {
                    for (int j = 0; j < block.length; j++) {
                        block[j] = (byte) ((k + j) % 251);
                    }
                    c.getOutputStream().write(block);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            try {
                byte[] buf = new byte[65536];
                long k = 0;
                while (k < total) {
                    int n = c.getInputStream().read(buf);
                    for (int j = 0; j < n; j++, k++) {
                        if (buf[j] != (byte) (k % 251)) {
                            return k;
                        }
                    }
                }
                return -1L;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        for (int cut = 1; cut <= 5; cut++) {
            long mark = cut * (4L << 20);
            await().pollInterval(Duration.ofMillis(1))
                    .until(() -> lab.stats(CLIENTS).bytesToTarget() > mark);
            lab.apply(CLIENTS, LinkRule.of(Cut.DROP));
            long before = lab.stats(CLIENTS).bytesToTarget();
            await("nothing forwarded while cut").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                    .until(() -> lab.stats(CLIENTS).bytesToTarget() == before);
            lab.healAll();
        }

        assertThat(writer).succeedsWithin(Duration.ofSeconds(10));
        assertThat(reader).succeedsWithin(Duration.ofSeconds(10)).as("first wrong byte").isEqualTo(-1L);
        assertThat(lab.stats(CLIENTS)).isEqualTo(new LinkStats(LinkRule.OPEN, 1, 1, total, total, 0));
    }

    @Test
    void delayKeepsOrderWhenItShrinksMidStream() throws IOException {
        Socket c = lab.client(LOCAL);
        assertThat(echo(c, "warm")).isEqualTo("warm");
        lab.apply(CLIENTS, LinkRule.delayed(300));
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            c.getOutputStream().write(ByteBuffer.allocate(4).putInt(i).array());
        }
        await("the proxy read them under the delay").pollInterval(Duration.ofMillis(5))
                .until(() -> lab.stats(CLIENTS).heldBytes() == 400);
        // chunks read from now on are due at once, yet must queue behind the 300 ms ones
        lab.apply(CLIENTS, LinkRule.OPEN);
        for (int i = 100; i < 200; i++) {
            c.getOutputStream().write(ByteBuffer.allocate(4).putInt(i).array());
        }

        byte[] first = Sockets.readExactly(c, 4);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        ByteBuffer back = ByteBuffer.allocate(800).put(first).put(Sockets.readExactly(c, 796)).flip();
        List<Integer> order = new ArrayList<>();
        while (back.hasRemaining()) {
            order.add(back.getInt());
        }
        assertThat(order).isSorted().hasSize(200).doesNotHaveDuplicates();
    }
}
