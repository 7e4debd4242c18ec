package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * A node's binary search compares keys 8 bytes at a time, as unsigned numbers; it
 * must order keys exactly as unsigned bytewise comparison does, short keys, prefixes and zero
 * bytes included.
 */
class NodeSearchTest {
    /** Bytes 0, 1, 0x7F, 0x80 and 0xFF make prefixes, zero padding and sign mistakes show. */
    private static final byte[] ALPHABET = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF};

    private static byte[] randomKey(Random random) {
        byte[] key = new byte[random.nextInt(21)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return key;
    }

    @Test
    void comparisonsAndBoundsMatchBytewiseOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Node.Cell> cells = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                cells.add(new Node.Cell(randomKey(random), random.nextInt(3), 0));
            }
            cells.sort((a, b) -> Node.compare(a.key(), a.value(), b.key(), b.value()));
            ByteBuffer page = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
            Node.rebuild(new PageWriter(page), 0, 0, 0, null, cells);
            for (int probe = 0; probe < 50; probe++) {
                byte[] key = randomKey(random);
                long value = random.nextInt(3);
                int lower = 0;
                int upper = 0;
                for (int i = 0; i < cells.size(); i++) {
                    Node.Cell c = cells.get(i);
                    int expected = Integer.signum(Node.compare(c.key(), c.value(), key, value));
                    assertEquals(expected, Integer.signum(Node.compareAt(page, i, key, value)));
                    lower += expected < 0 ? 1 : 0;
                    upper += expected <= 0 ? 1 : 0;
                }
                assertEquals(lower, Node.lowerBound(page, key, value));
                assertEquals(upper, Node.upperBound(page, key, value));
            }
        }
    }
}
