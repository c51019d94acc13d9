package dev.refusalguard.classifier.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Murmur3Test {

    @Test
    void matchesPublishedX86_32Vectors() {
        assertThat(Murmur3.hashBytes(new byte[0], 0)).isZero();
        assertThat(Murmur3.hashBytes(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(Murmur3.hashBytes("hello".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0x248BFA47);
        assertThat(Murmur3.hashBytes("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0x9747b28c))
                .isEqualTo(0x2FA826CD);
    }

    @Test
    void hashCharsEqualsHashOfUtf16LeBytes() {
        for (String s : new String[]{"", "a", "ab", "abc", "I'm sorry", "申し訳ありません", "ñandú"}) {
            assertThat(Murmur3.hashChars(s, 42)).isEqualTo(Murmur3.hashBytes(s.getBytes(StandardCharsets.UTF_16LE), 42));
        }
        assertThat(Murmur3.hashChars("xxhelloxx", 2, 7, 7)).isEqualTo(Murmur3.hashChars("hello", 7));
    }

    @Test
    void hashIntsEqualsHashOfTheirLittleEndianBytes() {
        byte[] b = {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(Murmur3.hashInts(1, -1, 3)).isEqualTo(Murmur3.hashBytes(b, 3));
    }
}
