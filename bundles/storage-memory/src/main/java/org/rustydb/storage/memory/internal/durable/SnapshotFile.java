package org.rustydb.storage.memory.internal.durable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ColumnExtrasCodec;
import org.rustydb.storage.log.internal.codec.ConstraintCodec;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.log.internal.codec.ViewCodec;
import org.rustydb.storage.memory.internal.durable.DatabaseImage.TableImage;
import org.rustydb.storage.log.internal.wal.WalSegments;

/**
 * A snapshot: every table as of a log position, in {@code snapshot-<lsn as 16 hex digits>.dat}.
 * Layout: magic, LSN, chunks {@code [int length][kind byte, ...]} (a table header, then batches
 * of rows), an end chunk with the table count, and a CRC32C of all bytes before it. A snapshot is
 * written to a temporary file, forced, renamed and the directory forced, so a crash leaves either
 * the whole file or none.
 *
 * <p>Format 2 ({@code RDBSNAP2}) added the created indexes of each table to its header chunk,
 * format 3 ({@code RDBSNAP3}) the table's CHECK and FOREIGN KEY constraints after them; files of
 * format 4 ({@code RDBSNAP4}) the columns' defaults and identity after those, and sequence chunks
 * (definition, value, called) before the end; files of formats 1 (no indexes), 2 (no
 * constraints) and 3 (no column extras, no sequences) are still read. View chunks (a view's
 * definition) came later in format 4; files without them simply have no views. So did the schemas
 * chunk (count, names), written in every snapshot; a file without one has only {@code public}.
 */
public final class SnapshotFile {
    private static final byte[] MAGIC_V1 = "RDBSNAP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V2 = "RDBSNAP2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V3 = "RDBSNAP3".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MAGIC = "RDBSNAP4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("snapshot-([0-9a-f]{16})\\.dat");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int TABLE = 1;
    private static final int ROWS = 2;
    private static final int END = 3;
    private static final int SEQUENCE = 4;
    private static final int VIEW = 5;
    private static final int SCHEMAS = 6;
    private static final int CHUNK_BYTES = 256 * 1024;

    /** A snapshot file found in the directory. */
    public record Info(long lsn, Path path) {
    }

    private SnapshotFile() {
    }

    public static String fileName(long lsn) {
        return String.format(Locale.ROOT, "snapshot-%016x.dat", lsn);
    }

