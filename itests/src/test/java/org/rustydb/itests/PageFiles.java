package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The paged engine's data files as seen from outside: {@code <store>/base/<fileId>}, arrays of
 * 8 KiB pages. Only for tests that damage a stopped server's files on purpose.
 */
final class PageFiles {
    static final int PAGE_SIZE = 8192;
    /** Bytes flipped in the middle of a page: past the 16-byte header, so only the checksum can tell. */
    private static final int DAMAGE_OFFSET = PAGE_SIZE / 2;
    private static final int DAMAGE_LENGTH = 16;

    private PageFiles() {
    }

    /** The ids of the files under {@code store/base}. */
    static Set<Integer> fileIds(Path store) throws IOException {
        Set<Integer> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(store.resolve("base"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    ids.add(Integer.parseInt(name));
                }
            }
        }
        return ids;
    }

    /**
     * The heap file of a table created between two listings of base/: a table with a primary key
     * gets two new files, its heap and then its index, so the heap has the lower id.
     */
    static int heapOfNewTable(Set<Integer> before, Set<Integer> after) {
        Set<Integer> created = new TreeSet<>(after);
        created.removeAll(before);
        assertEquals(2, created.size(), "create table with a primary key makes a heap and an index file; before "
                + before + ", after " + after);
        return created.iterator().next();
    }

    static Path file(Path store, int fileId) {
        return store.resolve("base").resolve(Integer.toString(fileId));
    }

    /** Whole pages in a file. */
    static int pageCount(Path store, int fileId) throws IOException {
        return (int) (Files.size(file(store, fileId)) / PAGE_SIZE);
    }

    /** Inverts bytes in the middle of page {@code block}; returns the original bytes, for {@link #restore}. */
    static byte[] damage(Path store, int fileId, int block) throws IOException {
        try (FileChannel channel = FileChannel.open(file(store, fileId), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long position = (long) block * PAGE_SIZE + DAMAGE_OFFSET;
            ByteBuffer bytes = ByteBuffer.allocate(DAMAGE_LENGTH);
            assertEquals(DAMAGE_LENGTH, channel.read(bytes, position), "short read of block " + block);
            byte[] original = bytes.array().clone();
            byte[] flipped = new byte[DAMAGE_LENGTH];
            for (int i = 0; i < DAMAGE_LENGTH; i++) {
                flipped[i] = (byte) ~original[i];
            }
            assertEquals(DAMAGE_LENGTH, channel.write(ByteBuffer.wrap(flipped), position));
            channel.force(true);
            return original;
        }
    }

    /** Writes back what {@link #damage} replaced. */
    static void restore(Path store, int fileId, int block, byte[] original) throws IOException {
        try (FileChannel channel = FileChannel.open(file(store, fileId), StandardOpenOption.WRITE)) {
            assertEquals(DAMAGE_LENGTH, original.length);
            channel.write(ByteBuffer.wrap(original), (long) block * PAGE_SIZE + DAMAGE_OFFSET);
            channel.force(true);
        }
    }
}
