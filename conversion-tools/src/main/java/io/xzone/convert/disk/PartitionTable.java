package io.xzone.convert.disk;

import java.util.List;
import java.util.Optional;

/** The partitions of a disk image and the scheme that holds them. */
public record PartitionTable(Scheme scheme, List<Partition> partitions) {

    public enum Scheme { MBR, GPT }

    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    public Optional<Partition> partition(int number) {
        return partitions.stream().filter(p -> p.number() == number).findFirst();
    }
}
