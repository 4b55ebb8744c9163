package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hash values themselves, not only the routes they give: a change to the mixing that happens to keep a few routes
 * (EfsPathRouterTest's pinned paths) would still move most files of every running service at once. The expected
 * values were computed outside this code, from the algorithms' published definitions (FNV-1a 64 over the UTF-8
 * bytes, then MurmurHash3's fmix64) in a separate Python implementation.
 */
class StableHashTest {

    @Test
    void theFinaliserIsMurmurHash3sFmix64() {
        assertThat(StableHash.mix(0)).isZero();
        assertThat(StableHash.mix(1)).isEqualTo(0xb456bcfc34c2cb2cL);
        assertThat(StableHash.mix(0xcbf29ce484222325L)).isEqualTo(0xefd01f60ba992926L);
    }

    @Test
    void aStringsHashIsPinned() {
        assertThat(StableHash.of("")).isEqualTo(0xefd01f60ba992926L);
        assertThat(StableHash.of("a")).isEqualTo(0x82a2a958a9bece5bL);
        assertThat(StableHash.of("foobar")).isEqualTo(0x2c22194922d1672bL);
        assertThat(StableHash.of("/data/users/42")).isEqualTo(0x3ec43324578896d5L);
        assertThat(StableHash.of("日本語")).as("UTF-8 bytes, not UTF-16 chars").isEqualTo(0xe11518acc326d0e8L);
    }

    @Test
    void aKeyAndNodesWeightIsPinned() {
        assertThat(StableHash.combine(StableHash.of("/data/users/42"), StableHash.of("ap-northeast-1a")))
                .isEqualTo(0xeb36b0264410dbecL);
    }
}
