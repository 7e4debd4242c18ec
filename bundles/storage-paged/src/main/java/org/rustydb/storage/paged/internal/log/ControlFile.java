package org.rustydb.storage.paged.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.files.SteadyChannel;

/**
 * The last completed checkpoint, in {@code <dir>/control}: where redo starts, and the counters
 * that must never go back (transaction ids and file ids are never reused). Replaced atomically:
 * written to a temporary file, forced, renamed over the old one, directory forced.
 *
 * @param redoPointer the log position recovery starts from
 * @param nextXid     the next storage transaction id to hand out, at least
 * @param nextFileId  the next file id to hand out, at least
 */
public record ControlFile(long redoPointer, long nextXid, int nextFileId) {
    private static final long MAGIC = 0x5275737479444231L; // "RustyDB1"
    private static final int SIZE = 8 + 8 + 8 + 4 + 4;
    public static final String NAME = "control";

    public static Optional<ControlFile> read(Path dir) {
        Path file = dir.resolve(NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "could not read control file \"%s\": %s", file, e.getMessage());
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length != SIZE || in.getLong(0) != MAGIC) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "control file \"%s\" is not a RustyDB control file", file);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, SIZE - 4);
        if ((int) crc.getValue() != in.getInt(SIZE - 4)) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "control file \"%s\" fails its checksum", file);
        }
        return Optional.of(new ControlFile(in.getLong(8), in.getLong(16), in.getInt(24)));
    }

    public void write(Path dir, boolean fsync) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.putLong(MAGIC).putLong(redoPointer).putLong(nextXid).putInt(nextFileId);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, SIZE - 4);
        out.putInt((int) crc.getValue()).flip();
        Path tmp = dir.resolve(NAME + ".tmp");
        // every step can be repeated, so an interrupt that closes a channel only means starting over
        SteadyChannel.uninterrupted(() -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = out.duplicate();
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (fsync) {
                    channel.force(true);
                }
            }
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
            return null;
        });
    }
}