    /** The snapshots in the directory, newest first. */
    public static List<Info> list(Path dir) throws IOException {
        List<Info> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(path.getFileName().toString());
                if (m.matches()) {
                    found.add(new Info(Long.parseUnsignedLong(m.group(1), 16), path));
                }
            }
        }
        found.sort(Comparator.comparingLong(Info::lsn).reversed());
        return found;
    }

    /** Removes temporary files left by a crash during a checkpoint. */
    public static void deleteTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                if (name.startsWith("snapshot-") && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    public static Path write(Path dir, long lsn, DatabaseImage image, boolean fsync) throws IOException {
        Path target = dir.resolve(fileName(lsn));
        Path temp = dir.resolve(fileName(lsn) + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024), crc));
            out.write(MAGIC);
            out.writeLong(lsn);
            ByteWriter chunk = new ByteWriter(CHUNK_BYTES + 1024);
            for (TableImage table : image.tables().values()) {
                chunk.writeByte(TABLE);
                ValueCodec.writeDefinition(chunk, table.definition());
                chunk.writeVarLong(table.nextRowId());
                chunk.writeVarLong(table.rows().size());
                chunk.writeVarLong(table.indexes().size());
                for (IndexDefinition index : table.indexes()) {
                    IndexCodec.write(chunk, index);
                }
                ConstraintCodec.write(chunk, table.definition());
                ColumnExtrasCodec.write(chunk, table.definition());
                flushChunk(out, chunk);
                int inChunk = 0;
                ByteWriter rows = new ByteWriter(CHUNK_BYTES + 1024);
                for (Map.Entry<Long, Object[]> row : table.rows().entrySet()) {
                    rows.writeVarLong(row.getKey());
                    ValueCodec.writeRow(rows, row.getValue());
                    inChunk++;
                    if (rows.size() >= CHUNK_BYTES) {
                        writeRows(out, chunk, rows, inChunk);
                        inChunk = 0;
                    }
                }
                if (inChunk > 0) {
                    writeRows(out, chunk, rows, inChunk);
                }
            }
            for (DatabaseImage.SequenceImage sequence : image.sequences().values()) {
                chunk.writeByte(SEQUENCE);
                ColumnExtrasCodec.writeSequence(chunk, sequence.definition());
                chunk.writeZigZag(sequence.value());
                chunk.writeByte(sequence.called() ? 1 : 0);
                flushChunk(out, chunk);
            }
            for (org.rustydb.spi.storage.ViewDefinition view : image.views().values()) {
                chunk.writeByte(VIEW);
                ViewCodec.write(chunk, view);
                flushChunk(out, chunk);
            }
            chunk.writeByte(SCHEMAS);
            chunk.writeVarLong(image.schemas().size());
            image.schemas().forEach(chunk::writeString);
            flushChunk(out, chunk);
            chunk.writeByte(END);
            chunk.writeVarLong(image.tables().size());
            flushChunk(out, chunk);
            out.flush();
            out.writeInt((int) crc.getValue());
            out.flush();
            if (fsync) {
                channel.force(true);
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            WalSegments.syncDirectory(dir);
        }
        return target;
    }

    private static void writeRows(DataOutputStream out, ByteWriter chunk, ByteWriter rows, int count)
            throws IOException {
        chunk.reset();
        chunk.writeByte(ROWS);
        chunk.writeVarLong(count);
        chunk.writeBytes(rows.array(), 0, rows.size());
        rows.reset();
        flushChunk(out, chunk);
    }

    private static void flushChunk(DataOutputStream out, ByteWriter chunk) throws IOException {
        out.writeInt(chunk.size());
        out.write(chunk.array(), 0, chunk.size());
        chunk.reset();
    }

    /**
     * Reads a snapshot. {@link CorruptDataException} when it fails its checksum or does not
     * decode; the caller then falls back to an older one.
     */
    public static DatabaseImage read(Path file, long expectedLsn) throws IOException {
        long size = Files.size(file);
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 64 * 1024), crc);
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int format = Arrays.equals(magic, MAGIC) ? 4 : Arrays.equals(magic, MAGIC_V3) ? 3
                    : Arrays.equals(magic, MAGIC_V2) ? 2
                    : Arrays.equals(magic, MAGIC_V1) ? 1 : 0;
            if (format == 0) {
                throw new CorruptDataException("not a snapshot file");
            }
            long lsn = in.readLong();
            if (lsn != expectedLsn) {
                throw new CorruptDataException("snapshot holds position " + lsn + ", its name says " + expectedLsn);
            }
            DatabaseImage image = new DatabaseImage();
            long read = MAGIC.length + 8;
            while (true) {
                int length = in.readInt();
                if (length <= 0 || length > size - read - 8) {
                    throw new CorruptDataException("chunk length " + length + " at offset " + read);
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                read += 4 + length;
                ByteReader chunk = new ByteReader(bytes);
                int kind = chunk.readByte();
                if (kind == END) {
                    long tables = chunk.readVarLong();
                    if (tables != image.tables().size()) {
                        throw new CorruptDataException("end chunk counts " + tables + " tables, read "
                                + image.tables().size());
                    }
                    break;
                }
                if (kind == SEQUENCE && format >= 4) {
                    org.rustydb.spi.storage.SequenceDefinition definition = ColumnExtrasCodec.readSequence(chunk);
                    image.sequences().put(new TableName(definition.schema(), definition.name()),
                            new DatabaseImage.SequenceImage(definition, chunk.readZigZag(), chunk.readByte() == 1));
                    continue;
                }
                if (kind == VIEW && format >= 4) {
                    org.rustydb.spi.storage.ViewDefinition view = ViewCodec.read(chunk);
                    image.views().put(new TableName(view.schema(), view.name()), view);
                    continue;
                }
                if (kind == SCHEMAS && format >= 4) {
                    image.schemas().clear();
                    for (int i = chunk.readLength(); i > 0; i--) {
                        image.schemas().add(chunk.readString());
                    }
                    continue;
                }
                if (kind != TABLE) {
                    throw new CorruptDataException("unexpected chunk kind " + kind + " at offset "
                            + (read - length - 4));
                }
                read = readTable(in, chunk, format, image, size, read);
            }
            int expected = (int) crc.getValue();
            int stored = in.readInt();
            if (stored != expected || in.read() != -1) {
                throw new CorruptDataException("checksum mismatch");
            }
            return image;
        } catch (EOFException e) {
            throw new CorruptDataException("snapshot ends early");
        }
    }

    private static long readTable(DataInputStream in, ByteReader header, int format, DatabaseImage image,
                                  long size, long read) throws IOException {
        TableImage table = new TableImage(ValueCodec.readDefinition(header));
        long nextRowId = header.readVarLong();
        long rowCount = header.readVarLong();
        int indexCount = format >= 2 ? header.readLength() : 0;
        for (int i = 0; i < indexCount; i++) {
            table.addIndex(IndexCodec.read(header));
        }
        if (format >= 3) {
            ConstraintCodec.Constraints constraints = ConstraintCodec.read(header,
                    table.definition().columns().size());
            table.setConstraints(constraints.checks(), constraints.foreignKeys());
        }
        if (format >= 4) {
            table.setDefinition(ColumnExtrasCodec.read(header, table.definition()));
        }
        if (header.remaining() != 0) {
            throw new CorruptDataException("unexpected bytes after the header of table " + table.definition().name());
        }
        while (table.rows().size() < rowCount) {
            int length = in.readInt();
            if (length <= 0 || length > size - read - 8) {
                throw new CorruptDataException("chunk length " + length + " at offset " + read);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            read += 4 + length;
            ByteReader chunk = new ByteReader(bytes);
            if (chunk.readByte() != ROWS) {
                throw new CorruptDataException("table " + table.definition().name() + " has fewer rows than counted");
            }
            int count = chunk.readLength();
            for (int i = 0; i < count; i++) {
                long rowId = chunk.readVarLong();
                table.putRow(rowId, ValueCodec.readRow(chunk));
            }
        }
        if (table.rows().size() != rowCount) {
            throw new CorruptDataException("table " + table.definition().name() + " has more rows than counted");
        }
        table.setNextRowId(nextRowId);
        image.putTable(table);
        return read;
    }
}
