package org.rustydb.storage.paged.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.rustydb.storage.paged.internal.page.PageId;

class PageTableTest {
    @Test
    void randomChurnMatchesAMapThroughManyRebuilds() {
        int frames = 64;
        PageTable table = new PageTable(frames);
        Map<PageId, BufferFrame> model = new HashMap<>();
        List<BufferFrame> pool = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            pool.add(new BufferFrame(new AtomicInteger()));
        }
        Random random = new Random(3);
        for (int step = 0; step < 200_000; step++) {
            // file ids around 0 and large, page numbers up to the int range: key packing edges
            PageId id = new PageId(random.nextInt(4) == 0 ? Integer.MAX_VALUE - random.nextInt(2) : random.nextInt(3),
                    random.nextInt(4) == 0 ? Integer.MAX_VALUE - random.nextInt(300) : random.nextInt(300));
            BufferFrame frame = pool.get(random.nextInt(frames));
            if (model.containsKey(id) || model.size() >= frames || random.nextBoolean()) {
                BufferFrame mapped = model.get(id);
                boolean removed = table.remove(id, frame);
                assertEquals(mapped == frame, removed, "remove " + id);
                if (removed) {
                    model.remove(id);
                }
            } else {
                table.put(id, frame);
                model.put(id, frame);
            }
            PageId probe = new PageId(random.nextInt(3), random.nextInt(300));
            assertSame(model.get(probe), table.get(probe), "get " + probe);
        }
        for (Map.Entry<PageId, BufferFrame> e : model.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
            assertTrue(table.containsKey(e.getKey()));
        }
        assertNull(table.get(new PageId(7, 7)));
        assertFalse(table.remove(new PageId(7, 7), pool.get(0)));
    }

    /** Lock-free lookups during changes: a page that stays mapped is always found. */
    @Test
    void lookupsDuringChurnAlwaysFindPagesThatStay() throws Exception {
        PageTable table = new PageTable(256);
        BufferFrame stable = new BufferFrame(new AtomicInteger());
        PageId kept = new PageId(1, 12345);
        table.put(kept, stable);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger wrong = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                if (table.get(kept) != stable) {
                    wrong.incrementAndGet();
                }
            }
        });
        reader.start();
        BufferFrame churn = new BufferFrame(new AtomicInteger());
        Random random = new Random(5);
        List<PageId> mapped = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            if (mapped.size() < 200 && random.nextBoolean()) {
                PageId id = new PageId(2, random.nextInt(1_000_000));
                if (!mapped.contains(id)) {
                    table.put(id, churn);
                    mapped.add(id);
                }
            } else if (!mapped.isEmpty()) {
                assertTrue(table.remove(mapped.remove(random.nextInt(mapped.size())), churn));
            }
        }
        stop.set(true);
        reader.join();
        assertEquals(0, wrong.get());
    }
}
