package dev.costguard.core.efs;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a string's UTF-8 bytes that is the same on every JVM, process and restart (unlike
 * {@link String#hashCode()}, which is only specified for one JVM's strings and is weak in its low bits):
 * FNV-1a over the bytes, then MurmurHash3's 64-bit finaliser so that every input bit moves every output bit.
 */
public final class StableHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    public static long of(String text) {
        return mix(fnv1a(text));
    }

    static long fnv1a(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The weight of one (key, node) pair for rendezvous hashing; both inputs already hashed. */
    public static long combine(long keyHash, long nodeHash) {
        return mix(keyHash ^ Long.rotateLeft(nodeHash, 29) ^ 0x9e3779b97f4a7c15L);
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
